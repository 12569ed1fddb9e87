// crypto-js's MD5/SHA1/SHA256 helpers (CryptoJS.MD5(msg), CryptoJS.HmacSHA256(msg, key), ...)
// over the host's hashlib (ops `hash.digest` / `hmac.digest` of bridge/hashes.py): one
// SHA-256 compression costs ~50 us interpreted, so an HMAC of a short string took ~0.2 ms,
// the host ~20 us. Only the helper functions change, and only for inputs whose crypto-js
// result is the standard digest: strings and WordArrays with no stray bits after sigBytes
// (crypto-js hashes those bits; such inputs, other types, and HMAC keys longer than a block
// that are not clean take the package's path). The result is built as crypto-js builds it
// (`new WordArray.init` of signed 32-bit words, digest-size), an HMAC key WordArray is
// clamped in place as HMAC.init does, and a missing HMAC (crypto-js/hmac not loaded) fails
// as in the package.
//
// Bytes of a string: crypto-js's Utf8.parse is `Latin1.parse(unescape(encodeURIComponent(s)))`
// and Latin1.parse packs each char code (all < 256 there) into the words, so the bytes
// hashed are exactly the chars of `unescape(encodeURIComponent(s))`. Native built-ins turn
// those into a Uint8Array (btoa, Uint8Array.fromBase64) instead of a JS loop building
// ~n/4 words and another unpacking n bytes (~0.25 ms for 1 KB). The same globals are
// called as in Utf8.parse (a lone surrogate throws its URIError); if a script replaced
// Utf8.parse or Latin1.parse, their result is used, as crypto-js would.
//
// CommonJS, not ESM: esbuild turns an ESM file required from CommonJS into a getter object
// rebuilt at every require (twice per md5/sha1/sha256 file load). Built-ins are looked up at
// the first call: btoa is a lazy global of the engine (installing it costs), and a file that
// is loaded but never hashes a string should not pay for it.
'use strict';

let bridge = null;
let $btoa = null;
let fromBase64 = null;
const isArray = Array.isArray;
const isInteger = Number.isInteger;

function call(op, ...args) {
  if (bridge === null) bridge = require('internal/bridge');
  return bridge.call(op, ...args);
}

// The bytes a WordArray's hash covers, or null when bits after sigBytes are set
// (crypto-js hashes those). Words are read as ToUint32 (`>>>`), as the hashers'
// bitwise operations read them.
function clean(data) {
  const words = data.words;
  const n = data.sigBytes;
  if (!isArray(words) || !isInteger(n) || n < 0 || n > words.length * 4) return null;
  if (n % 4 !== 0 && words[n >>> 2] << ((n % 4) * 8) !== 0) return null;
  const out = new Uint8Array(n);
  const full = n >>> 2;
  let j = 0;
  for (let i = 0; i < full; i++) {
    const w = words[i];
    out[j++] = w >>> 24;
    out[j++] = w >>> 16;
    out[j++] = w >>> 8;
    out[j++] = w;
  }
  for (; j < n; j++) out[j] = words[j >>> 2] >>> (24 - (j % 4) * 8);
  return out;
}

function parser(C) {
  const Utf8 = C.enc.Utf8;
  const Latin1 = C.enc.Latin1;
  const utf8Parse = Utf8.parse;
  const latin1Parse = Latin1.parse;
  return function (s) {
    if (Utf8.parse !== utf8Parse || Latin1.parse !== latin1Parse) return clean(Utf8.parse(s));
    const latin1 = unescape(encodeURIComponent(s));
    if ($btoa === null) {
      $btoa = btoa;
      fromBase64 = Uint8Array.fromBase64;
    }
    return fromBase64($btoa(latin1));
  };
}

function bytesOf(parse, WordArray, data) {
  if (typeof data === 'string') return parse(data);
  if (data !== null && typeof data === 'object' && WordArray.isPrototypeOf(data)) return clean(data);
  return null;
}

function wordArray(WordArray, digest) {
  const words = [];
  for (let i = 0; i < digest.length; i += 4) {
    words.push((digest[i] << 24) | (digest[i + 1] << 16) | (digest[i + 2] << 8) | digest[i + 3]);
  }
  return new WordArray.init(words, digest.length);
}

function hostHash(C, name, helper) {
  const parse = parser(C);
  const WordArray = C.lib.WordArray;
  return function (message, cfg) {
    const bytes = bytesOf(parse, WordArray, message);
    if (bytes === null) return helper(message, cfg);
    return wordArray(WordArray, call('hash.digest', name, bytes));
  };
}

function hostHmac(C, name, helper) {
  const parse = parser(C);
  const WordArray = C.lib.WordArray;
  return function (message, key) {
    if (C.algo.HMAC === undefined) return helper(message, key);
    if (key !== null && typeof key === 'object' && WordArray.isPrototypeOf(key) && key.sigBytes <= 64) key.clamp();
    const k = bytesOf(parse, WordArray, key);
    const bytes = k === null ? null : bytesOf(parse, WordArray, message);
    if (bytes === null) return helper(message, key);
    return wordArray(WordArray, call('hmac.digest', name, k, bytes));
  };
}

module.exports = { hostHash, hostHmac };
