// CryptoKey (Node 20 shape) and the private slot holding its material.
// The material (raw bytes of a secret key, pkcs8/spki DER of an asymmetric one)
// lives in a #private field: user code cannot read a non-extractable key, only
// the host ops (and node/crypto_keys through `keyMaterial`) can.
(function (module, exports, require, host) {
  'use strict';
  const { withCode, illegalConstructor, enumerable, toStringTag } = require('web/common');
  const DOMExceptionCtor = DOMException;
  const U8 = Uint8Array;
  const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
  const ObjectCreate = Object.create;
  const includes = Array.prototype.includes;
  const ReflectApply = Reflect.apply;
  const ArrayPrototypeIncludes = (a, v) => ReflectApply(includes, a, [v]);
  let constructing = false;

  class CryptoKey {
    #type; #extractable; #algorithm; #usages; #data; #plainAlg;
    constructor(type, extractable, algorithm, usages, data, plainAlg) {
      if (!constructing) throw illegalConstructor();
      constructing = false;
      this.#type = type;
      this.#extractable = extractable;
      this.#algorithm = algorithm;
      this.#usages = usages;
      this.#data = data;
      this.#plainAlg = plainAlg;
    }
    static #check(key) {
      if (key === null || typeof key !== 'object' || !(#type in key)) {
        throw withCode(new TypeError('Value of "this" must be of type CryptoKey'), 'ERR_INVALID_THIS');
      }
      return key;
    }
    get type() { return CryptoKey.#check(this).#type; }
    get extractable() { return CryptoKey.#check(this).#extractable; }
    get algorithm() { return CryptoKey.#check(this).#algorithm; }
    get usages() { return CryptoKey.#check(this).#usages; }
    [inspectSymbol](depth, options, inspect) {
      if (depth < 0) return this;
      const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
      return `CryptoKey ${inspect({ type: this.type, extractable: this.extractable,
        algorithm: this.algorithm, usages: this.usages }, opts)}`;
    }
    static _isKey(v) { return v !== null && typeof v === 'object' && #type in v; }
    /** What the host ops need: `{type, data, algorithm}` (algorithm as plain data). */
    static _material(key) {
      // Node 20 reads the hash from the key's (mutable) algorithm object at each use: so do we.
      let algorithm = key.#plainAlg;
      const hash = algorithm.hash === undefined ? undefined : key.#algorithm.hash;
      if (hash !== undefined && hash !== null && typeof hash.name === 'string' && hash.name !== algorithm.hash) {
        algorithm = { ...algorithm, hash: hash.name };
      }
      return { type: key.#type, data: key.#data, algorithm };
    }
    // Node 20 checks usages against the array `key.usages` returns (mutable, as there).
    static _has(key, usage) { return ArrayPrototypeIncludes(key.#usages, usage); }
    static _usages(key) { return key.#usages; }
    static _name(key) { return key.#plainAlg.name; }
    static _extractable(key) { return key.#extractable; }
  }
  enumerable(CryptoKey.prototype, ['type', 'extractable', 'algorithm', 'usages']);
  // Node's keys are instances of an internal subclass whose prototype only has `constructor` (= CryptoKey).
  class InternalCryptoKey extends CryptoKey {}
  Object.defineProperty(InternalCryptoKey.prototype, 'constructor', { value: CryptoKey, writable: true, configurable: true });
  toStringTag(CryptoKey.prototype, 'CryptoKey');

  /** The algorithm object a key reports, in Node's member order. */
  function publicAlgorithm(plain) {
    const out = { name: plain.name };
    if (plain.modulusLength !== undefined) {
      out.modulusLength = plain.modulusLength;
      out.publicExponent = new U8(plain.publicExponent);
    }
    if (plain.namedCurve !== undefined) out.namedCurve = plain.namedCurve;
    if (plain.name === 'HMAC') {
      if (plain.generated) { out.length = plain.length; out.hash = { name: plain.hash }; }
      else { out.hash = { name: plain.hash }; out.length = plain.length; }
    } else {
      if (plain.length !== undefined) out.length = plain.length;
      if (plain.hash !== undefined) out.hash = { name: plain.hash };
    }
    return out;
  }

  /** A CryptoKey over `data` (Uint8Array, kept private). `plain`: {name, hash?, namedCurve?, length?, ...}. */
  function createKey(type, extractable, plain, usages, data) {
    const stored = { name: plain.name };
    for (const k of ['hash', 'namedCurve', 'length', 'modulusLength']) if (plain[k] !== undefined) stored[k] = plain[k];
    constructing = true;
    return new InternalCryptoKey(type, !!extractable, publicAlgorithm(plain), usages, data, stored);
  }

  function dom(message, name) { return new DOMExceptionCtor(message, name); }

  /**
   * The material of a CryptoKey, for node/crypto_keys (KeyObject.from): `{type, data, algorithm}`,
   * `data` a copy (raw secret bytes, pkcs8 DER of a private key, spki DER of a public key).
   * Throws a TypeError for anything that is not a CryptoKey.
   */
  function keyMaterial(key) {
    if (!CryptoKey._isKey(key)) throw withCode(new TypeError('The "key" argument must be an instance of CryptoKey.'), 'ERR_INVALID_ARG_TYPE');
    const m = CryptoKey._material(key);
    return { type: m.type, data: new U8(m.data), algorithm: { ...m.algorithm } };
  }

  /**
   * For KeyObject.from (node/crypto_keys): the KeyObject state of a CryptoKey, or undefined
   * for anything else. Secret: `{type: 'secret', secret}`; asymmetric: what `keys.import`
   * answers for the key's DER (so node/crypto_keys wraps it with its own `wrapState`).
   */
  function keyObjectState(key) {
    if (!CryptoKey._isKey(key)) return undefined;
    const m = CryptoKey._material(key);
    if (m.type === 'secret') return { type: 'secret', secret: new U8(m.data) };
    return require('internal/bridge').call('keys.import', m.type, 'der', m.data, m.type === 'private' ? 'pkcs8' : 'spki');
  }

  module.exports = { CryptoKey, createKey, keyMaterial, keyObjectState, dom, ObjectCreate };
})
