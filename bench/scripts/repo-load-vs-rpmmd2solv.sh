#!/bin/sh
# Loads CentOS Stream 9 BaseOS + AppStream primary with `basalt repo info` and with `zcat | rpmmd2solv`, each
# RUNS times, and prints wall time, user CPU and peak RSS (GNU time) for both and the ratio of the best wall times.
# Usage: [BASALT_BASELINE=PATH/TO/old/basalt] bench/scripts/repo-load-vs-rpmmd2solv.sh [PATH/TO/basalt] [RUNS]
# Without a path it measures a ReadyToRun publish (bench/scripts/publish-cli.sh), as users should run basalt.
# BASALT_BASELINE adds a second basalt build to the same interleaved runs (a before/after comparison under one load).
set -eu
BASALT=${1:-$("$(dirname "$0")/publish-cli.sh")}
RUNS=${2:-5}
BASELINE=${BASALT_BASELINE:-}
DATA=${BASALT_SHARED_DATA:-$(cd "$(dirname "$0")/../../../shared/data" && pwd)}
BASEOS=$DATA/repodata/osbuild/cs9-baseos-2022@bc08eed/test/data/testrepos/baseos
APPSTREAM=$DATA/repodata/osbuild/head@f6b23db/test/data/testrepos/appstream
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
best() { sort -n "$1" | head -1; }
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %U %M" -a -o "$OUT/basalt" sh -c "'$BASALT' repo info '$BASEOS' >/dev/null && '$BASALT' repo info '$APPSTREAM' >/dev/null"
  [ -z "$BASELINE" ] || /usr/bin/time -f "%e %U %M" -a -o "$OUT/baseline" sh -c "'$BASELINE' repo info '$BASEOS' >/dev/null && '$BASELINE' repo info '$APPSTREAM' >/dev/null"
  /usr/bin/time -f "%e %U %M" -a -o "$OUT/libsolv" sh -c "zcat '$BASEOS'/repodata/*-primary.xml.gz | rpmmd2solv > '$OUT/b.solv' && zcat '$APPSTREAM'/repodata/*-primary.xml.gz | rpmmd2solv > '$OUT/a.solv'"
done
B=$(best "$OUT/basalt"); L=$(best "$OUT/libsolv")
echo "basalt repo info (wall s, user s, peak KB): $B"
echo "zcat | rpmmd2solv (wall s, user s, peak KB): $L"
echo "$B $L" | awk '{ printf "ratio basalt/libsolv: wall %.2fx, user CPU %.2fx, peak %.2fx\n", $1/$4, $2/$5, $3/$6 }'
if [ -n "$BASELINE" ]; then
  O=$(best "$OUT/baseline")
  echo "baseline repo info (wall s, user s, peak KB): $O"
  echo "$O $L" | awk '{ printf "ratio baseline/libsolv: wall %.2fx, user CPU %.2fx, peak %.2fx\n", $1/$4, $2/$5, $3/$6 }'
fi
