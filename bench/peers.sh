#!/usr/bin/env bash
# Side by side: the peers of shared/peers (dask, joblib, future.apply, batchtools; install them as its
# README says) and soakbench's W1 (embedded and across 3 JVMs), W2, W3, the rpart fit against R's and a
# scale run, in one
# invocation on this machine, then one table of ratios (soakbench / best comparable peer of the same
# run). Every figure of README's "Benchmarks" comes from this script.
# Usage: bench/peers.sh [SCALE_TASKS]     (default 100: 100 tasks x 10 learners x 100 folds = 100,000 splits)
#        SKIP_PEERS=1 bench/peers.sh   reuse the newest shared/peers/results/peers-*.json
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
peers="$(cd "$root/.." && pwd)/shared/peers"
tasks="${1:-100}"
mkdir -p "${BENCH_TMP:-$root/target}"
log="$(mktemp "${BENCH_TMP:-$root/target}/peers.XXXXXX.log")"
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
  PEERS_STAMP="$stamp" bash "$peers/run_all.sh" >&2
  peer_json="$peers/results/peers-$stamp.json"
else
  peer_json=$(ls -t "$peers"/results/peers-*.json | head -1)
fi
{
  "$root/bench/w1_overhead.sh" 2
  JVMS=1 "$root/bench/w1_overhead.sh" 2
  "$root/bench/w2_heterogeneous.sh" 2
  "$root/bench/lpt.sh" 2
  "$root/bench/speculation.sh" 1
  DATA="$peers/data.csv" "$root/bench/w3_cv.sh" 2
  DATA="$peers/data.csv" "$root/bench/rpart_speed.sh" 3
  "$root/bench/scale.sh" "$tasks" 100 512m
  JVMS=1 "$root/bench/scale.sh" "$tasks" 100 512m
} 2>&1 | tee "$log" >&2
python3 - "$peer_json" "$log" <<'PY'
import json, sys
peer = json.load(open(sys.argv[1]))["results"]
ours = [json.loads(l[5:]) for l in open(sys.argv[2]) if l.startswith("JSON ")]
def pick(workload, peer_name, variant=None):
    for r in peer:
        if r["workload"] == workload and r["peer"] == peer_name and (variant is None or r.get("variant") == variant):
            return r
    return None
def best(values):
    return max(values) if values else float("nan")
rows = []
w1 = [o["splits_per_s"] for o in ours if o["bench"] == "W1"]
w1j = [o["splits_per_s"] for o in ours if o["bench"] == "W1-3jvm"]
for name, variant in [("joblib", "batch_size=1"), ("dask", None)]:
    r = pick("W1", name, variant)
    if r:
        rows.append((f"W1 splits/s vs {name} {variant or ''}".strip(), f"{r['tasks_per_s']:.0f}/s",
                     f"{min(w1):.0f}-{max(w1):.0f}/s embedded, {min(w1j):.0f}-{max(w1j):.0f}/s 3 JVMs",
                     f"x{min(w1) / r['tasks_per_s']:.2f}-{max(w1) / r['tasks_per_s']:.2f} / x{min(w1j) / r['tasks_per_s']:.2f}-{max(w1j) / r['tasks_per_s']:.2f}"))
w2 = [o for o in ours if o["bench"] == "W2"]
w2h = [o for o in ours if o["bench"] == "W2-hints"]
if w2h:
    ms = [o["makespan_s"] for o in w2h]
    rows.append(("W2 with an earlier run's times as hints", "-", f"{min(ms):.2f}-{max(ms):.2f} s (efficiency "
                 f"{min(o['efficiency'] for o in w2h):.3f}-{max(o['efficiency'] for o in w2h):.3f})", "-"))
for order in ("longest-first", "plan"):
    lpt = [o for o in ours if o["bench"] == "LPT" and o["order"] == order]
    if lpt:
        rows.append((f"LPT workload ({lpt[0]['splits']} splits, {lpt[0]['workers']} workers), order {order}",
                     f"simulated on the same durations: plan order x{lpt[0]['plan_ratio']:.3f}, proj_grid x{lpt[0]['proj_ratio']:.3f}, LPT x{lpt[0]['lpt_ratio']:.3f}",
                     "makespan " + ", ".join(f"x{o['ratio']:.3f}" for o in lpt) + " of the lower bound", "-"))
spec = {o["speculation"]: o["makespan_s"] for o in ours if o["bench"] == "speculation"}
if spec:
    rows.append(("one worker 8x slower, 16 x 600 ms (bench/speculation.sh)", "-",
                 f"makespan {spec.get('on', float('nan')):.2f} s with speculation, {spec.get('off', float('nan')):.2f} s without", "-"))
for name, variant in [("joblib", "batch_size=1"), ("dask", None), ("future", "default(2 chunks)")]:
    r = pick("W2", name, variant)
    if r and w2:
        ms = [o["makespan_s"] for o in w2]
        rows.append((f"W2 makespan vs {name} {variant or ''}".strip(), f"{r['makespan_s']:.2f} s",
                     f"{min(ms):.2f}-{max(ms):.2f} s (efficiency {min(o['efficiency'] for o in w2):.3f}-{max(o['efficiency'] for o in w2):.3f})",
                     f"x{min(ms) / r['makespan_s']:.2f}-{max(ms) / r['makespan_s']:.2f}"))
w3 = [o for o in ours if o["bench"] == "W3"]
for name, variant in [("future", "default(2 chunks)"), ("joblib", "batch_size=1")]:
    r = pick("W3", name, variant)
    if r and w3:
        ws = [o["wall_s"] for o in w3]
        rows.append((f"W3 wall vs {name} {variant or ''}".strip(), f"{r['wall_s']:.2f} s",
                     f"{min(ws):.2f}-{max(ws):.2f} s (MSE rpart {w3[0]['mse_tree']}, featureless {w3[0]['mse_featureless']})",
                     f"x{min(ws) / r['wall_s']:.2f}-{max(ws) / r['wall_s']:.2f}"))
for o in ours:
    if o["bench"] == "rpart":
        rows.append(("rpart fit, 133,333 rows x 10 (R's rpart, same invocation)", f"{o['r_median_s']:.3f} s",
                     f"{o['soakbench_median_s']:.3f} s (test MSE {'equal to' if o['mse_equal'] else 'NOT equal to'} R's)",
                     f"x{o['ratio']:.2f}"))
for o in ours:
    if o["bench"].startswith("scale"):
        rows.append((f"{o['bench']} {o['splits']} splits", "-", f"{o['splits_per_s']:.0f} splits/s, peak heap {o['peak_heap_mb']} MB, "
                     f"progress first {o['progress_first_ms']:.0f} ms then max {o['progress_max_ms'] or float('nan'):.0f} ms, "
                     f"outputs {o['writing_s']:.1f} s ({100 * o['writing_s'] / o['makespan_s']:.0f} % of makespan {o['makespan_s']:.1f} s)", "-"))
print(f"\nside by side, peers from {sys.argv[1]}")
print("| comparison | peer | soakbench | ratio |\n| --- | ---: | --- | ---: |")
for r in rows:
    print("| " + " | ".join(r) + " |")
PY
