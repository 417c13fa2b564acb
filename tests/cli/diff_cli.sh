#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `jsonsig diff`: identical bodies (exit 0, "identical (N bytes)"), the first difference with its
# byte offset, JSON path and caret-marked context (exit 1), two profiles over one body, the 3 MB
# corpus file against the recorded digests, errors (exit 2, naming the side), and --help.
# usage: bash diff_cli.sh /path/to/jsonsig
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

# A difference report: exit 1, first line "canonical forms differ at byte N: PATHS", then per
# side a header, an excerpt and a caret line whose caret sits under the expected character.
expect_diff() {  # name offset paths a_char b_char (the chars the carets point at; "" = end)
  expect_rc "$1" 1
  local line1
  line1=$(sed -n 1p "$tmp/out")
  expect_eq "$1: first line" "$line1" "canonical forms differ at byte $2: $3"
  [[ $(wc -l <"$tmp/out") == 7 ]] && ok || bad "$1: want 7 lines, got $(wc -l <"$tmp/out")"
  local side text caret col want
  for side in A B; do
    if [[ $side == A ]]; then text=$(sed -n 3p "$tmp/out"); caret=$(sed -n 4p "$tmp/out"); want=$4
    else text=$(sed -n 6p "$tmp/out"); caret=$(sed -n 7p "$tmp/out"); want=$5; fi
    col=${caret%%^*}
    col=${#col}
    if [[ -z $want ]]; then
      [[ $col == "${#text}" || ${text:col:3} == "..." ]] && [[ $caret == *"^ (end)" ]] && ok ||
        bad "$1: $side caret should mark the end: '$text' / '$caret'"
    else
      expect_eq "$1: $side caret char" "${text:col:${#want}}" "$want"
    fi
  done
  [[ -z $err ]] && ok || bad "$1: stderr not empty: $err"
}

# ---- identical -------------------------------------------------------------------------------------
printf '{"b":[1,2.50],"a":"x"}' >"$tmp/a.json"
printf '{ "a" : "x",\n  "b" : [ 1, 2.5 ] }\n' >"$tmp/a2.json"
run "$BIN" diff "$tmp/a.json" "$tmp/a2.json"
expect_rc "identical bodies" 0
expect_eq "identical output" "$out" "identical (21 bytes)"
run "$BIN" diff "$tmp/a.json" "$tmp/a.json"
expect_eq "same file" "$out" "identical (21 bytes)"
run "$BIN" diff - "$tmp/a.json" <"$tmp/a2.json"
expect_eq "A from stdin" "$out" "identical (21 bytes)"
run "$BIN" diff "$tmp/a.json" - <"$tmp/a2.json"
expect_eq "B from stdin" "$out" "identical (21 bytes)"
run "$BIN" diff --profile jcs "$tmp/a.json" "$tmp/a2.json"
expect_eq "identical in jcs" "$out" "identical (21 bytes)"
# Profiles that agree on this body.
run "$BIN" diff --profile js --profile-b jcs "$tmp/a.json" "$tmp/a.json"
expect_rc "js vs jcs agree" 0

# ---- different values -------------------------------------------------------------------------------
cat >"$tmp/order1.json" <<'EOF'
{"id": "A-1", "items": [{"sku": "a", "price": 1.5}, {"sku": "b", "price": 2}, {"sku": "c", "price": 10.25, "qty": 1}]}
EOF
cat >"$tmp/order2.json" <<'EOF'
{"items": [{"sku": "a", "price": 1.5}, {"sku": "b", "price": 2}, {"sku": "c", "price": 10.5, "qty": 1}], "id": "A-1"}
EOF
# canonical (102 bytes; 10.25 at byte 76): {"id":"A-1","items":[{"price":1.5,"sku":"a"},{"price":2,"sku":"b"},{"price":10.25,"qty":1,"sku":"c"}]}
run "$BIN" diff "$tmp/order1.json" "$tmp/order2.json"
expect_diff "price changed" 79 '$.items[2].price' 2 5
[[ $(sed -n 2p "$tmp/out") == "A  $tmp/order1.json (js, 102 bytes)" ]] && ok || bad "A header: $(sed -n 2p "$tmp/out")"
[[ $(sed -n 5p "$tmp/out") == "B  $tmp/order2.json (js, 101 bytes)" ]] && ok || bad "B header: $(sed -n 5p "$tmp/out")"

printf '[1,2]' >"$tmp/n1.json"
printf '[10,2]' >"$tmp/n2.json"
run "$BIN" diff "$tmp/n1.json" "$tmp/n2.json"
expect_diff "number continued on one side" 2 '$[0]' , 0

printf '{"a":1}' >"$tmp/m1.json"
printf '{"a":1,"b":2}' >"$tmp/m2.json"
run "$BIN" diff "$tmp/m1.json" "$tmp/m2.json"
expect_diff "extra member" 6 'A $, B $.b' '}' ,
run "$BIN" diff "$tmp/m2.json" "$tmp/m1.json"
expect_diff "missing member" 6 'A $.b, B $' , '}'

printf '{"k":{"a b":[true]}}' >"$tmp/k1.json"
printf '{"k":{"a c":[true]}}' >"$tmp/k2.json"
run "$BIN" diff "$tmp/k1.json" "$tmp/k2.json"
expect_diff "different key" 9 'A $.k["a b"], B $.k["a c"]' b c

printf '1' >"$tmp/s1.json"
printf '12' >"$tmp/s2.json"
run "$BIN" diff "$tmp/s1.json" "$tmp/s2.json"
expect_diff "prefix" 1 '$' "" 2

# ---- two profiles, one body -------------------------------------------------------------------------------
cat >"$tmp/body.json" <<'EOF'
{"items": [{"price": 1}, {"price": 2.5}, {"price": 1e16}], "name": "Zo\u00eb"}
EOF
# js: {"items":[{"price":1},{"price":2.5},{"price":10000000000000000}],"name":"Zoë"}
# py: {"items":[{"price":1},{"price":2.5},{"price":1e+16}],"name":"Zo\u00eb"}
run "$BIN" diff --profile js --profile-b python "$tmp/body.json" "$tmp/body.json"
expect_diff "js vs python" 46 '$.items[2].price' 0 e
[[ $(sed -n 2p "$tmp/out") == *"(js, 79 bytes)" && $(sed -n 5p "$tmp/out") == *"(python, 71 bytes)" ]] && ok ||
  bad "profile headers: $(sed -n 2p "$tmp/out") / $(sed -n 5p "$tmp/out")"
run "$BIN" diff --profile-b python "$tmp/body.json" "$tmp/body.json"
expect_diff "--profile-b alone (A is js)" 46 '$.items[2].price' 0 e
run "$BIN" diff --profile python --profile-b js "$tmp/body.json" "$tmp/body.json"
expect_diff "python vs js" 46 '$.items[2].price' e 0
# Non-ASCII: raw UTF-8 in js is shown as \xHH, python's \u escape as text.
printf '{"name":"Zo\\u00eb"}' >"$tmp/name.json"
run "$BIN" diff --profile js --profile-b python "$tmp/name.json" "$tmp/name.json"
expect_diff "non-ASCII" 11 '$.name' '\xc3\xab' '\u00eb'
[[ $(sed -n 3p "$tmp/out") == '   {"name":"Zo\xc3\xab"}' ]] && ok || bad "escaped excerpt: $(sed -n 3p "$tmp/out")"

# --context: a long common prefix is cut with "...".
{ printf '['; for i in $(seq 1 200); do printf '%d,' "$i"; done; printf '1]'; } >"$tmp/long1.json"
{ printf '['; for i in $(seq 1 200); do printf '%d,' "$i"; done; printf '2]'; } >"$tmp/long2.json"
run "$BIN" diff --context 5 "$tmp/long1.json" "$tmp/long2.json"
expect_diff "--context 5" 693 '$[200]' 1 2
expect_eq "--context 5 excerpt" "$(sed -n 3p "$tmp/out")" "   ...,200,1]"
run "$BIN" diff "$tmp/long1.json" "$tmp/long2.json"
expect_eq "default context 32" "$(sed -n 3p "$tmp/out")" "   ...193,194,195,196,197,198,199,200,1]"

# ---- the 3 MB corpus file ---------------------------------------------------------------------------------
big=$SHARED/corpus/marine_ik.json
digests=$SRC/tests/golden/data/corpus_digests.tsv
if [[ -r $big && -r $digests ]]; then
  len() { awk -F'\t' -v p="$1" '$1 == "marine_ik.json" && $2 == p {print $3}' "$digests"; }
  sha() { awk -F'\t' -v p="$1" '$1 == "marine_ik.json" && $2 == p {print $4}' "$digests"; }
  for pb in js jcs python; do
    run "$BIN" diff --profile-b "$pb" "$big" "$big"
    if [[ $(sha js) == "$(sha "$pb")" ]]; then
      expect_rc "marine_ik.json js vs $pb (same digest)" 0
      expect_eq "marine_ik.json js vs $pb" "$out" "identical ($(len js) bytes)"
    else
      expect_rc "marine_ik.json js vs $pb (different digests)" 1
      [[ $(sed -n 1p "$tmp/out") =~ ^canonical\ forms\ differ\ at\ byte\ [0-9]+:\ \$ ]] && ok ||
        bad "marine_ik.json js vs $pb: $(sed -n 1p "$tmp/out" | head -c 200)"
      [[ $(sed -n 5p "$tmp/out") == *"($pb, $(len "$pb") bytes)" ]] && ok ||
        bad "marine_ik.json $pb size: $(sed -n 5p "$tmp/out")"
    fi
  done
  # One digit changed, near the end of the file and in the middle: the diff finds it (one side
  # read from stdin), the caret is on the changed digit, and the path is the one python3 finds
  # by comparing the two parsed documents (the only value that differs).
  size=$(wc -c <"$big")
  for region in end middle; do
    if [[ $region == end ]]; then base=$((size - 2000)); else base=$((size / 2)); fi
    at=$(tail -c +$((base + 1)) "$big" | head -c 2000 | grep -abo '[1-9]' | tail -n 1 | cut -d: -f1)
    at=$((base + at))
    orig=$(dd if="$big" bs=1 skip="$at" count=1 2>/dev/null)
    repl=$([[ $orig == 9 ]] && echo 8 || echo 9)
    { head -c "$at" "$big"; printf '%s' "$repl"; tail -c +$((at + 2)) "$big"; } >"$tmp/big2.json"
    run "$BIN" diff - "$tmp/big2.json" <"$big"
    expect_rc "marine_ik.json digit changed ($region)" 1
    line1=$(sed -n 1p "$tmp/out")
    [[ $line1 =~ ^canonical\ forms\ differ\ at\ byte\ [0-9]+:\ \$[.[][^\ ]*$ ]] && ok ||
      bad "marine_ik.json ($region): ${line1:0:200}"
    caret=$(sed -n 4p "$tmp/out")
    col=${caret%%^*}
    a_at=$(sed -n 3p "$tmp/out" | cut -c$((${#col} + 1))-)
    b_at=$(sed -n 6p "$tmp/out" | cut -c$((${#col} + 1))-)
    [[ ${a_at:0:1} == "$orig" && ${b_at:0:1} == "$repl" ]] && ok ||
      bad "marine_ik.json ($region) caret: $(sed -n 3,7p "$tmp/out")"
    if command -v python3 >/dev/null 2>&1; then
      want=$(python3 -c '
import json, re, sys
def first(a, b, path):
    if type(a) is not type(b) or not isinstance(a, (dict, list)):
        return None if a == b else path
    if isinstance(a, list):
        items = [("[%d]" % i, x, y) for i, (x, y) in enumerate(zip(a, b))]
    else:
        items = [("." + k if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", k) else "[\"%s\"]" % k, a[k], b[k]) for k in a]
    for step, x, y in items:
        p = first(x, y, path + step)
        if p: return p
a, b = (json.load(open(f)) for f in sys.argv[1:3])
print(first(a, b, "$"))
' "$big" "$tmp/big2.json")
      expect_eq "marine_ik.json ($region) path vs python3" "${line1#*: }" "$want"
    fi
  done
else
  bad "missing $big or $digests (set JSONSIG_SHARED_DIR)"
fi

# ---- errors -------------------------------------------------------------------------------------------------
printf '{"a":\n [1,,2]}' >"$tmp/bad.json"
run "$BIN" diff "$tmp/a.json" "$tmp/bad.json"
expect_error "invalid B" "jsonsig: $tmp/bad.json:2:5: *\\(byte 10\\) \\[B, profile js\\]"
run "$BIN" diff "$tmp/bad.json" "$tmp/a.json"
expect_error "invalid A" "jsonsig: $tmp/bad.json:2:5: *\\[A, profile js\\]"
printf '{"a":1,"a":2}' >"$tmp/dup.json"
run "$BIN" diff --profile-b jcs "$tmp/dup.json" "$tmp/dup.json"
expect_error "B rejected by its profile" "jsonsig: $tmp/dup.json:1:8: duplicate key*\\[B, profile jcs\\]"
run "$BIN" diff --reject-duplicates "$tmp/dup.json" "$tmp/a.json"
expect_error "--reject-duplicates" "*duplicate key*\\[A, profile js\\]"
printf '[[[1]]]' >"$tmp/deep.json"
run "$BIN" diff --max-depth 2 "$tmp/a.json" "$tmp/deep.json"
expect_error "--max-depth" "jsonsig: $tmp/deep.json:1:3: nesting too deep*"
run "$BIN" diff - - <"$tmp/a.json"
expect_error "both stdin" "jsonsig: diff: A and B cannot both be stdin*"
run "$BIN" diff "$tmp/a.json"
expect_error "one input" "jsonsig: diff: expected two inputs*"
run "$BIN" diff "$tmp/a.json" "$tmp/a.json" "$tmp/a.json"
expect_error "three inputs" "jsonsig: diff: expected two inputs*"
run "$BIN" diff "$tmp/a.json" "$tmp/missing.json"
expect_error "missing file" "jsonsig: diff: cannot open *missing.json*"
run "$BIN" diff --profile-b perl "$tmp/a.json" "$tmp/a.json"
expect_error "unknown --profile-b" "jsonsig: diff: unknown profile 'perl' for --profile-b*"
for c in -1 x 10000 ''; do
  run "$BIN" diff --context "$c" "$tmp/a.json" "$tmp/a.json"
  expect_error "--context '$c'" "jsonsig: diff: --context needs an integer*"
done
run "$BIN" diff --token x "$tmp/a.json" "$tmp/a.json"
expect_error "diff takes no token" "jsonsig: diff: unknown option '--token'*"

# ---- help ---------------------------------------------------------------------------------------------------
run "$BIN" diff --help
expect_rc "diff --help" 0
[[ $out == "usage: jsonsig diff"* && $out == *--profile-b* && $out == *--context* && $out == *"exit status"* ]] &&
  ok || bad "diff --help text"
run "$BIN" diff -h "$tmp/missing.json"
expect_rc "diff -h wins over arguments" 0

finish
