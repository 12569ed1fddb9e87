// The state machine behind Cipheriv/Decipheriv: what update() and final() output
// in each mode, computed by stateless host ops (bridge/ciphers.py explains the
// chaining state passed back and forth). Mirrors OpenSSL's EVP behaviour as Node
// exposes it: CBC/ECB hold back a partial block (and, when decrypting with
// padding, the last whole block) until final(); stream modes output every byte
// at once; AEAD modes (GCM, ChaCha20-Poly1305) output at update() and settle the
// tag at final() over the plaintext they buffered; CCM is one-shot.
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/crypto_util');
  const { call, makeError } = U;
  const U8 = Uint8Array;
  const u8Slice = U8.prototype.slice;
  const FAMILY_BLOCK = { aes: 16, camellia: 16, sm4: 16, 'des-ede3': 8, 'des-ede': 8 };
  const EMPTY = new U8(0);

  function concat(a, b) {
    if (a.length === 0) return b;
    const out = new U8(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  }
  const unsupportedState = () => new Error('Trying to add data in unsupported state');
  const authFailed = () => new Error('Unsupported state or unable to authenticate data');
  const wrongFinal = () => makeError(Error, 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH',
    'error:1C80006B:Provider routines::wrong final block length');
  const badDecrypt = () => makeError(Error, 'ERR_OSSL_BAD_DECRYPT', 'error:1C800064:Provider routines::bad decrypt');

  /** A fresh state for `row` (node/crypto_cipher_table) with validated key/iv/tag length. */
  function newState(row, key, iv, decrypt, tagLen) {
    const mode = row[2];
    return {
      family: row[1], mode, key: u8Slice.call(key), iv: iv === null ? EMPTY : u8Slice.call(iv), decrypt,
      bs: FAMILY_BLOCK[row[1]] || 1, padding: true, chain: iv === null ? null : u8Slice.call(iv),
      pending: EMPTY, offset: 0, done: false,
      aead: mode === 'gcm' || mode === 'chacha20-poly1305' || mode === 'ccm',
      plain: null, aad: null, tag: null, tagLen, tagSet: false, updated: false,
      ccmLength: -1, maxMessage: 2147483647, authFailed: false,
    };
  }

  function runBlock(s, input) {
    const [out, next] = call('cipher.block', s.family, s.mode, s.key, s.chain, input, s.decrypt);
    s.chain = next;
    return out;
  }

  function blockUpdate(s, data) {
    const input = concat(s.pending, data);
    const bs = s.bs;
    if (s.mode === 'cbc' || s.mode === 'ecb') {
      let whole = input.length - input.length % bs;
      if (s.decrypt && s.padding && whole === input.length && whole > 0) whole -= bs;
      s.pending = u8Slice.call(input, whole);
      return whole === 0 ? EMPTY : runBlock(s, input.subarray(0, whole));
    }
    if (input.length === 0) return EMPTY;
    if (s.mode === 'cfb8') return runBlock(s, input);
    // cfb / ofb / ctr: the trailing partial block is output now and fed again next time.
    const skip = s.pending.length;
    const out = runBlock(s, input);
    s.pending = u8Slice.call(input, input.length - input.length % bs);
    return out.subarray(skip);
  }

  function blockFinal(s) {
    const bs = s.bs;
    if (s.mode !== 'cbc' && s.mode !== 'ecb') return EMPTY;
    const pending = s.pending;
    s.pending = EMPTY;
    if (!s.padding) {
      if (pending.length !== 0) throw wrongFinal();
      return EMPTY;
    }
    if (!s.decrypt) {
      const padded = new U8(bs).fill(bs - pending.length);
      padded.set(pending, 0);
      return runBlock(s, padded);
    }
    if (pending.length !== bs) throw wrongFinal();
    const out = runBlock(s, pending);
    const n = out[bs - 1];
    let bad = n === 0 || n > bs ? 1 : 0;
    for (let i = bs - (bad ? bs : n); i < bs; i++) bad |= out[i] ^ n;
    if (bad) throw badDecrypt();
    return out.subarray(0, bs - n);
  }

  function chachaNonce(iv) {
    const nonce = new U8(16);
    nonce[0] = 1;
    nonce.set(iv, 4);
    return nonce;
  }

  function streamUpdate(s, data) {
    if (data.length === 0) return EMPTY;
    let out;
    if (s.mode === 'gcm') out = call('cipher.gcm_stream', s.key, s.iv, s.offset, data);
    else if (s.mode === 'chacha20') out = call('cipher.chacha20', s.key, s.iv, s.offset, data);
    else out = call('cipher.chacha20', s.key, chachaNonce(s.iv), s.offset, data);
    s.offset += data.length;
    if (s.plain !== null) s.plain.push(s.decrypt ? out : data, s.decrypt);
    return out;
  }

  function ccmUpdate(s, data) {
    if (s.updated) throw unsupportedState();
    s.updated = true;
    if (data.length > s.maxMessage) {
      throw makeError(RangeError, 'ERR_CRYPTO_INVALID_MESSAGELEN', 'Invalid message length');
    }
    const aad = s.aad === null ? EMPTY : s.aad.bytes();
    if (s.ccmLength >= 0 && s.ccmLength !== data.length) {
      if (!s.decrypt) throw unsupportedState();
      s.authFailed = true;
      return EMPTY;
    }
    if (!s.decrypt) {
      const [ct, tag] = call('cipher.ccm', s.key, s.iv, data, aad, s.tagLen, null);
      s.tag = tag;
      return ct;
    }
    const plain = s.tag === null ? null : call('cipher.ccm', s.key, s.iv, data, aad, s.tagLen, s.tag);
    if (plain === null) { s.authFailed = true; return EMPTY; }
    return plain;
  }

  /** update(): the output bytes for `data` (a Uint8Array, possibly the caller's memory). */
  function update(s, data) {
    if (s.done) throw unsupportedState();
    switch (s.mode) {
      case 'ccm': return ccmUpdate(s, data);
      case 'xts':
        if (data.length < 16) throw unsupportedState();
        return call('cipher.block', 'aes', 'xts', s.key, s.iv, data, s.decrypt)[0];
      case 'gcm': case 'chacha20': case 'chacha20-poly1305':
        if (s.aead && s.plain === null) s.plain = new U.Chunks(null);
        // An empty update() does not reach OpenSSL: AAD may still follow.
        if (data.length > 0) s.updated = true;
        return streamUpdate(s, data);
      default:
        return blockUpdate(s, data);
    }
  }

  function aeadFinal(s) {
    const kind = s.mode === 'gcm' ? 'aes-gcm' : 'chacha20-poly1305';
    const aad = s.aad === null ? EMPTY : s.aad.bytes();
    const plain = s.plain === null ? EMPTY : s.plain.bytes();
    if (!s.decrypt) {
      const full = call('cipher.aead_final', kind, s.key, s.iv, aad, plain, null);
      s.tag = full.subarray(0, s.tagLen === -1 ? 16 : s.tagLen);
      return EMPTY;
    }
    if (s.tag === null || !call('cipher.aead_final', kind, s.key, s.iv, aad, plain, s.tag)) throw authFailed();
    return EMPTY;
  }

  /** final(): the last output bytes; the state is spent afterwards, even on failure. */
  function final(s) {
    if (s.done) throw makeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state');
    s.done = true;
    if (s.mode === 'ccm') {
      if (s.decrypt) {
        if (s.authFailed) throw authFailed();
        return EMPTY;
      }
      if (!s.updated) throw makeError(Error, 'ERR_OSSL_TAG_NOT_SET', 'error:1C800077:Provider routines::tag not set');
      return EMPTY;
    }
    if (s.mode === 'gcm' || s.mode === 'chacha20-poly1305') return aeadFinal(s);
    if (s.mode === 'xts' || s.mode === 'chacha20') return EMPTY;
    return blockFinal(s);
  }

  /** setAAD(): false when Node reports an invalid state. */
  function setAAD(s, aad, plaintextLength) {
    if (s.done || !s.aead) return false;
    if (s.mode === 'ccm') {
      if (plaintextLength < 0) {
        throw makeError(TypeError, 'ERR_MISSING_ARGS', 'options.plaintextLength required for CCM mode with AAD');
      }
      if (plaintextLength > s.maxMessage) {
        throw makeError(RangeError, 'ERR_CRYPTO_INVALID_MESSAGELEN', 'Invalid message length');
      }
      if (s.updated) return false;
      // Another setAAD() before the data replaces the first (OpenSSL restarts its CBC-MAC).
      s.aad = null;
      s.ccmLength = plaintextLength;
    } else if (s.updated) {
      return false;
    }
    if (s.aad === null) s.aad = new U.Chunks(null);
    s.aad.push(aad, false);
    return true;
  }

  module.exports = { newState, update, final, setAAD, EMPTY };
})
