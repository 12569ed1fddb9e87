// Buffer.prototype swap16/32/64, Node's util.inspect presentation
// (`<Buffer 68 65 ... 12 more bytes, extra: 1>`) and Node's per-encoding
// binding methods (buf.hexSlice(start, end), buf.utf8Write(string, offset,
// length)); loaded on the first call of one of them.
(function (module, exports, require, host) {
  'use strict';
  const { apply } = Reflect;
  const U8 = Uint8Array;
  const MathMin = Math.min;
  const { getOwnPropertyNames, getOwnPropertyDescriptor, keys: ObjectKeys } = Object;
  const strReplace = String.prototype.replace;
  const strTrim = String.prototype.trim;
  const strSlice = String.prototype.slice;
  const MathTrunc = Math.trunc;
  const { OPS, errors } = require('node/buffer_codec');
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const PAIRS = /(.{2})/g;
  const INDEX = /^(?:0|[1-9][0-9]*)$/;

  let built;
  module.exports = (shared) => built || (built = build(shared));

  // Node's ParseArrayIndex: undefined is the default, else an integer that must not be negative.
  function arrayIndex(value, def) {
    if (value === undefined) return def;
    const n = MathTrunc(+value) || 0;
    if (n < 0) throw indexOutOfRange();
    return n;
  }
  const indexOutOfRange = () => errors().makeError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');

  function build(shared) {
    const out = {};
    // Reverse each `size`-byte group in place. A loop per group: a reversing
    // built-in over a view of the group costs more than the few byte moves.
    function swapGroups(buf, size) {
      const len = buf.length;
      if (len % size !== 0) throw errors().invalidBufferSize(`${size * 8}-bits`);
      const half = size >>> 1;
      for (let i = 0; i < len; i += size) {
        for (let a = i, b = i + size - 1, k = 0; k < half; k++, a++, b--) {
          const t = buf[a];
          buf[a] = buf[b];
          buf[b] = t;
        }
      }
      return buf;
    }
    out.swap16 = function swap16() { return swapGroups(this, 2); };
    out.swap32 = function swap32() { return swapGroups(this, 4); };
    out.swap64 = function swap64() { return swapGroups(this, 8); };

    const ENCODINGS = [['ascii', OPS.ascii], ['base64', OPS.base64], ['base64url', OPS.base64url],
      ['latin1', OPS.latin1], ['hex', OPS.hex], ['ucs2', OPS.utf16le], ['utf8', OPS.utf8]];
    for (const [name, ops] of ENCODINGS) {
      out[`${name}Slice`] = function (start, end) {
        start = arrayIndex(start, 0);
        end = arrayIndex(end, this.length);
        if (end < start) end = start;
        if (end > this.length) throw indexOutOfRange();
        return ops.decode(this, start, end);
      };
      out[`${name}Write`] = function (string, offset, length) {
        if (typeof string !== 'string') {
          throw errors().makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
        }
        offset = arrayIndex(offset, 0);
        if (offset > this.length) throw errors().bufferOutOfBounds('offset');
        length = arrayIndex(length, this.length - offset);
        return shared.writeString(this, ops, string, offset, MathMin(this.length - offset, length));
      };
    }

    // Own non-index keys (enumerable unless showHidden), as Node's getOwnNonIndexProperties.
    function extraKeys(buf, showHidden) {
      const names = showHidden ? getOwnPropertyNames(buf) : ObjectKeys(buf);
      const out = [];
      for (const key of names) if (!apply(RegExp.prototype.test, INDEX, [key])) out[out.length] = key;
      if (showHidden) {
        for (const sym of Object.getOwnPropertySymbols(buf)) out[out.length] = sym;
      } else {
        for (const sym of Object.getOwnPropertySymbols(buf)) {
          if (getOwnPropertyDescriptor(buf, sym).enumerable) out[out.length] = sym;
        }
      }
      return out;
    }

    function inspect(recurseTimes, ctx) {
      const max = shared.inspectMaxBytes();
      const actualMax = MathMin(max, this.length);
      const remaining = this.length - max;
      let str = apply(strTrim, apply(strReplace, OPS.hex.decode(this, 0, actualMax), [PAIRS, '$1 ']), []);
      if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
      if (ctx) {
        const extras = extraKeys(this, ctx.showHidden);
        if (extras.length) {
          const obj = { __proto__: null };
          for (const key of extras) obj[key] = this[key];
          if (this.length !== 0) str += ', ';
          const utilInspect = require('internal/inspect').inspect;
          str += apply(strSlice, utilInspect(obj, { ...ctx, breakLength: Infinity, compact: true }), [27, -2]);
        }
      }
      return `<${this.constructor.name} ${str}>`;
    }
    out[customInspect] = inspect;
    out.inspect = inspect;
    return out;
  }
})
