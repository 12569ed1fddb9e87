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
  // Two hex digits per byte. A 256-entry table costs ~35 us to build, which every context
  // that made a UUID paid at load (uuid's v4 calls randomUUID): the first 16 UUIDs read
  // two digits from a string instead (~1.5 us more per UUID), later ones the table.
  const DIGITS = '0123456789abcdef';
  let table;
  let made = 0;
  const hex = (b) => (table !== undefined ? table[b] : DIGITS[b >> 4] + DIGITS[b & 15]);
  function buildTable() {
    const t = [];
    for (let i = 0; i < 256; i++) t[i] = DIGITS[i >> 4] + DIGITS[i & 15];
    table = t;
  }
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
      if (table === undefined && ++made > 16) buildTable();
      return hex(b[0]) + hex(b[1]) + hex(b[2]) + hex(b[3]) + '-' + hex(b[4]) + hex(b[5]) + '-' +
        hex(b[6]) + hex(b[7]) + '-' + hex(b[8]) + hex(b[9]) + '-' + hex(b[10]) + hex(b[11]) +
        hex(b[12]) + hex(b[13]) + hex(b[14]) + hex(b[15]);
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
