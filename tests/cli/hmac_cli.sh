#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `jsonsig hmac`: RFC 4231 vectors (no openssl needed), agreement with `openssl dgst -hmac` when
# openssl exists, token sources and their precedence, and usage errors that never echo the token.
# usage: bash hmac_cli.sh /path/to/jsonsig
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

expect_usage_error() {  # name [token-that-must-not-appear]
  expect_rc "$1" 2
  [[ -z $out ]] && ok || bad "$1: stdout not empty: $out"
  local lines
  lines=$(wc -l <"$tmp/err")
  [[ $lines == 1 && $err == jsonsig:* ]] && ok || bad "$1: stderr is not one 'jsonsig:' line: $err"
  if [[ $# -ge 2 ]]; then
    [[ $err != *"$2"* ]] && ok || bad "$1: stderr echoes the token: $err"
  fi
}

# The output format: 128 lowercase hex chars and one newline, nothing else.
expect_digest() {  # name want_hex
  expect_rc "$1" 0
  expect_eq "$1" "$out" "$2"
  local bytes last
  bytes=$(wc -c <"$tmp/out")
  last=$(tail -c 1 "$tmp/out" | od -An -tx1 | tr -d ' ')  # $(...) would drop a NUL or the LF
  [[ $bytes == 129 && $last == 0a && $out =~ ^[0-9a-f]{128}$ ]] && ok ||
    bad "$1: output is not 128 hex + LF"
}

# ---- RFC 4231 HMAC-SHA-512 vectors (fixed values: they need no openssl) ------------------------
# Test case 2 (§4.3): key "Jefe".
tc2_msg='what do ya want for nothing?'
tc2=164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737
printf '%s' "$tc2_msg" >"$tmp/tc2.txt"

run "$BIN" hmac --token Jefe "$tmp/tc2.txt"
expect_digest "tc2 file" "$tc2"
run "$BIN" hmac --token=Jefe "$tmp/tc2.txt"
expect_digest "tc2 --token=" "$tc2"
run "$BIN" hmac --token Jefe <"$tmp/tc2.txt"
expect_digest "tc2 stdin" "$tc2"
run "$BIN" hmac --token Jefe - <"$tmp/tc2.txt"
expect_digest "tc2 stdin -" "$tc2"
run "$BIN" hmac "$tmp/tc2.txt" --token Jefe
expect_digest "tc2 options after file" "$tc2"

# Test case 1 (§4.2): key = 20 bytes 0x0b, through a token file (binary key, no newline).
printf '\x0b%.0s' {1..20} >"$tmp/tc1.key"
printf 'Hi There' >"$tmp/tc1.txt"
run "$BIN" hmac --token-file "$tmp/tc1.key" "$tmp/tc1.txt"
expect_digest "tc1 binary key file" 87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854

# Test case 6 (§4.7): 131-byte key 0xaa, longer than the SHA-512 block, so it is hashed first.
printf '\xaa%.0s' {1..131} >"$tmp/tc6.key"
printf 'Test Using Larger Than Block-Size Key - Hash Key First' >"$tmp/tc6.txt"
run "$BIN" hmac --token-file "$tmp/tc6.key" "$tmp/tc6.txt"
expect_digest "tc6 long key" 80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598

# ---- token sources -----------------------------------------------------------------------------
printf 'Jefe\n' >"$tmp/lf.key"
printf 'Jefe\r\n' >"$tmp/crlf.key"
printf 'Jefe' >"$tmp/bare.key"
printf 'Jefe\n\n' >"$tmp/lflf.key"
printf 'Jefe\r' >"$tmp/cr.key"
for k in lf crlf bare; do
  run "$BIN" hmac --token-file "$tmp/$k.key" "$tmp/tc2.txt"
  expect_digest "token file ($k)" "$tc2"
done
run "$BIN" hmac --token-file="$tmp/lf.key" "$tmp/tc2.txt"
expect_digest "--token-file=" "$tc2"
# Only ONE line ending is stripped; what remains is key material.
run "$BIN" hmac --token-file "$tmp/lflf.key" "$tmp/tc2.txt"
expect_rc "token file LF LF" 0
[[ $out != "$tc2" ]] && ok || bad "token file 'Jefe\\n\\n' must keep one LF in the key"
lflf_out=$out
run "$BIN" hmac --token-file "$tmp/cr.key" "$tmp/tc2.txt"
expect_rc "token file CR" 0
[[ $out != "$tc2" && $out != "$lflf_out" ]] && ok || bad "token file 'Jefe\\r': a lone CR is key material"
# Token from stdin when the message is a file.
run "$BIN" hmac --token-file - "$tmp/tc2.txt" <"$tmp/lf.key"
expect_digest "token file from stdin" "$tc2"

# The environment variable, and its precedence: used only when no option is given.
JSONSIG_TOKEN=Jefe run "$BIN" hmac "$tmp/tc2.txt"
expect_digest "env token" "$tc2"
JSONSIG_TOKEN=wrong run "$BIN" hmac --token Jefe "$tmp/tc2.txt"
expect_digest "--token beats env" "$tc2"
JSONSIG_TOKEN=wrong run "$BIN" hmac --token-file "$tmp/lf.key" "$tmp/tc2.txt"
expect_digest "--token-file beats env" "$tc2"

# Option values and file names that look like options.
printf '%s' "$tc2_msg" >"$tmp/-dash.txt"
run "$BIN" hmac --token Jefe -- "$tmp/-dash.txt"
expect_digest "-- before file" "$tc2"
(cd "$tmp" && run "$BIN" hmac --token Jefe -- -dash.txt && [[ $rc == 0 && $out == "$tc2" ]]) && ok ||
  bad "relative file named -dash.txt after --"

# ---- agreement with openssl --------------------------------------------------------------------
if command -v openssl >/dev/null 2>&1; then
  ossl() {  # key file -> hex (key as text)
    openssl dgst -sha512 -hmac "$1" <"$2" | awk '{print $NF}'
  }
  ossl_hexkey() {  # hexkey file -> hex
    openssl dgst -sha512 -mac HMAC -macopt "hexkey:$1" <"$2" | awk '{print $NF}'
  }
  : >"$tmp/empty.bin"
  for i in $(seq 0 255); do printf "\\x$(printf %02x "$i")"; done >"$tmp/allbytes.bin"
  head -c 1000000 /dev/urandom >"$tmp/random.bin"
  head -c 65536 /dev/urandom >"$tmp/chunk.bin"   # exactly one read chunk
  head -c 65537 /dev/urandom >"$tmp/chunk1.bin"  # one byte more
  printf 'a\r\nb\r\n\0c' >"$tmp/crlf_nul.bin"    # must be hashed raw, no newline translation
  files=(empty.bin allbytes.bin random.bin chunk.bin chunk1.bin crlf_nul.bin tc2.txt)
  corpus=${JSONSIG_SHARED_DIR:-}/corpus/twitter.json
  if [[ -r $corpus ]]; then files+=("$corpus"); fi
  for key in Jefe 'key with spaces & $ymbols' "$(printf 'k%.0s' {1..200})"; do
    for f in "${files[@]}"; do
      [[ $f == /* ]] || f=$tmp/$f
      want=$(ossl "$key" "$f")
      run "$BIN" hmac --token "$key" "$f"
      expect_digest "openssl file $(basename "$f") key#${#key}" "$want"
      run "$BIN" hmac --token "$key" <"$f"
      expect_digest "openssl stdin $(basename "$f") key#${#key}" "$want"
    done
  done
  # Binary key bytes, including NUL, CR and LF in the middle, through a token file.
  printf 'a\0b\r\nc\xff' >"$tmp/bin.key"
  run "$BIN" hmac --token-file "$tmp/bin.key" "$tmp/allbytes.bin"
  expect_digest "openssl binary key" "$(ossl_hexkey 6100620d0a63ff "$tmp/allbytes.bin")"
  # The LF-stripped token file equals the key without it.
  run "$BIN" hmac --token-file "$tmp/lflf.key" "$tmp/tc2.txt"
  expect_digest "openssl 'Jefe\\n\\n' file = key 'Jefe\\n'" "$(ossl_hexkey 4a6566650a "$tmp/tc2.txt")"
  run "$BIN" hmac --token-file "$tmp/cr.key" "$tmp/tc2.txt"
  expect_digest "openssl 'Jefe\\r' file = key 'Jefe\\r'" "$(ossl_hexkey 4a6566650d "$tmp/tc2.txt")"
else
  echo "note: openssl not found; only the fixed RFC 4231 vectors were checked"
fi

# ---- errors: exit 2, one line, never the token -----------------------------------------------
secret='S3cr3t-T0ken-do-not-print'

run "$BIN" hmac "$tmp/tc2.txt"
expect_usage_error "missing token"
JSONSIG_TOKEN= run "$BIN" hmac "$tmp/tc2.txt"
expect_usage_error "empty env token"
run "$BIN" hmac --token '' "$tmp/tc2.txt"
expect_usage_error "empty --token"
: >"$tmp/empty.key"
run "$BIN" hmac --token-file "$tmp/empty.key" "$tmp/tc2.txt"
expect_usage_error "empty token file"
printf '\n' >"$tmp/nl.key"
run "$BIN" hmac --token-file "$tmp/nl.key" "$tmp/tc2.txt"
expect_usage_error "token file with only a newline"

run "$BIN" hmac --token "$secret" "$tmp/does-not-exist.json"
expect_usage_error "missing file" "$secret"
[[ $err == *does-not-exist.json* ]] && ok || bad "missing file: message should name the file: $err"
run "$BIN" hmac --token="$secret" "$tmp"
expect_usage_error "directory as file" "$secret"
JSONSIG_TOKEN=$secret run "$BIN" hmac "$tmp/does-not-exist.json"
expect_usage_error "missing file, env token" "$secret"
printf '%s\n' "$secret" >"$tmp/secret.key"
run "$BIN" hmac --token-file "$tmp/secret.key" "$tmp/does-not-exist.json"
expect_usage_error "missing file, token file" "$secret"
if [[ $(id -u) != 0 ]]; then  # root reads mode-000 files anyway
  printf x >"$tmp/noread.txt" && chmod 000 "$tmp/noread.txt"
  run "$BIN" hmac --token "$secret" "$tmp/noread.txt"
  expect_usage_error "unreadable file" "$secret"
fi
run "$BIN" hmac --token-file "$tmp/no-such.key" "$tmp/tc2.txt"
expect_usage_error "missing token file"

run "$BIN" hmac --token "$secret" --token-file "$tmp/lf.key" "$tmp/tc2.txt"
expect_usage_error "both --token and --token-file" "$secret"
run "$BIN" hmac --token-file "$tmp/lf.key" --token="$secret" "$tmp/tc2.txt"
expect_usage_error "both, reversed" "$secret"
run "$BIN" hmac --token "$secret" --token other "$tmp/tc2.txt"
expect_usage_error "--token twice" "$secret"
run "$BIN" hmac --bogus "$tmp/tc2.txt"
expect_usage_error "unknown option"
run "$BIN" hmac --tokn="$secret" "$tmp/tc2.txt"
expect_usage_error "misspelt option with a value" "$secret"
run "$BIN" hmac -x --token "$secret" "$tmp/tc2.txt"
expect_usage_error "unknown short option" "$secret"
run "$BIN" hmac --token
expect_usage_error "--token without a value"
run "$BIN" hmac --token "$secret" "$tmp/tc2.txt" "$tmp/tc2.txt"
expect_usage_error "two files" "$secret"
run "$BIN" hmac --token-file - <"$tmp/lf.key"
expect_usage_error "token and message both on stdin"
run "$BIN"
expect_usage_error "no command"
run "$BIN" frobnicate
expect_usage_error "unknown command"
run "$BIN" --frobnicate
expect_usage_error "unknown global option"

# ---- help and version --------------------------------------------------------------------------
run "$BIN" --help
expect_rc "--help" 0
[[ $out == *"hmac"* && $out == *usage* ]] && ok || bad "--help should list hmac: $out"
run "$BIN" hmac --help
expect_rc "hmac --help" 0
[[ $out == *"--token-file"* && $out == *JSONSIG_TOKEN* ]] && ok || bad "hmac --help text: $out"
run "$BIN" hmac --token "$secret" --help
expect_rc "hmac --help with a token" 0
[[ $out != *"$secret"* ]] && ok || bad "help echoes the token"
run "$BIN" --version
expect_rc "--version" 0
[[ $out =~ ^jsonsig\ [0-9]+\.[0-9]+\.[0-9]+$ ]] && ok || bad "--version output: $out"

finish
