#!/bin/sh
# Image build benchmark (issue 5): the same job on the same repository, by `basalt build` and by
# `dnf --installroot` + `mkfs.erofs` + `veritysetup format` (what a shell-script image build does for the verity-sealed
# /usr), each RUNS times; prints the best wall time, the least CPU time (user + system, which other load on the machine
# disturbs less than the wall time) and the least peak RSS of each, and the ratios.
#   bench/scripts/build-vs-dnf.sh PATH/TO/basalt CORPUS_DIR [RUNS]
# CORPUS_DIR is made with bench/scripts/make-build-corpus.py when it has no image.yaml (200 packages), or may be
# OUTDIR of samples/run.sh together with samples/container-host/image.yaml (then pass IMAGE=... and REPO=...).
# dnf needs root for --installroot. BASALT_BASELINE=PATH/TO/old/basalt adds a second basalt (e.g. a publish from before a
# change) to the same interleaved runs, so a before/after comparison sees the same machine load.
set -eu
BASALT=${1:?usage: $0 PATH/TO/basalt CORPUS_DIR [RUNS]}
CORPUS=${2:?usage: $0 PATH/TO/basalt CORPUS_DIR [RUNS]}
RUNS=${3:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$CORPUS/image.yaml" ]; then
  python3 "$HERE/make-build-corpus.py" "$CORPUS" 200 >&2
fi
IMAGE=${IMAGE:-$CORPUS/image.yaml}
REPO=${REPO:-$CORPUS/repo}
if [ ! -f "$REPO/repodata/repomd.xml" ]; then
  mkdir -p "$REPO"
  for manifest in "$CORPUS"/packages/*/package.yaml; do "$BASALT" rpm build "$manifest" -o "$REPO" >/dev/null; done
  "$BASALT" repo index "$REPO" >/dev/null
fi
NAMES=$(for rpm in "$REPO"/*.rpm; do rpm -qp --qf '%{NAME}\n' "$rpm" 2>/dev/null; done | sort -u | tr '\n' ' ')
ID=$(sed -n 's/^ *- id: *//p' "$IMAGE" | head -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Columns of the time files: wall seconds, peak KB, user seconds, system seconds.
best() { awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 < m { m = $2 } NR == 1 || $3 + $4 < c { c = $3 + $4 } END { printf "%.2f %d %.2f\n", w, m, c }' "$1"; }
for i in $(seq "$RUNS"); do
  rm -rf "$WORK/basalt"
  /usr/bin/time -f "%e %M %U %S" -a -o "$WORK/basalt.t" "$BASALT" build "$IMAGE" -o "$WORK/basalt" --repo "$ID=$REPO" --cache "$WORK/cache" >/dev/null 2>&1
  if [ -n "${BASALT_BASELINE:-}" ]; then
    rm -rf "$WORK/basalt"
    /usr/bin/time -f "%e %M %U %S" -a -o "$WORK/baseline.t" "$BASALT_BASELINE" build "$IMAGE" -o "$WORK/basalt" --repo "$ID=$REPO" \
      --cache "$WORK/cache" >/dev/null 2>&1
  fi
  rm -rf "$WORK/root" "$WORK/usr.erofs" "$WORK/usr.verity"
  /usr/bin/time -f "%e %M %U %S" -a -o "$WORK/dnf.t" sh -c "
    dnf -q -y --installroot='$WORK/root' --releasever=1 --setopt=reposdir=/dev/null --setopt=cachedir='$WORK/dnfcache' \
        --setopt=install_weak_deps=False --nogpgcheck --disableplugin='*' --repofrompath='bench,file://$REPO' --repo=bench \
        install $NAMES >/dev/null 2>&1 &&
    mkfs.erofs --quiet '$WORK/usr.erofs' '$WORK/root/usr' >/dev/null &&
    veritysetup format '$WORK/usr.erofs' '$WORK/usr.verity' >/dev/null"
done
B=$(best "$WORK/basalt.t"); D=$(best "$WORK/dnf.t")
echo "basalt build (wall s, peak KB, CPU s): $B"
echo "dnf --installroot + mkfs.erofs + veritysetup (wall s, peak KB, CPU s): $D"
echo "$B $D" | awk '{ printf "speed-up basalt vs dnf pipeline: %.2fx wall, %.2fx CPU (peak memory %.2fx)\n", $4/$1, $6/$3, $2/$5 }'
if [ -n "${BASALT_BASELINE:-}" ]; then
  L=$(best "$WORK/baseline.t")
  echo "baseline basalt build (wall s, peak KB, CPU s): $L"
  echo "$L $D" | awk '{ printf "speed-up baseline vs dnf pipeline: %.2fx wall, %.2fx CPU (peak memory %.2fx)\n", $4/$1, $6/$3, $2/$5 }'
fi
