// Buffer.prototype, the part nearly every script uses: toString, write,
// toJSON, equals, compare, copy, subarray/slice (lib/buffer.js +
// src/node_buffer.cc of Node 20). Comparisons run on latin1 strings (one code
// unit per byte, so `<` is a native memcmp). The other methods are in
// node/buffer_search, node/buffer_rw and node/buffer_swap, loaded on first use.
(function (module, exports, require, host) {
  'use strict';
  const { apply } = Reflect;
  const MathTrunc = Math.trunc;
  const MathFloor = Math.floor;
  const NumberIsNaN = Number.isNaN;
  const NumberIsInteger = Number.isInteger;
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf } = Object;
  const TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
  const taSet = TypedArrayPrototype.set;
  const taByteLength = getOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength').get;
  const { getEncodingOps, OPS, latin1Of, view, errors, validateInteger } = require('node/buffer_codec');

  module.exports = function install(shared) {
    const { Buffer, FastBuffer, isUint8Array, kMaxLength } = shared;
    const proto = Buffer.prototype;
    const validateOffset = (value, name, min = 0, max = kMaxLength) => validateInteger(value, name, min, max);
    const method = (name, fn) => { proto[name] = fn; };

    /** memcmp of a[aStart, aEnd) with b[bStart, bEnd), normalised to -1/0/1 (shorter first). */
    function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
      const sa = latin1Of(view(a, aStart, aEnd));
      const sb = latin1Of(view(b, bStart, bEnd));
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    }

    function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
      const targetLen = apply(taByteLength, target, []);
      if (sourceEnd - sourceStart > targetLen - targetStart) sourceEnd = sourceStart + targetLen - targetStart;
      let nb = sourceEnd - sourceStart;
      const sourceLen = apply(taByteLength, source, []) - sourceStart;
      if (nb > sourceLen) nb = sourceLen;
      if (nb <= 0) return 0;
      apply(taSet, target, [view(source, sourceStart, sourceStart + nb), targetStart]);
      return nb;
    }

    // ------------------------------------------------------------ strings
    // Node's toString/write call `this.utf8Slice(...)`, `this.hexWrite(...)`:
    // on a receiver that is not a Buffer those are its own methods (a plain
    // Uint8Array has none: TypeError).
    const bindingName = (ops, kind) => `${ops === OPS.utf16le ? 'ucs2' : ops.name}${kind}`;
    function foreign(self, ops, kind, args) {
      const name = bindingName(ops, kind);
      const fn = self[name];
      if (typeof fn !== 'function') throw new TypeError(`this.${name} is not a function`);
      return apply(fn, self, args);
    }
    function decode(self, ops, start, end) {
      return self instanceof FastBuffer ? ops.decode(self, start, end) : foreign(self, ops, 'Slice', [start, end]);
    }

    method('toString', function toString(encoding, start, end) {
      if (arguments.length === 0) return decode(this, OPS.utf8, 0, this.length);
      const len = this.length;
      if (start <= 0) start = 0;
      else if (start >= len) return '';
      else start = MathTrunc(start) || 0;
      if (end === undefined || end > len) end = len;
      else end = MathTrunc(end) || 0;
      if (end <= start) return '';
      if (encoding === undefined) return decode(this, OPS.utf8, start, end);
      const ops = getEncodingOps(encoding);
      if (ops === undefined) throw errors().unknownEncoding(encoding);
      return decode(this, ops, start, end);
    });
    proto.toLocaleString = proto.toString;

    function writeString(buf, ops, string, offset, length) {
      if (!(buf instanceof FastBuffer)) return foreign(buf, ops, 'Write', [string, offset, length]);
      return writeRaw(buf, ops, string, offset, length);
    }
    function writeRaw(buf, ops, string, offset, length) {
      if (typeof string !== 'string') throw errors().makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
      if (string.length === 0 || length <= 0) return 0;
      return ops.write(buf, string, offset, length);
    }
    method('write', function write(string, offset, length, encoding) {
      if (offset === undefined) return writeString(this, OPS.utf8, string, 0, this.length);
      if (length === undefined && typeof offset === 'string') {
        encoding = offset;
        length = this.length;
        offset = 0;
      } else {
        validateOffset(offset, 'offset', 0, this.length);
        const remaining = this.length - offset;
        if (length === undefined) {
          length = remaining;
        } else if (typeof length === 'string') {
          encoding = length;
          length = remaining;
        } else {
          validateOffset(length, 'length', 0, this.length);
          if (length > remaining) length = remaining;
        }
      }
      if (!encoding) return writeString(this, OPS.utf8, string, offset, length);
      const ops = getEncodingOps(encoding);
      if (ops === undefined) throw errors().unknownEncoding(encoding);
      return writeString(this, ops, string, offset, length);
    });


    method('toJSON', function toJSON() {
      const n = this.length;
      const data = new Array(n);
      for (let i = 0; i < n; ++i) data[i] = this[i];
      return { type: 'Buffer', data };
    });

    // ------------------------------------------------------- comparisons
    method('equals', function equals(otherBuffer) {
      if (!isUint8Array(otherBuffer)) throw errors().invalidArgType('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
      if (this === otherBuffer) return true;
      const len = apply(taByteLength, this, []);
      if (len !== apply(taByteLength, otherBuffer, [])) return false;
      return len === 0 || compareBytes(this, 0, len, otherBuffer, 0, len) === 0;
    });

    method('compare', function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
      if (!isUint8Array(target)) throw errors().invalidArgType('target', ['Buffer', 'Uint8Array'], target);
      if (arguments.length === 1) return compareBytes(this, 0, this.length, target, 0, target.length);
      if (targetStart === undefined) targetStart = 0;
      else validateOffset(targetStart, 'targetStart');
      if (targetEnd === undefined) targetEnd = target.length;
      else validateOffset(targetEnd, 'targetEnd', 0, target.length);
      if (sourceStart === undefined) sourceStart = 0;
      else validateOffset(sourceStart, 'sourceStart');
      if (sourceEnd === undefined) sourceEnd = this.length;
      else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
      if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
      if (targetStart >= targetEnd) return 1;
      if (sourceStart > this.length) {
        throw errors().makeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "sourceStart" is out of range.');
      }
      if (targetStart > target.length) {
        throw errors().makeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "targetStart" is out of range.');
      }
      return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
    });


    // ------------------------------------------------------ copy and views
    function toInteger(n, defaultVal) {
      n = +n;
      if (!NumberIsNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
        return (n % 1) === 0 ? n : MathFloor(n);
      }
      return defaultVal;
    }
    method('copy', function copy(target, targetStart, sourceStart, sourceEnd) {
      const source = this;
      if (!isUint8Array(source)) throw errors().invalidArgType('source', ['Buffer', 'Uint8Array'], source);
      if (!isUint8Array(target)) throw errors().invalidArgType('target', ['Buffer', 'Uint8Array'], target);
      if (targetStart === undefined) {
        targetStart = 0;
      } else {
        targetStart = NumberIsInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
        if (targetStart < 0) throw errors().outOfRange('targetStart', '>= 0', targetStart);
      }
      if (sourceStart === undefined) {
        sourceStart = 0;
      } else {
        sourceStart = NumberIsInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
        if (sourceStart < 0 || sourceStart > source.length) {
          throw errors().outOfRange('sourceStart', `>= 0 && <= ${source.length}`, sourceStart);
        }
      }
      if (sourceEnd === undefined) {
        sourceEnd = source.length;
      } else {
        sourceEnd = NumberIsInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
        if (sourceEnd < 0) throw errors().outOfRange('sourceEnd', '>= 0', sourceEnd);
      }
      if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
      return copyActual(source, target, targetStart, sourceStart, sourceEnd);
    });

    function adjustOffset(offset, length) {
      offset = MathTrunc(offset);
      if (offset === 0 || offset !== offset) return 0;
      if (offset < 0) {
        offset += length;
        return offset > 0 ? offset : 0;
      }
      return offset < length ? offset : length;
    }
    method('subarray', function subarray(start, end) {
      const srcLength = this.length;
      start = adjustOffset(start, srcLength);
      end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
      const newLength = end > start ? end - start : 0;
      return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
    });
    method('slice', function slice(start, end) { return this.subarray(start, end); });

    for (const name of ['parent', 'offset']) {
      defineProperty(proto, name, {
        enumerable: true, configurable: true,
        get() {
          if (!(this instanceof Buffer)) return undefined;
          return name === 'parent' ? this.buffer : this.byteOffset;
        },
      });
    }

    shared.writeString = writeRaw;
    return { compareBytes, copyActual };
  };
})
