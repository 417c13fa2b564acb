// SPDX-License-Identifier: MIT
// Records what the real references print for hard canonicalization inputs, so that
// tests/golden/canonical_golden_test.cpp and tests/golden/corpus_test.cpp can hold jsonsig to them.
//
//   npm install --prefix scripts && node scripts/gen_goldens.mjs
//
// writes (deterministic: fixed-seed PRNG, no clock, no environment in the data)
//   tests/golden/data/canonical_cases.tsv   name, hex input, then per profile js / jcs / python the
//                                           hex output or "error"
//   tests/golden/data/corpus_digests.tsv    per shared corpus file and profile: output byte length
//                                           and SHA-512 (outputs are too big to check in)
//
//   node scripts/gen_goldens.mjs --refs FILE
// reads one hex input per line of FILE and prints "<js>\t<jcs>\t<python>" per line (hex, "error",
// or "-" for jcs when the npm package is not installed): the live differential test uses it.
//
// The references (nothing in this file computes an expected value itself):
//   js      node: JSON.stringify(sortDeep(JSON.parse(text))), text = the input decoded as UTF-8
//   jcs     the npm package `canonicalize` (RFC 8785 reference implementation by its author) on
//           JSON.parse(text), after the I-JSON (RFC 7493 §2) checks that JSON.parse cannot make:
//           duplicate member names, lone surrogates, numbers that overflow to +-Infinity -> error
//   python  python3 json.dumps(json.loads(text), sort_keys=True, separators=(",", ":")), one
//           process for all inputs, with the int digit limit pinned at CPython's default 4300
// Left out on purpose (see scripts/README.md): invalid UTF-8 (node would decode it to U+FFFD while
// jsonsig rejects it), NaN/Infinity literals (json.loads accepts them, RFC 8259 does not), a
// "__proto__" key (sortDeep's assignment sets the prototype), nesting deeper than 900.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DATA = join(ROOT, 'tests', 'golden', 'data');
const CANONICALIZE_VERSION = '5.1.0';  // keep in step with scripts/package.json
const MAX_FILE_BYTES = 1 << 20;  // the repo's per-file size limit

// ---------------------------------------------------------------------------------------------
// The references

const sortDeep = (v) => {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
};

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// True when a member name repeats within one object (compared after unescaping, so "a" and
// "\u0061" collide). `text` must already be valid JSON: only strings and brackets matter here.
function hasDuplicateKeys(text) {
  const stack = [];  // a Set of names per open object, null per open array
  let expectKey = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top instanceof Set) {
        const name = JSON.parse(text.slice(i, j + 1));
        if (top.has(name)) return true;
        top.add(name);
      }
      expectKey = false;
      i = j;
    } else if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      stack.push(null);
      expectKey = false;
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    } else if (c === ':') {
      expectKey = false;
    }
  }
  return false;
}

// Lone surrogates (in names or strings) or non-finite numbers anywhere in a parsed value.
function violatesIJson(root) {
  const todo = [root];
  while (todo.length) {
    const v = todo.pop();
    if (typeof v === 'string' && !v.isWellFormed()) return true;
    if (typeof v === 'number' && !Number.isFinite(v)) return true;
    if (Array.isArray(v)) todo.push(...v);
    else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (!k.isWellFormed()) return true;
        todo.push(v[k]);
      }
    }
  }
  return false;
}

// -> { js, jcs }: Buffer or null (error); jcs undefined when no jcs reference is given.
function nodeRefs(bytes, canonicalize) {
  let text;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Error('input is not valid UTF-8; such inputs are out of scope (see scripts/README.md)');
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { js: null, jcs: canonicalize ? null : undefined };
  }
  const js = Buffer.from(JSON.stringify(sortDeep(value)), 'utf8');
  if (!canonicalize) return { js, jcs: undefined };
  let jcs = null;
  if (!hasDuplicateKeys(text) && !violatesIJson(value)) {
    try {
      jcs = Buffer.from(canonicalize(value), 'utf8');
    } catch {
      jcs = null;
    }
  }
  return { js, jcs };
}

