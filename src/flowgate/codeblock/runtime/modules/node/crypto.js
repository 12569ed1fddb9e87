// Node 20's `crypto` module (require('crypto') / require('node:crypto')).
// Assembled from parts loaded on first use, so `require('crypto').createHash`
// loads the hash part only: node/crypto_hash (hashes, HMAC), node/crypto_kdf
// (random numbers, pbkdf2, scrypt, hkdf, timingSafeEqual), node/crypto_cipher
// (ciphers), node/crypto_keys (keys, signatures, RSA, DH/ECDH; written
// separately and re-exported by name) and the global `crypto` (webcrypto).
(function (module, exports, require, host) {
  'use strict';
  const defineProperty = Object.defineProperty;

  const PARTS = {
    'node/crypto_hash': ['createHash', 'createHmac', 'hash', 'getHashes', 'Hash', 'Hmac'],
    'node/crypto_kdf': ['randomBytes', 'randomFill', 'randomFillSync', 'randomInt', 'randomUUID',
      'getRandomValues', 'pbkdf2', 'pbkdf2Sync', 'scrypt', 'scryptSync', 'hkdf', 'hkdfSync', 'timingSafeEqual'],
    'node/crypto_cipher': ['createCipheriv', 'createDecipheriv', 'getCiphers', 'getCipherInfo', 'Cipher',
      'Cipheriv', 'Decipher', 'Decipheriv'],
    'node/crypto_keys': ['checkPrime', 'checkPrimeSync', 'createDiffieHellman', 'createDiffieHellmanGroup',
      'createECDH', 'createPrivateKey', 'createPublicKey', 'createSecretKey', 'createSign', 'createVerify',
      'diffieHellman', 'generatePrime', 'generatePrimeSync', 'getDiffieHellman', 'generateKeyPair',
      'generateKeyPairSync', 'generateKey', 'generateKeySync', 'privateDecrypt', 'privateEncrypt',
      'publicDecrypt', 'publicEncrypt', 'sign', 'verify', 'DiffieHellman', 'DiffieHellmanGroup', 'ECDH',
      'KeyObject', 'Sign', 'Verify', 'X509Certificate', 'Certificate'],
  };
  // Node's own key order (Object.keys(require('crypto'))).
  const ORDER = ['checkPrime', 'checkPrimeSync', 'createCipheriv', 'createDecipheriv', 'createDiffieHellman',
    'createDiffieHellmanGroup', 'createECDH', 'createHash', 'createHmac', 'createPrivateKey', 'createPublicKey',
    'createSecretKey', 'createSign', 'createVerify', 'diffieHellman', 'generatePrime', 'generatePrimeSync',
    'getCiphers', 'getCipherInfo', 'getCurves', 'getDiffieHellman', 'getHashes', 'hkdf', 'hkdfSync', 'pbkdf2',
    'pbkdf2Sync', 'generateKeyPair', 'generateKeyPairSync', 'generateKey', 'generateKeySync', 'privateDecrypt',
    'privateEncrypt', 'publicDecrypt', 'publicEncrypt', 'randomBytes', 'randomFill', 'randomFillSync',
    'randomInt', 'randomUUID', 'scrypt', 'scryptSync', 'sign', 'setEngine', 'timingSafeEqual', 'getFips',
    'setFips', 'verify', 'hash', 'Certificate', 'Cipher', 'Cipheriv', 'Decipher', 'Decipheriv',
    'DiffieHellman', 'DiffieHellmanGroup', 'ECDH', 'Hash', 'Hmac', 'KeyObject', 'Sign', 'Verify',
    'X509Certificate', 'secureHeapUsed', 'constants', 'webcrypto', 'subtle', 'getRandomValues'];

  const PART_OF = { __proto__: null };
  for (const part of Object.keys(PARTS)) for (const name of PARTS[part]) PART_OF[name] = part;

  function missing(name) {
    return function unavailable() {
      const err = new Error(`crypto.${name} is not available in the code-block sandbox`);
      err.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
      throw err;
    };
  }
  function loadPart(name) {
    const part = PART_OF[name];
    let value;
    try {
      value = require(part)[name];
    } catch (e) {
      // node/crypto_keys may be absent from a build; everything else is a bug worth seeing.
      if (part !== 'node/crypto_keys') throw e;
    }
    return value === undefined ? missing(name) : value;
  }

  // The named curves node/crypto_keys can use (bridge/keys_gen.py CURVES), in Node's order.
  const CURVES = ['brainpoolP256r1', 'brainpoolP384r1', 'brainpoolP512r1', 'prime192v1', 'prime256v1',
    'secp224r1', 'secp256k1', 'secp384r1', 'secp521r1'];
  const OWN = {
    getCurves: () => CURVES.slice(),
    setEngine: missing('setEngine'),
    getFips: () => 0,
    setFips() {},  // Node 20 on a non-FIPS OpenSSL 3 accepts and ignores it
    secureHeapUsed: () => ({ total: 0, min: 0, used: 0, utilization: 0 }),
    constants: () => require('node/crypto_constants'),
    webcrypto: () => globalThis.crypto,
    subtle: () => globalThis.crypto.subtle,
  };
  const LAZY_OWN = ['constants', 'webcrypto', 'subtle'];

  const out = {};
  for (const name of ORDER) {
    if (Object.hasOwn(OWN, name) && !LAZY_OWN.includes(name)) {
      out[name] = OWN[name];
      continue;
    }
    const get = Object.hasOwn(OWN, name) ? OWN[name] : () => loadPart(name);
    // Resolved on first read, then a plain data property (as in Node, assignable).
    defineProperty(out, name, {
      configurable: true,
      enumerable: true,
      get() {
        const value = get();
        defineProperty(out, name, { value, writable: true, configurable: true, enumerable: true });
        return value;
      },
      set(value) {
        defineProperty(out, name, { value, writable: true, configurable: true, enumerable: true });
      },
    });
  }
  // Deprecated aliases of randomBytes (non-enumerable in Node).
  for (const alias of ['pseudoRandomBytes', 'prng', 'rng']) {
    defineProperty(out, alias, {
      configurable: true, enumerable: false, get: () => out.randomBytes,
      set(value) { defineProperty(out, alias, { value, writable: true, configurable: true, enumerable: false }); },
    });
  }
  module.exports = out;
})
