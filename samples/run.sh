#!/bin/sh
# The README's main job: build the sample packages under samples/packages into RPMs with `basalt rpm build`, index
# them as an rpm-md repository with `basalt repo index`, and build the container-host image from it with
# `basalt build` — raw, VHD, qcow2 and COSI disks with /usr under dm-verity, an OCI image, the lockfile and the
# build report, all in OUTDIR. Offline; nothing but the .NET SDK is needed.
#
#   samples/run.sh OUTDIR
#
# SOURCE_DATE_EPOCH (default: the last commit's time, else 1700000000) makes the packages byte-reproducible; the
# image itself takes its timestamps from the definition's reproducibility.source_date_epoch.
# BASALT overrides the command used to run the CLI (default: the Release build of src/Basalt.Cli).
set -eu

if [ $# -ne 1 ]; then
    echo "usage: samples/run.sh OUTDIR" >&2
    exit 2
fi

repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

# shellcheck source=samples/basalt-cli.sh
. "$repo/samples/basalt-cli.sh"

echo "== packages -> $out/repo" >&2
rm -rf "$out/repo"
mkdir -p "$out/repo"
for manifest in "$repo"/samples/packages/*/package.yaml; do
    package=$(basalt rpm build "$manifest" -o "$out/repo")
    basalt rpm verify "$package" | tail -n 1 >&2
done
basalt repo index "$out/repo" >&2

echo "== image" >&2
basalt build "$repo/samples/container-host/image.yaml" -o "$out" --repo "basalt-samples=$out/repo"
