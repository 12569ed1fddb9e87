// The asymmetric part of Node 20's `crypto` (KeyObject, createPublicKey /
// createPrivateKey / createSecretKey, generateKeyPair / generateKey, Sign /
// Verify, sign / verify, public-key encryption, diffieHellman, ECDH). node/crypto
// re-exports every name exported here. The argument handling is ported from
// Node's lib/internal/crypto (keys.js, keygen.js, sig.js, cipher.js,
// diffiehellman.js; MIT); the key work is done by Python's `cryptography`
// behind the bridge ops of src/flowgate/codeblock/bridge/keys*.py.
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/crypto_keys_util');
  const K = require('node/crypto_keys_object');
  const { E, call, Buffer, toU8, later } = U;
  const { STATE, isKeyObject, wrapState, handleOf, SecretKeyObject, kCreatePublic, kCreatePrivate } = K;
  const ObjectDefineProperty = Object.defineProperty;
  const MathFloor = Math.floor;

  function createSecretKey(key, encoding) {
    if (typeof key !== 'string' && !U.isArrayBufferView(key) && !U.isAnyArrayBuffer(key)) {
      throw E.invalidArgType('key', K.getKeyTypes(false, true), key);
    }
    const bytes = U.getArrayBufferOrView(key, 'key', encoding);
    const secret = new Uint8Array(toU8(bytes)); // a copy: later changes to `key` do not leak in
    return new SecretKeyObject(handleOf({ type: 'secret', secret }));
  }

  function createPublicKey(key) {
    const state = K.prepareAsymmetricKey(key, kCreatePublic);
    if (state.type === 'private') return wrapState(call('keys.public', state.der));
    return wrapState(state);
  }

  function createPrivateKey(key) {
    return wrapState(K.prepareAsymmetricKey(key, kCreatePrivate));
  }

  // --- generateKeyPair -----------------------------------------------------------

  function parseGenEncoding(keyType, options) {
    const { publicKeyEncoding, privateKeyEncoding } = options || {};
    let pub;
    let priv;
    if (publicKeyEncoding != null) {
      if (typeof publicKeyEncoding !== 'object') {
        throw E.invalidArgValue('options.publicKeyEncoding', publicKeyEncoding);
      }
      pub = K.parsePublicKeyEncoding(publicKeyEncoding, keyType, 'publicKeyEncoding');
    }
    if (privateKeyEncoding != null) {
      if (typeof privateKeyEncoding !== 'object') {
        throw E.invalidArgValue('options.privateKeyEncoding', privateKeyEncoding);
      }
      priv = K.parsePrivateKeyEncoding(privateKeyEncoding, keyType, 'privateKeyEncoding');
    }
    return { pub, priv };
  }

  function rsaOptions(type, options) {
    E.validateObject(options, 'options');
    const { modulusLength } = options;
    U.validateUint32(modulusLength, 'options.modulusLength');
    let { publicExponent } = options;
    if (publicExponent == null) publicExponent = 0x10001;
    else U.validateUint32(publicExponent, 'options.publicExponent');
    const out = { modulusLength, publicExponent };
    if (type === 'rsa') return out;
    const { hash, mgf1Hash, hashAlgorithm, mgf1HashAlgorithm, saltLength } = options;
    if (saltLength !== undefined) U.validateInt32(saltLength, 'options.saltLength', 0);
    if (hashAlgorithm !== undefined) E.validateString(hashAlgorithm, 'options.hashAlgorithm');
    if (mgf1HashAlgorithm !== undefined) E.validateString(mgf1HashAlgorithm, 'options.mgf1HashAlgorithm');
    if (hash !== undefined) {
      E.validateString(hash, 'options.hash');
      if (hashAlgorithm && hash !== hashAlgorithm) throw E.invalidArgValue('options.hash', hash);
    }
    if (mgf1Hash !== undefined) {
      E.validateString(mgf1Hash, 'options.mgf1Hash');
      if (mgf1HashAlgorithm && mgf1Hash !== mgf1HashAlgorithm) throw E.invalidArgValue('options.mgf1Hash', mgf1Hash);
    }
    out.hashAlgorithm = hashAlgorithm || hash;
    out.mgf1HashAlgorithm = mgf1HashAlgorithm || mgf1Hash;
    out.saltLength = saltLength;
    return out;
  }

  function unsupportedType(type) {
    return E.invalidArgValue('type', type, 'must be a supported key type');
  }

  /** Node's createJob: validate, returning [bridge options, encodings]. */
  function keyPairJob(type, options) {
    E.validateString(type, 'type');
    const encoding = parseGenEncoding(type, options);
    if (options !== undefined) E.validateObject(options, 'options');
    switch (type) {
      case 'rsa': case 'rsa-pss':
        return [rsaOptions(type, options), encoding];
      case 'ec': {
        E.validateObject(options, 'options');
        const { namedCurve, paramEncoding } = options;
        E.validateString(namedCurve, 'options.namedCurve');
        if (paramEncoding === 'explicit') {
          throw U.coded('ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
            "The feature paramEncoding 'explicit' is unavailable on the current platform, which is being used " +
            'to run Node.js');
        }
        if (paramEncoding != null && paramEncoding !== 'named') {
          throw E.invalidArgValue('options.paramEncoding', paramEncoding);
        }
        call('keys.check_curve', namedCurve); // Node refuses an unknown curve synchronously, even with a callback
        return [{ namedCurve }, encoding];
      }
      case 'ed25519': case 'ed448': case 'x25519': case 'x448':
        return [{}, encoding];
      case 'dsa': case 'dh':
        throw U.coded('ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
          `The feature ${type} keys is unavailable on the current platform, which is being used to run Node.js`);
      default:
        throw unsupportedType(type);
    }
  }

  function encodeGenerated(state, enc, isPrivate) {
    const keyObject = wrapState(state);
    if (enc === undefined) return keyObject;
    const opts = { format: enc.format, type: enc.type };
    if (isPrivate && enc.cipher != null) {
      opts.cipher = enc.cipher;
      opts.passphrase = enc.passphrase;
    }
    return keyObject.export(opts);
  }

  function runKeyPairJob(type, options) {
    const [bridgeOptions, encoding] = keyPairJob(type, options);
    return () => {
      const pair = call('keys.generate', type, bridgeOptions);
      return [encodeGenerated(pair.public, encoding.pub, false), encodeGenerated(pair.private, encoding.priv, true)];
    };
  }

  function generateKeyPairSync(type, options) {
    const [publicKey, privateKey] = runKeyPairJob(type, options)();
    return { publicKey, privateKey };
  }

  function generateKeyPair(type, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    U.validateFunction(callback, 'callback');
    const job = runKeyPairJob(type, options);
    later(callback, job);
  }
  // util.promisify(generateKeyPair) resolves { publicKey, privateKey }, as in Node (which
  // marks it with an internal symbol node/util cannot see; promisify.custom does the same).
  ObjectDefineProperty(generateKeyPair, Symbol.for('nodejs.util.promisify.custom'), {
    value: function generateKeyPair(type, options) {
      return new Promise((resolve, reject) => {
        later((err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })),
          runKeyPairJob(type, options));
      });
    },
    enumerable: false, configurable: true,
  });

  // --- generateKey (secret keys) -------------------------------------------------

  function secretKeyJob(type, options) {
    E.validateString(type, 'type');
    E.validateObject(options, 'options');
    const { length } = options;
    if (type === 'hmac') U.validateInteger(length, 'options.length', 8, 2 ** 31 - 1);
    else if (type === 'aes') U.validateOneOf(length, 'options.length', [128, 192, 256]);
    else throw unsupportedType(type);
    return () => {
      const secret = new Uint8Array(MathFloor(length / 8));
      for (let off = 0; off < secret.length; off += 65536) {
        host.randomFill(secret.subarray(off, off + 65536));
      }
      return [new SecretKeyObject(handleOf({ type: 'secret', secret }))];
    };
  }

  const generateKeySync = (type, options) => secretKeyJob(type, options)()[0];

  function generateKey(type, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    U.validateFunction(callback, 'callback');
    later(callback, secretKeyJob(type, options));
  }

  const sig = require('node/crypto_keys_sign');
  const dh = require('node/crypto_keys_dh');

  module.exports = {
    KeyObject: K.KeyObject, createSecretKey, createPublicKey, createPrivateKey,
    generateKeyPair, generateKeyPairSync, generateKey, generateKeySync,
    Sign: sig.Sign, Verify: sig.Verify, createSign: sig.createSign, createVerify: sig.createVerify,
    sign: sig.signOneShot, verify: sig.verifyOneShot,
    publicEncrypt: dh.publicEncrypt, privateDecrypt: dh.privateDecrypt,
    privateEncrypt: dh.privateEncrypt, publicDecrypt: dh.publicDecrypt,
    diffieHellman: dh.diffieHellman, ECDH: dh.ECDH, createECDH: dh.createECDH,
    keyConstants: dh.keyConstants,
    // For node/crypto and webcrypto (not public API): key states in and out of KeyObjects.
    _keyInternals: { isKeyObject, wrapState, stateOf: (key) => STATE.get(key) },
  };
  // Loaded on first use only.
  ObjectDefineProperty(module.exports, 'X509Certificate', {
    enumerable: true, configurable: true, get: () => require('node/crypto_keys_x509').X509Certificate,
  });
})
