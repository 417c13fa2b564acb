#!/usr/bin/env bash
# Every public header compiles on its own (includes what it uses), warning-free under strict flags,
# as C++17 and C++20, with GCC and Clang. Usage: bash tests/headers_check.sh [OUTDIR]
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/build-ci/headers}
mkdir -p "$out"
flags=(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror -fsyntax-only)
pass=0; fail=0
for cxx in g++ clang++; do
  command -v "$cxx" >/dev/null || continue
  for std in c++17 c++20; do
    for h in "$root"/include/jsonsig/*.hpp; do
      name=$(basename "$h")
      printf '#include <jsonsig/%s>\n#include <jsonsig/%s>\nint main() { return 0; }\n' "$name" "$name" >"$out/tu.cpp"
      if "$cxx" -std=$std -I"$root/include" "${flags[@]}" "$out/tu.cpp" 2>"$out/err.txt"; then
        pass=$((pass + 1))
      else
        fail=$((fail + 1)); echo "FAILED: $cxx -std=$std $name"; head -20 "$out/err.txt"
      fi
    done
  done
done
echo "headers: $pass passed, $fail failed"
[ "$fail" = 0 ]
