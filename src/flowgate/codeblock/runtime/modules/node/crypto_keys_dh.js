// publicEncrypt / privateDecrypt / privateEncrypt / publicDecrypt (Node 20's
// lib/internal/crypto/cipher.js rsaFunctionFor), crypto.diffieHellman and ECDH
// (lib/internal/crypto/diffiehellman.js), ported; the work is in bridge/keys_rsa.py
// and bridge/keys_dh.py.
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/crypto_keys_util');
  const K = require('node/crypto_keys_object');
  const { E, call, coded, toU8, toBuffer, encodeOut } = U;
  const ObjectFreeze = Object.freeze;

  /** The RSA / point-format constants of crypto.constants (values as in Node 20 / OpenSSL 3). */
  const keyConstants = ObjectFreeze({
    RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_X931_PADDING: 5,
    RSA_PKCS1_PSS_PADDING: 6, RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
    POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
  });

  function rsaFunctionFor(operation, defaultPadding, keyType) {
    return (options, buffer) => {
      const state = keyType === 'private' ? K.preparePrivateKey(options) : K.preparePublicOrPrivateKey(options);
      const padding = options.padding || defaultPadding;
      const { oaepHash, encoding } = options;
      let { oaepLabel } = options;
      if (oaepHash !== undefined) E.validateString(oaepHash, 'key.oaepHash');
      if (oaepLabel !== undefined) oaepLabel = toU8(U.getArrayBufferOrView(oaepLabel, 'key.oaepLabel', encoding));
      buffer = U.getArrayBufferOrView(buffer, 'buffer', encoding);
      return toBuffer(call('keys.rsa', operation, state.type, state.der, toU8(buffer), padding, oaepHash, oaepLabel));
    };
  }

  const publicEncrypt = rsaFunctionFor('publicEncrypt', keyConstants.RSA_PKCS1_OAEP_PADDING, 'public');
  const publicDecrypt = rsaFunctionFor('publicDecrypt', keyConstants.RSA_PKCS1_PADDING, 'public');
  const privateEncrypt = rsaFunctionFor('privateEncrypt', keyConstants.RSA_PKCS1_PADDING, 'private');
  const privateDecrypt = rsaFunctionFor('privateDecrypt', keyConstants.RSA_PKCS1_OAEP_PADDING, 'private');

  const DH_TYPES = ['dh', 'ec', 'x448', 'x25519'];

  function diffieHellman(options) {
    E.validateObject(options, 'options');
    const { privateKey, publicKey } = options;
    if (!K.isKeyObject(privateKey)) throw E.invalidArgValue('options.privateKey', privateKey);
    if (!K.isKeyObject(publicKey)) throw E.invalidArgValue('options.publicKey', publicKey);
    if (privateKey.type !== 'private') throw K.invalidKeyObjectType(privateKey.type, 'private');
    if (publicKey.type !== 'public' && publicKey.type !== 'private') {
      throw K.invalidKeyObjectType(publicKey.type, 'private or public');
    }
    const privateType = privateKey.asymmetricKeyType;
    const publicType = publicKey.asymmetricKeyType;
    if (privateType !== publicType || !DH_TYPES.includes(privateType)) {
      throw coded('ERR_CRYPTO_INCOMPATIBLE_KEY',
        `Incompatible key types for Diffie-Hellman: ${privateType} and ${publicType}`);
    }
    const a = K.STATE.get(privateKey);
    const b = K.STATE.get(publicKey);
    return toBuffer(call('keys.dh', a.der, b.type, b.der));
  }

  // --- ECDH ------------------------------------------------------------------------

  function getFormat(format) {
    if (format) {
      if (format === 'compressed' || format === 'hybrid') return format;
      if (format !== 'uncompressed') {
        throw coded('ERR_CRYPTO_ECDH_INVALID_FORMAT', `Invalid ECDH format: ${format}`, TypeError);
      }
    }
    return 'uncompressed';
  }

  // Node keeps a native handle (shown by util.inspect as `[Symbol(kHandle)]: ECDH {}`);
  // ours holds the curve and the raw keys in non-enumerable slots.
  const kHandle = Symbol('kHandle');
  const kCurve = Symbol('kCurve');
  const kKeys = Symbol('kKeys');
  const Handle = class ECDH {};

  function ECDH(curve) {
    if (!(this instanceof ECDH)) return new ECDH(curve);
    E.validateString(curve, 'curve');
    call('keys.ecdh_check', curve);
    const handle = new Handle();
    Object.defineProperty(this, kCurve, { value: curve });
    Object.defineProperty(this, kKeys, { value: { priv: null, pub: null } });
    this[kHandle] = handle;
  }

  // Methods in Node's prototype order.
  ECDH.prototype.computeSecret = function computeSecret(key, inEnc, outEnc) {
    key = U.getArrayBufferOrView(key, 'key', inEnc);
    const priv = this[kKeys].priv;
    if (priv === null) throw coded('ERR_CRYPTO_INVALID_KEYPAIR', 'Invalid key pair', RangeError);
    return encodeOut(toBuffer(call('keys.ecdh_compute', this[kCurve], priv, toU8(key))), outEnc);
  };

  ECDH.prototype.setPrivateKey = function setPrivateKey(key, encoding) {
    key = U.getArrayBufferOrView(key, 'key', encoding);
    const [priv, pub] = call('keys.ecdh_set_private', this[kCurve], toU8(key));
    this[kKeys].priv = priv;
    this[kKeys].pub = pub;
    return this;
  };

  ECDH.prototype.setPublicKey = function setPublicKey(key, encoding) {
    key = U.getArrayBufferOrView(key, 'key', encoding);
    this[kKeys].pub = call('keys.ecdh_convert', this[kCurve], toU8(key), 'uncompressed', true);
    return this;
  };

  ECDH.prototype.getPrivateKey = function getPrivateKey(encoding) {
    const priv = this[kKeys].priv;
    if (priv === null) throw coded('ERR_CRYPTO_OPERATION_FAILED', 'Failed to get ECDH private key');
    return encodeOut(toBuffer(new Uint8Array(priv)), encoding);
  };

  ECDH.prototype.generateKeys = function generateKeys(encoding, format) {
    const [priv, pub] = call('keys.ecdh_generate', this[kCurve]);
    this[kKeys].priv = priv;
    this[kKeys].pub = pub;
    return this.getPublicKey(encoding, format);
  };

  ECDH.prototype.getPublicKey = function getPublicKey(encoding, format) {
    const f = getFormat(format);
    const pub = this[kKeys].pub;
    if (pub === null) throw coded('ERR_CRYPTO_OPERATION_FAILED', 'Failed to get ECDH public key');
    const out = f === 'uncompressed' ? new Uint8Array(pub) : call('keys.ecdh_convert', this[kCurve], pub, f);
    return encodeOut(toBuffer(out), encoding);
  };

  ECDH.convertKey = function convertKey(key, curve, inEnc, outEnc, format) {
    E.validateString(curve, 'curve');
    key = U.getArrayBufferOrView(key, 'key', inEnc);
    const f = getFormat(format);
    return encodeOut(toBuffer(call('keys.ecdh_convert', curve, toU8(key), f)), outEnc);
  };

  const createECDH = (curve) => new ECDH(curve);

  module.exports = {
    publicEncrypt, publicDecrypt, privateEncrypt, privateDecrypt, diffieHellman, ECDH, createECDH, keyConstants,
  };
})
