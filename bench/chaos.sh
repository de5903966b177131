#!/usr/bin/env bash
# Chaos runs: ChaosIT RUNS times in one JVM (coordinator + 3 workers on loopback, four random faults a
# run: worker SIGKILL/SIGTERM + replacement, worker SIGSTOP until dropped then SIGCONT, coordinator
# SIGKILL/SIGTERM + restart with the same command, worker added). Every run must end with one journal
# line per split, the table of an uninterrupted run and no process left behind. Prints the count of
# each fault injected and the seeds (a failed run's logs stay in /tmp/soakbench-chaos-SEED).
# Usage: bench/chaos.sh [RUNS]     (default 20)   CHAOS_SEED=S bench/chaos.sh 1  replays one run
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-20}"
summary="$(mktemp "${TMPDIR:-/tmp}/chaos-summary.XXXXXX")"
trap 'rm -f "$summary"' EXIT
cd "$root"
[ -f deploy/target/soakbench.jar ] || mvn -q -B install -DskipTests -DskipITs
start=$(date +%s)
status=0
mvn -o -q -B verify -pl deploy -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ChaosIT \
  -Dchaos.runs="$runs" -Dchaos.summary="$summary" ${CHAOS_SEED:+-Dchaos.seed=$CHAOS_SEED} || status=$?
python3 - "$summary" "$runs" "$(( $(date +%s) - start ))" "$status" <<'PY'
import json, sys, collections
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
counts = collections.Counter()
for l in lines:
    counts.update({k: v for k, v in l.items() if k != "seed"})
ok = len(lines)
print(f"chaos: {ok} of {sys.argv[2]} runs passed in {sys.argv[3]} s" + ("" if sys.argv[4] == "0" else " (a run failed: see deploy/target/failsafe-reports/org.soakbench.deploy.ChaosIT.txt)"))
print("faults injected: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
print("JSON " + json.dumps({"bench": "chaos", "runs": int(sys.argv[2]), "passed": ok, "faults": counts}))
PY
exit "$status"
