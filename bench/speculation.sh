#!/usr/bin/env bash
# Speculative re-execution (issue 12): a coordinator and two worker JVMs on loopback, one of them
# eight times slower (-Dsoakbench.worker.slowdown=8: an overloaded machine); 16 sleeps of 600 ms.
# Runs the same experiment with speculation on (the default) and off, REPEATS times, and prints the
# makespans: without copies the run waits for the slow worker's last split (4.8 s).
# Usage: bench/speculation.sh [REPEATS]     (default 2)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${1:-2}"
mkdir -p "${BENCH_TMP:-$root/target}"
work="$(mktemp -d "${BENCH_TMP:-$root/target}/speculation.XXXXXX")"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
"$root/bin/soakbench" --version > /dev/null 2>&1 || true   # builds the jar when missing
jar="$root/deploy/target/soakbench.jar"
python3 -c "
print('x,y')
for i in range(32): print(f'{i},{i % 3}')" > "$work/d.csv"
cat > "$work/exp.conf" <<'CONF'
experiment {
  name = speculation
  tasks = [ { id = d, data = d.csv, target = y, features = [x] } ]
  learners = [ { id = nap, type = sleep, millis = 600 } ]
  resampling { type = cv, folds = 16 }
}
CONF
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
for i in $(seq 1 "$repeats"); do
  for speculation in on off; do
    port=$(free_port)
    out="$work/out-$speculation-$i"
    java -Dsoakbench.coordinator.speculation=$speculation -jar "$jar" coordinator "$work/exp.conf" --port "$port" \
      --http-port -1 --out "$out" > /dev/null 2>&1 &
    coordinator=$!
    java -Dsoakbench.worker.slowdown=8 -jar "$jar" worker --join "127.0.0.1:$port" --slots 1 > /dev/null 2>&1 &
    java -jar "$jar" worker --join "127.0.0.1:$port" --slots 1 > /dev/null 2>&1 &
    wait "$coordinator"
    wait
    python3 - "$out" "$speculation" <<'PY'
import json, sys
out, speculation = sys.argv[1], sys.argv[2]
m = json.load(open(f"{out}/run.json"))["makespan_seconds"]
copies = open(f"{out}/soakbench.log").read().count("speculating:")
print(f"soakbench speculation={speculation}: makespan {m:.2f} s, {copies} copies started")
print("JSON " + json.dumps({"bench": "speculation", "speculation": speculation, "makespan_s": m, "copies": copies}))
PY
  done
done
