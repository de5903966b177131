#!/usr/bin/env bash
# W2 of the peer harness (shared/peers): 200 sleeps of very uneven length (bench/durations.csv,
# median 20 ms, five of 1-2 s), replayed in submission order by soakbench's work pulling with
# 2 single-slot workers (`run --workers 2`), REPEATS times. Prints makespan, efficiency
# (sum of durations / 2 / makespan) and the ratio to the peers' figures. Then the same REPEATS
# times with the first run's scores.csv as hints (experiment.hints: a rerun that knows each split's
# time orders them longest first).
# Usage: bench/w2_heterogeneous.sh [REPEATS]     (default 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# one row per task: iteration i of a 200-fold CV sleeps the duration of row i
awk -F, 'NR == 1 { print "ms,y"; next } { print $3 "," NR }' "$root/bench/durations.csv" > "$work/w2.csv"
cat > "$work/w2.conf" <<CONF
experiment {
  name = w2
  tasks = [ { id = w2, data = w2.csv, target = y, features = [ms] } ]
  learners = [ { id = replay, type = sleep, millis-column = ms } ]
  resampling { type = cv, folds = 200 }
}
CONF
sed 's|^  resampling|  hints = "out1/scores.csv"\n  resampling|' "$work/w2.conf" > "$work/w2-hints.conf"
sum_ms=$(awk -F, 'NR > 1 { s += $3 } END { print s }' "$root/bench/durations.csv")
for conf in w2 w2-hints; do
for i in $(seq 1 "$repeats"); do
  "$root/bin/soakbench" run "$work/$conf.conf" --workers 2 --out "$work/$conf-out$i" > /dev/null
  [ "$conf" = w2 ] && [ "$i" = 1 ] && cp -r "$work/$conf-out$i" "$work/out1"
  python3 - "$work/$conf-out$i/run.json" "$sum_ms" "$conf" <<'PY'
import json, sys
bench = "W2" if sys.argv[3] == "w2" else "W2-hints"
run = json.load(open(sys.argv[1]))
m = run["makespan_seconds"]
half = float(sys.argv[2]) / 1000 / 2
# peers on the same workload and machine kind (shared/peers/results/peers-2026-11-30T031259Z.md)
peers = {"joblib batch_size=1": 7.44, "dask": 7.87, "future default": 7.50, "batchtools-socket": 10.91}
print(f"soakbench {bench}: makespan {m:.2f} s, efficiency {half / m:.3f} (lower bound {half:.2f} s); "
      + ", ".join(f"{k} {v:.2f} s (x{m / v:.2f})" for k, v in peers.items()))
print("JSON " + json.dumps({"bench": bench, "makespan_s": m, "efficiency": half / m}))
PY
done
done
