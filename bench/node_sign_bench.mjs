// SPDX-License-Identifier: MIT
// Node's own way of signing a JSON API request, timed on the same documents as bench_sign:
//   JSON.parse -> sortDeep -> JSON.stringify -> createHmac('sha512', token).update(..).digest('hex')
// (the reference the js profile reproduces; see scripts/gen_sign_goldens.mjs).
//
//   node bench/node_sign_bench.mjs [--repetitions 5] [--min-time 0.2] [--filter REGEX]
//
// One JSON line per document on stdout:
//   {"name":"sign/node/<doc>","ns_per_op":..,"cpu_ns_per_op":..,"bytes":..,"iterations":..,"sig16":".."}
// ns_per_op is the median over the repetitions of wall time per call (process.hrtime.bigint);
// cpu_ns_per_op the median of process CPU time per call (process.cpuUsage: user + system, all of
// node's threads, so GC helper threads count), comparable with Google Benchmark's cpu_time on a
// busy machine. Each repetition runs batches until min-time seconds of wall time have passed,
// after a warm-up that lets the JIT settle. sig16 is the first 16 hex digits of the signature.
import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sharedDir = process.env.JSONSIG_SHARED_DIR || join(here, '..', '..', 'shared');
const token = 'sk_live_9fQ2vX7mL0pR4tY8wZ1cB6nH3jK5dG0aE2sU7iO9';  // as in bench_sign.cpp

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const repetitions = Number(opt('--repetitions', '5'));
const minTime = Number(opt('--min-time', '0.2'));
const filter = new RegExp(opt('--filter', '.'));

const sortDeep = (v) => Array.isArray(v) ? v.map(sortDeep)
  : (v !== null && typeof v === 'object')
    ? Object.keys(v).sort().reduce((o, k) => { o[k] = sortDeep(v[k]); return o; }, {})
    : v;
const sign = (body) => createHmac('sha512', token)
  .update(JSON.stringify(sortDeep(JSON.parse(body))), 'utf8').digest('hex');

const jsonFiles = (dir, prefix) => readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f.startsWith(prefix)).sort()
  .map((f) => ({ name: f.slice(0, -5), path: join(dir, f) }));

const docs = [...jsonFiles(join(here, 'data'), 'body_'), ...jsonFiles(join(sharedDir, 'corpus'), '')]
  .map((d) => ({ ...d, text: readFileSync(d.path, 'utf8') }))
  .filter((d) => filter.test(`sign/node/${d.name}`));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

let sink = 0;  // consumed below, so the calls are not dead code
for (const d of docs) {
  const bytes = Buffer.byteLength(d.text, 'utf8');
  // Warm-up: at least 0.1 s or 10 calls, and an estimate of the cost per call.
  let warm = 0;
  const w0 = process.hrtime.bigint();
  while (warm < 10 || Number(process.hrtime.bigint() - w0) < 1e8) { sink ^= sign(d.text).charCodeAt(0); ++warm; }
  const estimate = Number(process.hrtime.bigint() - w0) / warm;
  const batch = Math.max(1, Math.floor(1e7 / estimate));  // ~10 ms per batch between clock reads
  const wall = [], cpu = [];
  let iterations = 0;
  for (let r = 0; r < repetitions; ++r) {
    let n = 0;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let t = t0;
    do {
      for (let i = 0; i < batch; ++i) sink ^= sign(d.text).charCodeAt(0);
      n += batch;
      t = process.hrtime.bigint();
    } while (Number(t - t0) < minTime * 1e9);
    const c = process.cpuUsage(c0);
    wall.push(Number(t - t0) / n);
    cpu.push(((c.user + c.system) * 1000) / n);
    iterations += n;
  }
  process.stdout.write(JSON.stringify({
    name: `sign/node/${d.name}`, ns_per_op: median(wall), cpu_ns_per_op: median(cpu), bytes,
    iterations, repetitions, sig16: sign(d.text).slice(0, 16),
  }) + '\n');
}
if (sink === 0x10000) process.stderr.write('');  // never true; keeps sink observable
