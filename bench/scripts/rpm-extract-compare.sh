#!/bin/sh
# Payload extraction throughput: `basalt rpm extract` against `rpm2cpio FILE | cpio -idm` on the same packages.
# Builds three ~100 MiB test packages (gzip, xz, zstd payloads) with rpmbuild, then times both tools on each
# (best of N runs, wall clock, including process start-up) and prints the ratio basalt/rpm (below 1 = basalt faster).
# Usage: bench/scripts/rpm-extract-compare.sh [RUNS]   (environment: WORK=/tmp/basalt-bench-rpm, FILES=400, KIB=256)
set -eu
RUNS=${1:-3}
WORK=${WORK:-/tmp/basalt-bench-rpm}
FILES=${FILES:-400}
KIB=${KIB:-256}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
export BASALT_ARTIFACTS=${BASALT_ARTIFACTS:-$WORK/artifacts}
mkdir -p "$WORK"

build_packages() {
    top="$WORK/rpmbuild"
    rm -rf "$top" && mkdir -p "$top/SPECS" "$top/SOURCES/bench"
    # Half random (incompressible), half text-like (compressible): closer to real binaries than either alone.
    i=0
    while [ "$i" -lt "$FILES" ]; do
        if [ $((i % 2)) -eq 0 ]; then
            head -c $((KIB * 1024)) /dev/urandom > "$top/SOURCES/bench/file$i.bin"
        else
            head -c $((KIB * 768)) /dev/urandom | base64 > "$top/SOURCES/bench/file$i.txt"
        fi
        i=$((i + 1))
    done
    cat > "$top/SPECS/bench.spec" <<SPEC
Name: basalt-bench
Version: 1
Release: 1
Summary: extraction benchmark payload
License: MIT
BuildArch: noarch
%description
Benchmark payload.
%install
mkdir -p %{buildroot}/usr/share/basalt-bench
cp -a $top/SOURCES/bench/. %{buildroot}/usr/share/basalt-bench/
ln -s file0.bin %{buildroot}/usr/share/basalt-bench/link
ln %{buildroot}/usr/share/basalt-bench/file1.txt %{buildroot}/usr/share/basalt-bench/hardlink
%files
/usr/share/basalt-bench
SPEC
    for payload in w6.gzdio w2.xzdio w3.zstdio; do
        SOURCE_DATE_EPOCH=1700000000 rpmbuild --quiet -bb --define "_topdir $top" --define "_binary_payload $payload" \
            --define "_build_id_links none" "$top/SPECS/bench.spec" >/dev/null
        cp "$top"/RPMS/noarch/basalt-bench-1-1.noarch.rpm "$WORK/bench-$payload.rpm"
    done
}

best_of() { # best_of COMMAND… : prints the best wall time in seconds over $RUNS runs
    best=""
    n=0
    while [ "$n" -lt "$RUNS" ]; do
        rm -rf "$WORK/out"
        start=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" -eq 1 ]; then best=$t; fi
        n=$((n + 1))
    done
    echo "$best"
}

rpm_extract() { mkdir -p "$WORK/out" && cd "$WORK/out" && rpm2cpio "$1" | cpio -idm --quiet --no-absolute-filenames; cd - >/dev/null; }
basalt_extract() { dotnet "$BASALT_ARTIFACTS/bin/Basalt.Cli/release/basalt.dll" rpm extract "$1" "$WORK/out"; }

[ -f "$WORK/bench-w3.zstdio.rpm" ] || build_packages
dotnet build "$REPO/src/Basalt.Cli" -c Release --nologo -v q >/dev/null
printf '%-22s %10s %10s %12s %12s %8s\n' package MiB rpm_s basalt_s basalt_MiB/s ratio
for package in "$WORK"/bench-*.rpm; do
    size=$(rpm -qp --nosignature --nodigest --qf '%{LONGSIZE}' "$package")
    mib=$(echo "scale=1; $size / 1048576" | bc)
    r=$(best_of rpm_extract "$package")
    b=$(best_of basalt_extract "$package")
    printf '%-22s %10s %10.3f %12.3f %12.1f %8.2f\n' "$(basename "$package")" "$mib" "$r" "$b" "$(echo "$size / 1048576 / $b" | bc -l)" "$(echo "$b / $r" | bc -l)"
done
rm -rf "$WORK/out"
