// WebCrypto argument handling as Node 20 does it (lib/internal/crypto/util.js
// normalizeAlgorithm, webidl.js): which algorithms each operation knows, the
// dictionary each one takes, and Node's TypeErrors / NotSupportedError for the rest.
// Output is plain data for the host ops: BufferSource members become Uint8Arrays
// (copies), `hash` becomes its name, `public` stays a CryptoKey.
(function (module, exports, require, host) {
  'use strict';
  const { withCode } = require('web/common');
  const { CryptoKey } = require('web/subtle_keys');
  const DOMExceptionCtor = DOMException;
  const U8 = Uint8Array;
  const ArrayBufferCtor = ArrayBuffer;
  const isView = ArrayBuffer.isView;
  const NumberCtor = Number;
  const MathTrunc = Math.trunc;

  const AES = { 'AES-CTR': 1, 'AES-CBC': 1, 'AES-GCM': 1, 'AES-KW': 1 };
  const RSA = { 'RSASSA-PKCS1-v1_5': 1, 'RSA-PSS': 1, 'RSA-OAEP': 1 };
  const OKP = { Ed25519: 1, Ed448: 1, X25519: 1, X448: 1 };
  function table(entries) { const t = { __proto__: null }; for (const [k, v] of entries) t[k] = v; return t; }
  const keyGen = [['RSASSA-PKCS1-v1_5', 'RsaHashedKeyGenParams'], ['RSA-PSS', 'RsaHashedKeyGenParams'],
    ['RSA-OAEP', 'RsaHashedKeyGenParams'], ['ECDSA', 'EcKeyGenParams'], ['ECDH', 'EcKeyGenParams'],
    ['AES-CTR', 'AesKeyGenParams'], ['AES-CBC', 'AesKeyGenParams'], ['AES-GCM', 'AesKeyGenParams'],
    ['AES-KW', 'AesKeyGenParams'], ['HMAC', 'HmacKeyGenParams'], ['X25519', null], ['Ed25519', null],
    ['X448', null], ['Ed448', null]];
  const OPS = {
    digest: table([['SHA-1', null], ['SHA-256', null], ['SHA-384', null], ['SHA-512', null]]),
    generateKey: table(keyGen),
    importKey: table([['RSASSA-PKCS1-v1_5', 'RsaHashedImportParams'], ['RSA-PSS', 'RsaHashedImportParams'],
      ['RSA-OAEP', 'RsaHashedImportParams'], ['ECDSA', 'EcKeyImportParams'], ['ECDH', 'EcKeyImportParams'],
      ['HMAC', 'HmacImportParams'], ['HKDF', null], ['PBKDF2', null], ['AES-CTR', null], ['AES-CBC', null],
      ['AES-GCM', null], ['AES-KW', null], ['Ed25519', null], ['X25519', null], ['Ed448', null], ['X448', null]]),
    sign: table([['RSASSA-PKCS1-v1_5', null], ['RSA-PSS', 'RsaPssParams'], ['ECDSA', 'EcdsaParams'],
      ['HMAC', null], ['Ed25519', null], ['Ed448', 'Ed448Params']]),
    encrypt: table([['RSA-OAEP', 'RsaOaepParams'], ['AES-CTR', 'AesCtrParams'], ['AES-CBC', 'AesCbcParams'],
      ['AES-GCM', 'AesGcmParams']]),
    deriveBits: table([['ECDH', 'EcdhKeyDeriveParams'], ['X25519', 'EcdhKeyDeriveParams'],
      ['X448', 'EcdhKeyDeriveParams'], ['HKDF', 'HkdfParams'], ['PBKDF2', 'Pbkdf2Params']]),
    'get key length': table([['AES-CBC', 'AesDerivedKeyParams'], ['AES-CTR', 'AesDerivedKeyParams'],
      ['AES-GCM', 'AesDerivedKeyParams'], ['AES-KW', 'AesDerivedKeyParams'], ['HMAC', 'HmacImportParams'],
      ['HKDF', null], ['PBKDF2', null]]),
    wrapKey: table([['AES-KW', null]]),
  };
  OPS.verify = OPS.sign;
  OPS.decrypt = OPS.encrypt;
  OPS.unwrapKey = OPS.wrapKey;

  // Dictionary -> [member, converter, required], in Node 20's conversion order: the
  // members of the dictionary and the ones it inherits, sorted together by name
  // (so RsaHashedKeyGenParams checks `hash` before `modulusLength`). Converters: buffer, hash, u8 (Uint8Array only),
  // key (CryptoKey), or an integer type [EnforceRange]: 'octet', 'ushort', 'ulong'.
  const DICTS = {
    RsaHashedKeyGenParams: [['hash', 'hash', true], ['modulusLength', 'ulong', true], ['publicExponent', 'u8', true]],
    RsaHashedImportParams: [['hash', 'hash', true]],
    EcKeyGenParams: [['namedCurve', 'string', true]],
    EcKeyImportParams: [['namedCurve', 'string', true]],
    AesKeyGenParams: [['length', 'ushort', true]],
    AesDerivedKeyParams: [['length', 'ushort', true]],
    HmacKeyGenParams: [['hash', 'hash', true], ['length', 'ulong', false]],
    HmacImportParams: [['hash', 'hash', true], ['length', 'ulong', false]],
    RsaPssParams: [['saltLength', 'ulong', true]],
    EcdsaParams: [['hash', 'hash', true]],
    Ed448Params: [['context', 'buffer', false]],
    RsaOaepParams: [['label', 'buffer', false]],
    AesCtrParams: [['counter', 'buffer', true], ['length', 'octet', true]],
    AesCbcParams: [['iv', 'buffer', true]],
    AesGcmParams: [['additionalData', 'buffer', false], ['iv', 'buffer', true], ['tagLength', 'octet', false]],
    EcdhKeyDeriveParams: [['public', 'key', true]],
    HkdfParams: [['hash', 'hash', true], ['info', 'buffer', true], ['salt', 'buffer', true]],
    Pbkdf2Params: [['hash', 'hash', true], ['iterations', 'ulong', true], ['salt', 'buffer', true]],
  };
  const RANGES = { octet: 255, ushort: 65535, ulong: 4294967295 };

  function typeError(message, code) { return withCode(new TypeError(message), code); }
  const SAB = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : null;
  /** WebIDL BufferSource without [AllowShared], as Node 20: views over a SharedArrayBuffer are refused. */
  function isBufferSource(v) {
    if (isView(v)) return SAB === null || !(v.buffer instanceof SAB);
    return v instanceof ArrayBufferCtor;
  }
  /** A copy of a BufferSource's bytes (the op sees the bytes as they were when it was called). */
  function bytesOf(v) {
    if (isView(v)) return new U8(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
    return new U8(v.slice(0));
  }

  function convertInteger(value, kind, where) {
    const n = NumberCtor(value);
    if (!NumberCtor.isFinite(n)) throw typeError(`${where} is not a finite number.`, 'ERR_INVALID_ARG_TYPE');
    const t = MathTrunc(n) + 0;
    if (t < 0 || t > RANGES[kind]) {
      throw typeError(`${where} is outside the expected range of 0 to ${RANGES[kind]}.`, 'ERR_OUT_OF_RANGE');
    }
    return t;
  }

  function convertMember(value, conv, member, dict) {
    const where = `Failed to normalize algorithm: '${member}' of '${dict}' (passed algorithm)`;
    switch (conv) {
      case 'buffer':
        if (!isBufferSource(value)) {
          throw typeError(`${where} is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`, 'ERR_INVALID_ARG_TYPE');
        }
        return bytesOf(value);
      case 'u8':
        if (!(value instanceof U8)) throw typeError(`${where} is not an Uint8Array object.`, 'ERR_INVALID_ARG_TYPE');
        return bytesOf(value);
      case 'key':
        if (!CryptoKey._isKey(value)) throw typeError(`${where} is not of type CryptoKey.`, 'ERR_INVALID_ARG_TYPE');
        return value;
      case 'hash': return value; // normalized once every member is converted, as in Node
      case 'string': return `${value}`;
      default: return convertInteger(value, conv, where);
    }
  }

  /** Node's normalizeAlgorithm(algorithm, op): `{name, ...members}` or a thrown TypeError/DOMException. */
  function normalizeAlgorithm(algorithm, op) {
    if (typeof algorithm === 'string') return normalizeAlgorithm({ name: algorithm }, op);
    if (algorithm === null || (typeof algorithm !== 'object' && typeof algorithm !== 'function')) {
      throw new DOMExceptionCtor('Unrecognized algorithm name', 'NotSupportedError');
    }
    const rawName = algorithm.name;
    if (rawName === undefined) {
      throw typeError("Failed to normalize algorithm: passed algorithm can not be converted to 'Algorithm' because 'name' is required in 'Algorithm'.", 'ERR_MISSING_OPTION');
    }
    const wanted = `${rawName}`.toUpperCase();
    const known = OPS[op];
    let name;
    for (const k in known) if (k.toUpperCase() === wanted) { name = k; break; }
    if (name === undefined) throw new DOMExceptionCtor('Unrecognized algorithm name', 'NotSupportedError');
    const dict = known[name];
    const out = { name };
    if (dict === null) return out;
    const members = DICTS[dict];
    for (let i = 0; i < members.length; i++) {
      const [member, conv, required] = members[i];
      const value = algorithm[member];
      if (value === undefined) {
        if (required) {
          throw typeError(`Failed to normalize algorithm: passed algorithm can not be converted to '${dict}' because '${member}' is required in '${dict}'.`, 'ERR_MISSING_OPTION');
        }
        continue;
      }
      out[member] = convertMember(value, conv, member, dict);
    }
    if (out.hash !== undefined) out.hash = normalizeAlgorithm(out.hash, 'digest').name;
    return out;
  }

  module.exports = { normalizeAlgorithm, isBufferSource, bytesOf, typeError, AES, RSA, OKP };
})
