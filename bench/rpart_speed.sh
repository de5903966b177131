#!/usr/bin/env bash
# rpart fit time, soakbench's port against R's rpart on the same rows, in one invocation: the peers'
# W3 data (200,000 rows x 10 features), train rows = folds 2 and 3 (133,333 rows), y ~ x1 + ... + x10,
# rpart's defaults (xval = 0, as mlr3). R (Debian r-base-core + r-cran-rpart + r-cran-data.table) fits
# it REPEATS times; soakbench runs the W3 SOAK grid with learner type rpart (`run --workers 2`, two fits
# at once on 2 cores, cold JIT included) and its fits on 133,333 rows (the six "all" splits) are
# timed by the worker. Also checks that both give the same test MSE on subsets A and B of fold 1.
# Usage: bench/rpart_speed.sh [REPEATS]    (default 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${1:-3}"
mkdir -p "${BENCH_TMP:-$root/target}"
work="$(mktemp -d "${BENCH_TMP:-$root/target}/rpart.XXXXXX")"
trap 'rm -rf "$work"' EXIT
. "$root/bench/peer_data.sh"
command -v Rscript > /dev/null || { echo "rpart_speed: Rscript not found (apt-get install r-base-core r-cran-rpart r-cran-data.table)" >&2; exit 2; }
cat > "$work/fit.R" <<RCODE
suppressMessages(library(data.table)); library(rpart)
d <- fread("$data")
tr <- d[fold != 1]
f <- y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10
fit <- NULL
times <- sapply(seq_len($repeats), function(i) system.time(fit <<- rpart(f, tr, xval = 0))[["elapsed"]])
cat("R", times, "\n")
for (s in c("A", "B")) { te <- d[fold == 1 & subset == s]; cat("MSE", s, sprintf("%.17g", mean((te\$y - predict(fit, te))^2)), "\n") }
RCODE
Rscript "$work/fit.R" > "$work/r.txt"
sed '1s/,subset,fold$/,part,cv/' "$data" > "$work/w3.csv"
cat > "$work/w3.conf" <<CONF
experiment {
  name = w3-rpart
  tasks = [ { id = w3, data = w3.csv, target = y, features = [x1, x2, x3, x4, x5, x6, x7, x8, x9, x10],
              subset = part, fold = cv } ]
  learners = [ { id = rpart, type = rpart } ]
  resampling { type = soak, folds = 3 }
  measures = [mse]
}
CONF
"$root/bin/soakbench" run "$work/w3.conf" --workers 2 --out "$work/out" --quiet > /dev/null
python3 - "$work/r.txt" "$work/out/scores.csv" <<'PY'
import csv, json, statistics, sys
r = open(sys.argv[1]).read().split("\n")
r_times = [float(t) for t in r[0].split()[1:]]
r_mse = {l.split()[1]: float(l.split()[2]) for l in r if l.startswith("MSE")}
rows = list(csv.DictReader(open(sys.argv[2])))
fits = [float(x["train.seconds"]) for x in rows if x["train.subsets"] == "all"]
ours = {x["test.subset"]: float(x["regr.mse"]) for x in rows if x["train.subsets"] == "all" and x["test.fold"] == "1"}
same = all(ours[s] == r_mse[s] for s in ("A", "B"))
ratio = statistics.median(fits) / statistics.median(r_times)
print(f"rpart fit on 133,333 rows x 10: R median {statistics.median(r_times):.3f} s ({', '.join(f'{t:.3f}' for t in r_times)}); "
      f"soakbench median {statistics.median(fits):.3f} s over {len(fits)} fits ({min(fits):.3f}-{max(fits):.3f}, two at a time, "
      f"cold JIT included); ratio x{ratio:.2f}; test MSE A/B {ours['A']:.6f}/{ours['B']:.6f} "
      f"{'equal to R' if same else 'DIFFERENT from R ' + str(r_mse)}")
print("JSON " + json.dumps({"bench": "rpart", "r_median_s": statistics.median(r_times), "soakbench_median_s": statistics.median(fits),
                            "ratio": ratio, "mse_equal": same}))
PY
