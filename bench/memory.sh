#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Peak resident memory of canonicalizing (and signing) each large corpus document, measured with
# GNU time (/usr/bin/time -v, "Maximum resident set size"), median of 3 runs, together with the
# baseline: the same program on the 2-byte document {} (its code, libc, libstdc++, stdio buffers),
# so the net figure is what the document itself costs. Target (issue text): peak RSS <= 3x the
# input size, the input buffer included.
#
#   bash bench/memory.sh [BUILD_DIR]        (default: build-bench next to this script's parent)
#
# Programs measured:
#   lib:canon   bench/tool_mem_canon canon: read the file, canonicalize() into a string, write it
#   lib:sign    bench/tool_mem_canon sign: read the file, signer::sign() (no canonical string)
#   cli:canon   BUILD_DIR/bin/jsonsig canon FILE, when the CLI has that subcommand
# tool_mem_canon is taken from BUILD_DIR/bench if CMake built it, else compiled here with the
# Release flags (-O3 -DNDEBUG) into BUILD_DIR/tool_mem_canon (the library is header-only).
#
# Output, tab-separated, one line per (program, document); "#" lines are comments:
#   program  document  input_bytes  peak_kib  baseline_kib
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
build="${1:-$root/build-bench}"
shared="${JSONSIG_SHARED_DIR:-$root/../shared}"
docs=(canada citm_catalog gsoc-2018 marine_ik twitter)
runs=3

[ -x /usr/bin/time ] || { echo "memory.sh: /usr/bin/time (GNU time) is required" >&2; exit 2; }
mkdir -p "$build"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '{}' > "$tmp/empty.json"

tool="$build/bench/tool_mem_canon"
if [ ! -x "$tool" ] || [ "$tool" -ot "$here/tool_mem_canon.cpp" ]; then
  tool="$build/tool_mem_canon"
  if [ ! -x "$tool" ] || [ "$tool" -ot "$here/tool_mem_canon.cpp" ] ||
     [ -n "$(find "$root/include" -newer "$tool" -name '*.hpp' -print -quit)" ]; then
    echo "# compiling $tool" >&2
    "${CXX:-c++}" -std=c++17 -O3 -DNDEBUG -I"$root/include" "$here/tool_mem_canon.cpp" -o "$tool"
  fi
fi

# peak_kib CMD...: median over $runs runs of the maximum RSS in KiB; fails if CMD fails.
peak_kib() {
  local values=() i
  for ((i = 0; i < runs; ++i)); do
    /usr/bin/time -v -o "$tmp/time.txt" "$@" > /dev/null 2> "$tmp/err.txt" || return 1
    values+=("$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/time.txt")")
  done
  printf '%s\n' "${values[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

# measure NAME CMD...: baseline on {}, then each document.
measure() {
  local name="$1"; shift
  local base
  if ! base="$(peak_kib "$@" "$tmp/empty.json")"; then
    echo "# $name: skipped (fails on {}: $(head -c 200 "$tmp/err.txt" | tr '\n' ' '))"
    return 0
  fi
  local d f peak
  for d in "${docs[@]}"; do
    f="$shared/corpus/$d.json"
    [ -r "$f" ] || { echo "# $name: $f missing"; continue; }
    if peak="$(peak_kib "$@" "$f")"; then
      printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$d" "$(stat -c %s "$f")" "$peak" "$base"
    else
      echo "# $name $d: failed ($(head -c 200 "$tmp/err.txt" | tr '\n' ' '))"
    fi
  done
}

echo "# program	document	input_bytes	peak_kib	baseline_kib"
measure lib:canon "$tool" canon
measure lib:sign "$tool" sign
cli="$build/bin/jsonsig"
if [ -x "$cli" ] && "$cli" --help 2>&1 | grep -qw canon; then
  measure cli:canon "$cli" canon
else
  echo "# cli:canon: skipped ($cli missing or without a canon subcommand)"
fi
