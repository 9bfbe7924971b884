#!/bin/sh
# Runs every fuzz target in BUILD/fuzz for SECONDS each, with its seed
# corpus from fuzz/corpus/<name> when present. Exits non-zero if any
# target finds a crash, a leak or a timeout (the log is printed then).
# Usage: fuzz-run.sh BUILD SECONDS
set -eu
build=$1
secs=${2:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
found=0
failed=""
for f in "$build"/fuzz/fuzz_*; do
  [ -x "$f" ] || continue
  found=1
  name=$(basename "$f")
  work="$build/fuzz/corpus-$name"
  mkdir -p "$work"
  seeds="$top/fuzz/corpus/$name"
  [ -d "$seeds" ] || seeds=""
  log="$build/fuzz/$name.log"
  echo "== $name (${secs}s)"
  # shellcheck disable=SC2086
  if "$f" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz/$name-" "$work" $seeds >"$log" 2>&1; then
    grep -E "^stat::number_of_executed_runs|^Done" "$log" | tail -n 2
  else
    cat "$log"
    failed="$failed $name"
  fi
done
[ "$found" = 1 ] || echo "no fuzz targets yet"
if [ -n "$failed" ]; then
  echo "fuzz: FAILED:$failed" >&2
  exit 1
fi
echo "fuzz: every target ran ${secs}s without a finding"
