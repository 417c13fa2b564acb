#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (if needed) and runs each for a time budget.
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [BUILD_DIR] [TARGET...]
#
#   SECONDS_PER_TARGET  default 60
#   BUILD_DIR           default build-fuzz (relative paths are taken from the current directory)
#   TARGET              default: every fuzz_* binary, e.g. `canonical hex`
#
# Each target starts from a fresh working corpus BUILD_DIR/corpus/<target>, seeded with copies
# of its regressions (fuzz/regressions/<target>) and of the shared seeds in
# $JSONSIG_SHARED_DIR (default: ../shared next to the repository). Crash, leak and timeout
# files go to BUILD_DIR/artifacts/<target>/, full logs to BUILD_DIR/logs/<target>.log.
# Prints one summary line per target; exits 1 if any target found a crash (the artifact path
# is printed), 2 on a build or usage error.
#
# Environment: FUZZ_MAX_LEN (default 16384: larger seeds are truncated to it for mutation;
# ctest's fuzz_replay_* tests replay the full files), FUZZ_EXTRA_ARGS (more libFuzzer flags),
# CXX (default clang++).
set -uo pipefail

SECONDS_PER_TARGET=${1:-60}
BUILD_DIR=${2:-build-fuzz}
shift $(( $# < 2 ? $# : 2 ))
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$PWD/$BUILD_DIR" ;; esac
SHARED=${JSONSIG_SHARED_DIR:-$ROOT/../shared}
MAX_LEN=${FUZZ_MAX_LEN:-16384}
DICT=$ROOT/fuzz/dict/json.dict

if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]]; then
  echo "usage: bash fuzz/run.sh [SECONDS_PER_TARGET] [BUILD_DIR] [TARGET...]" >&2
  exit 2
fi

# ---- build ---------------------------------------------------------------------------------------
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  gen=(); command -v ninja >/dev/null && gen=(-G Ninja)
  cmake -S "$ROOT" -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER="${CXX:-clang++}" -DJSONSIG_BUILD_FUZZ=ON -DJSONSIG_FUZZ_REPLAY=OFF \
    -DJSONSIG_BUILD_TESTS=OFF -DJSONSIG_BUILD_TOOLS=OFF -DJSONSIG_BUILD_BENCH=OFF \
    -DJSONSIG_BUILD_EXAMPLES=OFF -DJSONSIG_INSTALL=OFF "-DJSONSIG_SHARED_DIR=$SHARED" \
    || { echo "fuzz: configure failed" >&2; exit 2; }
fi
cmake --build "$BUILD_DIR" -j "${JOBS:-2}" || { echo "fuzz: build failed" >&2; exit 2; }

targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in "$ROOT"/fuzz/fuzz_*.cpp; do
    t=$(basename "$f" .cpp); t=${t#fuzz_}
    [ -x "$BUILD_DIR/fuzz/fuzz_$t" ] && targets+=("$t")
  done
fi
((${#targets[@]})) || { echo "fuzz: no fuzz targets built in $BUILD_DIR" >&2; exit 2; }

# ---- seeds (the same choice as fuzz/CMakeLists.txt makes for the replay tests) --------------------
seeds_for() {
  local json=("$SHARED/vectors/jsontestsuite/test_parsing" "$SHARED/vectors/jcs/input")
  case "$1" in
    canonical|verify|hmac_openssl|isa_diff) printf '%s\n' "${json[@]}" "$SHARED/corpus" ;;
    *) printf '%s\n' "${json[@]}" ;;
  esac
}

# ---- run -----------------------------------------------------------------------------------------
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$BUILD_DIR/logs"
summary=()
crashed=0
for t in "${targets[@]}"; do
  bin=$BUILD_DIR/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: $bin not built" >&2; exit 2; }
  corpus=$BUILD_DIR/corpus/$t
  artifacts=$BUILD_DIR/artifacts/$t/
  log=$BUILD_DIR/logs/$t.log
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  n=0
  while read -r dir; do
    [ -d "$dir" ] || { echo "fuzz: warning: seed directory $dir missing" >&2; continue; }
    for f in "$dir"/*; do
      [ -f "$f" ] || continue
      cp "$f" "$corpus/seed-$n-$(basename "$f")"; n=$((n + 1))
    done
  done < <(seeds_for "$t"; [ -d "$ROOT/fuzz/regressions/$t" ] && echo "$ROOT/fuzz/regressions/$t")
  echo "=== fuzz_$t: ${SECONDS_PER_TARGET}s from $n seeds (log: $log)"
  # shellcheck disable=SC2086  # FUZZ_EXTRA_ARGS is a list of flags
  "$bin" -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 -dict="$DICT" -timeout=10 \
    -rss_limit_mb=2048 -max_len="$MAX_LEN" -artifact_prefix="$artifacts" ${FUZZ_EXTRA_ARGS:-} \
    "$corpus" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  # Coverage from the last status line (#N ... cov: C ft: F corp: U/S ...).
  status=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$status")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$status")
  corp=$(sed -n 's/.*corp: \([0-9]*\).*/\1/p' <<<"$status")
  found=$(find "$artifacts" -type f ! -name 'slow-unit-*' | sort)
  ncrash=$(grep -c . <<<"$found")
  line=$(printf '%-22s execs=%-10s exec/s=%-7s cov=%-6s ft=%-7s corpus=%-6s rss_mb=%-5s crashes=%s' \
    "fuzz_$t" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}" "$ncrash")
  if [ "$rc" -ne 0 ] || [ "$ncrash" -ne 0 ]; then
    crashed=1
    line+="  FAILED (exit $rc)"
    echo "--- fuzz_$t failed; end of its log:"
    grep -E 'fuzz property violated|ERROR: |SUMMARY: |runtime error' "$log" | head -5
    tail -n 25 "$log"
    while read -r f; do [ -n "$f" ] && echo "crash file: $f"; done <<<"$found"
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "=== fuzz summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${summary[@]}"
if ((crashed)); then
  echo "fuzz: crash found; reproduce with: BUILD/fuzz/fuzz_<target> <crash file>" >&2
  exit 1
fi
exit 0
