#!/bin/sh
# Builds the library for Cortex-M4 (arm-none-eabi-gcc -Os, newlib, no OS)
# and prints text / rodata / data / bss per folder of src/, from the
# object files (before link-time garbage collection: the cost of every
# function in the folder).
# Usage: size-table.sh BUILD_DIR
set -eu
build=${1:-build-m4}
top=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v arm-none-eabi-gcc >/dev/null 2>&1; then
  sh "$top/tools/ensure-deps.sh"
fi
cmake -S "$top" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$top/cmake/toolchain-cortex-m4.cmake" \
      -DCMAKE_BUILD_TYPE=MinSizeRel -DTERN_BUILD_TESTS=OFF -DTERN_BUILD_PROGRAMS=OFF >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
objdir="$build/CMakeFiles/tern.dir/src"
echo "Cortex-M4 (thumb, -Os), bytes per folder of src/ (from object files):"
find "$objdir" -name '*.o' -o -name '*.obj' | sort | while read -r obj; do
  rel=${obj#"$objdir"/}
  dir=$(dirname "$rel")
  arm-none-eabi-size -A "$obj" | awk -v dir="$dir" '
    $1 ~ /^\.text/   { t += $2 }
    $1 ~ /^\.rodata/ { r += $2 }
    $1 ~ /^\.data/   { d += $2 }
    $1 ~ /^\.bss/ || $1 ~ /^COMMON/ { b += $2 }
    END { printf "%s %d %d %d %d\n", dir, t, r, d, b }'
done | awk '
  { t[$1] += $2; r[$1] += $3; d[$1] += $4; b[$1] += $5; seen[$1] = 1 }
  END {
    printf "%-28s %8s %8s %8s %8s\n", "folder", "text", "rodata", "data", "bss"
    n = 0
    for (k in seen) keys[n++] = k
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (keys[j] < keys[i]) { x = keys[i]; keys[i] = keys[j]; keys[j] = x }
    for (i = 0; i < n; i++) {
      k = keys[i]
      printf "%-28s %8d %8d %8d %8d\n", "src/" k, t[k], r[k], d[k], b[k]
      T += t[k]; R += r[k]; D += d[k]; B += b[k]
    }
    printf "%-28s %8d %8d %8d %8d\n", "total", T, R, D, B
  }'
if [ -x "$top/tools/size-combos.sh" ]; then
  sh "$top/tools/size-combos.sh" "$build"
fi
