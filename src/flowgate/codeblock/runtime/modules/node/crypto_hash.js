// crypto.createHash / createHmac / hash / getHashes (Node 20, lib/internal/crypto/hash.js).
// update() only accumulates bytes here (copied, since the caller may reuse its
// buffer); digest() makes one host call (bridge/hashes.py) over all of them. A
// bridge call costs a GIL acquisition, so the common `createHash(a).update(x)
// .digest(e)` is one call, and copy() is free (the chunks are shared, never mutated).
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/crypto_util');
  const { call, makeError, invalidArgType, invalidArgValue, validateString, validateUint32 } = U;
  const { Chunks } = U;
  const isView = ArrayBuffer.isView;
  const u8Slice = Uint8Array.prototype.slice;

  const kHandle = Symbol('kHandle');
  // this[kHandle] is an empty object of Node's class name (util.inspect shows `Hash {}`
  // as in Node); the state, key bytes included, stays in this module.
  const HashHandle = class Hash {};
  const HmacHandle = class Hmac {};
  const STATE = new WeakMap();
  function handle(Ctor, state) {
    const h = new Ctor();
    STATE.set(h, state);
    return h;
  }
  function stateOf(self) {
    const state = self !== null && typeof self === 'object' ? STATE.get(self[kHandle]) : undefined;
    if (state === undefined) throw new TypeError('Illegal invocation');
    return state;
  }
  const kState = Symbol('kState');
  const kFinalized = Symbol('kFinalized');

  function finalized() {
    return makeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
  }

  /** Push `data` (string in `encoding`, or a view) into `chunks`, with Node's checks. */
  function pushData(chunks, data, encoding) {
    if (typeof data === 'string') {
      U.validateEncoding(data, encoding);
      chunks.push(U.stringBytes(data, encoding), true);
    } else if (isView(data)) {
      chunks.push(U.bytesOf(data), false);
    } else {
      throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    }
  }

  function Hash(algorithm, options) {
    if (!(this instanceof Hash)) return new Hash(algorithm, options);
    const source = algorithm instanceof Hash ? algorithm : null;
    if (source === null) validateString(algorithm, 'algorithm');
    const xofLen = typeof options === 'object' && options !== null ? options.outputLength : undefined;
    if (xofLen !== undefined) validateUint32(xofLen, 'options.outputLength');
    let info;
    if (source !== null) {
      if (source[kState][kFinalized]) throw finalized();
      info = stateOf(source).info;
    } else {
      info = U.resolveDigest(algorithm);
      if (info === null) throw new Error('Digest method not supported');
      if (info[0] === null) throw U.unsupportedDigest();
    }
    if (xofLen !== undefined && !info[2] && xofLen !== info[1]) {
      throw makeError(Error, 'ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH',
        'error:030000B2:digital envelope routines::not XOF or invalid length');
    }
    // A copy does not inherit outputLength (Node's HashInit starts from the digest's default).
    const outputLength = xofLen !== undefined ? xofLen : info[1];
    this[kHandle] = handle(HashHandle, { info, outputLength, chunks: new Chunks(source !== null ? stateOf(source).chunks : null) });
    this[kState] = { [kFinalized]: false };
    this._options = options;
  }

  Hash.prototype.copy = function copy(options) {
    if (this[kState][kFinalized]) throw finalized();
    return new Hash(this, options);
  };
  Hash.prototype.update = function update(data, encoding) {
    if (this[kState][kFinalized]) throw finalized();
    pushData(stateOf(this).chunks, data, encoding);
    return this;
  };
  Hash.prototype.digest = function digest(outputEncoding) {
    const state = this[kState];
    if (state[kFinalized]) throw finalized();
    const h = stateOf(this);
    const out = h.cached !== undefined ? h.cached : U.wrap(call('hash.digest', h.info[0], h.chunks.bytes(), h.outputLength));
    state[kFinalized] = true;
    h.chunks = null;
    return U.encodeOut(out, outputEncoding);
  };

  function Hmac(hmac, key, options) {
    if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
    validateString(hmac, 'hmac');
    let encoding;
    if (options !== null && typeof options === 'object' && options.encoding !== undefined) {
      encoding = options.encoding;
      validateString(encoding, 'options.encoding');
    }
    const keyBytes = U.secretKeyBytes(key, encoding);
    const info = U.resolveDigest(hmac);
    if (info === null) throw makeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${hmac}`);
    if (info[0] === null) throw U.unsupportedDigest();
    if (info[2]) throw new Error('error:00000000:lib(0)::reason(0)');
    this[kHandle] = handle(HmacHandle, { info, key: u8Slice.call(keyBytes), chunks: new Chunks(null) });
    this[kState] = { [kFinalized]: false };
    this._options = options;
  }
  Hmac.prototype.update = Hash.prototype.update;
  Hmac.prototype.digest = function digest(outputEncoding) {
    const state = this[kState];
    if (state[kFinalized]) {
      const empty = U.B().alloc(0);
      return !outputEncoding || outputEncoding === 'buffer' ? empty : empty.toString(outputEncoding);
    }
    const h = stateOf(this);
    const out = h.cached !== undefined ? h.cached : U.wrap(call('hmac.digest', h.info[0], h.key, h.chunks.bytes()));
    state[kFinalized] = true;
    h.chunks = null;
    h.key = null;
    return U.encodeOut(out, outputEncoding);
  };

  // The synchronous part of Node's stream interface (Hash/Hmac are Transforms in
  // Node): write() updates, end() digests into the readable side, read() returns
  // the digest once (a string after setEncoding()). No events, no pipe().
  const kReadable = Symbol('kReadable');
  const kEncoding = Symbol('kEncoding');
  const streamMethods = {
    write(chunk, encoding, cb) {
      if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
      this.update(chunk, encoding);
      if (typeof cb === 'function') U.defer(cb);
      return true;
    },
    end(chunk, encoding, cb) {
      if (typeof chunk === 'function') { cb = chunk; chunk = undefined; } else if (typeof encoding === 'function') {
        cb = encoding; encoding = undefined;
      }
      const h = stateOf(this);
      if (h.ended) return this;  // Node: an asynchronous 'error' event (write after end)
      if (chunk !== undefined && chunk !== null) this.update(chunk, encoding);
      // Node's _flush digests through the handle without finalizing the object: a
      // Hash's digest() then returns the same digest once more, an Hmac's is empty.
      h.ended = true;
      const out = this instanceof Hmac ? U.wrap(call('hmac.digest', h.info[0], h.key, h.chunks.bytes()))
        : U.wrap(call('hash.digest', h.info[0], h.chunks.bytes(), h.outputLength));
      h.cached = this instanceof Hmac ? U.B().alloc(0) : out;
      this[kReadable] = out;
      if (typeof cb === 'function') U.defer(cb);
      return this;
    },
    read() {
      const out = this[kReadable];
      if (out === undefined || out === null) return null;
      this[kReadable] = null;
      return this[kEncoding] ? out.toString(this[kEncoding]) : out;
    },
    setEncoding(encoding) {
      this[kEncoding] = encoding;
      return this;
    },
  };
  Object.assign(Hash.prototype, streamMethods);
  Object.assign(Hmac.prototype, streamMethods);

  /** crypto.hash(algorithm, data[, outputEncoding = 'hex']) (Node 20.12+). */
  function hash(algorithm, input, outputEncoding = 'hex') {
    validateString(algorithm, 'algorithm');
    if (typeof input !== 'string' && !isView(input)) {
      throw invalidArgType('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
    }
    let normalized = outputEncoding;
    if (outputEncoding !== 'hex') {
      validateString(outputEncoding, 'outputEncoding');
      if (outputEncoding.toLowerCase() === 'buffer') normalized = 'buffer';
      else if (!U.isEncoding(outputEncoding)) throw invalidArgValue('outputEncoding', outputEncoding);
    }
    const info = U.resolveDigest(algorithm);
    if (info === null) throw new Error(`Digest method ${algorithm} is not supported`);
    if (info[0] === null) throw U.unsupportedDigest();
    const data = typeof input === 'string' ? U.stringBytes(input, 'utf8') : U.bytesOf(input);
    const out = U.wrap(call('hash.digest', info[0], data, info[1]));
    return normalized === 'buffer' ? out : out.toString(normalized);
  }

  // Node 20's getHashes() on OpenSSL 3.0 (every name resolves to a digest we compute).
  const HASHES = ['RSA-MD5', 'RSA-RIPEMD160', 'RSA-SHA1', 'RSA-SHA1-2', 'RSA-SHA224', 'RSA-SHA256',
    'RSA-SHA3-224', 'RSA-SHA3-256', 'RSA-SHA3-384', 'RSA-SHA3-512', 'RSA-SHA384', 'RSA-SHA512',
    'RSA-SHA512/224', 'RSA-SHA512/256', 'RSA-SM3', 'blake2b512', 'blake2s256',
    'id-rsassa-pkcs1-v1_5-with-sha3-224', 'id-rsassa-pkcs1-v1_5-with-sha3-256',
    'id-rsassa-pkcs1-v1_5-with-sha3-384', 'id-rsassa-pkcs1-v1_5-with-sha3-512', 'md5', 'md5-sha1',
    'md5WithRSAEncryption', 'ripemd', 'ripemd160', 'ripemd160WithRSA', 'rmd160', 'sha1',
    'sha1WithRSAEncryption', 'sha224', 'sha224WithRSAEncryption', 'sha256', 'sha256WithRSAEncryption',
    'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512', 'sha384', 'sha384WithRSAEncryption', 'sha512',
    'sha512-224', 'sha512-224WithRSAEncryption', 'sha512-256', 'sha512-256WithRSAEncryption',
    'sha512WithRSAEncryption', 'shake128', 'shake256', 'sm3', 'sm3WithRSAEncryption', 'ssl3-md5',
    'ssl3-sha1'];
  const getHashes = () => HASHES.slice();

  module.exports = {
    Hash, Hmac, hash, getHashes,
    createHash: (algorithm, options) => new Hash(algorithm, options),
    createHmac: (hmac, key, options) => new Hmac(hmac, key, options),
  };
})
