#!/bin/sh
# Runs every fuzz target in BUILD/fuzz for SECONDS each, with its seed
# corpus from fuzz/corpus/<name> when present.
# Usage: fuzz-run.sh BUILD SECONDS
set -eu
build=$1
secs=${2:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
found=0
for f in "$build"/fuzz/fuzz_*; do
  [ -x "$f" ] || continue
  found=1
  name=$(basename "$f")
  work="$build/fuzz/corpus-$name"
  mkdir -p "$work"
  seeds="$top/fuzz/corpus/$name"
  [ -d "$seeds" ] || seeds=""
  echo "== $name (${secs}s)"
  "$f" -max_total_time="$secs" -print_final_stats=1 "$work" $seeds 2>&1 | tail -n 3
done
[ "$found" = 1 ] || echo "no fuzz targets yet"
