#!/bin/sh
# Publishes the basalt CLI as the benchmarks measure it: Release, self-contained for linux-x64, the runtime and basalt
# precompiled together as one composite ReadyToRun image (src/Basalt.Cli/Basalt.Cli.csproj), and prints the path of the
# executable. The comparison scripts call this when no basalt path is given. Crossgen2 comes from NuGet
# (Microsoft.NETCore.App.Crossgen2.linux-x64, picked by the SDK).
# Usage: bench/scripts/publish-cli.sh [OUTPUT_DIR]   (default: $BASALT_ARTIFACTS/publish-r2r, else artifacts/publish-r2r)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-${BASALT_ARTIFACTS:-$ROOT/artifacts}/publish-r2r}
dotnet publish "$ROOT/src/Basalt.Cli" -c Release -r linux-x64 -o "$OUT" --nologo -v quiet >&2
echo "$OUT/basalt"
