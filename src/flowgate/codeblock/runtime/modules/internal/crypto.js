// The web `crypto` global (Node 20's Crypto instance): getRandomValues and
// randomUUID from the OS CSPRNG (host.randomFill), and `subtle`, a lazy getter
// that loads web/subtle (WebCrypto) on first use. The module's value IS the
// global object (bootstrap's `crypto` resolves to it), so its own keys stay
// empty as in Node; the classes Crypto/CryptoKey/SubtleCrypto live in web/crypto.
(function (module, exports, require, host) {
  'use strict';
  const DOMExceptionCtor = DOMException;
  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
    Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
  const HEX = [];
  for (let i = 0; i < 256; i++) HEX[i] = (i < 16 ? '0' : '') + i.toString(16);
  let constructing = false;
  let instance;
  function checkThis(self) {
    if (self !== instance) {
      const err = new TypeError('Value of "this" must be of type Crypto');
      Object.defineProperty(err, 'code', { value: 'ERR_INVALID_THIS', writable: true, configurable: true });
      throw err;
    }
  }

  class Crypto {
    constructor() {
      if (!constructing) {
        const err = new TypeError('Illegal constructor');
        Object.defineProperty(err, 'code', { value: 'ERR_ILLEGAL_CONSTRUCTOR', writable: true, configurable: true });
        throw err;
      }
      constructing = false;
    }
    get subtle() {
      checkThis(this);
      return require('web/subtle').subtle;
    }
    getRandomValues(ta) {
      checkThis(this);
      if (!INTEGER_ARRAYS.some((C) => ta instanceof C)) {
        throw new DOMExceptionCtor('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
      }
      if (ta.byteLength > 65536) {
        throw new DOMExceptionCtor(
          `The ArrayBufferView's byte length (${ta.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`,
          'QuotaExceededError');
      }
      host.randomFill(new Uint8Array(ta.buffer, ta.byteOffset, ta.byteLength));
      return ta;
    }
    randomUUID() {
      checkThis(this);
      const b = new Uint8Array(16);
      host.randomFill(b);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      return HEX[b[0]] + HEX[b[1]] + HEX[b[2]] + HEX[b[3]] + '-' + HEX[b[4]] + HEX[b[5]] + '-' +
        HEX[b[6]] + HEX[b[7]] + '-' + HEX[b[8]] + HEX[b[9]] + '-' + HEX[b[10]] + HEX[b[11]] +
        HEX[b[12]] + HEX[b[13]] + HEX[b[14]] + HEX[b[15]];
    }
  }
  // WebIDL: members are enumerable; the tag is Crypto.
  for (const name of ['subtle', 'getRandomValues', 'randomUUID']) {
    const d = Object.getOwnPropertyDescriptor(Crypto.prototype, name);
    d.enumerable = true;
    Object.defineProperty(Crypto.prototype, name, d);
  }
  Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
  constructing = true;
  instance = new Crypto();
  module.exports = instance;
})
