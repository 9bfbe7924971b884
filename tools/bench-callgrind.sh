#!/bin/sh
# Instructions per byte for each bench-crypto row, tern and OpenSSL, at
# 16 KiB messages, counted by valgrind --tool=callgrind: a figure that
# does not move with the load of a shared machine, unlike MB/s.
#
# Each side runs twice under callgrind (bench-crypto --one SIDE:ALG SIZE N)
# with N1 and N2 operations; the difference cancels the fixed cost
# (process start, loading libcrypto, key setup):
#     instructions/byte = (I(N2) - I(N1)) / ((N2 - N1) * SIZE)
#
# Usage: bench-callgrind.sh BENCH_CRYPTO_BINARY [ALG...]
#   (no ALG: every row; rows that tern does not have yet show OpenSSL only)
# Environment: BENCH_SIZE (16384), BENCH_N1 (2), BENCH_N2 (10).
set -eu
bin=${1:?usage: bench-callgrind.sh BENCH_CRYPTO_BINARY [ALG...]}
shift
size=${BENCH_SIZE:-16384}
n1=${BENCH_N1:-2}
n2=${BENCH_N2:-10}

if ! command -v valgrind >/dev/null 2>&1; then
  echo "bench-callgrind: valgrind not found (Debian: valgrind); instruction table skipped"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# instructions SPEC N: total instructions of one bench-crypto --one run,
# or nothing if it failed (the first failure's messages are kept in
# $tmp/failed for the note at the end).
instructions() {
  rm -f "$tmp/out"
  if valgrind --tool=callgrind --callgrind-out-file="$tmp/out" \
       "$bin" --one "$1" "$size" "$2" >/dev/null 2>"$tmp/err" && [ -s "$tmp/out" ]; then
    sed -n 's/^summary: *\([0-9][0-9]*\).*/\1/p' "$tmp/out" | head -n 1
  elif [ ! -f "$tmp/failed" ]; then
    { echo "$1:"; grep -v '^==[0-9]*== *$' "$tmp/err" | tail -n 5; } >"$tmp/failed"
  fi
}

# per_byte SPEC: instructions per byte, or "-" on failure.
per_byte() {
  a=$(instructions "$1" "$n1")
  b=$(instructions "$1" "$n2")
  if [ -z "$a" ] || [ -z "$b" ]; then
    echo "-"
    return
  fi
  awk -v a="$a" -v b="$b" -v n=$((n2 - n1)) -v s="$size" 'BEGIN { printf "%.2f", (b - a) / (n * s) }'
}

if [ $# -gt 0 ]; then
  list=$(for alg in "$@"; do "$bin" --list | awk -v a="$alg" '$1 == a'; done)
else
  list=$("$bin" --list)
fi

echo "bench-crypto-callgrind: instructions per byte at $size-byte messages ($(valgrind --version)," \
     "callgrind; $((n2 - n1)) operations after subtracting a run of $n1)"
echo "x = tern / OpenSSL instructions (below 1: tern executes fewer). Under valgrind the CPU"
echo "reports no AVX-512, so OpenSSL runs its AVX2 code paths here."
echo
printf '%-18s %9s %9s %6s\n' algorithm tern OpenSSL x
printf '%s\n' "$list" | while read -r alg have; do
  [ -n "$alg" ] || continue
  o=$(per_byte "openssl:$alg")
  if [ "$have" = tern ]; then
    t=$(per_byte "tern:$alg")
  else
    t="-"
  fi
  if [ "$t" != "-" ] && [ "$o" != "-" ]; then
    x=$(awk -v t="$t" -v o="$o" 'BEGIN { if (o > 0) printf "%.2f", t / o; else print "-" }')
  else
    x="-"
  fi
  note=""
  [ "$have" = tern ] || note="  (tern: not in this build yet)"
  printf '%-18s %9s %9s %6s%s\n' "$alg" "$t" "$o" "$x" "$note"
done
if [ -f "$tmp/failed" ]; then
  echo
  echo "note: some runs failed under callgrind (shown as -); the first one said:"
  sed 's/^/  /' "$tmp/failed"
fi
