#!/usr/bin/env bash
# Scale run: TASKS tasks of 200 rows x 10 no-op learners (sleep 0 ms) x FOLDS-fold CV, i.e.
# TASKS * 10 * FOLDS splits, on a coordinator with 2 local workers and the coordinator heap capped
# (-Xmx, default 512m). While it runs, /soakbench/progress is timed once a second with curl. Prints
# splits, wall seconds, makespan, splits/s, peak heap after GC (from the GC log), progress
# latency (the first answer, which starts the HTTP stack, then median / max) and the seconds spent
# writing outputs (the log lines "writing outputs" to "outputs written").
# Usage: bench/scale.sh [TASKS] [FOLDS] [XMX]     (default 100 100 512m: 100,000 splits)
#        JVMS=1 bench/scale.sh ...   a coordinator JVM and two worker JVMs on loopback instead of local workers
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tasks="${1:-100}"
folds="${2:-100}"
xmx="${3:-512m}"
mkdir -p "${BENCH_TMP:-$root/target}"
work="$(mktemp -d "${BENCH_TMP:-$root/target}/scale.XXXXXX")"
trap 'kill "${pid:-0}" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
awk 'BEGIN { print "x,y"; for (i = 1; i <= 200; i++) print i "," i % 7 }' > "$work/t.csv"
task_list=$(for i in $(seq 1 "$tasks"); do printf '{ id = t%d, data = t.csv, target = y, features = [x] }, ' "$i"; done)
learners=$(for i in $(seq 1 10); do printf '{ id = noop%d, type = sleep, millis = 0 }, ' "$i"; done)
cat > "$work/scale.conf" <<CONF
experiment {
  name = scale
  tasks = [ ${task_list%, } ]
  learners = [ ${learners%, } ]
  resampling { type = cv, folds = ${folds} }
}
CONF
# two distinct free ports at once (picked one by one, the second could be the first again)
read -r port cport < <(python3 -c 'import socket; a=socket.socket(); b=socket.socket(); a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0)); print(a.getsockname()[1], b.getsockname()[1])')
"$root/bin/soakbench" --version > /dev/null 2>&1 || true   # builds the jar when missing
start=$(date +%s.%N)
if [ "${JVMS:-0}" = 1 ]; then
  # a coordinator JVM (heap capped) and two single-slot worker JVMs: every job and result crosses Artery TCP
  SOAKBENCH_JAVA_OPTS="-Xmx$xmx -Xlog:gc:file=$work/gc.log" "$root/bin/soakbench" coordinator "$work/scale.conf" \
    --port "$cport" --min-workers 2 --http-port "$port" --out "$work/out" --quiet > "$work/stdout" 2> "$work/stderr" &
  pid=$!
  for w in 1 2; do
    "$root/bin/soakbench" worker --join "127.0.0.1:$cport" --slots 1 --give-up-after 60 > "$work/worker$w.log" 2>&1 &
  done
else
  SOAKBENCH_JAVA_OPTS="-Xmx$xmx -Xlog:gc:file=$work/gc.log" "$root/bin/soakbench" coordinator "$work/scale.conf" \
    --local-workers 2 --http-port "$port" --out "$work/out" --quiet > "$work/stdout" 2> "$work/stderr" &
  pid=$!
fi
: > "$work/latency"
while kill -0 "$pid" 2>/dev/null; do
  curl -s -o /dev/null -m 30 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port/soakbench/progress" >> "$work/latency" \
    2>/dev/null || true
  sleep 1
done
wait "$pid" || echo "coordinator exited with $?" >&2
wait
end=$(date +%s.%N)
python3 - "$work" "$start" "$end" "${JVMS:-0}" <<'PY'
import json, re, statistics, sys, datetime
work, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
run = json.load(open(f"{work}/out/run.json"))
lat = [float(l.split()[1]) * 1000 for l in open(f"{work}/latency") if l.startswith("200 ")]
first, rest = (lat[0], lat[1:]) if lat else (float("nan"), [])
peak = 0
for line in open(f"{work}/gc.log"):
    m = re.search(r"->(\d+)M\(", line)
    if m:
        peak = max(peak, int(m.group(1)))
writing = None
log = open(f"{work}/out/soakbench.log").read()
def stamp(pattern):
    m = re.search(r"^(\d\d:\d\d:\d\d\.\d\d\d) .*" + pattern, log, re.M)
    return datetime.datetime.strptime(m.group(1), "%H:%M:%S.%f") if m else None
began, done = stamp("writing outputs"), stamp("outputs written")
if began and done:
    writing = (done - began).total_seconds() % 86400
n, mk = run["splits"], run["makespan_seconds"]
print(f"scale: {n} splits, wall {end - start:.1f} s, makespan {mk:.1f} s, {n / mk if mk else 0:.0f} splits/s, "
      f"peak heap after GC {peak} MB, progress: first {first:.0f} ms, then "
      f"{statistics.median(rest) if rest else float('nan'):.0f} ms median / {max(rest) if rest else float('nan'):.0f} ms max "
      f"over {len(rest)} more, writing outputs {writing if writing is not None else float('nan'):.1f} s "
      f"({100 * writing / mk if writing is not None and mk else float('nan'):.0f} % of the makespan)")
print("JSON " + json.dumps({"bench": "scale-3jvm" if sys.argv[4] == "1" else "scale", "splits": n, "splits_per_s": n / mk if mk else None,
                            "peak_heap_mb": peak, "progress_first_ms": first, "progress_max_ms": max(rest) if rest else None,
                            "writing_s": writing, "makespan_s": mk}))
PY