const PYTHON_PROGRAM = String.raw`
import json, sys
# CPython's default since 3.11 (and 3.10.7 etc.); pinned so PYTHONINTMAXSTRDIGITS cannot move it.
sys.set_int_max_str_digits(4300)
out = []
for line in sys.stdin:
    try:
        text = bytes.fromhex(line.strip()).decode("utf-8")
        res = json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    except (ValueError, RecursionError):  # JSONDecodeError and the int digit limit are ValueErrors
        out.append("error")
        continue
    out.append(res.encode("ascii").hex())  # ensure_ascii: never anything but ASCII
sys.stdout.write("\n".join(out) + "\n")
`;

// One python3 process for every input. -> array of Buffer or null (error).
function pythonRefs(inputs) {
  const env = { ...process.env };
  delete env.PYTHONINTMAXSTRDIGITS;
  const r = spawnSync('python3', ['-c', PYTHON_PROGRAM], {
    input: inputs.map((b) => b.toString('hex')).join('\n') + '\n',
    env,
    maxBuffer: 1 << 30,
    encoding: 'latin1',
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error('python3 failed: ' + String(r.stderr).slice(0, 500));
  const lines = r.stdout.split('\n');
  lines.pop();
  if (lines.length !== inputs.length) throw new Error(`python3 answered ${lines.length} of ${inputs.length}`);
  return lines.map((l) => (l === 'error' ? null : Buffer.from(l, 'hex')));
}

function pythonVersion() {
  return spawnSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' })
    .stdout.trim();
}

async function loadCanonicalize(required) {
  try {
    return (await import('canonicalize')).default;
  } catch (e) {
    if (required) {
      throw new Error('npm package canonicalize missing: run `npm install --prefix scripts` (' + e.message + ')');
    }
    return null;
  }
}

const col = (b) => (b === null ? 'error' : b === undefined ? '-' : b.toString('hex'));

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: mulberry32.

function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n) => Math.floor(next() * n),  // [0, n)
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------------------------------------
// Hard cases

const cases = [];  // { name, input: Buffer, mustFail: bool }
const names = new Set();
function add(name, input, mustFail = false) {
  if (names.has(name)) throw new Error('duplicate case name ' + name);
  if (!/^[\x21-\x7e]+$/.test(name)) throw new Error('case names are printable ASCII without blanks: ' + name);
  names.add(name);
  cases.push({ name, input: Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8'), mustFail });
}
const bad = (name, input) => add(name, input, true);
const hex4 = (u, upper = false) => {
  const h = u.toString(16).padStart(4, '0');
  return '\\u' + (upper ? h.toUpperCase() : h);
};

function numberCases() {
  const lexemes = [
    // integers around 2^53 and far beyond (js/jcs round through binary64, python keeps them exact)
    '0', '-0', '1', '-1', '9007199254740991', '9007199254740992', '9007199254740993',
    '9007199254740994', '9007199254740995', '-9007199254740993', '18014398509481985',
    '9223372036854775807', '9223372036854775808', '-9223372036854775809', '18446744073709551615',
    '18446744073709551616', '505874924095815681', '123456789012345678901234567890',
    '100000000000000000000', '999999999999999999999', '1000000000000000000000',
    '1' + '0'.repeat(308), '17976931348623157' + '0'.repeat(292), '1' + '0'.repeat(309),
    '-1' + '0'.repeat(309), '9'.repeat(400),
    // zeros and signs
    '-0.0', '0.0', '-0e0', '0e-0', '0E+5', '-0.0e-10', '0.000', '-0.000e999',
    // ES exponent thresholds (1e21, 1e-7) and Python's (1e16, 1e-4)
    '1e21', '1e20', '1E21', '1e+21', '1E+21', '1e-7', '1e-6', '1E-7', '1e-07', '0.000001',
    '0.0000001', '1.5e-7', '123e-20', '1e15', '1e16', '1e17', '1e22', '1e23', '9.999999999999999e22',
    '1e-5', '1e-4', '0.0001', '0.00001', '0.001', '123.456e5', '1.5e+300', '12345e-3',
    '1234567890123456e5', '99999999999999999999e1',
    // binary64 range edges: max, overflow, underflow, subnormals
    '1e308', '1.7976931348623157e308', '1.7976931348623158e308', '1.7976931348623159e308',
    '-1.7976931348623159e308', '1e309', '1e400', '-1e400', '1E400', '1e-400', '-1e-400',
    '5e-324', '4.9406564584124654e-324', '2.4703282292062327e-324', '2.4703282292062328e-324',
    '2.2250738585072011e-308', '2.2250738585072012e-308', '2.2250738585072014e-308',
    '1e99999999999999999999', '1e-99999999999999999999', '0e99999999999999999999',
    '1e0000000000000000000001', '0.0000000001e310', '1000000000000000000000e-30',
    // shortest round trip: 17-digit non-shortest forms, halfway cases, X.0
    '0.1', '0.2', '0.3', '0.30000000000000004', '0.30000000000000003', '-65.613616999999977',
    '-65.61361699999998', '1.0', '-1.0', '10.0', '100.0', '1.5', '1.50', '12.50', '0.5',
    '123456789012345.6', '1234567890123456.7', '12345678901234567.8', '0.1e1', '1e0', '1E-0', '1e+0',
    '1e-1', '9007199254740993.0', '2.5', '1.7976931348623157e-308', '3.0e10', '4.35',
    '0.1234567890123456789', '7.2e-05', '1.00000000000000011102230246251565404236316680908203125',
    '1.00000000000000011102230246251565404236316680908203124',
    '1.00000000000000011102230246251565404236316680908203126',
    '3.141592653589793238462643383279502884197169399375105820974944592307816406286',
    '0.' + '0'.repeat(30) + '1', '0.' + '1234567890'.repeat(10), '1' + '0'.repeat(40) + '.5',
    '9007199254740992.' + '0'.repeat(60) + '1', '2.' + '2'.repeat(800) + '5e-3',
    // next to the thresholds where the output switches notation
    '9999999999999998', '9999999999999998.0', '9999999999999999.0', '9.999999999999999e-5',
    '9.999999999999999e-7', '999999999999999868928', '9.999999999999999e20', '123456789012345678.0',
    '-5e-324', '1e-323', '4.9e-324', '4.4501477170144023e-308', '2.225073858507201e-308',
    // exponent and significand that cancel out, exponents with leading zeros
    '1' + '0'.repeat(400) + 'e-400', '0.' + '0'.repeat(400) + '1e401', '1e0000400', '1E-0000000000000000000000000324',
    '-0.' + '0'.repeat(340) + '1e20',
  ];
  for (const lex of lexemes) {
    const tag = lex.length > 40 ? lex.slice(0, 16) + '..' + lex.slice(-6) + '_len' + lex.length : lex;
    add('num:' + tag, lex);
    add('num_in_array:' + tag, '[' + lex + ']');
  }
  // Python 3.11 refuses int literals with more than 4300 digits (sys.int_info.default_max_str_digits).
  add('num:int_4300_digits', '7'.repeat(4300));
  add('num:int_4301_digits', '7'.repeat(4301));
  add('num:neg_int_4300_digits', '-' + '7'.repeat(4300));
  add('num:neg_int_4301_digits', '-' + '7'.repeat(4301));
  add('num:int_4301_digits_in_object', '{"big":' + '1' + '0'.repeat(4300) + ',"a":1}');
  add('num:float_5000_digits', '1.' + '3'.repeat(5000));
  add('num:all_in_object', '{' + lexemes.slice(0, 60).map((l, i) => `"k${i}":${l}`).join(',') + '}');
  for (const lex of ['01', '-01', '00', '1.', '.1', '+1', '1e', '1e+', '1E-', '-', '--1', '0x10',
    '1.e5', '1e5.5', '0.e1', '- 1', '1_000', '١']) {
    bad('bad_num:' + Buffer.from(lex).toString('hex'), '[' + lex + ']');
  }
}

function stringCases() {
  // every control character, written every way JSON allows
  for (let c = 0; c < 0x20; ++c) {
    const h = c.toString(16).padStart(2, '0');
    add('ctl_lower:' + h, '"' + hex4(c) + '"');
    add('ctl_upper:' + h, '["x' + hex4(c, true) + 'y"]');
    bad('ctl_raw:' + h, Buffer.concat([Buffer.from('"a'), Buffer.from([c]), Buffer.from('b"')]));
  }
  add('ctl_all', '"' + Array.from({ length: 32 }, (_, c) => hex4(c)).join('') + '"');
  add('short_escapes', String.raw`["\b\f\n\r\t\"\\\/", "\u0008\u000C\u000a\u000D\u0009\u0022\u005c\u002F"]`);
  for (const [n, e] of [['quote', '\\"'], ['backslash', '\\\\'], ['slash', '\\/'], ['b', '\\b'],
    ['f', '\\f'], ['n', '\\n'], ['r', '\\r'], ['t', '\\t']]) {
    add('esc:' + n, `{"${e}":"${e}"}`);
  }
  for (const e of ['\\x41', '\\u12', '\\u12G4', '\\U0041', "\\'", '\\a', '\\0', '\\', '\\u']) {
    bad('bad_escape:' + Buffer.from(e).toString('hex'), '"' + e + '"');
  }
  add('del_raw', Buffer.from([0x22, 0x61, 0x7f, 0x62, 0x22]));
  add('del_escaped', '"a\\u007fb\\u007F"');
  add('u2028_u2029_raw', '"a\u2028b\u2029c"');
  add('u2028_u2029_escaped', '["\\u2028", "\\u2029", "\\u2028\\u2029"]');
  add('nonascii_raw', '"é ñ ß Ω я 中文 日本語 \u00a0 \u0080 \u07ff \u0800 \ufeff \uffff \ufffd \ue000"');
  add('nonascii_escaped', '"\\u00e9 \\u00F1 \\u00df \\u03a9 \\u044F \\u4e2d\\u6587 \\u00a0 \\u0080 \\u07ff \\u0800 \\ufeff \\uFFFF \\ufffd \\ue000"');
  add('nonascii_mixed_key', '{"\\u00e9":1,"é\\u00e9":2}');
  add('astral_raw', '["😀", "\u{10000}", "\u{10ffff}", "\u{1d11e}"]');
  add('astral_escaped', '["\\ud83d\\ude00", "\\ud800\\udc00", "\\udbff\\udfff", "\\uD834\\uDD1E"]');
  add('astral_mixed', '"a\\ud83d\\ude00b😀c"');
  // lone surrogates: js and python keep them (escaped on output), RFC 8785 §3.2.2.2 rejects them
  for (const [n, s] of [['high', '\\ud800'], ['low', '\\udfff'], ['reversed', '\\udc00\\ud800'],
    ['high_then_char', '\\ud83dx'], ['high_then_escape', '\\ud800\\u0041'],
    ['high_high_low', '\\ud83d\\ud83d\\ude00'], ['low_at_end', 'abc\\udc00'], ['upper', '\\uDBFF'],
    ['high_then_raw_astral', '\\ud800😀']]) {
    add('lone:' + n, '"' + s + '"');
  }
  add('lone:in_key', '{"\\ud800":1,"a":2}');
  add('lone:key_order', '{"\\udfff":1,"\\ue000":2,"\\ud83d\\ude00":3,"\\ud800":4,"\\uffff":5}');
  // One character that needs care at every position around 16/32/64-byte block edges, where
  // vectorized scanners hand over to their scalar tails.
  const specials = [['ctl', '\\u0001'], ['quote', '\\"'], ['del', '\u007f'], ['u2028', '\u2028'],
    ['e_acute', '\u00e9'], ['astral', '\u{1f600}'], ['esc_astral', '\\ud83d\\ude00'], ['lone', '\\udc00']];
  for (const len of [0, 1, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129]) {
    for (const [n, sp] of specials) {
      for (const at of new Set([0, len >> 1, len])) {
        const body = 'a'.repeat(at) + sp + 'b'.repeat(len - at);
        add(`block:${n}:${len}:${at}`, `{"${body}":"${body}","a${body}":0}`);
      }
    }
  }
  add('long_string', '"' + 'abc\\n\u00e9\\u0001😀'.repeat(500) + '"');
  bad('unterminated_string', '"abc');
  bad('unterminated_string_escape', '"abc\\"');
  bad('single_quotes', "['a']");
}

function keyCases() {
  // UTF-16 code unit order (js, jcs) against code point order (python)
  add('keys:bmp_vs_astral', '{"\\ue000":1,"\\ud83d\\ude00":2}');
  add('keys:ffff_vs_10000', '{"\uffff":1,"\u{10000}":2,"\ufb33":3,"\u{1f600}":4,"\ue000":5}');
  add('keys:mixed', '{"z":1,"a":2,"é":3,"A":4,"":5,"aa":6,"ab":7,"a\\u0000":8,"\\u0000":9,"~":10,"\u007f":11,"\u0080":12,"\u4e2d":13,"😀":14,"\ufb33":15}');
  add('keys:prefixes', '{"abc":1,"ab":2,"abcd":3,"a":4,"abd":5,"b":0}');
  add('keys:case', '{"b":1,"B":2,"a":3,"A":4,"_":5,"0":6}');
  // array-index keys: JS objects enumerate "0".."4294967294" first, numerically
  add('keys:array_index', '{"1.5":1,"4294967295":2,"4294967294":3,"-1":4,"01":5,"2":6,"10":7,"1":8,"0":9,"a":10}');
  add('keys:array_index_more', '{"00":1,"1e3":2," 1":3,"+1":4,"9007199254740993":5,"4294967296":6,"-0":7,"0":8,"100":9,"99":10,"4294967293":11}');
  add('keys:array_index_nested', '[{"3":{"20":1,"3":2,"b":3},"1":[{"11":0,"2":0}]}]');
  // duplicates: last wins (js, python); I-JSON (RFC 7493 §2.3) makes them an error for jcs
  add('dup:simple', '{"a":1,"a":2}');
  add('dup:three', '{"a":1,"b":2,"a":3,"c":4,"a":5}');
  add('dup:escaped', '{"a":1,"\\u0061":2}');
  add('dup:nested', '{"x":{"k":true,"k":false},"y":1}');
  add('dup:object_values', '{"a":{"x":1},"a":[2]}');
  add('dup:index_keys', '{"1":1,"2":2,"1":3}');
  add('dup:astral', '{"😀":1,"\\ud83d\\ude00":2}');
  add('dup:not_across_objects', '[{"a":1},{"a":2},{"b":{"a":3}}]');
  add('dup:in_array_object', '[1,{"a":1,"b":{"c":1},"a":2}]');
  bad('keys:unquoted', '{a:1}');
  bad('keys:number', '{1:1}');
  bad('keys:missing_colon', '{"a" 1}');
}

function structureCases() {
  for (const s of ['[]', '{}', '[[]]', '[{}]', '{"a":[]}', '{"a":{}}', 'true', 'false', 'null',
    '"str"', '""', '[true,false,null]', '[[[1,[2]],{"b":[{"c":{}}]}],3]']) {
    add('struct:' + Buffer.from(s).toString('hex'), s);
  }
  add('nested:mix', '{"b":[{"z":{"y":{"x":[3,2,1]}}},null,true,false,"str"],"a":{"d":{"f":1,"e":2},"c":[]}}');
  add('deep:arrays_900', '['.repeat(900) + '1' + ']'.repeat(900));
  add('deep:objects_900', '{"k":'.repeat(900) + '"v"' + '}'.repeat(900));
  add('deep:mixed_900', '[{"b":1,"a":'.repeat(450) + '[]' + '}]'.repeat(450));
  add('ws:around', ' \t\r\n{ "b" : 1 , "a" : [ 1 , 2 ] } \n\t\r ');
  add('ws:crlf_everywhere', '\r\n[\r\n1\r\n,\r\n{\r\n"a"\r\n:\r\nnull\r\n}\r\n]\r\n');
  add('ws:tabs_only', '\t[\t"\t"\t]\t');
  add('ws:scalar', '   42   ');
  bad('ws:only', ' \t\r\n');
  bad('empty', '');
  for (const [n, w] of [['nbsp', '\u00a0'], ['vt', '\u000b'], ['ff', '\u000c'], ['u2028', '\u2028'],
    ['bom_inside', '\ufeff']]) {
    bad('ws_bad:' + n, '[1,' + w + '2]');
  }
  bad('bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
  bad('trailing_comma_array', '[1,2,]');
  bad('trailing_comma_object', '{"a":1,}');
  bad('leading_comma', '[,1]');
  bad('double_comma', '[1,,2]');
  bad('unterminated_array', '[1,2');
  bad('unterminated_object', '{"a":1');
  bad('unterminated_nested', '{"a":[1,{"b":2}');
  bad('extra_close', '[1]]');
  bad('mismatched', '[1}');
  bad('two_values', '1 2');
  bad('trailing_garbage', '{} x');
  bad('comment_block', '/**/[]');
  bad('comment_line', '[] // c');
  bad('literal_case', '[True]');
  bad('literal_short', '[nul]');
  bad('literal_long', '[nulll]');
  bad('undefined', '[undefined]');
}

// Random documents mixing all of the above. clean: no duplicate keys, lone surrogates or overflowing
// numbers, so jcs has output to compare too.
function randomDocument(r, clean) {
  const numberPool = ['0', '-0', '-0.0', '1.0', '1e21', '1e-7', '9007199254740993', '0.30000000000000004',
    '-65.613616999999977', '5e-324', '1E+2', '12.50', '123456789012345678901', '1e16', '0.0001', '1e-5',
    '2.2250738585072011e-308'];
  const keyPool = ['a', 'b', 'A', '', '0', '1', '2', '10', '01', '-1', '1.5', '4294967294', '4294967295',
    '\ue000', '\u{1f600}', '\uffff', '\u{10000}', 'é', 'e\u0301', '\u007f', '\n', '"', 'aa', 'ab'];
  const number = () => {
    if (r.chance(0.3)) return r.pick(numberPool);
    for (;;) {
      let s = r.chance(0.3) ? '-' : '';
      const digits = (n, lead) => {
        let d = lead ? String(1 + r.int(9)) : String(r.int(10));
        for (let i = 1; i < n; ++i) d += String(r.int(10));
        return d;
      };
      s += r.chance(0.2) ? '0' : digits(1 + r.int(r.chance(0.2) ? 30 : 8), true);
      if (r.chance(0.5)) s += '.' + digits(1 + r.int(r.chance(0.2) ? 25 : 6), false);
      if (r.chance(0.3)) s += r.pick(['e', 'E']) + r.pick(['', '+', '-']) + String(r.int(r.chance(0.2) ? 400 : 30));
      if (!clean || Number.isFinite(Number(s))) return s;
    }
  };
  const codePoint = () => {
    switch (r.int(12)) {
      case 0: return r.int(0x20);                        // controls
      case 1: return r.pick([0x22, 0x5c, 0x2f, 0x7f, 0x2028, 0x2029, 0xfeff]);
      case 2: return 0x80 + r.int(0x780);                // two-byte UTF-8
      case 3: return 0x800 + r.int(0xd000);              // three-byte, below the surrogates
      case 4: return 0xe000 + r.int(0x2000);             // three-byte, above them (sort differently)
      case 5: return 0x10000 + r.int(0x100000);          // astral
      case 6: return clean ? 0x41 : 0xd800 + r.int(0x800);  // lone surrogate (escaped only)
      default: return 0x20 + r.int(0x5f);                // printable ASCII
    }
  };
  // Writes the string of code points cps as JSON, choosing raw or escaped forms at random.
  const quote = (cps) => {
    let out = '"';
    for (const cp of cps) {
      const mustEscape = cp < 0x20 || cp === 0x22 || cp === 0x5c || (cp >= 0xd800 && cp <= 0xdfff);
      if (!mustEscape && r.chance(0.7)) {
        out += String.fromCodePoint(cp);
        continue;
      }
      const short = { 0x22: '\\"', 0x5c: '\\\\', 0x2f: '\\/', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t' }[cp];
      if (short && r.chance(0.6)) out += short;
      else if (cp >= 0x10000) {
        const upper = r.chance(0.5);
        out += hex4(0xd800 + ((cp - 0x10000) >> 10), upper) + hex4(0xdc00 + ((cp - 0x10000) & 0x3ff), upper);
      } else out += hex4(cp, r.chance(0.5));
    }
    return out + '"';
  };
  // A high surrogate escaped right before a low one would form a pair: drop such neighbours.
  const text = (maxLen) => {
    const cps = [];
    const n = r.int(maxLen + 1);
    for (let i = 0; i < n; ++i) {
      const cp = codePoint();
      const prev = cps[cps.length - 1];
      if (cp >= 0xdc00 && cp <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff) continue;
      cps.push(cp);
    }
    return cps;
  };
  const ws = () => r.pick(['', '', '', ' ', '\n', '\t', '\r\n  ']);
  const value = (depth, container = false) => {
    const kind = container ? 5 + r.int(3) : r.int(depth > 0 ? 8 : 5);
    switch (kind) {
      case 0: return r.pick(['true', 'false', 'null']);
      case 1: case 2: return number();
      case 3: case 4: return quote(text(8));
      case 5: case 6: {
        const n = r.int(5);
        const seen = new Set();
        const members = [];
        for (let i = 0; i < n; ++i) {
          const cps = r.chance(0.5) ? [...r.pick(keyPool)].map((c) => c.codePointAt(0)) : text(4);
          const key = cps.join(',');
          if (clean && seen.has(key)) continue;
          seen.add(key);
          members.push(ws() + quote(cps) + ws() + ':' + ws() + value(depth - 1) + ws());
          if (!clean && r.chance(0.1)) members.push(ws() + quote(cps) + ':' + value(depth - 1));  // duplicate
        }
        return '{' + members.join(',') + (n === 0 ? ws() : '') + '}';
      }
      default: {
        const n = r.int(3);
        const items = [];
        for (let i = 0; i < n; ++i) items.push(ws() + value(depth - 1) + ws());
        return '[' + items.join(',') + (n === 0 ? ws() : '') + ']';
      }
    }
  };
  // Depth 1..3, objects of at most 4 members and arrays of at most 2 items keep
  // canonical_cases.tsv under 1 MiB (the repo's per-file limit, checked in generate()); the
  // hand-written cases above cover deep nesting and long strings.
  return ws() + value(1 + r.int(3), r.chance(0.9)) + ws();
}

function randomCases() {
  const r = prng(0x6a736f6e);  // "json"
  for (let i = 0; i < 400; ++i) {
    const clean = i % 2 === 0;
    add(`random:${String(i).padStart(3, '0')}${clean ? ':clean' : ''}`, randomDocument(r, clean));
  }
}

// ---------------------------------------------------------------------------------------------
// Drivers

async function refsMode(file) {
  const canonicalize = await loadCanonicalize(false);
  const inputs = readFileSync(file, 'latin1').split('\n').filter((l) => l.length > 0)
    .map((l) => Buffer.from(l === '-' ? '' : l, 'hex'));
  const py = pythonRefs(inputs);
  const lines = inputs.map((b, i) => {
    const { js, jcs } = nodeRefs(b, canonicalize);
    return `${col(js)}\t${col(jcs)}\t${col(py[i])}`;
  });
  process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
}

async function generate() {
  const canonicalize = await loadCanonicalize(true);
  const pinned = JSON.parse(readFileSync(join(ROOT, 'scripts', 'node_modules', 'canonicalize', 'package.json'), 'utf8')).version;
  if (pinned !== CANONICALIZE_VERSION) throw new Error(`canonicalize ${pinned} installed, ${CANONICALIZE_VERSION} pinned`);
  const pyVersion = pythonVersion();

  numberCases();
  stringCases();
  keyCases();
  structureCases();
  randomCases();

  const py = pythonRefs(cases.map((c) => c.input));
  const rows = cases.map((c, i) => {
    const { js, jcs } = nodeRefs(c.input, canonicalize);
    if (c.mustFail && (js !== null || jcs !== null || py[i] !== null)) {
      throw new Error(`case ${c.name} was meant to be rejected by every reference`);
    }
    return [c.name, c.input.toString('hex'), col(js), col(jcs), col(py[i])].join('\t');
  });
  const header = [
    `# Canonicalization goldens recorded by scripts/gen_goldens.mjs from node ${process.version}, ` +
      `npm canonicalize ${CANONICALIZE_VERSION}, python ${pyVersion}. Do not edit by hand.`,
    '# name\tinput hex\tjs\tjcs\tpython   (each output: hex bytes, or "error")',
    `#cases\t${rows.length}`,
  ];
  const tsv = header.concat(rows).join('\n') + '\n';
  if (Buffer.byteLength(tsv) >= MAX_FILE_BYTES) {
    throw new Error(`canonical_cases.tsv would be ${Buffer.byteLength(tsv)} bytes, over the 1 MiB per-file limit`);
  }
  writeFileSync(join(DATA, 'canonical_cases.tsv'), tsv);

  const corpusDir = join(ROOT, '..', 'shared', 'corpus');
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.json')).sort();
  const docs = files.map((f) => readFileSync(join(corpusDir, f)));
  const pyDocs = pythonRefs(docs);
  const digest = (b) => createHash('sha512').update(b).digest('hex');
  const corpusRows = [];
  files.forEach((f, i) => {
    const { js, jcs } = nodeRefs(docs[i], canonicalize);
    for (const [p, out] of [['js', js], ['jcs', jcs], ['python', pyDocs[i]]]) {
      if (out === null || out === undefined) throw new Error(`${f}: the ${p} reference rejected it`);
      corpusRows.push([f, p, out.length, digest(out)].join('\t'));
    }
  });
  writeFileSync(join(DATA, 'corpus_digests.tsv'),
    [`# file\tprofile\toutput bytes\tSHA-512 of the output (scripts/gen_goldens.mjs; node ${process.version}, ` +
      `canonicalize ${CANONICALIZE_VERSION}, python ${pyVersion})`].concat(corpusRows).join('\n') + '\n');
  const errors = (k) => rows.filter((r) => r.split('\t')[k] === 'error').length;
  process.stdout.write(`${rows.length} cases (errors: js ${errors(2)}, jcs ${errors(3)}, python ${errors(4)}); ` +
    `${corpusRows.length} corpus digests\n`);
}

if (process.argv[2] === '--refs') await refsMode(process.argv[3]);
else await generate();
