#!/bin/sh
# Reference for bench/Basalt.Benchmarks/Packaging/VercmpBenchmarks.cs: python3-rpm's labelCompare over every
# pair of vercmp.json, in one process, repeated until at least 2 s have passed. Prints pairs per second.
# Usage: bench/scripts/vercmp-python.sh [path/to/vercmp.json]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
vectors=${1:-${BASALT_SHARED_DATA:-$here/../../../shared/data}/rpms/cavaliergopher-rpm/testdata/vercmp.json}
exec /usr/bin/python3 - "$vectors" <<'PY'
import json, sys, time, rpm
pairs = [(p["a"], p["b"]) for p in json.load(open(sys.argv[1]))]
# labelCompare rejects an empty version; those pairs are left out (the count is printed).
pairs = [((None, a, None), (None, b, None)) for a, b in pairs if a and b]
compare = rpm.labelCompare
done, start = 0, time.perf_counter()
while True:
    for a, b in pairs:
        compare(a, b)
    done += len(pairs)
    elapsed = time.perf_counter() - start
    if elapsed >= 2.0:
        break
print(f"python3-rpm labelCompare: {len(pairs)} pairs/pass, {done} compares in {elapsed:.3f} s = {done / elapsed:,.0f} pairs/s")
PY
