// KeyObject (Node 20's lib/internal/crypto/keys.js, ported): the classes, the
// key-encoding option parsers and prepareAsymmetricKey. A KeyObject's key lives
// in a module-private WeakMap as its canonical DER (PKCS#8 / SPKI, see
// bridge/keys.py) plus Node's type name and details; every operation hands the
// DER to a bridge op, which re-loads it with `cryptography`.
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/crypto_keys_util');
  const { E, call, Buffer, coded, toU8, toBuffer, isStringOrBuffer, getArrayBufferOrView } = U;
  const WeakMapCtor = WeakMap;
  const BigIntCtor = BigInt;
  const defineProperty = Object.defineProperty;

  const STATE = new WeakMapCtor();
  const ObjectToString = Object.prototype.toString;
  const TOKEN = Symbol('flowgate.keyHandle');
  const kKeyType = Symbol('kKeyType');
  const kAsymmetricKeyType = Symbol('kAsymmetricKeyType');
  const kAsymmetricKeyDetails = Symbol('kAsymmetricKeyDetails');

  // Key input contexts (as Node numbers them).
  const kConsumePublic = 0;
  const kConsumePrivate = 1;
  const kCreatePublic = 2;
  const kCreatePrivate = 3;

  const invalidKeyObjectType = (actual, expected) => coded('ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE',
    `Invalid key object type ${actual}, expected ${expected}.`, TypeError);
  const incompatibleOptions = (name, reason) => coded('ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS',
    `The selected key encoding ${name} ${reason}.`);

  /** A handle: the state of a key, as `keys.import` / `keys.generate` answer it. */
  function handleOf(state) {
    return { token: TOKEN, type: state.type, der: state.der, akt: state.asymmetricKeyType,
      details: state.details, secret: state.secret };
  }

  class KeyObject {
    constructor(type, handle) {
      if (type !== 'secret' && type !== 'public' && type !== 'private') throw E.invalidArgValue('type', type);
      if (typeof handle !== 'object' || handle === null || handle.token !== TOKEN) {
        throw E.invalidArgType('handle', 'object', handle);
      }
      this[kKeyType] = type;
      STATE.set(this, handle);
    }

    get type() { return this[kKeyType]; }

    static from(key) {
      const keyObject = cryptoKeyObject(key);
      if (keyObject === undefined) throw E.invalidArgType('key', 'CryptoKey', key);
      return keyObject;
    }

    equals(otherKeyObject) {
      if (!isKeyObject(otherKeyObject)) throw E.invalidArgType('otherKeyObject', 'KeyObject', otherKeyObject);
      const a = STATE.get(this);
      const b = STATE.get(otherKeyObject);
      if (otherKeyObject.type !== this.type) return false;
      const x = a.type === 'secret' ? a.secret : a.der;
      const y = b.type === 'secret' ? b.secret : b.der;
      if (x.length !== y.length) return false;
      let diff = 0;
      for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
      return diff === 0;
    }
  }
  defineProperty(KeyObject.prototype, Symbol.toStringTag, { configurable: true, value: 'KeyObject' });

  class SecretKeyObject extends KeyObject {
    constructor(handle) { super('secret', handle); }

    get symmetricKeySize() { return STATE.get(this).secret.length; }

    export(options) {
      const secret = STATE.get(this).secret;
      if (options !== undefined) {
        E.validateObject(options, 'options');
        U.validateOneOf(options.format, 'options.format', [undefined, 'buffer', 'jwk']);
        if (options.format === 'jwk') return { kty: 'oct', k: toU8(secret).toBase64({ alphabet: 'base64url', omitPadding: true }) };
      }
      return Buffer.from(secret);
    }
  }

  function normalizeDetails(details) {
    const out = { ...details };
    if (out.publicExponent !== undefined) out.publicExponent = BigIntCtor(out.publicExponent);
    return out;
  }

  class AsymmetricKeyObject extends KeyObject {
    get asymmetricKeyType() {
      return this[kAsymmetricKeyType] || (this[kAsymmetricKeyType] = STATE.get(this).akt);
    }

    get asymmetricKeyDetails() {
      switch (this.asymmetricKeyType) {
        case 'rsa': case 'rsa-pss': case 'dsa': case 'ec':
          return this[kAsymmetricKeyDetails] ||
            (this[kAsymmetricKeyDetails] = normalizeDetails(STATE.get(this).details));
        default:
          return {};
      }
    }
  }

  function exportAsymmetric(keyObject, options, isPrivate) {
    const state = STATE.get(keyObject);
    if (options && options.format === 'jwk') {
      if (isPrivate && options.passphrase !== undefined) {
        throw incompatibleOptions('jwk', 'does not support encryption');
      }
      return call('keys.export', state.type, state.der, 'jwk');
    }
    const akt = keyObject.asymmetricKeyType;
    const enc = isPrivate ? parsePrivateKeyEncoding(options, akt) : parsePublicKeyEncoding(options, akt);
    const out = call('keys.export', state.type, state.der, enc.format, enc.type, enc.cipher,
      enc.passphrase === undefined ? undefined : toU8(enc.passphrase));
    return typeof out === 'string' ? out : toBuffer(out);
  }

  class PublicKeyObject extends AsymmetricKeyObject {
    constructor(handle) { super('public', handle); }
    export(options) { return exportAsymmetric(this, options, false); }
  }

  class PrivateKeyObject extends AsymmetricKeyObject {
    constructor(handle) { super('private', handle); }
    export(options) { return exportAsymmetric(this, options, true); }
  }

  const isKeyObject = (key) => key instanceof KeyObject && STATE.has(key);

  /** A KeyObject for a key state (a bridge answer) or a handle. */
  function wrapState(state) {
    const handle = state.token === TOKEN ? state : handleOf(state);
    if (state.type === 'private') return new PrivateKeyObject(handle);
    if (state.type === 'public') return new PublicKeyObject(handle);
    return new SecretKeyObject(handle);
  }

  // --- key encodings (parseKeyEncoding and friends) -------------------------------

  function parseKeyFormat(formatStr, defaultFormat, optionName) {
    if (formatStr === undefined && defaultFormat !== undefined) return defaultFormat;
    if (formatStr === 'pem' || formatStr === 'der' || formatStr === 'jwk') return formatStr;
    throw E.invalidArgValue(optionName, formatStr);
  }

  function parseKeyType(typeStr, required, keyType, isPublic, optionName) {
    if (typeStr === undefined && !required) return undefined;
    if (typeStr === 'pkcs1') {
      if (keyType !== undefined && keyType !== 'rsa') throw incompatibleOptions(typeStr, 'can only be used for RSA keys');
      return typeStr;
    }
    if (typeStr === 'spki' && isPublic !== false) return typeStr;
    if (typeStr === 'pkcs8' && isPublic !== true) return typeStr;
    if (typeStr === 'sec1' && isPublic !== true) {
      if (keyType !== undefined && keyType !== 'ec') throw incompatibleOptions(typeStr, 'can only be used for EC keys');
      return typeStr;
    }
    throw E.invalidArgValue(optionName, typeStr);
  }

  const option = (name, objName) => (objName === undefined ? `options.${name}` : `options.${objName}.${name}`);

  function parseKeyEncoding(enc, keyType, isPublic, objName) {
    E.validateObject(enc, 'options');
    const isInput = keyType === undefined;
    const format = parseKeyFormat(enc.format, isInput ? 'pem' : undefined, option('format', objName));
    const isRequired = (!isInput || format === 'der') && format !== 'jwk';
    const type = parseKeyType(enc.type, isRequired, keyType, isPublic, option('type', objName));
    let cipher;
    let passphrase;
    let encoding;
    if (isPublic !== true) {
      ({ cipher, passphrase, encoding } = enc);
      if (!isInput) {
        if (cipher != null) {
          if (typeof cipher !== 'string') throw E.invalidArgValue(option('cipher', objName), cipher);
          if (format === 'der' && (type === 'pkcs1' || type === 'sec1')) {
            throw incompatibleOptions(type, 'does not support encryption');
          }
        } else if (passphrase !== undefined) {
          throw E.invalidArgValue(option('cipher', objName), cipher);
        }
      }
      if ((isInput && passphrase !== undefined && !isStringOrBuffer(passphrase)) ||
          (!isInput && cipher != null && !isStringOrBuffer(passphrase))) {
        throw E.invalidArgValue(option('passphrase', objName), passphrase);
      }
    }
    if (passphrase !== undefined) passphrase = getArrayBufferOrView(passphrase, 'key.passphrase', encoding);
    return { format, type, cipher, passphrase };
  }

  const parsePublicKeyEncoding = (enc, keyType, objName) =>
    parseKeyEncoding(enc, keyType, keyType ? true : undefined, objName);
  const parsePrivateKeyEncoding = (enc, keyType, objName) => parseKeyEncoding(enc, keyType, false, objName);

  // --- key inputs -----------------------------------------------------------------

  function getKeyTypes(allowKeyObject, bufferOnly = false) {
    const types = ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'string', 'KeyObject', 'CryptoKey'];
    if (bufferOnly) return types.slice(0, 4);
    if (!allowKeyObject) return types.slice(0, 5);
    return types;
  }

  function keyObjectState(key, ctx) {
    if (ctx === kCreatePrivate) {
      throw E.invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
    }
    if (key.type !== 'private') {
      if (ctx === kConsumePrivate || ctx === kCreatePublic) throw invalidKeyObjectType(key.type, 'private');
      if (key.type !== 'public') throw invalidKeyObjectType(key.type, 'private or public');
    }
    return STATE.get(key);
  }

  /**
   * The KeyObject of a WebCrypto CryptoKey (a new one per call; Node returns the one
   * the CryptoKey wraps), or undefined. web/subtle_keys is only loaded for objects
   * that claim to be CryptoKeys, and it checks its own brand.
   */
  function cryptoKeyObject(key) {
    if (key === null || typeof key !== 'object' || ObjectToString.call(key) !== '[object CryptoKey]') return undefined;
    const state = require('web/subtle_keys').keyObjectState(key);
    return state === undefined ? undefined : wrapState(state);
  }

  /**
   * Node's prepareAsymmetricKey, ending in a key state: KeyObjects give theirs,
   * PEM / DER / JWK inputs are parsed by the bridge (`keys.import`).
   */
  function prepareAsymmetricKey(key, ctx) {
    if (isKeyObject(key)) return keyObjectState(key, ctx);
    const fromCryptoKey = cryptoKeyObject(key);
    if (fromCryptoKey !== undefined) return keyObjectState(fromCryptoKey, ctx);
    const wanted = ctx === kConsumePrivate || ctx === kCreatePrivate ? 'private' : 'public';
    if (isStringOrBuffer(key)) {
      return importKey(wanted, 'pem', getArrayBufferOrView(key, 'key'));
    }
    if (key === null) {
      // Node destructures the argument here; null fails with the engine's own TypeError.
      throw new TypeError("Cannot destructure property 'key' of 'key' as it is null.");
    }
    if (typeof key === 'object') {
      const { key: data, encoding, format } = key;
      if (isKeyObject(data)) return keyObjectState(data, ctx);
      const dataCryptoKey = cryptoKeyObject(data);
      if (dataCryptoKey !== undefined) return keyObjectState(dataCryptoKey, ctx);
      if (format === 'jwk') {
        E.validateObject(data, 'key.key');
        return importJwk(data, ctx);
      }
      if (!isStringOrBuffer(data)) throw E.invalidArgType('key.key', getKeyTypes(ctx !== kCreatePrivate), data);
      const isPublic = ctx === kConsumePrivate || ctx === kCreatePrivate ? false : undefined;
      const bytes = getArrayBufferOrView(data, 'key', encoding);
      const enc = parseKeyEncoding(key, undefined, isPublic);
      return importKey(wanted, enc.format, bytes, enc.type, enc.passphrase);
    }
    throw E.invalidArgType('key', getKeyTypes(ctx !== kCreatePrivate), key);
  }

  function importKey(wanted, format, data, type, passphrase) {
    const bytes = typeof data === 'string' ? data : toU8(data);
    return handleOf(call('keys.import', wanted, format, bytes, type,
      passphrase === undefined ? undefined : toU8(passphrase)));
  }

  function importJwk(key, ctx) {
    U.validateOneOf(key.kty, 'key.kty', ['RSA', 'EC', 'OKP']);
    const isPublic = ctx === kConsumePublic || ctx === kCreatePublic;
    const jwk = { kty: key.kty };
    let fields;
    if (key.kty === 'OKP') {
      E.validateString(key.crv, 'key.crv');
      U.validateOneOf(key.crv, 'key.crv', ['Ed25519', 'Ed448', 'X25519', 'X448']);
      jwk.crv = key.crv;
      fields = isPublic ? ['x'] : ['x', 'd'];
    } else if (key.kty === 'EC') {
      E.validateString(key.crv, 'key.crv');
      U.validateOneOf(key.crv, 'key.crv', ['P-256', 'secp256k1', 'P-384', 'P-521']);
      jwk.crv = key.crv;
      fields = isPublic ? ['x', 'y'] : ['x', 'y', 'd'];
    } else {
      fields = isPublic ? ['n', 'e'] : ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
    }
    for (const f of fields) {
      E.validateString(key[f], `key.${f}`);
      jwk[f] = key[f];
    }
    return handleOf(call('keys.import', isPublic ? 'public' : 'private', 'jwk', jwk));
  }

  module.exports = {
    KeyObject, SecretKeyObject, PublicKeyObject, PrivateKeyObject, STATE, isKeyObject, wrapState,
    handleOf, parsePublicKeyEncoding, parsePrivateKeyEncoding, prepareAsymmetricKey, getKeyTypes,
    invalidKeyObjectType, kConsumePublic, kConsumePrivate, kCreatePublic, kCreatePrivate,
    preparePrivateKey: (key) => prepareAsymmetricKey(key, kConsumePrivate),
    preparePublicOrPrivateKey: (key) => prepareAsymmetricKey(key, kConsumePublic),
  };
})
