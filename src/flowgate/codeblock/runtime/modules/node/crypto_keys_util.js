// Shared helpers of the asymmetric part of `crypto` (node/crypto_keys*): Node's
// validators and coded errors as lib/internal/crypto uses them, byte input
// handling (getArrayBufferOrView), the bridge call, and callback scheduling.
(function (module, exports, require, host) {
  'use strict';
  const E = require('node/util_errors');
  const { call } = require('internal/bridge');
  const { Buffer } = require('node/buffer');
  const NumberIsInteger = Number.isInteger;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const Uint8ArrayCtor = Uint8Array;
  const ArrayBufferCtor = ArrayBuffer;
  const SharedArrayBufferCtor = globalThis.SharedArrayBuffer;
  const setTimeoutFn = globalThis.setTimeout;
  const BYTES = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];

  const makeError = E.makeError;
  const coded = (code, message, Base = Error) => makeError(Base, code, message);

  function isAnyArrayBuffer(v) {
    return v instanceof ArrayBufferCtor || (SharedArrayBufferCtor !== undefined && v instanceof SharedArrayBufferCtor);
  }
  const isArrayBufferView = (v) => ArrayBufferIsView(v);
  const isStringOrBuffer = (v) => typeof v === 'string' || isArrayBufferView(v) || isAnyArrayBuffer(v);

  /** Node's getArrayBufferOrView: strings are decoded with `encoding` (utf8 by default). */
  function getArrayBufferOrView(buffer, name, encoding) {
    if (isAnyArrayBuffer(buffer)) return buffer;
    if (typeof buffer === 'string') {
      if (encoding === 'buffer') encoding = 'utf8';
      return Buffer.from(buffer, encoding);
    }
    if (!isArrayBufferView(buffer)) throw E.invalidArgType(name, BYTES, buffer);
    return buffer;
  }

  /** Bytes as a Uint8Array view (what the bridge copies), without copying here. */
  function toU8(data) {
    if (data instanceof Uint8ArrayCtor) return data;
    if (isAnyArrayBuffer(data)) return new Uint8ArrayCtor(data);
    return new Uint8ArrayCtor(data.buffer, data.byteOffset, data.byteLength);
  }

  /** A bridge result (Uint8Array on a fresh ArrayBuffer) as a Buffer, no copy. */
  const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.length);

  function encodeOut(buf, encoding) {
    return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
  }

  function validateOneOf(value, name, oneOf) {
    if (!oneOf.includes(value)) {
      const allowed = oneOf.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
      throw E.invalidArgValue(name, value, `must be one of: ${allowed}`);
    }
  }
  function validateInteger(value, name, min, max) {
    if (typeof value !== 'number') throw E.invalidArgType(name, 'number', value);
    if (!NumberIsInteger(value)) throw E.outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw E.outOfRange(name, `>= ${min} && <= ${max}`, value);
  }
  const validateUint32 = (value, name, positive) => validateInteger(value, name, positive ? 1 : 0, 4294967295);
  const validateInt32 = (value, name, min = -2147483648, max = 2147483647) =>
    validateInteger(value, name, min, max);

  /** Run a Node-style callback later, as Node's thread-pool jobs complete (never synchronously). */
  function later(callback, fn) {
    let err = null;
    let results;
    try {
      results = fn();
    } catch (e) {
      err = e;
    }
    setTimeoutFn(() => {
      if (err !== null) callback(err);
      else callback(null, ...results);
    }, 0);
  }

  module.exports = {
    E, coded, call, Buffer, isAnyArrayBuffer, isArrayBufferView, isStringOrBuffer, getArrayBufferOrView,
    toU8, toBuffer, encodeOut, validateOneOf, validateInteger, validateUint32, validateInt32, later,
    validateObject: E.validateObject, validateString: E.validateString, validateFunction: E.validateFunction,
    BYTES,
  };
})
