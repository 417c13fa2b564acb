// SPDX-License-Identifier: MIT
// A Node.js client that signs a JSON body the way a JS service does and POSTs it.
//
//   node client.mjs --url http://127.0.0.1:PORT/orders [options] BODY.json
//     --token-file F       token (default $JSONSIG_TOKEN)
//     --send-raw           send the file's bytes, signed over their canonical form
//     --unparsed           send the file's bytes signed as they are, no JSON.parse (bad-JSON tests)
//     --no-signature       omit the x-signed-request header
//     --tamper-body        flip the case of one letter inside a JSON string after signing
//     --tamper-signature   change one hex digit of the signature after signing
//     --timeout-ms N       whole-request timeout (default 30000)
//
// Prints the HTTP status on stdout. Exit: 0 on 2xx, 1 on other statuses, 2 on usage/network error.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HEADER, canonicalize, signHex, tamperBody, tamperSignature, readToken } from './lib.mjs';

function fail(msg) {
  process.stderr.write(`node-client: ${msg}\n`);
  process.exit(2);
}

let opt, positionals;
try {
  ({ values: opt, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'token-file': { type: 'string' },
      'send-raw': { type: 'boolean', default: false },
      unparsed: { type: 'boolean', default: false },
      'no-signature': { type: 'boolean', default: false },
      'tamper-body': { type: 'boolean', default: false },
      'tamper-signature': { type: 'boolean', default: false },
      'timeout-ms': { type: 'string', default: '30000' },
    },
  }));
} catch (e) {
  fail(e.message);
}
if (!opt.url || positionals.length !== 1) fail('usage: client.mjs --url URL [options] BODY.json');

let token;
try {
  token = readToken(opt['token-file']);
} catch (e) {
  fail(e.message);
}
const raw = readFileSync(positionals[0]);
let body; // Buffer
let signature;
if (opt.unparsed) {
  body = raw;
  signature = signHex(token, raw);
} else {
  let canonical;
  try {
    canonical = canonicalize(raw.toString('utf8'));
  } catch (e) {
    fail(`${positionals[0]}: ${e.message}`);
  }
  signature = signHex(token, canonical);
  body = opt['send-raw'] ? raw : Buffer.from(canonical, 'utf8');
}
if (opt['tamper-body']) {
  const t = tamperBody(body.toString('utf8'));
  if (t === null) fail('--tamper-body: no ASCII letter inside a string');
  body = Buffer.from(t, 'utf8');
}
if (opt['tamper-signature']) signature = tamperSignature(signature);

const headers = { 'content-type': 'application/json', 'content-length': body.length };
if (!opt['no-signature']) headers[HEADER] = signature;
// agent: false: one connection, closed after the answer, so the process ends at once.
const req = http.request(opt.url, { method: 'POST', headers, agent: false }, (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => {
    const status = res.statusCode;
    process.stdout.write(`${status}\n`);
    const ok = status >= 200 && status < 300;
    if (!ok) process.stderr.write(`node-client: HTTP ${status}: ${Buffer.concat(chunks).toString('utf8')}\n`);
    process.exitCode = ok ? 0 : 1;
  });
});
req.setTimeout(Number(opt['timeout-ms']), () => req.destroy(new Error('timeout')));
req.on('error', (e) => fail(`request to ${opt.url} failed: ${e.message}`));
req.end(body);
