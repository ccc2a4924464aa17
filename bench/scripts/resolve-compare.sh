#!/bin/sh
# CentOS Stream 9 BaseOS + AppStream primary: (1) load, (2) load + solve the realistic job, each by Basalt (the
# built CLI), by libsolv (zcat | rpmmd2solv, then testsolv) and by dnf's Python API (fill_sack, then resolve), on the
# same input in one run. Prints the best wall time, user CPU and peak RSS (GNU time) of RUNS runs, and the ratios.
# Usage: [BASALT_BASELINE=PATH/TO/old/basalt] bench/scripts/resolve-compare.sh [PATH/TO/basalt] [RUNS]
# Without a path it measures a ReadyToRun publish (bench/scripts/publish-cli.sh), as users should run basalt.
# BASALT_BASELINE adds a second basalt build (e.g. a publish from before a change) to the same interleaved runs, so a
# before/after comparison sees the same machine load; its ratios are printed as "baseline".
# Basalt and libsolv read primary only (--filelists never; the AppStream fixture's filelists is an upstream stub).
# dnf reads what its repository loader reads; AppStream's modular packages are made visible with module_hotfixes so
# all three see the same packages, and install_weak_deps stays on as for the other two.
set -eu
BASALT=${1:-$("$(dirname "$0")/publish-cli.sh")}
RUNS=${2:-5}
BASELINE=${BASALT_BASELINE:-}
DATA=${BASALT_SHARED_DATA:-$(cd "$(dirname "$0")/../../../shared/data" && pwd)}
BASEOS=$DATA/repodata/osbuild/cs9-baseos-2022@bc08eed/test/data/testrepos/baseos
APPSTREAM=$DATA/repodata/osbuild/head@f6b23db/test/data/testrepos/appstream
JOB="bash systemd kernel openssh-server dnf sudo NetworkManager"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

cat > "$OUT/dnf-bench.py" <<'PY'
import sys, dnf
mode, work, baseos, appstream = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
base = dnf.Base()
base.conf.installroot = work + "/root"
base.conf.cachedir = work + "/cache"
base.conf.persistdir = work + "/persist"
base.conf.substitutions["releasever"] = "9"
base.conf.gpgcheck = False
for rid, path in (("baseos", baseos), ("appstream", appstream)):
    repo = base.repos.add_new_repo(rid, base.conf, baseurl=["file://" + path])
    repo.module_hotfixes = True
base.fill_sack(load_system_repo=False)
if mode == "solve":
    for name in sys.argv[5:]:
        base.install(name)
    base.resolve()
    print(len(base.transaction.install_set))
else:
    print(len(base.sack.query()))
PY
printf 'repo baseos 99 solv baseos.solv\nrepo appstream 99 solv appstream.solv\nsystem x86_64 rpm\n' > "$OUT/job.t"
for p in $JOB; do echo "job install name $p" >> "$OUT/job.t"; done

measure() { # NAME COMMAND: appends "wall user peakKB" to $OUT/NAME
  /usr/bin/time -f "%e %U %M" -a -o "$OUT/$1" sh -c "$2" > "$OUT/$1.out"
}
LOAD_LIBSOLV="zcat '$BASEOS'/repodata/*-primary.xml.gz | rpmmd2solv > '$OUT/baseos.solv' && zcat '$APPSTREAM'/repodata/*-primary.xml.gz | rpmmd2solv > '$OUT/appstream.solv'"
for i in $(seq "$RUNS"); do
  rm -rf "$OUT/dnfwork"; mkdir -p "$OUT/dnfwork"
  measure load-basalt "'$BASALT' repo info '$BASEOS' && '$BASALT' repo info '$APPSTREAM'"
  [ -z "$BASELINE" ] || measure load-baseline "'$BASELINE' repo info '$BASEOS' && '$BASELINE' repo info '$APPSTREAM'"
  measure load-libsolv "$LOAD_LIBSOLV"
  measure load-dnf "/usr/bin/python3 '$OUT/dnf-bench.py' load '$OUT/dnfwork' '$BASEOS' '$APPSTREAM'"
  rm -rf "$OUT/dnfwork"; mkdir -p "$OUT/dnfwork"
  measure solve-basalt "'$BASALT' resolve --filelists never --repo '$BASEOS' --repo '$APPSTREAM' $JOB"
  [ -z "$BASELINE" ] || measure solve-baseline "'$BASELINE' resolve --filelists never --repo '$BASEOS' --repo '$APPSTREAM' $JOB"
  # libsolv's time for load + solve is the conversion plus testsolv (its peak is the larger of the two processes).
  measure solve-libsolv "$LOAD_LIBSOLV && cd '$OUT' && testsolv -r job.t"
  measure solve-dnf "/usr/bin/python3 '$OUT/dnf-bench.py' solve '$OUT/dnfwork' '$BASEOS' '$APPSTREAM' $JOB"
done

best() { sort -n "$OUT/$1" | head -1; }
echo "installs: basalt $(tail -1 "$OUT/solve-basalt.out" | cut -d" " -f1), libsolv $(grep -c '^install' "$OUT/solve-libsolv.out"), dnf $(tail -1 "$OUT/solve-dnf.out")"
for phase in load solve; do
  B=$(best $phase-basalt); L=$(best $phase-libsolv); D=$(best $phase-dnf)
  echo "$phase: basalt  (wall s, user s, peak KB): $B"
  echo "$phase: libsolv (wall s, user s, peak KB): $L"
  echo "$phase: dnf     (wall s, user s, peak KB): $D"
  echo "$B $L $D" | awk -v p="$phase" '{ printf "%s ratios: basalt/libsolv wall %.2fx, user %.2fx, peak %.2fx; basalt/dnf wall %.2fx, user %.2fx, peak %.2fx\n", p, $1/$4, $2/$5, $3/$6, $1/$7, $2/$8, $3/$9 }'
  if [ -n "$BASELINE" ]; then
    O=$(best $phase-baseline)
    echo "$phase: baseline (wall s, user s, peak KB): $O"
    echo "$O $L $D" | awk -v p="$phase" '{ printf "%s baseline ratios: baseline/libsolv wall %.2fx, user %.2fx, peak %.2fx; baseline/dnf wall %.2fx, user %.2fx, peak %.2fx\n", p, $1/$4, $2/$5, $3/$6, $1/$7, $2/$8, $3/$9 }'
  fi
done
