// Buffer.prototype indexOf / lastIndexOf / includes and fill (Node 20's
// lib/buffer.js + src/node_buffer.cc), loaded on the first call of one of
// them. Searches run on latin1 strings (one code unit per byte) or UTF-16
// strings (ucs2), so String.prototype.indexOf does the scanning natively.
(function (module, exports, require, host) {
  'use strict';
  const { apply } = Reflect;
  const U8 = Uint8Array;
  const MathTrunc = Math.trunc;
  const NumberIsNaN = Number.isNaN;
  const { getOwnPropertyDescriptor, getPrototypeOf } = Object;
  const TypedArrayPrototype = getPrototypeOf(U8.prototype);
  const taSet = TypedArrayPrototype.set;
  const taFill = TypedArrayPrototype.fill;
  const taCopyWithin = TypedArrayPrototype.copyWithin;
  const taByteLength = getOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength').get;
  const strIndexOf = String.prototype.indexOf;
  const strLastIndexOf = String.prototype.lastIndexOf;
  const strCharCodeAt = String.prototype.charCodeAt;
  const strIsWellFormed = String.prototype.isWellFormed;
  const strReplace = String.prototype.replace;
  const fromCharCode = String.fromCharCode;
  // A lone surrogate, or a run of anything else (well-formed).
  const WTF8_PARTS =
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])+/g;
  const codec = require('node/buffer_codec');
  const { getEncodingOps, normalizeEncoding, OPS, latin1Of, view, errors, validateInteger } = codec;

  let built;
  module.exports = (shared) => built || (built = build(shared));

  function build(shared) {
    const { isUint8Array, kMaxLength } = shared;
    const validateOffset = (value, name, min = 0, max = kMaxLength) => validateInteger(value, name, min, max);
    const out = {};
    const method = (name, fn) => { out[name] = fn; };
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
    function search(buf, hay, needle, needleBytes, offset, forward, unit, bufferNeedle) {
      // IndexOfString (ucs2) rounds the haystack down to whole code units; IndexOfBuffer does not.
      const length = unit === 2 && !bufferNeedle ? buf.length & ~1 : buf.length;
      const at = startOffset(length, MathTrunc(offset) + 0, needleBytes, forward); // +0: no -0
      if (needleBytes === 0) return at;
      if (length === 0 || at <= -1) return -1;
      if ((forward && needleBytes + at > length) || needleBytes > length) return -1;
      if (unit === 2 && (length < 2 || needleBytes < 2)) return -1;
      const from = unit === 2 ? at >>> 1 : at;
      const r = apply(forward ? strIndexOf : strLastIndexOf, hay(), [needle, from]);
      if (r !== -1) return r * unit;
      // Node's IndexOfBuffer (ucs2) tests "not found" as `2 * units === byteLength`,
      // so on an odd-length haystack it answers length - 1 instead of -1.
      return unit === 2 && bufferNeedle && (length & 1) === 1 ? length - 1 : -1;
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
        if (ops === undefined) throw errors().unknownEncoding(encoding);
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
            byteOffset, dir, 2, true);
        }
        return search(buffer, bytesAsString(buffer), latin1Of(view(val, 0, val.length)), val.length, byteOffset,
          dir, 1);
      }
      throw errors().invalidArgType('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
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
          if (typeof encoding !== 'string') throw errors().invalidArgType('encoding', 'string', encoding);
          throw errors().unknownEncoding(encoding);
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
        if (offset > end || end - offset + offset > apply(taByteLength, buf, [])) throw errors().bufferOutOfBounds();
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
      if (end > buf.length) throw errors().bufferOutOfBounds();
      if (end - offset <= 0) return buf;
      if (bytes.length === 0) throw errors().invalidArgValue('value', value);
      fillPattern(buf, bytes, offset, end);
      return buf;
    }
    method('fill', function fill(value, offset, end, encoding) {
      return fillImpl(this, value, offset, end, encoding);
    });
    out.fillImpl = fillImpl;
    return out;
  }
})
