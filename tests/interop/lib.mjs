// SPDX-License-Identifier: MIT
// The request check as a Node.js service writes it, shared by server.mjs and client.mjs. This is
// the reference the C++ `js` profile must agree with, so it stays deliberately plain: no npm
// packages, no cleverness.
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';

export const HEADER = 'x-signed-request';

// Sort object keys recursively. `out[k] = ...` is what a JS service writes; note that it
// inherits JS's own rules: integer-like keys enumerate first in numeric order, and a
// "__proto__" key sets the prototype instead of adding a property, so it is dropped.
export function sortDeep(v) {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}

// Throws SyntaxError on malformed JSON.
export const canonicalize = (text) => JSON.stringify(sortDeep(JSON.parse(text)));

// HMAC-SHA512 keyed with the token's UTF-8 bytes, lowercase hex.
export const signHex = (token, data) => crypto.createHmac('sha512', token).update(data).digest('hex');

// Test hook, same rule as the C++ client: flip the case of the first ASCII letter inside a JSON
// string, skipping escapes, so the body stays valid JSON but means something else. null when
// there is no such letter.
export function tamperBody(s) {
  let inString = false;
  for (let i = 0; i < s.length; ++i) {
    const c = s[i];
    if (!inString) {
      inString = c === '"';
    } else if (c === '\\') {
      i += s[i + 1] === 'u' ? 5 : 1;
    } else if (c === '"') {
      inString = false;
    } else if (/[A-Za-z]/.test(c)) {
      return s.slice(0, i) + String.fromCharCode(c.charCodeAt(0) ^ 0x20) + s.slice(i + 1);
    }
  }
  return null;
}

// Test hook: change one hex digit, keeping the signature well-formed.
export const tamperSignature = (sig) => (sig[0] === '0' ? '1' : '0') + sig.slice(1);

// --token-file F (one trailing line break ignored) or $JSONSIG_TOKEN; never printed.
export function readToken(tokenFile) {
  let token;
  if (tokenFile !== undefined) {
    token = readFileSync(tokenFile, 'utf8').replace(/\r?\n$/, '');
  } else {
    token = process.env.JSONSIG_TOKEN;
  }
  if (!token) throw new Error('no token: use --token-file or JSONSIG_TOKEN');
  return token;
}
