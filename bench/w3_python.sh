#!/usr/bin/env bash
# W3 through the Python bridge (issue 13): the peers' data.csv, 18 SOAK splits x scikit-learn's
# DecisionTreeRegressor(max_depth = 10) as a `type = python` learner, `run --workers 2`. Prints the
# whole command's wall time and the test MSE per train subsets (mean over test subsets and folds),
# which must equal the peers' joblib + sklearn run: 3.62 / 84.50 / 24.02 (same / other / all).
# Needs python3 with pandas and scikit-learn (PYTHON=/usr/bin/python3 by default).
# Usage: bench/w3_python.sh [REPEATS]     (default 1; DATA=path/to/data.csv to reuse the peers' file)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${1:-1}"
mkdir -p "${BENCH_TMP:-$root/target}"
work="$(mktemp -d "${BENCH_TMP:-$root/target}/w3py.XXXXXX")"
trap 'rm -rf "$work"' EXIT
. "$root/bench/peer_data.sh"
sed '1s/,subset,fold$/,part,cv/' "$data" > "$work/w3.csv"
cat > "$work/tree.py" <<'PY'
from sklearn.tree import DecisionTreeRegressor


def fit(train, params):
    target = train.attrs["target"]
    # the peers' call: DecisionTreeRegressor(max_depth=10, random_state=1), train rows in file order
    model = DecisionTreeRegressor(max_depth=params["max_depth"], random_state=params["random_state"])
    return model.fit(train.drop(columns=[target]), train[target])


def predict(model, test):
    return model.predict(test)
PY
cat > "$work/w3.conf" <<CONF
experiment {
  name = w3py
  tasks = [ { id = w3, data = w3.csv, target = y, features = [x1, x2, x3, x4, x5, x6, x7, x8, x9, x10],
              subset = part, fold = cv } ]
  learners = [ { id = sklearn-tree, type = python, script = "tree.py", max_depth = 10, random_state = 1, interpreter = "${PYTHON:-/usr/bin/python3}" } ]
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
mse = {}
for r in csv.DictReader(open(f"{out}/scores.csv")):
    mse.setdefault(r["train.subsets"], []).append(float(r["regr.mse"]))
line = "/".join(f"{statistics.mean(mse[s]):.2f}" for s in ("same", "other", "all"))
print(f"soakbench W3 through Python: wall {end - start:.2f} s, MSE sklearn tree same/other/all {line} (peers' joblib: 3.62/84.50/24.02)")
print("JSON " + json.dumps({"bench": "W3-python", "wall_s": end - start, "mse_tree": line}))
PY
done
