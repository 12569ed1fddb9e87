// sm-crypto-v2's exported sm3() over the host's SM3 (hashlib, ops `hash.digest` and
// `hmac.digest` of bridge/hashes.py): the package's interpreted SM3 costs ~0.1 ms
// for a short string and ~1.5 ms per KB in QuickJS, the host ~10-20 us plus the
// copy. SM3 and HMAC are standard, so the digests are identical (tested against
// Node). Only Uint8Array data goes to the host (the package's UTF-8 conversion of
// strings, with its own errors, still runs first); anything else returns null and
// takes the package's own path, with its own errors.
let bridge = null;

function call(...args) {
  if (bridge === null) bridge = require('internal/bridge');
  return bridge.call(...args);
}

export function hostSm3(input) {
  return input instanceof Uint8Array ? call('hash.digest', 'sm3', input) : null;
}

export function hostHmacSm3(key, input) {
  return key instanceof Uint8Array && input instanceof Uint8Array ? call('hmac.digest', 'sm3', key, input) : null;
}
