// SM4-ECB/CBC over whole blocks on the host (op `cipher.block` of
// bridge/ciphers.py, `cryptography`'s SM4) for sm-crypto-v2's sm4(): its JS rounds
// cost ~1 ms per KB in QuickJS. Everything else stays the package's: key/iv/input
// parsing and their errors, PKCS#7 padding and its check, a trailing partial block
// with padding 'none' (left as zero bytes, as its loop does), output formats. Used
// only from 128 bytes on (below, the package's loop is as fast as loading the
// bridge) and only when key and iv are bytes, so every output is the same.
let bridge = null;

function bytes(a) {
  if (a instanceof Uint8Array) return a;
  if (!Array.isArray(a)) return null;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) return null;
  }
  return Uint8Array.from(a);
}

/** The output of the whole blocks of `data`, or null to let the package's loop run. */
export function hostSm4(cbc, encrypt, key, iv, data) {
  const whole = data.length - (data.length % 16);
  if (whole < 128) return null;
  const k = bytes(key);
  const v = cbc ? bytes(iv) : null;
  if (k === null || k.length !== 16 || (cbc && (v === null || v.length !== 16))) return null;
  if (bridge === null) bridge = require('internal/bridge');
  return bridge.call('cipher.block', 'sm4', cbc ? 'cbc' : 'ecb', k, v, data.subarray(0, whole), !encrypt)[0];
}
