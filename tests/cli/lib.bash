# SPDX-License-Identifier: MIT
# Shared by the CLI test scripts (source it after `set -u`; not *.sh, so no build globs it as a test): resolves the binary under test,
# the source and shared-data directories, and provides the check helpers and the summary.
#   BIN     absolute path of the jsonsig binary ($1 of the calling script)
#   SRC     the source tree (JSONSIG_SOURCE_DIR or two levels up)
#   SHARED  the public test data (JSONSIG_SHARED_DIR or $SRC/../shared)
#   tmp     a scratch directory removed on exit
# JSONSIG_TOKEN is unset so that no check picks a token up from the caller's environment.

BIN=${1:?usage: bash $(basename "$0") /path/to/jsonsig}
[[ -x $BIN ]] || { echo "not executable: $BIN" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")  # absolute: some checks run elsewhere
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=${JSONSIG_SOURCE_DIR:-$HERE/../..}
SHARED=${JSONSIG_SHARED_DIR:-$SRC/../shared}
unset JSONSIG_TOKEN

pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# run CMD...: sets rc, out, err (stdout/stderr also kept in $tmp/out, $tmp/err, byte-exact).
run() {
  "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

expect_rc() {  # name want_rc
  if [[ $rc == "$2" ]]; then ok; else bad "$1: exit $rc, want $2 (stderr: $err)"; fi
}

expect_eq() {  # name got want
  if [[ $2 == "$3" ]]; then ok; else bad "$1: got '$2', want '$3'"; fi
}

# exit 2, empty stdout, exactly one stderr line starting "jsonsig: " and matching a glob.
expect_error() {  # name glob
  expect_rc "$1" 2
  [[ ! -s $tmp/out ]] && ok || bad "$1: stdout not empty: $out"
  [[ $(wc -l <"$tmp/err") == 1 && $err == jsonsig:* ]] && ok || bad "$1: not one 'jsonsig:' line: $err"
  [[ $err == $2 ]] && ok || bad "$1: stderr '$err' does not match '$2'"
}

# The last line of every script: the counts, and the exit status ctest reads.
finish() {
  echo "$pass passed, $fail failed"
  [[ $fail == 0 && $pass -gt 0 ]]
}
