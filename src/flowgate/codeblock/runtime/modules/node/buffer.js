// Node 20's `buffer` module (lib/buffer.js), hand-written for QuickJS: Buffer
// is a Uint8Array subclass whose bulk work runs in native built-ins (see
// node/buffer_codec). Loading costs in proportion to bytecode, so only what
// nearly every script uses loads with the module: this file (statics),
// node/buffer_codec (encodings, hot-path checks) and node/buffer_proto
// (toString, write, equals, compare, copy, slice). The rest are methods whose
// first call loads their module and puts the real functions in place:
// node/buffer_search (indexOf & co, fill), node/buffer_rw (numbers),
// node/buffer_swap (swaps, util.inspect, per-encoding slices/writes),
// node/buffer_extra (transcode, isUtf8, isAscii); node/buffer_errors only
// when something throws.
(function (module, exports, require, host) {
  'use strict';
  const { apply } = Reflect;
  const U8 = Uint8Array;
  const ArrayIsArray = Array.isArray;
  const NumberIsNaN = Number.isNaN;
  const SymbolToPrimitive = Symbol.toPrimitive;
  const { defineProperty, defineProperties, getOwnPropertyDescriptor, getPrototypeOf, setPrototypeOf } = Object;
  const TypedArrayPrototype = getPrototypeOf(U8.prototype);
  const taTag = getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
  const taSet = TypedArrayPrototype.set;
  const taSlice = TypedArrayPrototype.slice;
  const taFill = TypedArrayPrototype.fill;
  const taBuffer = getOwnPropertyDescriptor(TypedArrayPrototype, 'buffer').get;
  const taByteOffset = getOwnPropertyDescriptor(TypedArrayPrototype, 'byteOffset').get;
  const taByteLength = getOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength').get;
  const taLength = getOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
  const abByteLength = getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const sabByteLength = typeof SharedArrayBuffer === 'function' ?
    getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : undefined;
  const isView = ArrayBuffer.isView;
  const strSplit = String.prototype.split;
  const strSlice = String.prototype.slice;

  const codec = require('node/buffer_codec');
  const { getEncodingOps, normalizeEncoding, OPS, errors, validateNumber, validateInteger } = codec;
  const invalidArgType = (...a) => errors().invalidArgType(...a);

  const kMaxLength = 2 ** 32;
  const kStringMaxLength = 2 ** 29 - 24;
  const constants = {};
  defineProperties(constants, {
    MAX_LENGTH: { value: kMaxLength, writable: false, enumerable: true },
    MAX_STRING_LENGTH: { value: kStringMaxLength, writable: false, enumerable: true },
  });

  /** The class of every Buffer instance (Node's FastBuffer). */
  class FastBuffer extends U8 {
    // eslint-disable-next-line no-useless-constructor
    constructor(bufferOrLength, byteOffset, length) { super(bufferOrLength, byteOffset, length); }
  }

  const isUint8Array = (v) => {
    try { return apply(taTag, v, []) === 'Uint8Array'; } catch (e) { return false; }
  };
  const isTypedArray = (v) => {
    try { return apply(taTag, v, []) !== undefined; } catch (e) { return false; }
  };
  function isArrayBuffer(v) {
    try { apply(abByteLength, v, []); return true; } catch (e) { /* not one */ }
    if (sabByteLength === undefined) return false;
    try { apply(sabByteLength, v, []); return true; } catch (e) { return false; }
  }

  /** The deprecated constructor: `Buffer(size)` / `new Buffer(x, ...)`. */
  function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === 'number') {
      if (typeof encodingOrOffset === 'string') throw invalidArgType('string', 'string', arg);
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }
  defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, enumerable: false, configurable: true });
  FastBuffer.prototype.constructor = Buffer;
  Buffer.prototype = FastBuffer.prototype;
  setPrototypeOf(Buffer, U8);

  /** Wrap bytes of an existing store as a Buffer (no copy). */
  const wrap = (u8) => new FastBuffer(apply(taBuffer, u8, []), apply(taByteOffset, u8, []), apply(taLength, u8, []));

  function fromString(string, encoding) {
    let ops;
    if (typeof encoding !== 'string' || encoding.length === 0) {
      if (string.length === 0) return new FastBuffer();
      ops = OPS.utf8;
    } else {
      ops = getEncodingOps(encoding);
      if (ops === undefined) throw errors().unknownEncoding(encoding);
      if (string.length === 0) return new FastBuffer();
    }
    return wrap(ops.encode(string));
  }

  function fromArrayBuffer(obj, byteOffset, length) {
    if (byteOffset === undefined) {
      byteOffset = 0;
    } else {
      byteOffset = +byteOffset;
      if (NumberIsNaN(byteOffset)) byteOffset = 0;
    }
    const maxLength = obj.byteLength - byteOffset;
    if (maxLength < 0) throw errors().bufferOutOfBounds('offset');
    if (length === undefined) {
      length = maxLength;
    } else {
      length = +length;
      if (length > 0) {
        if (length > maxLength) throw errors().bufferOutOfBounds('length');
      } else {
        length = 0;
      }
    }
    return new FastBuffer(obj, byteOffset, length);
  }

  function fromArrayLike(obj) {
    if (obj.length <= 0) return new FastBuffer();
    if (obj.length < 4096) {
      const b = new FastBuffer(obj.length);
      apply(taSet, b, [obj, 0]);
      return b;
    }
    return new FastBuffer(obj);
  }

  function fromObject(obj) {
    if (obj.length !== undefined || isArrayBuffer(obj.buffer)) {
      if (typeof obj.length !== 'number') return new FastBuffer();
      return fromArrayLike(obj);
    }
    if (obj.type === 'Buffer' && ArrayIsArray(obj.data)) return fromArrayLike(obj.data);
    return undefined;
  }

  Buffer.poolSize = 8 * 1024;

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromString(value, encodingOrOffset);
    if (typeof value === 'object' && value !== null) {
      if (isArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
      const valueOf = value.valueOf && value.valueOf();
      if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
        return from(valueOf, encodingOrOffset, length);
      }
      const b = fromObject(value);
      if (b) return b;
      if (typeof value[SymbolToPrimitive] === 'function') {
        const primitive = value[SymbolToPrimitive]('string');
        if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
      }
    }
    throw invalidArgType('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'],
      value);
  };

  Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
    if (!isTypedArray(view)) throw invalidArgType('view', ['TypedArray'], view);
    const viewLength = apply(taLength, view, []);
    if (viewLength === 0) return new FastBuffer();
    if (offset !== undefined || length !== undefined) {
      if (offset !== undefined) {
        validateInteger(offset, 'offset', 0);
        if (offset >= viewLength) return new FastBuffer();
      } else {
        offset = 0;
      }
      let end;
      if (length !== undefined) {
        validateInteger(length, 'length', 0);
        end = offset + length;
      } else {
        end = viewLength;
      }
      view = apply(taSlice, view, [offset, end]);
    }
    return fromArrayLike(new U8(apply(taBuffer, view, []), apply(taByteOffset, view, []),
      apply(taByteLength, view, [])));
  };

  Buffer.of = function of(...items) {
    const b = new FastBuffer(items.length);
    for (let k = 0; k < items.length; k++) b[k] = items[k];
    return b;
  };

  Buffer.alloc = function alloc(size, fill, encoding) {
    validateNumber(size, 'size', 0, kMaxLength);
    if (fill !== undefined && fill !== 0 && size > 0) {
      const buf = new FastBuffer(size);
      return require('node/buffer_search')(shared).fillImpl(buf, fill, 0, buf.length, encoding);
    }
    return new FastBuffer(size);
  };
  Buffer.allocUnsafe = function allocUnsafe(size) {
    validateNumber(size, 'size', 0, kMaxLength);
    return new FastBuffer(size);
  };
  Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
    validateNumber(size, 'size', 0, kMaxLength);
    return new FastBuffer(size);
  };

  Buffer.isBuffer = function isBuffer(b) { return b instanceof Buffer; };

  Buffer.compare = function compare(buf1, buf2) {
    if (!isUint8Array(buf1)) throw invalidArgType('buf1', ['Buffer', 'Uint8Array'], buf1);
    if (!isUint8Array(buf2)) throw invalidArgType('buf2', ['Buffer', 'Uint8Array'], buf2);
    if (buf1 === buf2) return 0;
    return proto.compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
  };

  Buffer.isEncoding = function isEncoding(encoding) {
    return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
  };

  Buffer.concat = function concat(list, length) {
    if (!ArrayIsArray(list)) throw invalidArgType('list', 'Array', list);
    if (list.length === 0) return new FastBuffer();
    if (length === undefined) {
      length = 0;
      for (let i = 0; i < list.length; i++) {
        if (list[i].length) length += list[i].length;
      }
    } else {
      validateInteger(length, 'length', 0, kMaxLength);
    }
    const buffer = new FastBuffer(length);
    let pos = 0;
    for (let i = 0; i < list.length; i++) {
      const buf = list[i];
      if (!isUint8Array(buf)) throw invalidArgType(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
      pos += proto.copyActual(buf, buffer, pos, 0, buf.length);
    }
    if (pos < length) apply(taFill, buffer, [0, pos, length]);
    return buffer;
  };

  function byteLength(string, encoding) {
    if (typeof string !== 'string') {
      if (isView(string) || isArrayBuffer(string)) return string.byteLength;
      throw invalidArgType('string', ['string', 'Buffer', 'ArrayBuffer'], string);
    }
    const len = string.length;
    const mustMatch = arguments.length > 2 && arguments[2] === true;
    if (!mustMatch && len === 0) return 0;
    if (!encoding) return mustMatch ? -1 : OPS.utf8.byteLength(string);
    const ops = getEncodingOps(encoding);
    if (ops === undefined) return mustMatch ? -1 : OPS.utf8.byteLength(string);
    return ops.byteLength(string);
  }
  Buffer.byteLength = byteLength;

  /** Deprecated: an unpooled Buffer (zero-filled here). */
  function SlowBuffer(size) {
    validateNumber(size, 'size', 0, kMaxLength);
    return new FastBuffer(size);
  }
  setPrototypeOf(SlowBuffer.prototype, U8.prototype);
  setPrototypeOf(SlowBuffer, U8);

  const shared = { Buffer, FastBuffer, isUint8Array, isTypedArray, isArrayBuffer, kMaxLength, wrap };
  const proto = require('node/buffer_proto')(shared);

  /**
   * Put stand-ins for `names` on `target` (a name starting with '=' is another
   * name of the previous function, as readUint8 is readUInt8's); the first
   * call of any loads `file` (a function of `shared` returning the real
   * functions by name) and replaces every stand-in still in place, so later
   * calls go straight to the real function. Plain loops: iterator-based
   * destructuring costs microseconds per name in QuickJS.
   */
  function lazyMethods(target, file, names) {
    const keys = [];
    const stubs = [];
    let real;
    function load() {
      if (real === undefined) {
        real = require(file)(shared);
        for (let i = 0; i < keys.length; i++) if (target[keys[i]] === stubs[i]) target[keys[i]] = real[keys[i]];
      }
      return real;
    }
    const makeStub = (key) => function () { return apply(load()[key], this, arguments); };
    let stub;
    for (let i = 0; i < names.length; i++) {
      let key = names[i];
      if (typeof key === 'string' && key[0] === '=') key = apply(strSlice, key, [1]);
      else stub = makeStub(key);
      keys[i] = key;
      stubs[i] = stub;
      target[key] = stub;
    }
  }
  const RW_NAMES = apply(strSplit, 'readBigUInt64LE =readBigUint64LE readBigUInt64BE =readBigUint64BE ' +
    'readBigInt64LE readBigInt64BE writeBigUInt64LE =writeBigUint64LE writeBigUInt64BE =writeBigUint64BE ' +
    'writeBigInt64LE writeBigInt64BE readUIntLE =readUintLE readUInt32LE =readUint32LE readUInt16LE ' +
    '=readUint16LE readUInt8 =readUint8 readUIntBE =readUintBE readUInt32BE =readUint32BE readUInt16BE ' +
    '=readUint16BE readIntLE readInt32LE readInt16LE readInt8 readIntBE readInt32BE readInt16BE ' +
    'writeUIntLE =writeUintLE writeUInt32LE =writeUint32LE writeUInt16LE =writeUint16LE writeUInt8 ' +
    '=writeUint8 writeUIntBE =writeUintBE writeUInt32BE =writeUint32BE writeUInt16BE =writeUint16BE ' +
    'writeIntLE writeInt32LE writeInt16LE writeInt8 writeIntBE writeInt32BE writeInt16BE readFloatLE ' +
    'readFloatBE readDoubleLE readDoubleBE writeFloatLE writeFloatBE writeDoubleLE writeDoubleBE', [' ']);
  lazyMethods(Buffer.prototype, 'node/buffer_rw', RW_NAMES);
  const SWAP_NAMES = apply(strSplit, 'asciiSlice base64Slice base64urlSlice latin1Slice hexSlice ucs2Slice ' +
    'utf8Slice asciiWrite base64Write base64urlWrite latin1Write hexWrite ucs2Write utf8Write inspect', [' ']);
  SWAP_NAMES[SWAP_NAMES.length] = Symbol.for('nodejs.util.inspect.custom');
  lazyMethods(Buffer.prototype, 'node/buffer_swap', SWAP_NAMES);
  lazyMethods(Buffer.prototype, 'node/buffer_search', ['indexOf', 'lastIndexOf', 'includes', 'fill']);
  lazyMethods(Buffer.prototype, 'node/buffer_swap', ['swap16', 'swap32', 'swap64']);

  let INSPECT_MAX_BYTES = 50;
  const out = { Buffer, SlowBuffer };
  lazyMethods(out, 'node/buffer_extra', ['transcode', 'isUtf8', 'isAscii']);
  Object.assign(out, { kMaxLength, kStringMaxLength, btoa, atob });
  defineProperties(out, {
    constants: { value: constants, configurable: false, enumerable: true },
    INSPECT_MAX_BYTES: {
      configurable: true, enumerable: true,
      get() { return INSPECT_MAX_BYTES; },
      set(val) { validateNumber(val, 'INSPECT_MAX_BYTES', 0); INSPECT_MAX_BYTES = val; },
    },
    // The globals' classes (web/blob), looked up only when asked for.
    Blob: { configurable: true, enumerable: true, get() { return globalThis.Blob; } },
    // No blob: URLs exist in the sandbox (URL.createObjectURL is absent), so nothing resolves.
    resolveObjectURL: {
      configurable: true, enumerable: true, writable: true,
      value: function resolveObjectURL(url) { url = `${url}`; return undefined; },
    },
    File: { configurable: true, enumerable: true, get() { return globalThis.File; } },
  });
  shared.inspectMaxBytes = () => INSPECT_MAX_BYTES;
  module.exports = out;
})
