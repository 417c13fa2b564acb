#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `jsonsig canon`, `sign` and `verify`: canonical bytes per profile against the recorded node /
# npm canonicalize / python3 goldens (tests/golden/data) and, when installed, against live node
# and python3; signatures against `openssl dgst -hmac` and node's recorded signatures; verify's
# exit codes; error lines with line:column; stdin vs file; the 3 MB corpus file; --help; and that
# no output ever contains the token.
# usage: bash canon_sign_verify_cli.sh /path/to/jsonsig
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
GOLDEN=$SRC/tests/golden/data

hex_of() { xxd -p "$1" | tr -d '\n'; }          # file -> lowercase hex
unhex() { xxd -r -p <<<"$1"; }                  # hex -> bytes on stdout

# 128 lowercase hex + LF, nothing else.
expect_signature() {  # name want_hex
  expect_rc "$1" 0
  expect_eq "$1" "$out" "$2"
  [[ $(wc -c <"$tmp/out") == 129 && $(tail -c 1 "$tmp/out" | xxd -p) == 0a && $out =~ ^[0-9a-f]{128}$ ]] &&
    ok || bad "$1: output is not 128 hex + LF"
}

profiles=(js jcs python)

# ---- canon vs the recorded goldens -----------------------------------------------------------------
# canonical_cases.tsv: name, input hex, then js / jcs / python output hex or "error" (recorded from
# node, npm canonicalize and python3 by scripts/gen_goldens.mjs). Every row, every profile, unless
# JSONSIG_CLI_GOLDEN_STRIDE=N asks for every Nth row (CI's sanitizer and backend re-runs: the
# library itself is checked on every row in-process by golden_canonical_golden_test).
stride=${JSONSIG_CLI_GOLDEN_STRIDE:-1}
cases=$GOLDEN/canonical_cases.tsv
if [[ -r $cases ]]; then
  rows=0
  # Tabs become '|' first: read would merge the empty fields of consecutive tabs.
  while IFS='|' read -r name in_hex js_hex jcs_hex py_hex; do
    [[ $name == \#* || -z $name ]] && continue
    rows=$((rows + 1))
    (((rows - 1) % stride == 0)) || continue
    unhex "$in_hex" >"$tmp/case.json"
    want=("$js_hex" "$jcs_hex" "$py_hex")
    for i in 0 1 2; do
      "$BIN" canon --profile "${profiles[i]}" "$tmp/case.json" >"$tmp/out" 2>"$tmp/err"
      rc=$?
      if [[ ${want[i]} == error ]]; then
        if [[ $rc == 2 && ! -s $tmp/out && $(wc -l <"$tmp/err") == 1 ]] &&
          grep -q "^jsonsig: $tmp/case.json:[0-9]*:[0-9]*: .* (byte [0-9]*)" "$tmp/err"; then
          ok
        else
          bad "golden $name ${profiles[i]}: want exit 2 and one FILE:L:C line, got $rc: $(head -c 200 "$tmp/err")"
        fi
      else
        got=$(hex_of "$tmp/out")
        if [[ $rc == 0 && $got == "${want[i]}" ]]; then ok; else
          bad "golden $name ${profiles[i]}: exit $rc, got ${got:0:120}, want ${want[i]:0:120}"
        fi
      fi
    done
  done < <(tr '\t' '|' <"$cases")
  ((rows >= 800)) && ok || bad "canonical_cases.tsv has only $rows rows"
else
  bad "missing $cases"
fi

# ---- a body with every kind of difference between the profiles -------------------------------------
cat >"$tmp/body.json" <<'EOF'
{ "orderId": "A-1", "amount": 12.50, "big": 1e16, "exact": 505874924095815681,
  "items": [ {"sku": "x", "qty": 2, "price": 1.0}, {"sku": "\u00e9\u2028", "qty": 1e-7} ],
  "customer": {"name": "Zo\u00eb", "id": 42}, "10": true, "2": null, "b": [], "a": {} }
EOF
# Fixed expectations, checked against node 20 and CPython 3.11 when written (and live below).
want_js='{"2":null,"10":true,"a":{},"amount":12.5,"b":[],"big":10000000000000000,"customer":{"id":42,"name":"Zoë"},"exact":505874924095815700,"items":[{"price":1,"qty":2,"sku":"x"},{"qty":1e-7,"sku":"é'$'\xe2\x80\xa8''"}],"orderId":"A-1"}'
want_jcs='{"10":true,"2":null,"a":{},"amount":12.5,"b":[],"big":10000000000000000,"customer":{"id":42,"name":"Zoë"},"exact":505874924095815700,"items":[{"price":1,"qty":2,"sku":"x"},{"qty":1e-7,"sku":"é'$'\xe2\x80\xa8''"}],"orderId":"A-1"}'
want_py='{"10":true,"2":null,"a":{},"amount":12.5,"b":[],"big":1e+16,"customer":{"id":42,"name":"Zo\u00eb"},"exact":505874924095815681,"items":[{"price":1.0,"qty":2,"sku":"x"},{"qty":1e-07,"sku":"\u00e9\u2028"}],"orderId":"A-1"}'
printf '%s' "$want_js" >"$tmp/want.js"
printf '%s' "$want_jcs" >"$tmp/want.jcs"
printf '%s' "$want_py" >"$tmp/want.python"
for p in "${profiles[@]}"; do
  run "$BIN" canon --profile "$p" "$tmp/body.json"
  expect_rc "canon body $p" 0
  cmp -s "$tmp/out" "$tmp/want.$p" && ok || bad "canon body $p: $(head -c 300 "$tmp/out")"
  run "$BIN" canon --profile="$p" <"$tmp/body.json"
  cmp -s "$tmp/out" "$tmp/want.$p" && ok || bad "canon body $p from stdin"
  run "$BIN" canon --profile "$p" - <"$tmp/body.json"
  cmp -s "$tmp/out" "$tmp/want.$p" && ok || bad "canon body $p from stdin '-'"
done
run "$BIN" canon "$tmp/body.json"
cmp -s "$tmp/out" "$tmp/want.js" && ok || bad "canon default profile is js"

# ---- live cross-checks against node and python3 ------------------------------------------------
bodies=("$tmp/body.json")
for f in twitter.json citm_catalog.json canada.json; do
  [[ -r $SHARED/corpus/$f ]] && bodies+=("$SHARED/corpus/$f")
done
if command -v node >/dev/null 2>&1; then
  for f in "${bodies[@]}"; do
    node -e '
      const fs = require("fs");
      const sortDeep = (v) => Array.isArray(v) ? v.map(sortDeep)
        : (v !== null && typeof v === "object")
          ? Object.keys(v).sort().reduce((o, k) => { o[k] = sortDeep(v[k]); return o; }, {})
          : v;
      process.stdout.write(JSON.stringify(sortDeep(JSON.parse(fs.readFileSync(process.argv[1], "utf8")))));
    ' "$f" >"$tmp/node.out"
    "$BIN" canon --profile js "$f" >"$tmp/out"
    cmp -s "$tmp/out" "$tmp/node.out" && ok || bad "canon js != node sortDeep+stringify for $(basename "$f")"
  done
else
  echo "note: node not found; js output checked against the recorded goldens only"
fi
if command -v python3 >/dev/null 2>&1; then
  for f in "${bodies[@]}"; do
    python3 -c '
import json, sys
sys.stdout.write(json.dumps(json.load(open(sys.argv[1], encoding="utf-8")), sort_keys=True, separators=(",", ":")))
' "$f" >"$tmp/py.out"
    "$BIN" canon --profile python "$f" >"$tmp/out"
    cmp -s "$tmp/out" "$tmp/py.out" && ok || bad "canon python != python3 json.dumps for $(basename "$f")"
  done
else
  echo "note: python3 not found; python output checked against the recorded goldens only"
fi

# ---- canon --show ---------------------------------------------------------------------------------
run "$BIN" canon --show "$tmp/body.json"
expect_rc "canon --show" 0
show_line1=$(head -n 1 "$tmp/out")
show_last=$(tail -n 1 "$tmp/out")
want_show='{"2":null,"10":true,"a":{},"amount":12.5,"b":[],"big":10000000000000000,"customer":{"id":42,"name":"Zo\xc3\xab"},"exact":505874924095815700,"items":[{"price":1,"qty":2,"sku":"x"},{"qty":1e-7,"sku":"\xc3\xa9\xe2\x80\xa8"}],"orderId":"A-1"}'
expect_eq "canon --show text" "$show_line1" "$want_show"
expect_eq "canon --show trailer" "$show_last" "($(wc -c <"$tmp/want.js" | tr -d ' ') bytes, profile js)"
[[ $(wc -l <"$tmp/out") == 2 ]] && ok || bad "canon --show: two lines expected"
run "$BIN" canon --show --profile python "$tmp/body.json"
expect_eq "canon --show python" "$(head -n 1 "$tmp/out")" "$want_py"
expect_eq "canon --show python trailer" "$(tail -n 1 "$tmp/out")" "(${#want_py} bytes, profile python)"
printf '["a\\u0000\\u007f\x7f\\n"]' >"$tmp/ctl.json"  # js writes \u0000 and a raw DEL
run "$BIN" canon --show "$tmp/ctl.json"
expect_eq "canon --show DEL" "$(head -n 1 "$tmp/out")" '["a\u0000\x7f\x7f\n"]'

# ---- sign ------------------------------------------------------------------------------------------
# Node's recorded signatures (token hex, body hex, signature), via a token file for binary keys.
signs=$GOLDEN/sign_js.txt
if [[ -r $signs ]]; then
  n=0
  while IFS='|' read -r tok_hex body_hex sig; do
    [[ $tok_hex == \#* ]] && continue
    unhex "$body_hex" >"$tmp/sbody.json"
    if [[ -z $tok_hex ]]; then  # the CLI refuses an empty token
      run "$BIN" sign --token-file /dev/null "$tmp/sbody.json"
      expect_error "node sign row with empty token" "jsonsig: sign: the token is empty*"
      continue
    fi
    { unhex "$tok_hex"; printf '\n'; } >"$tmp/stok"  # the one LF is stripped, so any key works
    run "$BIN" sign --token-file "$tmp/stok" "$tmp/sbody.json"
    expect_signature "node sign row $n" "$sig"
    n=$((n + 1))
  done < <(tr '\t' '|' <"$signs")
  ((n >= 20)) && ok || bad "sign_js.txt: only $n rows"
else
  bad "missing $signs"
fi

if command -v openssl >/dev/null 2>&1; then
  ossl() { openssl dgst -sha512 -hmac "$1" <"$2" | awk '{print $NF}'; }
  for key in Jefe 'tok-3f9a with spaces' "$(printf 'k%.0s' {1..200})"; do
    for p in "${profiles[@]}"; do
      "$BIN" canon --profile "$p" "$tmp/body.json" >"$tmp/canon.out"
      want=$(ossl "$key" "$tmp/canon.out")
      run "$BIN" sign --profile "$p" --token "$key" "$tmp/body.json"
      expect_signature "sign $p key#${#key} == openssl(canon)" "$want"
      run "$BIN" sign --profile "$p" --token "$key" <"$tmp/body.json"
      expect_signature "sign $p stdin" "$want"
      printf '%s\r\n' "$key" >"$tmp/key.crlf"
      run "$BIN" sign --profile "$p" --token-file "$tmp/key.crlf" "$tmp/body.json"
      expect_signature "sign $p token file CRLF" "$want"
      JSONSIG_TOKEN=$key run "$BIN" sign --profile "$p" "$tmp/body.json"
      expect_signature "sign $p env token" "$want"
    done
  done
else
  echo "note: openssl not found; sign checked against node's recorded signatures only"
fi

# ---- verify ----------------------------------------------------------------------------------------
secret='S3cr3t-T0ken-do-not-print'
printf '%s\n' "$secret" >"$tmp/secret.key"
"$BIN" sign --token "$secret" "$tmp/body.json" >"$tmp/sig" || bad "sign for verify"
sig=$(cat "$tmp/sig")
upper=$(tr a-f A-F <<<"$sig")
flip_last=${sig:0:127}$([[ ${sig:127:1} == 0 ]] && echo 1 || echo 0)
flip_first=$([[ ${sig:0:1} == 0 ]] && echo 1 || echo 0)${sig:1}

run "$BIN" verify --token "$secret" --signature "$sig" "$tmp/body.json"
expect_rc "verify valid" 0
[[ -z $out && -z $err ]] && ok || bad "verify valid prints nothing: $out $err"
run "$BIN" verify --token "$secret" --signature "$upper" "$tmp/body.json"
expect_rc "verify valid, uppercase hex" 0
run "$BIN" verify --token-file "$tmp/secret.key" --signature-file "$tmp/sig" "$tmp/body.json"
expect_rc "verify --signature-file (LF stripped)" 0
printf '%s\r\n' "$sig" >"$tmp/sig.crlf"
run "$BIN" verify --token "$secret" --signature-file "$tmp/sig.crlf" <"$tmp/body.json"
expect_rc "verify --signature-file CRLF, body on stdin" 0
run "$BIN" verify --token "$secret" --signature-file - "$tmp/body.json" <"$tmp/sig"
expect_rc "verify signature from stdin" 0
JSONSIG_TOKEN=$secret run "$BIN" verify --signature "$sig" - <"$tmp/body.json"
expect_rc "verify env token, stdin body" 0
# The same body, reformatted: the signature is over the canonical form.
printf '{"a":{},"b":[],"2":null,"10":true,"customer":{"id":42,"name":"Zo\xc3\xab"},"orderId":"A-1","amount":12.5,"big":1E16,"exact":505874924095815681,"items":[{"sku":"x","qty":2,"price":1},{"sku":"\xc3\xa9\\u2028","qty":0.0000001}]}' >"$tmp/body2.json"
run "$BIN" verify --token "$secret" --signature "$sig" "$tmp/body2.json"
expect_rc "verify reformatted body" 0

for s in "$flip_last" "$flip_first"; do
  run "$BIN" verify --token "$secret" --signature "$s" "$tmp/body.json"
  expect_rc "verify one wrong digit" 1
  expect_eq "verify mismatch message" "$err" "jsonsig: signature mismatch"
  [[ -z $out ]] && ok || bad "verify mismatch: stdout not empty"
done
run "$BIN" verify --token "${secret}x" --signature "$sig" "$tmp/body.json"
expect_rc "verify wrong token" 1
run "$BIN" verify --profile python --token "$secret" --signature "$sig" "$tmp/body.json"
expect_rc "verify other profile" 1
printf '{"orderId":"A-2"}' >"$tmp/other.json"
run "$BIN" verify --token "$secret" --signature "$sig" "$tmp/other.json"
expect_rc "verify other body" 1

run "$BIN" verify --token "$secret" --signature "${sig:1}" "$tmp/body.json"
expect_error "verify short signature" "jsonsig: verify: malformed signature: expected 128 hex characters, got 127*"
run "$BIN" verify --token "$secret" --signature "${sig}0" "$tmp/body.json"
expect_error "verify long signature" "*expected 128 hex characters, got 129*"
run "$BIN" verify --token "$secret" --signature "${sig:0:64}g${sig:65}" "$tmp/body.json"
expect_error "verify non-hex signature" "jsonsig: verify: malformed signature: character 65 is not a hex digit*"
run "$BIN" verify --token "$secret" --signature "" "$tmp/body.json"
expect_error "verify empty signature" "*malformed signature*got 0*"
run "$BIN" verify --token "$secret" "$tmp/body.json"
expect_error "verify without a signature" "*exactly one of --signature and --signature-file*"
run "$BIN" verify --token "$secret" --signature "$sig" --signature-file "$tmp/sig" "$tmp/body.json"
expect_error "verify with two signatures" "*exactly one of --signature and --signature-file*"
run "$BIN" verify --token "$secret" --signature-file "$tmp/nope" "$tmp/body.json"
expect_error "verify missing signature file" "*cannot open signature file*nope*"
run "$BIN" verify --token "$secret" --signature-file - - <"$tmp/sig"
expect_error "verify signature and body both stdin" "*cannot both be stdin*"
run "$BIN" verify --token-file - --signature-file - "$tmp/body.json" <"$tmp/sig"
expect_error "verify token and signature both stdin" "*cannot both be stdin*"
printf '{"a":1,\n  "b": tru}' >"$tmp/badlit.json"
run "$BIN" verify --token "$secret" --signature "$sig" "$tmp/badlit.json"
expect_error "verify invalid JSON is exit 2, not 1" "jsonsig: $tmp/badlit.json:2:11: syntax error*\\(byte 18\\)"
run "$BIN" verify --signature "$sig" "$tmp/body.json"
expect_error "verify without a token" "*no token*"

# ---- errors: one line, FILE:LINE:COLUMN, byte offset ---------------------------------------------------
printf '{"a":1,\n  "b": "\xff"}' >"$tmp/utf8.json"
run "$BIN" canon "$tmp/utf8.json"
expect_error "canon invalid utf-8" "jsonsig: $tmp/utf8.json:2:9: invalid utf-8*\\(byte 16\\)"
run "$BIN" sign --token "$secret" "$tmp/utf8.json"
expect_error "sign invalid utf-8" "jsonsig: $tmp/utf8.json:2:9: invalid utf-8*\\(byte 16\\)"
run "$BIN" canon <"$tmp/utf8.json"
expect_error "canon invalid utf-8 on stdin" "jsonsig: <stdin>:2:9: invalid utf-8*\\(byte 16\\)"
printf '[1,\r\n2,]' >"$tmp/comma.json"
run "$BIN" canon "$tmp/comma.json"
expect_error "trailing comma after CRLF" "jsonsig: $tmp/comma.json:2:3: *\\(byte 7\\)"
printf '{"a":1,"a":2}' >"$tmp/dup.json"
run "$BIN" canon "$tmp/dup.json"
expect_rc "duplicate key accepted by js" 0
expect_eq "duplicate key: the last wins" "$out" '{"a":2}'
run "$BIN" canon --reject-duplicates "$tmp/dup.json"
expect_error "--reject-duplicates" "jsonsig: $tmp/dup.json:1:8: duplicate key*\\(byte 7\\)"
run "$BIN" sign --reject-duplicates --token "$secret" "$tmp/dup.json"
expect_error "sign --reject-duplicates" "*duplicate key*"
run "$BIN" canon --profile jcs "$tmp/dup.json"
expect_error "jcs rejects duplicates" "*duplicate key*"
printf '["\\ud800"]' >"$tmp/lone.json"
run "$BIN" canon --profile jcs "$tmp/lone.json"
expect_error "jcs lone surrogate" "jsonsig: $tmp/lone.json:1:3: lone surrogate*"
printf '%*s' 2000 '' | tr ' ' '[' >"$tmp/deep.json"
run "$BIN" canon "$tmp/deep.json"
expect_error "too deep (default 1024)" "jsonsig: $tmp/deep.json:1:1025: nesting too deep*\\(byte 1024\\)"
printf '[[[[1]]]]' >"$tmp/four.json"
run "$BIN" canon --max-depth 4 "$tmp/four.json"
expect_rc "--max-depth 4 accepts 4 levels" 0
run "$BIN" canon --max-depth=3 "$tmp/four.json"
expect_error "--max-depth 3" "jsonsig: $tmp/four.json:1:4: nesting too deep*\\(byte 3\\)"
run "$BIN" sign --max-depth 3 --token "$secret" "$tmp/four.json"
expect_error "sign --max-depth 3" "*nesting too deep*"
: >"$tmp/empty.json"
run "$BIN" canon "$tmp/empty.json"
expect_error "empty input" "jsonsig: $tmp/empty.json:1:1: *\\(byte 0\\)"

# Usage errors.
run "$BIN" canon --profile ruby "$tmp/body.json"
expect_error "unknown profile" "jsonsig: canon: unknown profile 'ruby'*"
for d in 0 -1 x 10000000 ''; do
  run "$BIN" canon --max-depth "$d" "$tmp/body.json"
  expect_error "--max-depth '$d'" "jsonsig: canon: --max-depth needs an integer*"
done
run "$BIN" canon "$tmp/body.json" "$tmp/body.json"
expect_error "canon two files" "*at most one input file*"
run "$BIN" canon "$tmp/missing.json"
expect_error "canon missing file" "jsonsig: canon: cannot open *missing.json*"
run "$BIN" canon "$tmp"
expect_error "canon a directory" "jsonsig: canon: cannot read *"
run "$BIN" canon --show=yes "$tmp/body.json"
expect_error "flag with a value" "*takes no value*"
run "$BIN" sign --token "$secret" --token-file "$tmp/secret.key" "$tmp/body.json"
expect_error "sign two token sources" "*mutually exclusive*"
run "$BIN" sign --token-file - <"$tmp/body.json"
expect_error "sign token and body both stdin" "*cannot both be stdin*"
run "$BIN" sign --token '' "$tmp/body.json"
expect_error "sign empty token" "*the token is empty*"

# ---- the token never appears in any output ----------------------------------------------------------
leaks=0
for args in "sign --token $secret $tmp/body.json" "sign --token $secret $tmp/utf8.json" \
  "sign --token $secret $tmp/missing.json" "sign --token $secret --profile nope $tmp/body.json" \
  "sign --token-file $tmp/secret.key $tmp/utf8.json" "sign --token=$secret --bogus" \
  "verify --token $secret --signature $sig $tmp/body.json" \
  "verify --token $secret --signature $flip_last $tmp/body.json" \
  "verify --token $secret --signature xyz $tmp/body.json" \
  "verify --token-file $tmp/secret.key --signature $sig $tmp/badlit.json" \
  "sign --token $secret --help" "verify --token $secret --help"; do
  # shellcheck disable=SC2086  # split on purpose: no argument contains spaces
  "$BIN" $args >"$tmp/out" 2>"$tmp/err"
  if grep -qF "$secret" "$tmp/out" "$tmp/err"; then
    leaks=$((leaks + 1))
    bad "token printed by: ${args//$secret/<token>}"
  fi
done
JSONSIG_TOKEN=$secret "$BIN" sign "$tmp/utf8.json" >"$tmp/out" 2>"$tmp/err"
grep -qF "$secret" "$tmp/out" "$tmp/err" && bad "env token printed" || ok
[[ $leaks == 0 ]] && ok

# ---- the 3 MB corpus file ---------------------------------------------------------------------------
big=$SHARED/corpus/marine_ik.json
digests=$GOLDEN/corpus_digests.tsv
if [[ -r $big && -r $digests ]]; then
  for p in "${profiles[@]}"; do
    read -r want_len want_sha < <(awk -F'\t' -v p="$p" '$1 == "marine_ik.json" && $2 == p {print $3, $4}' "$digests")
    "$BIN" canon --profile "$p" "$big" >"$tmp/big.out"
    rc=$?
    got_len=$(wc -c <"$tmp/big.out" | tr -d ' ')
    got_sha=$(sha512sum "$tmp/big.out" | awk '{print $1}')
    [[ $rc == 0 && $got_len == "$want_len" && $got_sha == "$want_sha" ]] && ok ||
      bad "marine_ik.json $p: exit $rc, $got_len bytes (want $want_len), sha512 ${got_sha:0:16} (want ${want_sha:0:16})"
    "$BIN" canon --profile "$p" <"$big" | cmp -s - "$tmp/big.out" && ok || bad "marine_ik.json $p: stdin differs"
    if command -v openssl >/dev/null 2>&1; then
      want=$(openssl dgst -sha512 -hmac "$secret" <"$tmp/big.out" | awk '{print $NF}')
      run "$BIN" sign --profile "$p" --token-file "$tmp/secret.key" "$big"
      expect_signature "marine_ik.json sign $p == openssl" "$want"
      run "$BIN" verify --profile "$p" --token-file "$tmp/secret.key" --signature "$want" - <"$big"
      expect_rc "marine_ik.json verify $p from stdin" 0
    fi
  done
  run "$BIN" canon --show "$big"
  expect_rc "marine_ik.json --show" 0
  expect_eq "marine_ik.json --show trailer" "$(tail -n 1 "$tmp/out")" \
    "($(awk -F'\t' '$1 == "marine_ik.json" && $2 == "js" {print $3}' "$digests") bytes, profile js)"
else
  bad "missing $big or $digests (set JSONSIG_SHARED_DIR)"
fi

# ---- help ---------------------------------------------------------------------------------------------
run "$BIN" --help
expect_rc "--help" 0
for c in canon sign verify diff hmac; do
  [[ $out == *"  $c "* ]] && ok || bad "--help does not list $c"
done
for c in canon sign verify diff hmac; do
  run "$BIN" "$c" --help
  expect_rc "$c --help" 0
  [[ $out == "usage: jsonsig $c"* && -z $err ]] && ok || bad "$c --help text: ${out:0:80}"
  run "$BIN" "$c" -h
  expect_rc "$c -h" 0
done
run "$BIN" verify --help
[[ $out == *"1  the signature is well formed but does not match"* && $out == *"malformed signature"* ]] &&
  ok || bad "verify --help documents exit 1 and 2"
run "$BIN" canon --help
[[ $out == *--show* && $out == *--reject-duplicates* && $out == *--max-depth* ]] && ok || bad "canon --help options"

finish
