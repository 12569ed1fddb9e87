// Sign / Verify, crypto.sign / crypto.verify (Node 20's lib/internal/crypto/sig.js,
// ported). Sign and Verify collect the data in JS and sign it in one bridge call;
// they are not Writable streams here (no `stream` module in the sandbox).
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/crypto_keys_util');
  const K = require('node/crypto_keys_object');
  const { E, call, Buffer, coded, toU8, toBuffer, encodeOut, later } = U;
  const ReflectConstruct = Reflect.construct;
  const RSA_PKCS1_PSS_PADDING = 6;
  const RSA_PSS_SALTLEN_MAX_SIGN = -2;
  const EDDSA = ['ed25519', 'ed448'];

  const signKeyRequired = () => coded('ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign');
  const invalidState = () => coded('ERR_CRYPTO_INVALID_STATE', 'Not initialised');

  function getIntOption(name, options) {
    const value = options[name];
    if (value !== undefined) {
      if (value === value >> 0) return value;
      throw E.invalidArgValue(`options.${name}`, value);
    }
    return undefined;
  }

  function getSaltLength(options) {
    let saltLength = getIntOption('saltLength', options);
    if (options.padding === RSA_PKCS1_PSS_PADDING && saltLength === undefined) {
      saltLength = RSA_PSS_SALTLEN_MAX_SIGN;
    }
    return saltLength;
  }

  function getDSASignatureEncoding(options) {
    if (typeof options === 'object') {
      const { dsaEncoding = 'der' } = options;
      if (dsaEncoding === 'der' || dsaEncoding === 'ieee-p1363') return dsaEncoding;
      throw E.invalidArgValue('options.dsaEncoding', dsaEncoding);
    }
    return 'der';
  }

  /** Options read off the key argument: [padding, saltLength, dsaEncoding]. */
  const keyOptions = (key) => [getIntOption('padding', key), getSaltLength(key), getDSASignatureEncoding(key)];

  class Hashing {
    #algorithm;
    #chunks = [];

    constructor(algorithm) {
      E.validateString(algorithm, 'algorithm');
      if (!call('keys.digest_ok', algorithm)) {
        throw coded('ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest', TypeError);
      }
      this.#algorithm = algorithm;
    }


    update(data, encoding) {
      if (this.#chunks === null) throw invalidState();
      if (typeof data === 'string') {
        data = Buffer.from(data, encoding === 'buffer' || encoding == null ? 'utf8' : encoding);
      } else if (!U.isArrayBufferView(data)) {
        throw E.invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
      } else {
        data = Buffer.from(toU8(data)); // a copy: the caller may reuse its buffer
      }
      this.#chunks.push(data);
      return this;
    }

    // The Writable surface code most often uses with Sign/Verify.
    write(data, encoding) {
      this.update(data, encoding);
      return true;
    }

    end(data, encoding) {
      if (data != null) this.update(data, encoding);
      return this;
    }

    _take() {
      if (this.#chunks === null) throw invalidState();
      const data = Buffer.concat(this.#chunks);
      this.#chunks = null;
      return [this.#algorithm, data];
    }
  }

  function checkStreamingKey(state) {
    if (EDDSA.includes(state.akt)) {
      throw coded('ERR_CRYPTO_UNSUPPORTED_OPERATION', 'Unsupported crypto operation');
    }
  }

  class SignImpl extends Hashing {
    sign(options, encoding) {
      if (!options) throw signKeyRequired();
      const state = K.preparePrivateKey(options);
      const [padding, saltLength, dsaEncoding] = keyOptions(options);
      checkStreamingKey(state);
      const [algorithm, data] = this._take();
      const out = toBuffer(call('keys.sign', state.der, algorithm, data, padding, saltLength, dsaEncoding));
      return encodeOut(out, encoding);
    }
  }

  class VerifyImpl extends Hashing {
    verify(options, signature, sigEncoding) {
      const state = K.preparePublicOrPrivateKey(options);
      const [padding, saltLength, dsaEncoding] = keyOptions(options);
      signature = U.getArrayBufferOrView(signature, 'signature', sigEncoding);
      checkStreamingKey(state);
      const [algorithm, data] = this._take();
      return call('keys.verify', state.type, state.der, algorithm, data, toU8(signature), padding,
        saltLength, dsaEncoding);
    }
  }

  // Node's Sign and Verify are functions that also work without `new`.
  function Sign(algorithm, options) {
    if (new.target === undefined) return new Sign(algorithm, options);
    return ReflectConstruct(SignImpl, [algorithm], new.target);
  }
  function Verify(algorithm, options) {
    if (new.target === undefined) return new Verify(algorithm, options);
    return ReflectConstruct(VerifyImpl, [algorithm], new.target);
  }
  for (const [F, Impl] of [[Sign, SignImpl], [Verify, VerifyImpl]]) {
    F.prototype = Impl.prototype;
    Object.defineProperty(Impl.prototype, 'constructor', { value: F, writable: true, configurable: true });
  }
  function createSign(algorithm, options) { return new Sign(algorithm, options); }
  function createVerify(algorithm, options) { return new Verify(algorithm, options); }

  // Node's SignJob refuses an unknown digest name when it is built, before any callback.
  function checkDigestName(algorithm) {
    if (algorithm != null && !call('keys.digest_ok', algorithm)) {
      throw coded('ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`, TypeError);
    }
  }

  function signOneShot(algorithm, data, key, callback) {
    if (algorithm != null) E.validateString(algorithm, 'algorithm');
    if (callback !== undefined) E.validateFunction(callback, 'callback');
    data = U.getArrayBufferOrView(data, 'data');
    if (!key) throw signKeyRequired();
    const [padding, saltLength, dsaEncoding] = keyOptions(key);
    const state = K.preparePrivateKey(key);
    if (callback !== undefined) checkDigestName(algorithm);
    const run = () => [toBuffer(call('keys.sign', state.der, algorithm == null ? null : algorithm, toU8(data),
      padding, saltLength, dsaEncoding))];
    if (callback === undefined) return run()[0];
    later(callback, run);
    return undefined;
  }

  function verifyOneShot(algorithm, data, key, signature, callback) {
    if (algorithm != null) E.validateString(algorithm, 'algorithm');
    if (callback !== undefined) E.validateFunction(callback, 'callback');
    data = U.getArrayBufferOrView(data, 'data');
    if (!U.isArrayBufferView(data)) throw E.invalidArgType('data', ['Buffer', 'TypedArray', 'DataView'], data);
    const [padding, saltLength, dsaEncoding] = keyOptions(key);
    if (!U.isArrayBufferView(signature)) {
      throw E.invalidArgType('signature', ['Buffer', 'TypedArray', 'DataView'], signature);
    }
    const state = K.preparePublicOrPrivateKey(key);
    if (callback !== undefined) checkDigestName(algorithm);
    const run = () => [call('keys.verify', state.type, state.der, algorithm == null ? null : algorithm, toU8(data),
      toU8(signature), padding, saltLength, dsaEncoding)];
    if (callback === undefined) return run()[0];
    later(callback, run);
    return undefined;
  }

  module.exports = { Sign, Verify, createSign, createVerify, signOneShot, verifyOneShot };
})
