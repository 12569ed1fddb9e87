// createCipheriv / createDecipheriv / getCiphers / getCipherInfo (Node 20,
// lib/internal/crypto/cipher.js and CipherBase in src/crypto/crypto_cipher.cc):
// the same argument checks, in the same order, with the same errors. The modes
// themselves live in node/crypto_cipher_modes.
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/crypto_util');
  const { makeError, invalidArgType, invalidArgValue, validateString } = U;
  const M = require('node/crypto_cipher_modes');
  const { ROWS, BY_NAME } = require('node/crypto_cipher_table');
  const isView = ArrayBuffer.isView;

  const kHandle = Symbol('kHandle');
  // this[kHandle] is an empty `CipherBase {}` (as util.inspect shows it in Node); the
  // state, key included, stays in this module.
  const CipherBase = class CipherBase {};
  const STATE = new WeakMap();
  function stateOf(self) {
    const state = self !== null && typeof self === 'object' ? STATE.get(self[kHandle]) : undefined;
    if (state === undefined) throw new TypeError('Illegal invocation');
    return state;
  }
  const GCM_TAGS = [4, 8, 12, 13, 14, 15, 16];
  const invalidIv = () => makeError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
  const invalidTag = (n) => makeError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${n}`);
  const invalidState = (op) => makeError(Error, 'ERR_CRYPTO_INVALID_STATE', `Invalid state for operation ${op}`);

  function getStringOption(options, key) {
    let value;
    if (options && (value = options[key]) != null) validateString(value, `options.${key}`);
    return value;
  }
  function getUIntOption(options, key) {
    let value;
    if (options && (value = options[key]) != null) {
      if (value >>> 0 !== value) throw invalidArgValue(`options.${key}`, value);
      return value;
    }
    return -1;
  }

  /** The tag length an AEAD mode will use (CipherBase::InitAuthenticated), or throws. */
  function authTagLength(row, name, ivLen, tagLen) {
    const mode = row[2];
    if (mode === 'gcm') {
      if (ivLen < 1 || ivLen > 128) throw invalidIv();
      if (tagLen !== -1 && !GCM_TAGS.includes(tagLen)) throw invalidTag(tagLen);
      return tagLen;
    }
    if (mode === 'ccm' && (ivLen < 7 || ivLen > 13)) throw invalidIv();
    if (mode === 'chacha20-poly1305' && ivLen !== 12) throw invalidIv();
    if (tagLen === -1) {
      if (mode === 'chacha20-poly1305') return 16;
      throw makeError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `authTagLength required for ${name}`);
    }
    const ok = mode === 'ccm' ? tagLen >= 4 && tagLen <= 16 && tagLen % 2 === 0 : tagLen >= 1 && tagLen <= 16;
    if (!ok) throw invalidTag(tagLen);
    return tagLen;
  }

  function initState(name, key, iv, tagLen, decrypt) {
    const row = BY_NAME[name.toLowerCase()];
    if (row === undefined) throw makeError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
    const expectedIv = row[6];
    const aead = row[2] === 'gcm' || row[2] === 'ccm' || row[2] === 'chacha20-poly1305';
    const ivLen = iv === null ? 0 : iv.length;
    if (ivLen === 0 && expectedIv !== 0) throw invalidIv();
    if (!aead && ivLen > 0 && ivLen !== expectedIv) throw invalidIv();
    const tags = aead ? authTagLength(row, name, ivLen, tagLen) : 0;
    if (key.length !== row[7]) throw makeError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    if (row[2] === 'gcm' && (ivLen < 8)) {
      throw makeError(TypeError, 'ERR_CRYPTO_INVALID_IV',
        'Invalid initialization vector (AES-GCM IVs shorter than 8 bytes are not supported in the sandbox)');
    }
    // OpenSSL refuses equal XTS key halves when encrypting only (decrypting them is
    // refused by `cryptography` at the first update: a known difference).
    if (row[2] === 'xts' && !decrypt && U.call('crypto.timingSafeEqual', key.subarray(0, key.length / 2), key.subarray(key.length / 2))) {
      throw makeError(Error, 'ERR_OSSL_XTS_DUPLICATED_KEYS', 'error:1C800095:Provider routines::xts duplicated keys');
    }
    const s = M.newState(row, key, expectedIv === 0 ? null : iv, decrypt, tags);
    if (row[2] === 'ccm') s.maxMessage = ivLen === 13 ? 65535 : ivLen === 12 ? 16777215 : 2147483647;
    return s;
  }

  function createCipherWithIV(self, cipher, key, options, decipher, iv) {
    validateString(cipher, 'cipher');
    const encoding = getStringOption(options, 'encoding');
    const keyBytes = U.secretKeyBytes(key, encoding);
    const ivBytes = iv === null ? null : U.bufferOrView(iv, 'iv');
    const tagLen = getUIntOption(options, 'authTagLength');
    const state = initState(cipher, keyBytes, ivBytes, tagLen, decipher);
    self._decoder = null;
    self._options = options;
    self[kHandle] = new CipherBase();
    STATE.set(self[kHandle], state);
  }

  function Cipheriv(cipher, key, iv, options) {
    if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
    createCipherWithIV(this, cipher, key, options, false, iv);
  }
  function Decipheriv(cipher, key, iv, options) {
    if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
    createCipherWithIV(this, cipher, key, options, true, iv);
  }

  function update(data, inputEncoding, outputEncoding) {
    const bytes = U.dataBytes(data, inputEncoding);
    const out = U.wrap(M.update(stateOf(this), bytes));
    if (outputEncoding && outputEncoding !== 'buffer') {
      this._decoder = getDecoder(this._decoder, outputEncoding);
      return this._decoder.write(out);
    }
    return out;
  }
  function final(outputEncoding) {
    const out = U.wrap(M.final(stateOf(this)));
    if (outputEncoding && outputEncoding !== 'buffer') {
      this._decoder = getDecoder(this._decoder, outputEncoding);
      return this._decoder.end(out);
    }
    return out;
  }
  function setAutoPadding(ap) {
    const s = stateOf(this);
    if (s.done) throw invalidState('setAutoPadding');
    s.padding = !!ap;
    return this;
  }
  function setAAD(aadbuf, options) {
    const encoding = getStringOption(options, 'encoding');
    const plaintextLength = getUIntOption(options, 'plaintextLength');
    const aad = U.bufferOrView(aadbuf, 'aadbuf', encoding);
    if (!M.setAAD(stateOf(this), aad, plaintextLength)) throw invalidState('setAAD');
    return this;
  }
  function getAuthTag() {
    const s = stateOf(this);
    if (!s.done || !s.aead || s.tag === null) throw invalidState('getAuthTag');
    return U.B().from(s.tag);
  }
  function setAuthTag(tagbuf, encoding) {
    const tag = U.bufferOrView(tagbuf, 'buffer', encoding);
    const s = stateOf(this);
    if (s.done || !s.aead || s.tagSet) throw invalidState('setAuthTag');
    const n = tag.length;
    const valid = s.mode === 'gcm' ? (s.tagLen === -1 || s.tagLen === n) && GCM_TAGS.includes(n) : s.tagLen === n;
    if (!valid) throw invalidTag(n);
    s.tagSet = true;
    s.tag = tag.slice();
    return this;
  }
  for (const C of [Cipheriv, Decipheriv]) {
    Object.assign(C.prototype, { update, final, setAutoPadding, setAAD });
  }
  // The synchronous part of Node's stream interface: write()/end() feed update()/
  // final() and queue their output, read() returns what is queued (a string after
  // setEncoding()). No events, no pipe(); a failing final() throws from end().
  const kReadable = Symbol('kReadable');
  const kEncoding = Symbol('kEncoding');
  function queue(self, buf) {
    if (buf.length === 0) return;
    (self[kReadable] || (self[kReadable] = [])).push(buf);
  }
  const streamMethods = {
    write(chunk, encoding, cb) {
      if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
      queue(this, this.update(chunk, encoding));
      if (typeof cb === 'function') U.defer(cb);
      return true;
    },
    end(chunk, encoding, cb) {
      if (typeof chunk === 'function') { cb = chunk; chunk = undefined; } else if (typeof encoding === 'function') {
        cb = encoding; encoding = undefined;
      }
      if (chunk !== undefined && chunk !== null) queue(this, this.update(chunk, encoding));
      queue(this, this.final());
      if (typeof cb === 'function') U.defer(cb);
      return this;
    },
    read() {
      const list = this[kReadable];
      if (!list || list.length === 0) return null;
      this[kReadable] = [];
      const out = list.length === 1 ? list[0] : U.B().concat(list);
      return this[kEncoding] ? out.toString(this[kEncoding]) : out;
    },
    setEncoding(encoding) {
      this[kEncoding] = encoding;
      return this;
    },
  };
  for (const C of [Cipheriv, Decipheriv]) Object.assign(C.prototype, streamMethods);
  Cipheriv.prototype.getAuthTag = getAuthTag;
  Decipheriv.prototype.setAuthTag = setAuthTag;

  // Output decoders: Node's StringDecoder (node/string_decoder), as Node's getDecoder uses it.
  let normalizeEncoding;
  function getDecoder(decoder, encoding) {
    normalizeEncoding = normalizeEncoding || require('node/buffer_codec').normalizeEncoding;
    const normalized = normalizeEncoding(encoding);
    const { StringDecoder } = require('node/string_decoder');
    decoder = decoder || new StringDecoder(encoding);
    if (decoder.encoding !== normalized) {
      if (normalized === undefined) throw makeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
      throw makeError(Error, 'ERR_INTERNAL_ASSERTION', 'Cannot change encoding\nThis is caused by either a bug in ' +
        'Node.js or incorrect usage of Node.js internals.\nPlease open an issue with this stack trace at ' +
        'https://github.com/nodejs/node/issues\n');
    }
    return decoder;
  }

  const getCiphers = () => ROWS.map((r) => r[0]);

  function infoIvLength(row, ivLength) {
    if (ivLength === undefined || ivLength === row[6]) return row[6];
    const mode = row[2];
    if (mode === 'gcm' && ivLength >= 1 && ivLength <= 128) return ivLength;
    if (mode === 'ccm' && ivLength >= 7 && ivLength <= 13) return ivLength;
    if (mode === 'chacha20-poly1305' && ivLength >= 1 && ivLength <= 12) return ivLength;
    return undefined;
  }
  function getCipherInfo(nameOrNid, options) {
    if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
      throw invalidArgType('nameOrNid', ['string', 'number'], nameOrNid);
    }
    if (typeof nameOrNid === 'number') U.validateInt32(nameOrNid, 'nameOrNid');
    let keyLength;
    let ivLength;
    if (options !== undefined) {
      U.validateObject(options, 'options');
      ({ keyLength, ivLength } = options);
      if (keyLength !== undefined) U.validateInt32(keyLength, 'options.keyLength');
      if (ivLength !== undefined) U.validateInt32(ivLength, 'options.ivLength');
    }
    const row = typeof nameOrNid === 'string' ? BY_NAME[nameOrNid.toLowerCase()] : ROWS.find((r) => r[4] === nameOrNid);
    if (row === undefined || (keyLength !== undefined && keyLength !== row[7])) return undefined;
    const iv = infoIvLength(row, ivLength);
    if (iv === undefined) return undefined;
    const info = { mode: row[8], name: row[3], nid: row[4] };
    if (row[5] !== null) info.blockSize = row[5];
    if (iv !== 0) info.ivLength = iv;
    info.keyLength = row[7];
    return info;
  }

  function legacy() {
    throw makeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
      'crypto.Cipher/Decipher (password-based, deprecated) are not available in the sandbox; use createCipheriv');
  }

  module.exports = {
    Cipheriv, Decipheriv, getCiphers, getCipherInfo, Cipher: legacy, Decipher: legacy,
    createCipheriv: (cipher, key, iv, options) => new Cipheriv(cipher, key, iv, options),
    createDecipheriv: (cipher, key, iv, options) => new Decipheriv(cipher, key, iv, options),
    isView,
  };
})
