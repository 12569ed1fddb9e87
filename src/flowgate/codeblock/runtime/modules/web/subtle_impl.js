// The key-handling steps of SubtleCrypto (Node 20's webcrypto.js and the per-family
// files aes.js, mac.js, rsa.js, ec.js, cfrg.js, pbkdf2.js, hkdf.js): which usages a
// key may have, generateKey/importKey/exportKey around the host ops, deriveKey's length.
(function (module, exports, require, host) {
  'use strict';
  const { call } = require('internal/bridge');
  const { CryptoKey, createKey } = require('web/subtle_keys');
  const { AES, RSA } = require('web/subtle_algos');
  const DOMExceptionCtor = DOMException;
  const U8 = Uint8Array;
  const ArrayIsArray = Array.isArray;

  const SIG = { public: ['verify'], private: ['sign'] };
  const AGREE = { public: [], private: ['deriveKey', 'deriveBits'] };
  const KDF = ['deriveKey', 'deriveBits'];
  // Algorithm -> usages a key may have (secret: one list; asymmetric: per key type, in Node's order).
  const USAGES = {
    'AES-CTR': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'], 'AES-CBC': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
    'AES-GCM': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'], 'AES-KW': ['wrapKey', 'unwrapKey'],
    HMAC: ['sign', 'verify'], PBKDF2: KDF, HKDF: KDF,
    'RSA-OAEP': { public: ['encrypt', 'wrapKey'], private: ['decrypt', 'unwrapKey'] },
    'RSA-PSS': SIG, 'RSASSA-PKCS1-v1_5': SIG, ECDSA: SIG, Ed25519: SIG, Ed448: SIG,
    ECDH: AGREE, X25519: AGREE, X448: AGREE,
  };
  const CURVES = ['P-256', 'P-384', 'P-521'];
  const HASH_BLOCK = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };

  function dom(message, name) { return new DOMExceptionCtor(message, name); }
  function article(name) {
    if (AES[name]) return 'an AES';
    if (name === 'HMAC' || name === 'Ed25519' || name === 'Ed448') return `an ${name}`;
    return `a ${name}`;
  }
  function badUsage(name, importing) {
    const shown = RSA[name] && !importing ? 'a RSA' : (RSA[name] ? `an ${name}` : article(name));
    return dom(`Unsupported key usage for ${shown} key`, 'SyntaxError');
  }
  function checkUsages(usages, allowed, name, importing) {
    for (let i = 0; i < usages.length; i++) if (!allowed.includes(usages[i])) throw badUsage(name, importing);
  }
  function pick(usages, mask) { return mask.filter((u) => usages.includes(u)); }

  function checkCurve(alg) {
    if (alg.namedCurve !== undefined && !CURVES.includes(alg.namedCurve)) {
      throw dom('Unrecognized namedCurve', 'NotSupportedError');
    }
  }

  function plainOf(alg, info) {
    const plain = { name: alg.name };
    if (alg.hash !== undefined) plain.hash = alg.hash;
    if (alg.namedCurve !== undefined) plain.namedCurve = alg.namedCurve;
    if (info.length !== undefined) plain.length = info.length;
    if (info.modulusLength !== undefined) { plain.modulusLength = info.modulusLength; plain.publicExponent = info.publicExponent; }
    return plain;
  }

  function generateKey(alg, extractable, usages) {
    const allowed = USAGES[alg.name];
    const unique = [];
    for (let i = 0; i < usages.length; i++) if (!unique.includes(usages[i])) unique.push(usages[i]);
    if (ArrayIsArray(allowed)) {
      if (AES[alg.name] && alg.length !== 128 && alg.length !== 192 && alg.length !== 256) {
        throw dom('AES key length must be 128, 192, or 256 bits', 'OperationError');
      }
      checkUsages(unique, allowed, alg.name, false);
      if (alg.name === 'HMAC' && alg.length !== undefined && alg.length % 8 !== 0) {
        const e = new TypeError(`The property 'algorithm.length' must be a multiple of 8. Received ${alg.length}`);
        e.code = 'ERR_INVALID_ARG_VALUE';
        throw e;
      }
      const r = call('subtle.generate', alg);
      const plain = plainOf(alg, r.info);
      if (alg.name === 'HMAC') plain.generated = true;
      if (unique.length === 0) throw dom('Usages cannot be empty when creating a key.', 'SyntaxError');
      return createKey('secret', extractable, plain, unique, r.secret);
    }
    checkCurve(alg);
    checkUsages(unique, allowed.public.concat(allowed.private), alg.name, false);
    const r = call('subtle.generate', alg);
    const plain = plainOf(alg, r.info);
    // Node reports the publicExponent as given (leading zeros kept).
    if (alg.publicExponent !== undefined) plain.publicExponent = alg.publicExponent;
    const privateUsages = pick(unique, allowed.private);
    if (privateUsages.length === 0) throw dom('Usages cannot be empty when creating a key.', 'SyntaxError');
    const publicKey = createKey('public', true, plain, pick(unique, allowed.public), r.public);
    const privateKey = createKey('private', extractable, plain, privateUsages, r.private);
    return { __proto__: null, publicKey, privateKey };
  }

  /** keyData of a jwk import as plain data (the bridge reads own enumerable data only). */
  function plainJwk(jwk) {
    const out = {};
    for (const k of ['kty', 'use', 'alg', 'crv', 'k', 'x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi', 'ext']) {
      const v = jwk[k];
      if (v !== undefined) out[k] = k === 'ext' ? !!v : `${v}`;
    }
    const ops = jwk.key_ops;
    if (ops !== undefined) {
      if (ops === null || typeof ops !== 'object' || typeof ops[Symbol.iterator] !== 'function') {
        const e = new TypeError("Failed to execute 'importKey' on 'SubtleCrypto': 'key_ops' of 'JsonWebKey' (2nd argument) can not be converted to sequence.");
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
      out.key_ops = Array.from(ops, (o) => `${o}`);
    }
    return out;
  }

  /** Node's first JWK checks of an asymmetric key (kty, crv), then its usages by key type. */
  function checkJwkHead(name, jwk, alg, usages, allowed) {
    const kty = RSA[name] ? 'RSA' : (name === 'ECDSA' || name === 'ECDH' ? 'EC' : 'OKP');
    if (!jwk.kty) throw dom('Invalid keyData', 'DataError');
    if (jwk.kty !== kty) throw dom('Invalid JWK "kty" Parameter', 'DataError');
    if (kty === 'EC' && jwk.crv !== alg.namedCurve) throw dom('JWK "crv" does not match the requested algorithm', 'DataError');
    if (kty === 'OKP' && jwk.crv !== name) throw dom('JWK "crv" Parameter and algorithm name mismatch', 'DataError');
    if (kty === 'OKP' && jwk.key_ops !== undefined) {
      // cfrg keys check key_ops against the usages before the usages themselves.
      const ops = jwk.key_ops;
      if (new Set(ops).size !== ops.length) throw dom('Duplicate key operation', 'DataError');
      for (let i = 0; i < usages.length; i++) {
        if (!ops.includes(usages[i])) throw dom('Key operations and usage mismatch', 'DataError');
      }
    }
    checkUsages(usages, allowed[jwk.d !== undefined ? 'private' : 'public'], name, true);
  }

  function importKey(format, keyData, alg, extractable, usages) {
    const name = alg.name;
    if ((name === 'PBKDF2' || name === 'HKDF') && extractable) {
      throw dom(`${name} keys are not extractable`, 'SyntaxError');
    }
    const allowed = USAGES[name];
    const secret = ArrayIsArray(allowed);
    checkCurve(alg);
    if (RSA[name] && format === 'raw') throw dom('Unable to import RSA key with format raw', 'NotSupportedError');
    if (secret) checkUsages(usages, allowed, name, true);
    // The key type follows from the format (jwk: from its members, checked after parsing).
    else if (format === 'spki' || format === 'raw') checkUsages(usages, allowed.public, name, true);
    else if (format === 'pkcs8') checkUsages(usages, allowed.private, name, true);
    else checkJwkHead(name, keyData, alg, usages, allowed);
    const r = call('subtle.import', format, keyData, alg, !!extractable, usages);
    if (!secret) checkUsages(usages, allowed[r.type], name, true);
    if ((r.type === 'secret' || r.type === 'private') && usages.length === 0) {
      throw dom(`Usages cannot be empty when importing a ${r.type} key.`, 'SyntaxError');
    }
    return createKey(r.type, extractable, plainOf(alg, r.info), usages.slice(), r.data);
  }

  function exportKey(format, key) {
    if (!CryptoKey._extractable(key)) throw dom('key is not extractable', 'InvalidAccessException');
    const material = CryptoKey._material(key);
    const out = call('subtle.export', format, material);
    if (format !== 'jwk') return toArrayBuffer(out);
    // Node 20 puts the key's own usages array in the JWK (not a copy).
    const jwk = { key_ops: CryptoKey._usages(key), ext: true };
    for (const k in out) jwk[k] = out[k];
    return jwk;
  }

  /** deriveKey: the bits to derive for `derivedKeyType` (normalized with 'get key length'), or null. */
  function keyLength(alg) {
    if (AES[alg.name]) {
      if (alg.length !== 128 && alg.length !== 192 && alg.length !== 256) {
        throw dom('Invalid key length', 'OperationError');
      }
      return alg.length;
    }
    if (alg.name === 'HMAC') {
      if (alg.length === undefined) return HASH_BLOCK[alg.hash];
      if (alg.length === 0) throw dom('Invalid key length', 'OperationError');
      return alg.length;
    }
    return null;
  }

  function toArrayBuffer(u8) {
    if (!(u8 instanceof U8)) return u8;
    const buf = u8.buffer;
    if (u8.byteOffset === 0 && u8.byteLength === buf.byteLength) return buf;
    return buf.slice(u8.byteOffset, u8.byteOffset + u8.byteLength);
  }

  module.exports = { plainJwk, generateKey, importKey, exportKey, keyLength, toArrayBuffer, dom, USAGES };
})
