#!/usr/bin/env bash
# Per-split cost of the R and Python bridges (issue 13): N no-op splits (a learner whose fit and
# predict do nothing: the model is a constant) of an N-row task (N-fold CV), `run --workers 2`, once through
# R (Rscript) and once through Python (PYTHON, default /usr/bin/python3), next to the same grid
# with the built-in featureless learner. Prints splits/s of each.
# Usage: bench/external_overhead.sh [N]     (default 2000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-2000}"
mkdir -p "${BENCH_TMP:-$root/target}"
work="$(mktemp -d "${BENCH_TMP:-$root/target}/extover.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 -c "
print('x,y')
for i in range($n): print(f'{i},{i % 7}')" > "$work/d.csv"
printf 'fit <- function(train, params) 0\npredict <- function(model, test) rep(model, nrow(test))\n' > "$work/noop.R"
printf 'def fit(train, params):\n    return 0.0\n\ndef predict(model, test):\n    return [model] * len(test)\n' > "$work/noop.py"
"$root/bin/soakbench" --version > /dev/null 2>&1 || true   # builds the jar when missing
for learner in "{ id = featureless }" \
    "{ id = noop-r, type = r, script = \"noop.R\" }" \
    "{ id = noop-python, type = python, script = \"noop.py\", interpreter = \"${PYTHON:-/usr/bin/python3}\" }"; do
  cat > "$work/exp.conf" <<CONF
experiment {
  name = overhead
  tasks = [ { id = d, data = d.csv, target = y, features = [x] } ]
  learners = [ $learner ]
  resampling { type = cv, folds = $n }
}
CONF
  rm -rf "$work/out"
  "$root/bin/soakbench" run "$work/exp.conf" --workers 2 --out "$work/out" --quiet > /dev/null
  python3 - "$work/out" "$n" <<'PY'
import json, sys
run = json.load(open(f"{sys.argv[1]}/run.json"))
learner = run["experiment"]["learners"][0]["id"]
m = run["makespan_seconds"]
n = int(sys.argv[2])
print(f"soakbench {learner}: {n} no-op splits in {m:.2f} s = {n / m:.0f} splits/s with 2 workers")
print("JSON " + json.dumps({"bench": "external-overhead", "learner": learner, "splits_per_s": n / m}))
PY
done
