# Sourced by the sample scripts (samples/run.sh, samples/bootable/build.sh) after they set $repo, the checkout's root:
# pins SOURCE_DATE_EPOCH (default: the last commit's time, else 1700000000) so the packages they build are
# byte-reproducible, and defines `basalt`, which runs $BASALT when set (e.g. "dotnet path/basalt.dll") or else the
# Release build of src/Basalt.Cli, built first.

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || true)
    SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
fi
export SOURCE_DATE_EPOCH

if [ -z "${BASALT:-}" ]; then
    echo "== building the basalt CLI (Release)" >&2
    dotnet build "$repo/src/Basalt.Cli" -c Release --nologo -v quiet >&2
    BASALT="dotnet $(dotnet msbuild "$repo/src/Basalt.Cli" -p:Configuration=Release -getProperty:TargetPath)"
fi

basalt() {
    # shellcheck disable=SC2086 # BASALT may be "dotnet path/basalt.dll".
    $BASALT "$@"
}
