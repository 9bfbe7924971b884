#!/bin/sh
# Runs each constant-time check program under valgrind memcheck and counts
# the reports (branches or memory indices that depend on data marked
# secret). Prints one line per program and the summary
#   ct-check: N functions, N reports
# and fails if any report was found or a program failed.
# Usage: ct-check.sh VALGRIND PROGRAM...
set -u
valgrind=$1
shift
total_fn=0
total_rep=0
status=0
for prog in "$@"; do
  log=$(mktemp)
  out=$("$valgrind" --tool=memcheck --error-exitcode=0 --track-origins=yes \
        --log-file="$log" "$prog")
  rc=$?
  fn=$(printf '%s\n' "$out" | sed -n 's/^ct-functions: \([0-9]*\)$/\1/p' | tail -n 1)
  rep=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -n 1)
  [ -n "$fn" ] || fn=0
  [ -n "$rep" ] || rep=0
  name=$(basename "$prog")
  echo "  $name: $fn functions, $rep reports"
  if [ "$rep" -ne 0 ]; then
    sed -n '/uninitialised\|Uninitialised/,/^==[0-9]*== $/p' "$log" | head -n 60
  fi
  if [ "$rc" -ne 0 ] || [ "$fn" -eq 0 ]; then
    echo "  $name: exit status $rc (or no functions run)"
    status=1
  fi
  rm -f "$log"
  total_fn=$((total_fn + fn))
  total_rep=$((total_rep + rep))
done
echo "ct-check: $total_fn functions, $total_rep reports"
[ "$total_rep" -eq 0 ] || status=1
exit $status
