#!/usr/bin/env bash
# Runs every test project and prints one closing line "N passed, N failed, N skipped".
# Tests that need a reference tool skip with a reason when it is missing (fail under CI=true);
# scripts/install-tools.sh installs them all.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
dotnet test --solution Basalt.slnx "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform's summary lists "failed: N", "succeeded: N", "skipped: N".
count() { grep -E "^\s+$1: [0-9]+" "$log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded)
failed=$(count failed)
skipped=$(count skipped)
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1   # a build error or a crashed test host is a failure even without a failed test
fi
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
