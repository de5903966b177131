#!/usr/bin/env bash
# W3 of the peer harness (shared/peers): the peers' data.csv (200,000 rows x x1..x10, y, subset A/B,
# fold 1..3), 18 SOAK splits (test subset x train subsets x test fold, folds from the file's fold
# column) x {featureless, rpart with maxdepth = 10: the peers' R call rpart(..., rpart.control(maxdepth
# = 10, xval = 0)), run by soakbench's port}, `run --workers 2`. Prints the whole command's wall time
# (JVM start, CSV, planning, training, outputs: what the peers' wall time covers too), the makespan,
# the tree fits' seconds summed, and the test MSE per train subsets (mean over test subsets and
# folds), which for featureless must equal every peer's (24.80 / 73.24 / 36.91) and for rpart the R
# peers' (9.79 / 85.56 / 27.83).
# Usage: bench/w3_cv.sh [REPEATS]     (default 1; DATA=path/to/data.csv to reuse the peers' file)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${1:-1}"
mkdir -p "${BENCH_TMP:-$root/target}"
work="$(mktemp -d "${BENCH_TMP:-$root/target}/w3.XXXXXX")"
trap 'rm -rf "$work"' EXIT
. "$root/bench/peer_data.sh"
# mlr3resampling reserves the names subset and fold: the same columns under other names
sed '1s/,subset,fold$/,part,cv/' "$data" > "$work/w3.csv"
cat > "$work/w3.conf" <<CONF
experiment {
  name = w3
  tasks = [ { id = w3, data = w3.csv, target = y, features = [x1, x2, x3, x4, x5, x6, x7, x8, x9, x10],
              subset = part, fold = cv } ]
  learners = [ { id = featureless }, { id = rpart, type = rpart, maxdepth = 10 } ]
  resampling { type = soak, folds = 3 }
  measures = [mse]
}
CONF
"$root/bin/soakbench" --version > /dev/null 2>&1 || true   # builds the jar when missing
for i in $(seq 1 "$repeats"); do
  start=$(date +%s.%N)
  "$root/bin/soakbench" run "$work/w3.conf" --workers 2 --out "$work/out$i" --quiet > /dev/null
  end=$(date +%s.%N)
  python3 - "$work/out$i" "$start" "$end" <<'PY'
import csv, json, statistics, sys
out, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
run = json.load(open(f"{out}/run.json"))
mse = {}
for r in csv.DictReader(open(f"{out}/scores.csv")):
    mse.setdefault((r["learner_id"], r["train.subsets"]), []).append(float(r["regr.mse"]))
def line(learner):
    return "/".join(f"{statistics.mean(mse[(learner, s)]):.2f}" for s in ("same", "other", "all"))
fit = [0.0]
for r in csv.DictReader(open(f"{out}/scores.csv")):
    if r["learner_id"] == "rpart":
        fit[0] += float(r["train.seconds"])
result = {"bench": "W3", "wall_s": end - start, "makespan_s": run["makespan_seconds"], "tree_fit_s_sum": fit[0],
          "mse_tree": line("rpart"), "mse_featureless": line("featureless")}
print(f"soakbench W3: wall {result['wall_s']:.2f} s (makespan {result['makespan_s']:.2f} s, tree fits {fit[0]:.2f} s "
      f"summed), MSE rpart same/other/all {result['mse_tree']}, featureless {result['mse_featureless']}")
print("JSON " + json.dumps(result))
PY
done
