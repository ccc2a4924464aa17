#!/bin/sh
# rpmbuild -bb of a package holding every file under TREE (the reference side of
# bench/Basalt.Benchmarks/Rpm/WriterBenchmarks.cs): same payload compressor (zstd 19), SOURCE_DATE_EPOCH set,
# no dependency generators or post-install scripts, so both sides do the same work: read, digest, archive,
# compress, write headers.
#
#   bench/scripts/rpmbuild-bb.sh TREE TOPDIR
set -eu
tree=$(cd "$1" && pwd)
top=$2
mkdir -p "$top/SPECS"
spec="$top/SPECS/bench.spec"
{
    echo "Name: bench-tree"
    echo "Version: 1.0"
    echo "Release: 1"
    echo "Summary: Benchmark tree"
    echo "License: MIT"
    echo "BuildArch: noarch"
    echo "AutoReqProv: no"
    echo "%description"
    echo "Benchmark tree."
    echo "%install"
    echo "mkdir -p %{buildroot} && cp -a '$tree'/. %{buildroot}/"
    echo "%files"
    echo "/usr"
} > "$spec"
SOURCE_DATE_EPOCH=1700000000 rpmbuild --quiet \
    --define "_topdir $top" \
    --define '_binary_payload w19.zstdio' \
    --define '__os_install_post %{nil}' \
    --define 'debug_package %{nil}' \
    --define '_build_id_links none' \
    --define 'use_source_date_epoch_as_buildtime 1' \
    --define 'clamp_mtime_to_source_date_epoch 1' \
    -bb "$spec" >/dev/null
