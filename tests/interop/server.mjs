// SPDX-License-Identifier: MIT
// A Node.js implementation of the signed-request check, written the way a JS service would:
// read the raw body, JSON.parse, sortDeep, JSON.stringify, HMAC-SHA512 with the token, compare
// with crypto.timingSafeEqual. POST /orders answers 200, 401 (bad or missing signature) or 400
// (bad JSON).
//
//   node server.mjs [--port 0] [--token-file F] [--max-requests N] [--timeout-ms 60000]
//
// Listens on 127.0.0.1 only and prints "listening on 127.0.0.1:PORT". Exits after N requests,
// on SIGTERM/SIGINT, or (status 3) after the hard timeout so it can never hang CI.
import http from 'node:http';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { HEADER, canonicalize, signHex, readToken } from './lib.mjs';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'token-file': { type: 'string' },
    'max-requests': { type: 'string', default: '0' },
    'timeout-ms': { type: 'string', default: '60000' },
  },
});
const token = readToken(opt['token-file']);
const maxRequests = Number(opt['max-requests']);
const MAX_BODY = 8 << 20;

const log = (msg) => process.stderr.write(`node-server: ${msg}\n`);

function reply(res, status, obj) {
  const text = JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function check(req, res, raw) {
  let canonical;
  try {
    canonical = canonicalize(raw.toString('utf8'));
  } catch (e) {
    log(`400 ${e.message}`);
    return reply(res, 400, { ok: false, error: e.message });
  }
  const expected = Buffer.from(signHex(token, canonical), 'utf8');
  const given = Buffer.from(String(req.headers[HEADER] ?? ''), 'utf8');
  // timingSafeEqual throws on unequal lengths, and lengths are public anyway.
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    // The canonical body is public (the token is not): logging it makes mismatches debuggable.
    log(`401 canonical=${canonical.length > 600 ? canonical.slice(0, 600) + '...' : canonical}`);
    return reply(res, 401, { ok: false, error: 'bad signature' });
  }
  return reply(res, 200, { ok: true });
}

let answered = 0;
const server = http.createServer((req, res) => {
  res.on('finish', () => {
    if (maxRequests > 0 && ++answered >= maxRequests) shutdown(0);
  });
  if (req.method !== 'POST' || req.url !== '/orders') return reply(res, 404, { ok: false, error: 'not found' });
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size > MAX_BODY) {
      reply(res, 413, { ok: false, error: 'body too large' });
      req.destroy();
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    if (size <= MAX_BODY) check(req, res, Buffer.concat(chunks));
  });
});

function shutdown(code) {
  server.close();
  server.closeAllConnections();
  process.exit(code);
}

process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));
const hard = setTimeout(() => {
  log(`hard timeout after ${opt['timeout-ms']} ms`);
  shutdown(3);
}, Number(opt['timeout-ms']));
hard.unref();

server.listen(Number(opt.port), '127.0.0.1', () => {
  process.stdout.write(`listening on 127.0.0.1:${server.address().port}\n`);
});
