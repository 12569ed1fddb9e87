// Shared helpers of the `crypto` module (node/crypto*): argument checks with
// Node 20's errors (lib/internal/crypto/util.js, lib/internal/validators.js),
// bytes in and Buffers out, output encodings, and the deferral of callbacks.
(function (module, exports, require, host) {
  'use strict';
  // Node's error formatting (node/util_errors) loads only when something throws.
  let errors;
  const E = () => errors || (errors = require('node/util_errors'));
  const invalidArgType = (name, expected, actual) => E().invalidArgType(name, expected, actual);
  const invalidArgValue = (name, value, reason) => E().invalidArgValue(name, value, reason);
  const outOfRange = (name, range, input) => E().outOfRange(name, range, input);
  function makeError(Base, code, message) {
    const err = new Base(message);
    Object.defineProperty(err, 'code', { value: code, writable: true, enumerable: true, configurable: true });
    return err;
  }
  function validateFunction(value, name) {
    if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
  }
  function validateString(value, name) {
    if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
  }
  function validateBoolean(value, name) {
    if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
  }
  function validateObject(value, name) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'Object', value);
  }
  function validateNumber(value, name) {
    if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  }
  const { call } = require('internal/bridge');
  const U8 = Uint8Array;
  const isView = ArrayBuffer.isView;
  const NumberIsInteger = Number.isInteger;
  const ObjectProtoToString = Object.prototype.toString;
  const setImmediateFn = globalThis.setImmediate || ((fn) => globalThis.setTimeout(fn, 0));

  let BufferCtor;
  const B = () => BufferCtor || (BufferCtor = require('node/buffer').Buffer);

  // instanceof, not a brand check through a throwing getter: an exception costs
  // microseconds in this engine and this runs for every key/iv/data argument.
  const ArrayBufferCtor = ArrayBuffer;
  const SharedArrayBufferCtor = globalThis.SharedArrayBuffer;
  function isAnyArrayBuffer(v) {
    return v instanceof ArrayBufferCtor || (SharedArrayBufferCtor !== undefined && v instanceof SharedArrayBufferCtor);
  }

  /** The bytes of an ArrayBuffer or any view, as a Uint8Array over the same memory. */
  function bytesOf(v) {
    if (isView(v)) return new U8(v.buffer, v.byteOffset, v.byteLength);
    return new U8(v);
  }

  /** A Buffer over a fresh Uint8Array returned by the bridge (no copy). */
  function wrap(u8) {
    return B().from(u8.buffer, u8.byteOffset, u8.length);
  }

  function isEncoding(enc) {
    return typeof enc === 'string' && enc !== '' && B().isEncoding(enc);
  }

  /** Node's validateEncoding: hex strings of odd length are refused. */
  function validateEncoding(data, encoding) {
    const normalized = typeof encoding === 'string' ? encoding.toLowerCase() : encoding;
    if (normalized === 'hex' && data.length % 2 !== 0) {
      throw invalidArgValue('encoding', encoding, `is invalid for data of length ${data.length}`);
    }
  }

  /** A string in `encoding` (unknown encodings read as UTF-8, as Node's C++ side does). */
  function stringBytes(str, encoding) {
    const enc = encoding === undefined || encoding === null || encoding === 'buffer' || !isEncoding(encoding) ?
      'utf8' : encoding;
    return bytesOf(B().from(str, enc));
  }

  /** `update(data, encoding)`'s input: a string or an ArrayBufferView. */
  function dataBytes(data, encoding, name = 'data') {
    if (typeof data === 'string') {
      validateEncoding(data, encoding);
      return stringBytes(data, encoding);
    }
    if (!isView(data)) throw invalidArgType(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    return bytesOf(data);
  }

  /** Node's getArrayBufferOrView: string (in `encoding`), ArrayBuffer or view. */
  function bufferOrView(value, name, encoding) {
    if (isAnyArrayBuffer(value)) return bytesOf(value);
    if (typeof value === 'string') {
      return bytesOf(B().from(value, encoding === undefined || encoding === 'buffer' ? 'utf8' : encoding));
    }
    if (!isView(value)) {
      throw invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
    }
    return bytesOf(value);
  }

  const isCryptoKey = (v) => ObjectProtoToString.call(v) === '[object CryptoKey]';
  // KeyObjects come from node/crypto_keys (loaded only when such an object shows up).
  function isKeyObject(v) {
    if (v === null || typeof v !== 'object' || isView(v) || isCryptoKey(v) || typeof v.export !== 'function') {
      return false;
    }
    try {
      return require('node/crypto_keys')._keyInternals.isKeyObject(v);
    } catch (e) {
      return false;
    }
  }

  /** Node's prepareSecretKey: key bytes from a string, buffer, secret KeyObject or CryptoKey. */
  function secretKeyBytes(key, encoding) {
    if (isKeyObject(key) || isCryptoKey(key)) {
      if (key.type !== 'secret') {
        throw makeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE',
          `Invalid key object type ${key.type}, expected secret.`);
      }
      const object = isCryptoKey(key) ? require('node/crypto_keys').KeyObject.from(key) : key;
      return bytesOf(object.export());
    }
    if (typeof key !== 'string' && !isView(key) && !isAnyArrayBuffer(key)) {
      throw invalidArgType('key',
        ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
    }
    return bufferOrView(key, 'key', encoding);
  }

  /** digest()/final() output: a string when `encoding` is a known encoding, else a Buffer. */
  function encodeOut(buf, encoding) {
    if (encoding === undefined || encoding === null || encoding === 'buffer' || !isEncoding(encoding)) return buf;
    return buf.toString(encoding);
  }

  function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
    if (!NumberIsInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }
  function validateUint32(value, name, positive = false) {
    validateInteger(value, name, positive ? 1 : 0, 4294967295);
  }
  function validateInt32(value, name, min = -2147483648, max = 2147483647) {
    validateInteger(value, name, min, max);
  }

  /** Run `fn` later (Node's thread-pool jobs call back from a later turn of the loop). */
  function defer(fn) {
    setImmediateFn(fn);
  }

  // Compact once this many chunks are held (bounds per-chunk object overhead).
  const MAX_CHUNKS = 64;
  const u8Slice = U8.prototype.slice;
  /** The bytes given to update() so far: a list of owned Uint8Arrays. */
  class Chunks {
    constructor(from) {
      this.list = from ? from.list.slice() : [];
      this.length = from ? from.length : 0;
    }
    push(u8, owned) {
      if (u8.length === 0) return;
      this.list.push(owned ? u8 : u8Slice.call(u8));
      this.length += u8.length;
      if (this.list.length > MAX_CHUNKS) this.list = [this.bytes()];
    }
    bytes() {
      if (this.list.length === 1) return this.list[0];
      const out = new U8(this.length);
      let at = 0;
      for (const c of this.list) { out.set(c, at); at += c.length; }
      return out;
    }
  }

  /** Resolve a Node digest name: `[canonical, size, isXof]` or null (cached per context). */
  const digestCache = { __proto__: null };
  const COMMON = {
    md5: ['md5', 16, false], sha1: ['sha1', 20, false], sha224: ['sha224', 28, false],
    sha256: ['sha256', 32, false], sha384: ['sha384', 48, false], sha512: ['sha512', 64, false],
  };
  function resolveDigest(name) {
    if (typeof name !== 'string') return null;
    const hit = COMMON[name] || digestCache[name];
    if (hit !== undefined) return hit;
    const resolved = call('hash.resolve', name);
    digestCache[name] = resolved;
    return resolved;
  }

  /** A digest OpenSSL knows but Node 20 cannot load (legacy provider: md4, whirlpool, mdc2). */
  const unsupportedDigest = () => makeError(Error, 'ERR_OSSL_EVP_UNSUPPORTED',
    'error:0308010C:digital envelope routines::unsupported');

  module.exports = {
    unsupportedDigest,
    makeError, invalidArgType, invalidArgValue, outOfRange, validateFunction, validateString, validateBoolean,
    validateObject, validateNumber, B, call, isAnyArrayBuffer, bytesOf, wrap, isEncoding, validateEncoding, stringBytes, dataBytes,
    bufferOrView, secretKeyBytes, isKeyObject, isCryptoKey, encodeOut, validateInteger, validateUint32,
    validateInt32, defer, resolveDigest, Chunks,
  };
})
