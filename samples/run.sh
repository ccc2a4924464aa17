#!/bin/sh
# The README's main job, until image builds exist: build every sample package under samples/packages with
# `basalt rpm build`, query and verify each one with Basalt's own commands, index them as an rpm-md
# repository, resolve a package against it, and print a summary.
#
#   samples/run.sh OUTDIR
#
# SOURCE_DATE_EPOCH (default: the last commit's time, else 1700000000) makes the packages byte-reproducible.
# BASALT overrides the command used to run the CLI (default: the Release build of src/Basalt.Cli).
set -eu

if [ $# -ne 1 ]; then
    echo "usage: samples/run.sh OUTDIR" >&2
    exit 2
fi

repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || true)
    SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
fi
export SOURCE_DATE_EPOCH

if [ -z "${BASALT:-}" ]; then
    echo "== building the basalt CLI (Release)" >&2
    dotnet build "$repo/src/Basalt.Cli" -c Release --nologo -v quiet >&2
    dll=$(dotnet msbuild "$repo/src/Basalt.Cli" -p:Configuration=Release -getProperty:TargetPath)
    BASALT="dotnet $dll"
fi

basalt() {
    # shellcheck disable=SC2086 # BASALT may be "dotnet path/basalt.dll".
    $BASALT "$@"
}

built=0
verified=0
summary=""
for manifest in "$repo"/samples/packages/*/package.yaml; do
    sample=$(basename "$(dirname "$manifest")")
    echo "== $sample" >&2
    package=$(basalt rpm build "$manifest" -o "$out")
    built=$((built + 1))
    basalt rpm info "$package"
    basalt rpm files --long "$package"
    basalt rpm verify "$package"
    verified=$((verified + 1))
    size=$(wc -c < "$package" | tr -d ' ')
    summary="$summary$(basename "$package") $size bytes
"
done

echo "== repository" >&2
basalt repo index "$out"
basalt repo info "$out"
echo "== resolve basalt-motd" >&2
basalt resolve --repo "samples=$out" basalt-motd

echo
echo "Packages in $out (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH):"
printf '%s' "$summary" | while read -r name size unit; do
    printf '  %-45s %8s %s\n' "$name" "$size" "$unit"
done
echo "$built built, $verified verified"
