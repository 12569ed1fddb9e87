// WebCrypto `crypto.subtle` as in Node 20 (lib/internal/crypto/webcrypto.js).
// Every method is async (argument errors reject too, as in Node); the work is
// done by the host ops `subtle.*` (bridge/subtle.py, Python's `cryptography`).
// Keys: web/subtle_keys (CryptoKey); algorithms: web/subtle_algos; key steps:
// web/subtle_impl. `keyMaterial(cryptoKey)` is for node/crypto_keys (KeyObject.from).
(function (module, exports, require, host) {
  'use strict';
  const { call } = require('internal/bridge');
  const { withCode, illegalConstructor, enumerable, toStringTag } = require('web/common');
  const { CryptoKey, keyMaterial } = require('web/subtle_keys');
  const { normalizeAlgorithm, isBufferSource, bytesOf } = require('web/subtle_algos');
  const impl = require('web/subtle_impl');
  const { toArrayBuffer, dom } = impl;
  const ArrayIsArray = Array.isArray;
  const DOMExceptionCtor = DOMException;
  const JSONStringify = JSON.stringify;
  const JSONParse = JSON.parse;
  // web/text_encoding only for JWK wrapping (loaded on first use).
  const textEncoding = () => require('web/text_encoding');
  const iteratorSymbol = Symbol.iterator;
  const NumberCtor = Number;
  const MathTrunc = Math.trunc;

  let subtle;
  const ORDINALS = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th'];
  const FORMATS = ['raw', 'pkcs8', 'spki', 'jwk'];
  const KEY_USAGES = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'];

  function fail(method, text, code) {
    return withCode(new TypeError(`Failed to execute '${method}' on 'SubtleCrypto': ${text}`), code);
  }
  function needArgs(method, args, count) {
    if (args.length < count) {
      throw fail(method, `${count} arguments required, but only ${args.length} present.`, 'ERR_MISSING_ARGS');
    }
  }
  function bufferArg(method, value, i) {
    if (!isBufferSource(value)) {
      throw fail(method, `${ORDINALS[i]} argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`, 'ERR_INVALID_ARG_TYPE');
    }
    return bytesOf(value);
  }
  function keyArg(method, value, i) {
    if (!CryptoKey._isKey(value)) throw fail(method, `${ORDINALS[i]} argument is not of type CryptoKey.`, 'ERR_INVALID_ARG_TYPE');
    return value;
  }
  function formatArg(method, value, i) {
    const s = `${value}`;
    if (!FORMATS.includes(s)) {
      throw fail(method, `${ORDINALS[i]} argument value '${s}' is not a valid enum value of type KeyFormat.`, 'ERR_INVALID_ARG_VALUE');
    }
    return s;
  }
  function usagesArg(method, value, i) {
    if (value === null || typeof value !== 'object' || typeof value[iteratorSymbol] !== 'function') {
      throw fail(method, `${ORDINALS[i]} argument can not be converted to sequence.`, 'ERR_INVALID_ARG_TYPE');
    }
    const out = [];
    let n = 0;
    for (const u of value) {
      const s = `${u}`;
      if (!KEY_USAGES.includes(s)) {
        throw fail(method, `${ORDINALS[i]} argument, index ${n} value '${s}' is not a valid enum value of type KeyUsage.`, 'ERR_INVALID_ARG_VALUE');
      }
      out.push(s);
      n++;
    }
    return out;
  }
  function algArg(value) {
    return value !== null && typeof value === 'object' ? value : `${value}`;
  }
  function keyDataArg(method, format, value) {
    if (format === 'jwk') {
      if (value === null || typeof value !== 'object' || isBufferSource(value)) {
        if (isBufferSource(value)) throw dom('Invalid keyData', 'DataError');
        throw fail(method, '2nd argument is not of type JsonWebKey.', 'ERR_INVALID_ARG_TYPE');
      }
      return impl.plainJwk(value);
    }
    return bufferArg(method, value, 1);
  }

  function checkContext(alg) {
    if (alg.context !== undefined && alg.context.length !== 0) {
      throw dom('Non zero-length context is not yet supported.', 'NotSupportedError');
    }
  }
  function checkKey(key, name, usage, message) {
    if (CryptoKey._name(key) !== name || !CryptoKey._has(key, usage)) throw dom(message, 'InvalidAccessError');
  }
  function encryptAlgorithm(op, algorithm) {
    if (op === 'wrapKey' || op === 'unwrapKey') {
      try {
        return normalizeAlgorithm(algorithm, op);
      } catch (e) {
        if (!(e instanceof DOMExceptionCtor) || e.name !== 'NotSupportedError') throw e;
        return normalizeAlgorithm(algorithm, op === 'wrapKey' ? 'encrypt' : 'decrypt');
      }
    }
    return normalizeAlgorithm(algorithm, op);
  }
  /** encrypt/decrypt/wrap/unwrap after argument checks; `usage` is what the key must allow. */
  function cipher(encrypting, alg, key, data, usage) {
    checkKey(key, alg.name, usage, 'The requested operation is not valid for the provided key');
    const m = CryptoKey._material(key);
    if (alg.name === 'AES-KW') return call(encrypting ? 'subtle.wrapKW' : 'subtle.unwrapKW', m, data);
    return call(encrypting ? 'subtle.encrypt' : 'subtle.decrypt', alg, m, data);
  }
  function deriveLength(length) {
    if (length === undefined || length === null) return null;
    const n = NumberCtor(length);
    return NumberCtor.isFinite(n) ? (MathTrunc(n) % 4294967296 + 4294967296) % 4294967296 : 0;
  }
  function derive(alg, baseKey, length, usage) {
    if (!CryptoKey._has(baseKey, usage)) throw dom(`baseKey does not have ${usage} usage`, 'InvalidAccessError');
    if (CryptoKey._name(baseKey) !== alg.name) throw dom('Key algorithm mismatch', 'InvalidAccessError');
    let params = alg;
    if (alg.public !== undefined) {
      const pub = alg.public;
      if (CryptoKey._material(pub).type !== 'public') throw dom('algorithm.public must be a public key', 'InvalidAccessError');
      if (CryptoKey._material(baseKey).type !== 'private') throw dom('baseKey must be a private key', 'InvalidAccessError');
      if (CryptoKey._name(pub) !== CryptoKey._name(baseKey)) {
        throw dom('The public and private keys must be of the same type', 'InvalidAccessError');
      }
      params = { name: alg.name, public: CryptoKey._material(pub) };
    }
    return call('subtle.deriveBits', params, CryptoKey._material(baseKey), length);
  }

  function checkThis(self) {
    if (self !== subtle) throw withCode(new TypeError('Value of "this" must be of type SubtleCrypto'), 'ERR_INVALID_THIS');
  }

  class SubtleCrypto {
    constructor() { throw illegalConstructor(); }
    async encrypt(algorithm, key, data) {
      checkThis(this);
      needArgs('encrypt', arguments, 3);
      keyArg('encrypt', key, 1);
      const bytes = bufferArg('encrypt', data, 2);
      return toArrayBuffer(cipher(true, normalizeAlgorithm(algArg(algorithm), 'encrypt'), key, bytes, 'encrypt'));
    }
    async decrypt(algorithm, key, data) {
      checkThis(this);
      needArgs('decrypt', arguments, 3);
      keyArg('decrypt', key, 1);
      const bytes = bufferArg('decrypt', data, 2);
      return toArrayBuffer(cipher(false, normalizeAlgorithm(algArg(algorithm), 'decrypt'), key, bytes, 'decrypt'));
    }
    async sign(algorithm, key, data) {
      checkThis(this);
      needArgs('sign', arguments, 3);
      keyArg('sign', key, 1);
      const bytes = bufferArg('sign', data, 2);
      const alg = normalizeAlgorithm(algArg(algorithm), 'sign');
      checkKey(key, alg.name, 'sign', 'Unable to use this key to sign');
      checkContext(alg);
      return toArrayBuffer(call('subtle.sign', alg, CryptoKey._material(key), bytes));
    }
    async verify(algorithm, key, signature, data) {
      checkThis(this);
      needArgs('verify', arguments, 4);
      keyArg('verify', key, 1);
      const sig = bufferArg('verify', signature, 2);
      const bytes = bufferArg('verify', data, 3);
      const alg = normalizeAlgorithm(algArg(algorithm), 'verify');
      checkKey(key, alg.name, 'verify', 'Unable to use this key to verify');
      checkContext(alg);
      return call('subtle.verify', alg, CryptoKey._material(key), sig, bytes);
    }
    async digest(algorithm, data) {
      checkThis(this);
      needArgs('digest', arguments, 2);
      const bytes = bufferArg('digest', data, 1);
      const alg = normalizeAlgorithm(algArg(algorithm), 'digest');
      return toArrayBuffer(call('subtle.digest', alg.name, bytes));
    }
    async generateKey(algorithm, extractable, keyUsages) {
      checkThis(this);
      needArgs('generateKey', arguments, 3);
      const usages = usagesArg('generateKey', keyUsages, 2);
      const alg = normalizeAlgorithm(algArg(algorithm), 'generateKey');
      return impl.generateKey(alg, !!extractable, usages);
    }
    async deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
      checkThis(this);
      needArgs('deriveKey', arguments, 5);
      keyArg('deriveKey', baseKey, 1);
      const usages = usagesArg('deriveKey', keyUsages, 4);
      const alg = normalizeAlgorithm(algArg(algorithm), 'deriveBits');
      const importAlg = normalizeAlgorithm(algArg(derivedKeyAlgorithm), 'importKey');
      const length = impl.keyLength(normalizeAlgorithm(algArg(derivedKeyAlgorithm), 'get key length'));
      const bits = derive(alg, baseKey, length, 'deriveKey');
      return impl.importKey('raw', bits, importAlg, !!extractable, usages);
    }
    async deriveBits(algorithm, baseKey, length = null) {
      checkThis(this);
      needArgs('deriveBits', arguments, 2);
      keyArg('deriveBits', baseKey, 1);
      const alg = normalizeAlgorithm(algArg(algorithm), 'deriveBits');
      return toArrayBuffer(derive(alg, baseKey, deriveLength(length), 'deriveBits'));
    }
    async importKey(format, keyData, algorithm, extractable, keyUsages) {
      checkThis(this);
      needArgs('importKey', arguments, 4);
      const fmt = formatArg('importKey', format, 0);
      const data = keyDataArg('importKey', fmt, keyData);
      const usages = usagesArg('importKey', keyUsages, 4);
      const alg = normalizeAlgorithm(algArg(algorithm), 'importKey');
      return impl.importKey(fmt, data, alg, !!extractable, usages);
    }
    async exportKey(format, key) {
      checkThis(this);
      needArgs('exportKey', arguments, 2);
      const fmt = formatArg('exportKey', format, 0);
      return impl.exportKey(fmt, keyArg('exportKey', key, 1));
    }
    async wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      checkThis(this);
      needArgs('wrapKey', arguments, 4);
      const fmt = formatArg('wrapKey', format, 0);
      keyArg('wrapKey', key, 1);
      keyArg('wrapKey', wrappingKey, 2);
      const alg = encryptAlgorithm('wrapKey', algArg(wrapAlgorithm));
      checkKey(wrappingKey, alg.name, 'wrapKey', 'The requested operation is not valid for the provided key');
      let data = impl.exportKey(fmt, key);
      if (fmt === 'jwk') {
        let text = JSONStringify(data);
        if (alg.name === 'AES-KW' && text.length % 8 !== 0) text += ' '.repeat(8 - (text.length % 8));
        data = new (textEncoding().TextEncoder)().encode(text);
      }
      return toArrayBuffer(cipher(true, alg, wrappingKey, data, 'wrapKey'));
    }
    async unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      checkThis(this);
      needArgs('unwrapKey', arguments, 7);
      const fmt = formatArg('unwrapKey', format, 0);
      const wrapped = bufferArg('unwrapKey', wrappedKey, 1);
      keyArg('unwrapKey', unwrappingKey, 2);
      const usages = usagesArg('unwrapKey', keyUsages, 6);
      const alg = encryptAlgorithm('unwrapKey', algArg(unwrapAlgorithm));
      const importAlg = normalizeAlgorithm(algArg(unwrappedKeyAlgorithm), 'importKey');
      checkKey(unwrappingKey, alg.name, 'unwrapKey', 'The requested operation is not valid for the provided key');
      let data = cipher(false, alg, unwrappingKey, wrapped, 'unwrapKey');
      if (fmt === 'jwk') {
        try {
          data = JSONParse(new (textEncoding().TextDecoder)().decode(data));
        } catch {
          throw dom('Invalid wrapped JWK key', 'DataError');
        }
        if (data === null || typeof data !== 'object' || ArrayIsArray(data)) throw dom('Invalid keyData', 'DataError');
        data = impl.plainJwk(data);
      }
      return impl.importKey(fmt, data, importAlg, !!extractable, usages);
    }
  }
  enumerable(SubtleCrypto.prototype, ['encrypt', 'decrypt', 'sign', 'verify', 'digest', 'generateKey',
    'deriveKey', 'deriveBits', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey']);
  toStringTag(SubtleCrypto.prototype, 'SubtleCrypto');

  subtle = Object.create(SubtleCrypto.prototype);
  module.exports = { SubtleCrypto, CryptoKey, subtle, keyMaterial };
})
