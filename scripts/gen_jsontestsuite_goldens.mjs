// Regenerates tests/vectors/data/jsontestsuite_outputs.tsv: what real Node and real CPython make
// of every JSONTestSuite y_ and i_ file that is well-formed UTF-8, for the js and python profiles.
//   node scripts/gen_jsontestsuite_goldens.mjs [test_parsing dir] > tests/vectors/data/jsontestsuite_outputs.tsv
// Default dir: ../shared/vectors/jsontestsuite/test_parsing next to the source tree.
//
// Row: <file>\t<js>\t<python>, each column the lowercase hex of the UTF-8 output, or
// "error:<exception class>" when the reference rejects the text.
//   js:     JSON.stringify(sortDeep(JSON.parse(text)))
//   python: json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
// `text` is the file decoded as strict UTF-8 with a leading BOM kept (TextDecoder ignoreBOM), so
// both references see the same code points the engine sees. Files that are not well-formed UTF-8
// get no row: Node would silently substitute U+FFFD and json.loads(bytes) would guess an encoding
// (UTF-16/32, utf-8-sig), so there is no reference to compare with (docs/jsontestsuite.md).
// Python 3 is spawned once for all files.
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? join(here, '..', '..', 'shared', 'vectors', 'jsontestsuite', 'test_parsing');

// Plain objects are rebuilt with their keys inserted in Object.keys(o).sort() order; arrays are
// mapped. This is the client/server code the js profile must match.
const sortDeep = (v) => Array.isArray(v) ? v.map(sortDeep)
  : (v !== null && typeof v === 'object')
    ? Object.keys(v).sort().reduce((o, k) => { o[k] = sortDeep(v[k]); return o; }, {})
    : v;

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const files = readdirSync(dir).filter((f) => /^[yi]_.*\.json$/.test(f)).sort();
const rows = [];
for (const f of files) {
  let text;
  try {
    text = strict.decode(readFileSync(join(dir, f)));
  } catch {
    continue;  // not well-formed UTF-8: no reference output (see above)
  }
  let js;
  try {
    js = Buffer.from(JSON.stringify(sortDeep(JSON.parse(text))), 'utf8').toString('hex');
  } catch (e) {
    js = 'error:' + e.name;
  }
  rows.push({ f, text, js });
}

// One python3 process: reads a JSON list of texts on stdin, answers a JSON list of columns.
const py = String.raw`
import json, sys
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(4300)  # CPython's default, whatever PYTHONINTMAXSTRDIGITS says
out = []
for t in json.load(sys.stdin):
    try:
        out.append(json.dumps(json.loads(t), sort_keys=True, separators=(",", ":")).encode("utf-8").hex())
    except Exception as e:
        out.append("error:" + type(e).__name__)
json.dump(out, sys.stdout)
`;
const version = spawnSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' });
// The texts travel as JSON; JSON.stringify escapes lone surrogates, so the pipe is valid UTF-8.
const res = spawnSync('python3', ['-c', py], {
  input: JSON.stringify(rows.map((r) => r.text)), encoding: 'utf8', maxBuffer: 1 << 28,
});
if (res.status !== 0 || version.status !== 0) {
  process.stderr.write('python3 failed: ' + (res.stderr || version.stderr) + '\n');
  process.exit(1);
}
const pyCols = JSON.parse(res.stdout);
if (pyCols.length !== rows.length) throw new Error('python3 answered ' + pyCols.length + ' rows');

const out = ['# file\tjs (node ' + process.version + ')\tpython (CPython ' + version.stdout.trim() + ')'];
rows.forEach((r, i) => out.push(r.f + '\t' + r.js + '\t' + pyCols[i]));
process.stdout.write(out.join('\n') + '\n');
