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
  const LAZY_OWN = { constants: OWN.constants, webcrypto: OWN.webcrypto, subtle: OWN.subtle };

  // Resolved on first read, then a plain data property (as in Node, assignable).
  function assign(name, value) {
    defineProperty(out, name, { value, writable: true, configurable: true, enumerable: true });
  }
  function resolve(name) {
    const value = Object.hasOwn(LAZY_OWN, name) ? LAZY_OWN[name]() : loadPart(name);
    assign(name, value);
    return value;
  }
  // Node's own key order (Object.keys(require('crypto'))). Accessors in a literal: a
  // defineProperty loop costs ~4x more at load in this engine.
  const out = {
    get checkPrime() { return resolve('checkPrime'); }, set checkPrime(v) { assign('checkPrime', v); },
    get checkPrimeSync() { return resolve('checkPrimeSync'); }, set checkPrimeSync(v) { assign('checkPrimeSync', v); },
    get createCipheriv() { return resolve('createCipheriv'); }, set createCipheriv(v) { assign('createCipheriv', v); },
    get createDecipheriv() { return resolve('createDecipheriv'); }, set createDecipheriv(v) { assign('createDecipheriv', v); },
    get createDiffieHellman() { return resolve('createDiffieHellman'); }, set createDiffieHellman(v) { assign('createDiffieHellman', v); },
    get createDiffieHellmanGroup() { return resolve('createDiffieHellmanGroup'); }, set createDiffieHellmanGroup(v) { assign('createDiffieHellmanGroup', v); },
    get createECDH() { return resolve('createECDH'); }, set createECDH(v) { assign('createECDH', v); },
    get createHash() { return resolve('createHash'); }, set createHash(v) { assign('createHash', v); },
    get createHmac() { return resolve('createHmac'); }, set createHmac(v) { assign('createHmac', v); },
    get createPrivateKey() { return resolve('createPrivateKey'); }, set createPrivateKey(v) { assign('createPrivateKey', v); },
    get createPublicKey() { return resolve('createPublicKey'); }, set createPublicKey(v) { assign('createPublicKey', v); },
    get createSecretKey() { return resolve('createSecretKey'); }, set createSecretKey(v) { assign('createSecretKey', v); },
    get createSign() { return resolve('createSign'); }, set createSign(v) { assign('createSign', v); },
    get createVerify() { return resolve('createVerify'); }, set createVerify(v) { assign('createVerify', v); },
    get diffieHellman() { return resolve('diffieHellman'); }, set diffieHellman(v) { assign('diffieHellman', v); },
    get generatePrime() { return resolve('generatePrime'); }, set generatePrime(v) { assign('generatePrime', v); },
    get generatePrimeSync() { return resolve('generatePrimeSync'); }, set generatePrimeSync(v) { assign('generatePrimeSync', v); },
    get getCiphers() { return resolve('getCiphers'); }, set getCiphers(v) { assign('getCiphers', v); },
    get getCipherInfo() { return resolve('getCipherInfo'); }, set getCipherInfo(v) { assign('getCipherInfo', v); },
    getCurves: OWN.getCurves,
    get getDiffieHellman() { return resolve('getDiffieHellman'); }, set getDiffieHellman(v) { assign('getDiffieHellman', v); },
    get getHashes() { return resolve('getHashes'); }, set getHashes(v) { assign('getHashes', v); },
    get hkdf() { return resolve('hkdf'); }, set hkdf(v) { assign('hkdf', v); },
    get hkdfSync() { return resolve('hkdfSync'); }, set hkdfSync(v) { assign('hkdfSync', v); },
    get pbkdf2() { return resolve('pbkdf2'); }, set pbkdf2(v) { assign('pbkdf2', v); },
    get pbkdf2Sync() { return resolve('pbkdf2Sync'); }, set pbkdf2Sync(v) { assign('pbkdf2Sync', v); },
    get generateKeyPair() { return resolve('generateKeyPair'); }, set generateKeyPair(v) { assign('generateKeyPair', v); },
    get generateKeyPairSync() { return resolve('generateKeyPairSync'); }, set generateKeyPairSync(v) { assign('generateKeyPairSync', v); },
    get generateKey() { return resolve('generateKey'); }, set generateKey(v) { assign('generateKey', v); },
    get generateKeySync() { return resolve('generateKeySync'); }, set generateKeySync(v) { assign('generateKeySync', v); },
    get privateDecrypt() { return resolve('privateDecrypt'); }, set privateDecrypt(v) { assign('privateDecrypt', v); },
    get privateEncrypt() { return resolve('privateEncrypt'); }, set privateEncrypt(v) { assign('privateEncrypt', v); },
    get publicDecrypt() { return resolve('publicDecrypt'); }, set publicDecrypt(v) { assign('publicDecrypt', v); },
    get publicEncrypt() { return resolve('publicEncrypt'); }, set publicEncrypt(v) { assign('publicEncrypt', v); },
    get randomBytes() { return resolve('randomBytes'); }, set randomBytes(v) { assign('randomBytes', v); },
    get randomFill() { return resolve('randomFill'); }, set randomFill(v) { assign('randomFill', v); },
    get randomFillSync() { return resolve('randomFillSync'); }, set randomFillSync(v) { assign('randomFillSync', v); },
    get randomInt() { return resolve('randomInt'); }, set randomInt(v) { assign('randomInt', v); },
    get randomUUID() { return resolve('randomUUID'); }, set randomUUID(v) { assign('randomUUID', v); },
    get scrypt() { return resolve('scrypt'); }, set scrypt(v) { assign('scrypt', v); },
    get scryptSync() { return resolve('scryptSync'); }, set scryptSync(v) { assign('scryptSync', v); },
    get sign() { return resolve('sign'); }, set sign(v) { assign('sign', v); },
    setEngine: OWN.setEngine,
    get timingSafeEqual() { return resolve('timingSafeEqual'); }, set timingSafeEqual(v) { assign('timingSafeEqual', v); },
    getFips: OWN.getFips,
    setFips: OWN.setFips,
    get verify() { return resolve('verify'); }, set verify(v) { assign('verify', v); },
    get hash() { return resolve('hash'); }, set hash(v) { assign('hash', v); },
    get Certificate() { return resolve('Certificate'); }, set Certificate(v) { assign('Certificate', v); },
    get Cipher() { return resolve('Cipher'); }, set Cipher(v) { assign('Cipher', v); },
    get Cipheriv() { return resolve('Cipheriv'); }, set Cipheriv(v) { assign('Cipheriv', v); },
    get Decipher() { return resolve('Decipher'); }, set Decipher(v) { assign('Decipher', v); },
    get Decipheriv() { return resolve('Decipheriv'); }, set Decipheriv(v) { assign('Decipheriv', v); },
    get DiffieHellman() { return resolve('DiffieHellman'); }, set DiffieHellman(v) { assign('DiffieHellman', v); },
    get DiffieHellmanGroup() { return resolve('DiffieHellmanGroup'); }, set DiffieHellmanGroup(v) { assign('DiffieHellmanGroup', v); },
    get ECDH() { return resolve('ECDH'); }, set ECDH(v) { assign('ECDH', v); },
    get Hash() { return resolve('Hash'); }, set Hash(v) { assign('Hash', v); },
    get Hmac() { return resolve('Hmac'); }, set Hmac(v) { assign('Hmac', v); },
    get KeyObject() { return resolve('KeyObject'); }, set KeyObject(v) { assign('KeyObject', v); },
    get Sign() { return resolve('Sign'); }, set Sign(v) { assign('Sign', v); },
    get Verify() { return resolve('Verify'); }, set Verify(v) { assign('Verify', v); },
    get X509Certificate() { return resolve('X509Certificate'); }, set X509Certificate(v) { assign('X509Certificate', v); },
    secureHeapUsed: OWN.secureHeapUsed,
    get constants() { return resolve('constants'); }, set constants(v) { assign('constants', v); },
    get webcrypto() { return resolve('webcrypto'); }, set webcrypto(v) { assign('webcrypto', v); },
    get subtle() { return resolve('subtle'); }, set subtle(v) { assign('subtle', v); },
    get getRandomValues() { return resolve('getRandomValues'); }, set getRandomValues(v) { assign('getRandomValues', v); },
  };
  // Deprecated aliases of randomBytes (non-enumerable in Node).
  for (const alias of ['pseudoRandomBytes', 'prng', 'rng']) {
    defineProperty(out, alias, {
      configurable: true, enumerable: false, get: () => out.randomBytes,
      set(value) { defineProperty(out, alias, { value, writable: true, configurable: true, enumerable: false }); },
    });
  }
  module.exports = out;
})
