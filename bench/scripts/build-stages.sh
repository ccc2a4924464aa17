#!/bin/sh
# Stage times of `basalt build` (from the build report) over RUNS runs: prints each run's wall time, peak RSS and
# stage seconds, then the best of each column. For finding where a build spends its time; build-vs-dnf.sh gives the
# comparison with the reference pipeline.
#   bench/scripts/build-stages.sh PATH/TO/basalt CORPUS_DIR [RUNS]
set -eu
BASALT=${1:?usage: $0 PATH/TO/basalt CORPUS_DIR [RUNS]}
CORPUS=${2:?usage: $0 PATH/TO/basalt CORPUS_DIR [RUNS]}
RUNS=${3:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for i in $(seq "$RUNS"); do
  rm -rf "$WORK/out"
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$BASALT" build "$CORPUS/image.yaml" -o "$WORK/out" --cache "$WORK/cache" >/dev/null 2>"$WORK/err" \
    || { cat "$WORK/err" >&2; exit 1; }
  python3 - "$WORK/out" "$WORK/time" >>"$WORK/rows" <<'PY'
import glob, json, sys
report = json.load(open(glob.glob(sys.argv[1] + "/*.report.json")[0]))
wall, rss = open(sys.argv[2]).read().split()
print(wall, rss, *(f"{s['stage']}={s['seconds']}" for s in report["stages"]))
PY
  tail -1 "$WORK/rows"
done
python3 - "$WORK/rows" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
best = {"wall": min(float(r[0]) for r in rows), "peak_kb": min(int(r[1]) for r in rows)}
for r in rows:
    for cell in r[2:]:
        name, value = cell.split("=")
        best[name] = min(best.get(name, 1e9), float(value))
print("best:", " ".join(f"{k}={v}" for k, v in best.items()))
PY
