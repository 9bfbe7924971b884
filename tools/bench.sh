#!/bin/sh
# make bench: runs every benchmark program in BUILD/bin/bench-*.
set -eu
build=${1:-build}
found=0
for b in "$build"/bin/bench-*; do
  [ -x "$b" ] || continue
  found=1
  echo "== $(basename "$b")"
  "$b"
done
[ "$found" = 1 ] || echo "no benchmarks yet"
