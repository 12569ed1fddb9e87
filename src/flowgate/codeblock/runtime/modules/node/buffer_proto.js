// Buffer.prototype: conversions, comparison, search, fill, copy, views,
// swaps (lib/buffer.js + src/node_buffer.cc of Node 20). Byte searches and
// comparisons run on latin1 strings (one code unit per byte, so
// String.prototype.indexOf and `<` are native memmem/memcmp).
(function (module, exports, require, host) {
  'use strict';
  const { apply } = Reflect;
  const U8 = Uint8Array;
  const U16 = Uint16Array;
  const MathTrunc = Math.trunc;
  const MathFloor = Math.floor;
  const NumberIsNaN = Number.isNaN;
  const NumberIsInteger = Number.isInteger;
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf } = Object;
  const TypedArrayPrototype = getPrototypeOf(U8.prototype);
  const taSet = TypedArrayPrototype.set;
  const taFill = TypedArrayPrototype.fill;
  const taCopyWithin = TypedArrayPrototype.copyWithin;
  const taByteLength = getOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength').get;
  const strIndexOf = String.prototype.indexOf;
  const strLastIndexOf = String.prototype.lastIndexOf;
  const strCharCodeAt = String.prototype.charCodeAt;
  const fromCharCode = String.fromCharCode;
  const strIsWellFormed = String.prototype.isWellFormed;
  const strReplace = String.prototype.replace;
  // A lone surrogate, or a run of anything else (well-formed).
  const WTF8_PARTS = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])+/g;
  const E = require('node/buffer_errors');
  const { invalidArgType, invalidArgValue, unknownEncoding, bufferOutOfBounds, outOfRange } = E;
  const { getEncodingOps, normalizeEncoding, OPS, latin1Of, view } = require('node/buffer_codec');

  module.exports = function install(shared) {
    const { Buffer, FastBuffer, isUint8Array, kMaxLength } = shared;
    const proto = Buffer.prototype;
    const validateOffset = (value, name, min = 0, max = kMaxLength) => E.validateInteger(value, name, min, max);
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
    method('toString', function toString(encoding, start, end) {
      if (arguments.length === 0) return OPS.utf8.decode(this, 0, this.length);
      const len = this.length;
      if (start <= 0) start = 0;
      else if (start >= len) return '';
      else start = MathTrunc(start) || 0;
      if (end === undefined || end > len) end = len;
      else end = MathTrunc(end) || 0;
      if (end <= start) return '';
      if (encoding === undefined) return OPS.utf8.decode(this, start, end);
      const ops = getEncodingOps(encoding);
      if (ops === undefined) throw unknownEncoding(encoding);
      return ops.decode(this, start, end);
    });
    proto.toLocaleString = proto.toString;

    function writeString(buf, ops, string, offset, length) {
      if (typeof string !== 'string') {
        throw E.makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
      }
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
      if (ops === undefined) throw unknownEncoding(encoding);
      return writeString(this, ops, string, offset, length);
    });

    // Node's per-encoding binding methods (buf.hexSlice(start, end), buf.utf8Write(str, offset, length)).
    for (const [name, ops] of [['ascii', OPS.ascii], ['base64', OPS.base64], ['base64url', OPS.base64url],
      ['latin1', OPS.latin1], ['hex', OPS.hex], ['ucs2', OPS.utf16le], ['utf8', OPS.utf8]]) {
      method(`${name}Slice`, function (start = 0, end = this.length) {
        start = MathTrunc(+start) || 0;
        end = MathTrunc(+end) || 0;
        if (start < 0 || end > this.length || start > end) throw bufferOutOfBounds();
        return ops.decode(this, start, end);
      });
      method(`${name}Write`, function (string, offset = 0, length = this.length - offset) {
        if (offset < 0 || offset > this.length) throw bufferOutOfBounds('offset');
        return writeString(this, ops, string, offset, Math.min(length, this.length - offset));
      });
    }

    method('toJSON', function toJSON() {
      const n = this.length;
      const data = new Array(n);
      for (let i = 0; i < n; ++i) data[i] = this[i];
      return { type: 'Buffer', data };
    });

    // ------------------------------------------------------- comparisons
    method('equals', function equals(otherBuffer) {
      if (!isUint8Array(otherBuffer)) throw invalidArgType('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
      if (this === otherBuffer) return true;
      const len = apply(taByteLength, this, []);
      if (len !== apply(taByteLength, otherBuffer, [])) return false;
      return len === 0 || compareBytes(this, 0, len, otherBuffer, 0, len) === 0;
    });

    method('compare', function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
      if (!isUint8Array(target)) throw invalidArgType('target', ['Buffer', 'Uint8Array'], target);
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
        throw E.makeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "sourceStart" is out of range.');
      }
      if (targetStart > target.length) {
        throw E.makeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "targetStart" is out of range.');
      }
      return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
    });

    // ------------------------------------------------------------ search
    // Node's IndexOfOffset (src/node_buffer.cc): where a search starts, or -1.
    function startOffset(length, offset, needleLength, forward) {
      if (offset < 0) {
        if (offset + length >= 0) return length + offset;
        if (forward || needleLength === 0) return 0;
        return -1;
      }
      if (offset + needleLength <= length) return offset;
      if (needleLength === 0) return length;
      return forward ? -1 : length - 1;
    }
    // Search `needle` (a string of code units) in `hay` (code units of width `unit` bytes).
    function search(buf, hay, needle, needleBytes, offset, forward, unit) {
      const length = buf.length;
      const at = startOffset(length, MathTrunc(offset) + 0, needleBytes, forward); // +0: no -0
      if (needleBytes === 0) return at;
      if (length === 0 || at <= -1) return -1;
      if ((forward && needleBytes + at > length) || needleBytes > length) return -1;
      if (unit === 2 && (length < 2 || needleBytes < 2)) return -1;
      const from = unit === 2 ? at >>> 1 : at;
      const r = apply(forward ? strIndexOf : strLastIndexOf, hay(), [needle, from]);
      return r === -1 ? -1 : r * unit;
    }
    // UTF-8 bytes of `str` as a latin1 string, lone surrogates encoded as if they were characters.
    function wtf8(str) {
      if (apply(strIsWellFormed, str, [])) return latin1Of(OPS.utf8.encode(str));
      return apply(strReplace, str, [WTF8_PARTS, (part) => {
        const c = apply(strCharCodeAt, part, [0]);
        if (part.length !== 1 || c < 0xd800 || c > 0xdfff) return latin1Of(OPS.utf8.encode(part));
        return fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      }]);
    }
    function bytesAsString(buf) { return () => latin1Of(view(buf, 0, buf.length)); }
    function unitsAsString(buf) { return () => OPS.utf16le.decode(buf, 0, buf.length & ~1); }

    function indexOfImpl(buffer, val, byteOffset, encoding, dir) {
      if (typeof byteOffset === 'string') {
        encoding = byteOffset;
        byteOffset = undefined;
      } else if (byteOffset > 0x7fffffff) {
        byteOffset = 0x7fffffff;
      } else if (byteOffset < -0x80000000) {
        byteOffset = -0x80000000;
      }
      byteOffset = +byteOffset;
      if (NumberIsNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
      if (typeof val === 'number') {
        return search(buffer, bytesAsString(buffer), fromCharCode((val >>> 0) & 0xff), 1, byteOffset, dir, 1);
      }
      const ops = encoding === undefined ? OPS.utf8 : getEncodingOps(encoding);
      if (typeof val === 'string') {
        if (ops === undefined) throw unknownEncoding(encoding);
        if (ops === OPS.utf16le) {
          return search(buffer, unitsAsString(buffer), val, val.length * 2, byteOffset, dir, 2);
        }
        // V8's Utf8Value (Node's needle) keeps lone surrogates as 3 bytes each (WTF-8).
        const needle = ops === OPS.utf8 ? wtf8(val) : latin1Of(ops.encode(val));
        const needleBytes = ops === OPS.utf8 || ops === OPS.latin1 ? ops.byteLength(val) : needle.length;
        return search(buffer, bytesAsString(buffer), needle, needleBytes, byteOffset, dir, 1);
      }
      if (isUint8Array(val)) {
        if (ops === OPS.utf16le) {
          return search(buffer, unitsAsString(buffer), OPS.utf16le.decode(val, 0, val.length & ~1), val.length,
            byteOffset, dir, 2);
        }
        return search(buffer, bytesAsString(buffer), latin1Of(view(val, 0, val.length)), val.length, byteOffset,
          dir, 1);
      }
      throw invalidArgType('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
    }
    method('indexOf', function indexOf(val, byteOffset, encoding) {
      return indexOfImpl(this, val, byteOffset, encoding, true);
    });
    method('lastIndexOf', function lastIndexOf(val, byteOffset, encoding) {
      return indexOfImpl(this, val, byteOffset, encoding, false);
    });
    method('includes', function includes(val, byteOffset, encoding) {
      return this.indexOf(val, byteOffset, encoding) !== -1;
    });

    // -------------------------------------------------------------- fill
    /** Repeat `pattern` (bytes) over buf[offset, end) by doubling copies. */
    function fillPattern(buf, pattern, offset, end) {
      const total = end - offset;
      const first = pattern.length < total ? pattern : view(pattern, 0, total);
      apply(taSet, buf, [first, offset]);
      let filled = first.length;
      while (filled < total) {
        const n = filled < total - filled ? filled : total - filled;
        apply(taCopyWithin, buf, [offset + filled, offset, offset + n]);
        filled += n;
      }
    }
    function fillImpl(buf, value, offset, end, encoding) {
      let ops;
      if (typeof value === 'string') {
        if (offset === undefined || typeof offset === 'string') {
          encoding = offset;
          offset = 0;
          end = buf.length;
        } else if (typeof end === 'string') {
          encoding = end;
          end = buf.length;
        }
        const normalized = normalizeEncoding(encoding);
        if (normalized === undefined) {
          if (typeof encoding !== 'string') throw invalidArgType('encoding', 'string', encoding);
          throw unknownEncoding(encoding);
        }
        ops = OPS[normalized];
        if (value.length === 0) {
          value = 0;
        } else if (value.length === 1) {
          const code = apply(strCharCodeAt, value, [0]);
          if ((normalized === 'utf8' && code < 128) || normalized === 'latin1') value = code;
        }
      }
      if (offset === undefined) {
        offset = 0;
        end = buf.length;
      } else {
        validateOffset(offset, 'offset');
        if (end === undefined) end = buf.length;
        else validateOffset(end, 'end', 0, buf.length);
        if (offset >= end) return buf;
      }
      if (typeof value === 'number') {
        if (offset > end || end - offset + offset > apply(taByteLength, buf, [])) throw bufferOutOfBounds();
        apply(taFill, buf, [value, offset, end]);
        return buf;
      }
      let bytes;
      if (typeof value === 'string') bytes = ops.encode(value);
      else if (ArrayBuffer.isView(value)) bytes = new U8(value.buffer, value.byteOffset, value.byteLength);
      else {
        apply(taFill, buf, [(+value >>> 0) & 0xff, offset, end]);
        return buf;
      }
      if (end > buf.length) throw bufferOutOfBounds();
      if (end - offset <= 0) return buf;
      if (bytes.length === 0) throw invalidArgValue('value', value);
      fillPattern(buf, bytes, offset, end);
      return buf;
    }
    method('fill', function fill(value, offset, end, encoding) {
      return fillImpl(this, value, offset, end, encoding);
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
      if (!isUint8Array(source)) throw invalidArgType('source', ['Buffer', 'Uint8Array'], source);
      if (!isUint8Array(target)) throw invalidArgType('target', ['Buffer', 'Uint8Array'], target);
      if (targetStart === undefined) {
        targetStart = 0;
      } else {
        targetStart = NumberIsInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
        if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
      }
      if (sourceStart === undefined) {
        sourceStart = 0;
      } else {
        sourceStart = NumberIsInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
        if (sourceStart < 0 || sourceStart > source.length) {
          throw outOfRange('sourceStart', `>= 0 && <= ${source.length}`, sourceStart);
        }
      }
      if (sourceEnd === undefined) {
        sourceEnd = source.length;
      } else {
        sourceEnd = NumberIsInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
        if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
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

    require('node/buffer_swap')(proto, shared);
    return { compareBytes, copyActual, fillImpl };
  };
})
