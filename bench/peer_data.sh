# Sourced by the W3-data benchmarks: sets $data to the peers' 21 MB W3 file (DATA=... to reuse one),
# generating it into $work with the peers' own generator when shared/peers has none yet.
peers="$(cd "$root/.." && pwd)/shared/peers"
data="${DATA:-$peers/data.csv}"
if [ ! -f "$data" ]; then
  (cd "$work" && cp "$peers/gen_data.py" . && python3 gen_data.py data > /dev/null)
  data="$work/data.csv"
fi
