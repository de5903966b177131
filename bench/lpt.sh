#!/usr/bin/env bash
# Scheduling benchmark (issue 12): a SOAK grid whose split times grow with the train set, as real
# learners' do: one task of 3 subsets (1,800 rows), folds 3, sizes 0 (full and smallest train
# sets), x 3 `sleep` learners of 0.1 / 0.4 / 1 ms per train row: 135 splits of 0.01-1.2 s, no
# hints, on WORKERS single-slot workers (default 16: a cluster's many workers, where the order of
# the last splits decides the makespan; sleeps need no core). Runs REPEATS times in each order:
#   longest-first  the default: each learner's largest train sets first, the learner the online
#                  cost model expects to take longest first (soakbench.coordinator.order)
#   plan           FIFO in the score table's order (what joblib, dask and future do with a job list)
# and prints each makespan against the lower bound max(sum / WORKERS, longest) of the durations measured
# in that run, next to the zero-overhead makespans of list scheduling on those durations in three
# orders: LPT (true durations, longest first), plan order, and mlr3resampling's proj_grid order
# (n.train.groups descending, blind to the learner).
# Usage: bench/lpt.sh [REPEATS] [WORKERS]     (defaults 3 and 16)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${1:-3}"
workers="${2:-16}"
mkdir -p "${BENCH_TMP:-$root/target}"
work="$(mktemp -d "${BENCH_TMP:-$root/target}/lpt.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 - "$work/lpt.csv" <<'PY'
import random, sys
random.seed(1)
with open(sys.argv[1], "w") as f:
    f.write("x,y,part\n")
    for i in range(1800):
        f.write(f"{random.random():.4f},{random.random():.4f},{'ABC'[i % 3]}\n")
PY
cat > "$work/lpt.conf" <<'CONF'
experiment {
  name = lpt
  tasks = [ { id = lpt, data = lpt.csv, target = y, subset = part } ]
  learners = [
    { id = fast, type = sleep, millis-per-row = 0.1 }
    { id = mid, type = sleep, millis-per-row = 0.4 }
    { id = slow, type = sleep, millis-per-row = 1 }
  ]
  resampling { type = soak, folds = 3, sizes = 0 }
}
CONF
"$root/bin/soakbench" --version > /dev/null 2>&1 || true   # builds the jar when missing
for i in $(seq 1 "$repeats"); do
  for order in longest-first plan; do
    SOAKBENCH_JAVA_OPTS="-Xmx1g -Dsoakbench.coordinator.order=$order" \
      "$root/bin/soakbench" run "$work/lpt.conf" --workers "$workers" --out "$work/$order$i" --quiet > /dev/null
    python3 - "$work/$order$i" "$order" "$workers" <<'PY'
import csv, json, sys
out, order, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
run = json.load(open(f"{out}/run.json"))
rows = list(csv.DictReader(open(f"{out}/scores.csv")))
learners = {"fast": 0, "mid": 1, "slow": 2}
jobs = [(float(r["train.seconds"]) + float(r["predict.seconds"]), int(r["n.train.groups"]), learners[r["learner_id"]], i)
        for i, r in enumerate(rows)]  # scores.csv lists the splits in plan order
def greedy(seq):
    free = [0.0] * workers
    for d in seq:
        k = free.index(min(free))
        free[k] += d
    return max(free)
total = sum(j[0] for j in jobs)
bound = max(total / workers, max(j[0] for j in jobs))
lpt = greedy(sorted((j[0] for j in jobs), reverse=True))
fifo = greedy(j[0] for j in jobs)
proj = greedy(j[0] for j in sorted(jobs, key=lambda j: (-j[1], j[3])))
m = run["makespan_seconds"]
print(f"soakbench order={order}: {len(jobs)} splits on {workers} workers, makespan {m:.3f} s = x{m / bound:.3f} of the lower bound "
      f"{bound:.3f} s; zero-overhead list scheduling on these durations: LPT x{lpt / bound:.3f}, "
      f"plan order x{fifo / bound:.3f}, proj_grid order x{proj / bound:.3f}")
print("JSON " + json.dumps({"bench": "LPT", "order": order, "splits": len(jobs), "workers": workers, "makespan_s": m,
                            "lower_bound_s": bound, "ratio": m / bound, "lpt_ratio": lpt / bound,
                            "plan_ratio": fifo / bound, "proj_ratio": proj / bound}))
PY
  done
done
