#!/bin/sh
# A/B comparison of `basalt build` executables on one corpus: runs each executable once per round, in turn, for RUNS
# rounds (interleaved, so load on the machine hits all of them alike), then prints per executable the best wall time,
# the least CPU time (user + system), the least peak RSS and the least time of each stage from the build report.
# Extra environment for a variant goes before its path: 'DOTNET_TieredCompilation=0 /path/basalt'.
#   bench/scripts/build-ab.sh CORPUS_DIR RUNS 'PATH/TO/basalt' ['ENV=VALUE PATH/TO/other-basalt' ...]
set -eu
CORPUS=${1:?usage: $0 CORPUS_DIR RUNS BASALT...}
RUNS=${2:?usage: $0 CORPUS_DIR RUNS BASALT...}
shift 2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# One untimed build per executable first, so every timed build finds the files in the page cache.
for variant in "$@"; do
  # shellcheck disable=SC2086 # the variant is "ENV=VALUE ... PATH", split on purpose
  env $variant build "$CORPUS/image.yaml" -o "$WORK/out" --cache "$WORK/cache" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
  rm -rf "$WORK/out"
done
for round in $(seq "$RUNS"); do
  n=0
  for variant in "$@"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" env $variant build "$CORPUS/image.yaml" -o "$WORK/out" --cache "$WORK/cache" \
      >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
    python3 - "$WORK/out" "$WORK/time" >>"$WORK/rows.$n" <<'PY'
import glob, json, sys
report = json.load(open(glob.glob(sys.argv[1] + "/*.report.json")[0]))
wall, rss, user, system = open(sys.argv[2]).read().split()
print(wall, rss, round(float(user) + float(system), 2), *(f"{s['stage']}={s['seconds']}" for s in report["stages"]))
PY
    rm -rf "$WORK/out"
  done
done
n=0
for variant in "$@"; do
  n=$((n + 1))
  python3 - "$WORK/rows.$n" "$variant" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
best = {"wall": min(float(r[0]) for r in rows), "cpu": min(float(r[2]) for r in rows), "peak_kb": min(int(r[1]) for r in rows)}
for r in rows:
    for cell in r[3:]:
        name, value = cell.split("=")
        best[name] = min(best.get(name, 1e9), float(value))
print(sys.argv[2])
print("  best of", len(rows), ":", " ".join(f"{k}={v}" for k, v in best.items()))
print("  walls:", " ".join(r[0] for r in rows), " cpus:", " ".join(r[2] for r in rows))
PY
done
