// crypto-js's MD5/SHA1/SHA256 helpers (CryptoJS.MD5(msg), CryptoJS.HmacSHA256(msg, key), ...)
// over the host's hashlib (ops `hash.digest` / `hmac.digest` of bridge/hashes.py): one
// SHA-256 compression costs ~50 us interpreted, so an HMAC of a short string took ~0.2 ms,
// the host ~20 us. Only the helper functions change, and only for inputs whose crypto-js
// result is the standard digest: strings (through crypto-js's own Utf8.parse, which throws
// as it does) and WordArrays with no stray bits after sigBytes (crypto-js hashes those
// bits; such inputs, other types, and HMAC keys longer than a block that are not clean take
// the package's path). The result is built as crypto-js builds it (`new WordArray.init`
// of signed 32-bit words, digest-size), an HMAC key WordArray is clamped in place as
// HMAC.init does, and a missing HMAC (crypto-js/hmac not loaded) fails as in the package.
let bridge = null;

function call(op, ...args) {
  if (bridge === null) bridge = require('internal/bridge');
  return bridge.call(op, ...args);
}

function clean(data) {
  const words = data.words;
  const n = data.sigBytes;
  if (!Array.isArray(words) || !Number.isInteger(n) || n < 0 || n > words.length * 4) return null;
  if (n % 4 !== 0 && words[n >>> 2] << ((n % 4) * 8) !== 0) return null;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = words[i >>> 2] >>> (24 - (i % 4) * 8);
  return out;
}

function bytesOf(Utf8, WordArray, data) {
  if (typeof data === 'string') return clean(Utf8.parse(data));
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

export function hostHash(C, name, helper) {
  const Utf8 = C.enc.Utf8;
  const WordArray = C.lib.WordArray;
  return function (message, cfg) {
    const bytes = bytesOf(Utf8, WordArray, message);
    if (bytes === null) return helper(message, cfg);
    return wordArray(WordArray, call('hash.digest', name, bytes));
  };
}

export function hostHmac(C, name, helper) {
  const Utf8 = C.enc.Utf8;
  const WordArray = C.lib.WordArray;
  return function (message, key) {
    if (C.algo.HMAC === undefined) return helper(message, key);
    if (key !== null && typeof key === 'object' && WordArray.isPrototypeOf(key) && key.sigBytes <= 64) key.clamp();
    const k = bytesOf(Utf8, WordArray, key);
    const bytes = k === null ? null : bytesOf(Utf8, WordArray, message);
    if (bytes === null) return helper(message, key);
    return wordArray(WordArray, call('hmac.digest', name, k, bytes));
  };
}
