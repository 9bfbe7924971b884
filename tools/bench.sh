#!/bin/sh
# make bench: runs every benchmark program in BUILD/bin/bench-*. A program
# that fails is reported and the others still run; the exit status is
# non-zero if any failed.
set -u
build=${1:-build}
found=0
failed=""
for b in "$build"/bin/bench-*; do
  [ -x "$b" ] || continue
  found=1
  echo "== $(basename "$b")"
  "$b" || failed="$failed $(basename "$b")"
done
[ "$found" = 1 ] || echo "no benchmarks yet"
if [ -n "$failed" ]; then
  echo "bench: failed:$failed" >&2
  exit 1
fi
