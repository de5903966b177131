#!/usr/bin/env bash
# W1 of the peer harness (shared/peers): 10,000 no-op tasks, here 10 no-op learners (sleep 0 ms)
# x 1,000 CV folds on a 1,000-row task, run by `run --workers 2`, REPEATS times. Every split goes
# through the whole path: hand-out, training, result message, journal line forced to disk (fsync),
# acknowledgement. Prints splits per second, microseconds per split, the ratio to the peers, and
# what one synchronous 400-byte write costs on the disk of the output folder (dd oflag=dsync): the
# price of one fsync, which the collector pays once per batch of lines that arrived meanwhile.
# Usage: bench/w1_overhead.sh [REPEATS]     (default 3)
#        JVMS=1 bench/w1_overhead.sh [REPEATS]   the same across 3 JVMs on loopback: a coordinator and
#        two single-slot worker JVMs (every job and result crosses Artery TCP)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${1:-3}"
mkdir -p "${BENCH_TMP:-$root/target}"
work="$(mktemp -d "${BENCH_TMP:-$root/target}/w1.XXXXXX")"
trap 'rm -rf "$work"' EXIT
awk 'BEGIN { print "x,y"; for (i = 1; i <= 1000; i++) print i "," i % 7 }' > "$work/w1.csv"
learners=$(for i in $(seq 1 10); do printf '{ id = noop%d, type = sleep, millis = 0 }, ' "$i"; done)
cat > "$work/w1.conf" <<CONF
experiment {
  name = w1
  tasks = [ { id = w1, data = w1.csv, target = y, features = [x] } ]
  learners = [ ${learners%, } ]
  resampling { type = cv, folds = 1000 }
}
CONF
# one synchronous write: what one fsync of the journal costs on this disk
dsync_us=$(cd "$work" && dd if=/dev/zero of=dsync.bin bs=400 count=2000 oflag=dsync 2>&1 \
  | awk '/copied/ { for (i = 1; i <= NF; i++) if ($i == "s,") print $(i - 1) * 1e6 / 2000 }')
rm -f "$work/dsync.bin"
for i in $(seq 1 "$repeats"); do
  if [ "${JVMS:-0}" = 1 ]; then
    port=$((25700 + RANDOM % 200))
    "$root/bin/soakbench" coordinator "$work/w1.conf" --port "$port" --http-port -1 --min-workers 2 \
      --out "$work/out$i" --quiet > "$work/coord$i.log" 2>&1 &
    coord=$!
    for w in 1 2; do
      "$root/bin/soakbench" worker --join "127.0.0.1:$port" --slots 1 --give-up-after 60 > "$work/worker$i-$w.log" 2>&1 &
    done
    wait "$coord"
    wait
  else
    "$root/bin/soakbench" run "$work/w1.conf" --workers 2 --out "$work/out$i" --quiet > /dev/null
  fi
  python3 - "$work/out$i/run.json" "$dsync_us" "${JVMS:-0}" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
m, n = run["makespan_seconds"], run["splits"]
dsync = float(sys.argv[2])
rate, us = n / m, m / n * 1e6
# peers on the same workload and machine kind (shared/peers/results/peers-2026-11-30T031259Z.md), tasks/s
peers = {"joblib batch_size=1": 5785.4, "dask": 495.0, "batchtools-socket (1 job/chunk)": 44.3,
         "future chunk.size=1": 32.0}
print(f"soakbench W1{' (3 JVMs)' if sys.argv[3] == '1' else ''}: {n} splits in {m:.2f} s = {rate:.0f} splits/s, {us:.0f} us/split "
      f"(one dsync write: {dsync:.0f} us); "
      + ", ".join(f"{k} {v:g}/s (x{rate / v:.2f})" for k, v in peers.items()))
print("JSON " + json.dumps({"bench": "W1-3jvm" if sys.argv[3] == "1" else "W1", "splits_per_s": rate}))
PY
done
