// Node 20's `string_decoder`: StringDecoder keeps the bytes of a character
// split across write() calls (utf8, utf16le, base64/base64url groups of 3)
// and decodes the rest at once. The state machine is Node's
// (src/string_decoder.cc), including its handling of invalid UTF-8 at chunk
// boundaries, so the strings match byte for byte; the decoding itself is
// node/buffer_codec's (native built-ins).
(function (module, exports, require, host) {
  'use strict';
  const { apply } = Reflect;
  const U8 = Uint8Array;
  const isView = ArrayBuffer.isView;
  const taSet = Uint8Array.prototype.set;
  const { Buffer } = require('node/buffer');
  const { OPS, normalizeEncoding, errors } = require('node/buffer_codec');

  const kState = Symbol('kNativeDecoder');
  const PARTIAL = { __proto__: null, utf8: true, utf16le: true, base64: true, base64url: true };

  function normalize(enc) {
    const nenc = normalizeEncoding(enc);
    if (nenc === undefined) {
      if (Buffer.isEncoding === isEncoding || !Buffer.isEncoding(enc)) throw errors().unknownEncoding(enc);
      return enc;
    }
    return nenc;
  }
  const isEncoding = Buffer.isEncoding;

  /** Where the character at the end of data[0, n) starts: [buffered, missing] per Node. */
  function utf8Tail(data, n) {
    let buffered = 0;
    for (let i = n - 1; ; --i) {
      buffered++;
      const b = data[i];
      if ((b & 0xc0) === 0x80) {
        if (buffered >= 4 || i === 0) return [0, 0];
        continue;
      }
      let missing;
      if ((b & 0xe0) === 0xc0) missing = 2;
      else if ((b & 0xf0) === 0xe0) missing = 3;
      else if ((b & 0xf8) === 0xf0) missing = 4;
      else return [0, 0];
      if (buffered >= missing) return [0, 0];
      return [buffered, missing - buffered];
    }
  }

  function tailOf(st, data, n) {
    if (st.enc === 'utf8') return (data[n - 1] & 0x80) ? utf8Tail(data, n) : [0, 0];
    if (st.enc === 'utf16le') {
      if (n % 2 === 1) return [1, 1];
      if ((data[n - 1] & 0xfc) === 0xd8) return [2, 2];
      return [0, 0];
    }
    const buffered = n % 3;
    return [buffered, buffered > 0 ? 3 - buffered : 0];
  }

  // Bytes completing the character kept from the last chunk; returns [prepend, consumed].
  function finishPending(st, data, n) {
    let start = 0;
    if (st.enc === 'utf8') {
      for (let i = 0; i < n && i < st.missing; ++i) {
        if ((data[i] & 0xc0) !== 0x80) {
          // Not a continuation byte: the kept character ends here, invalid.
          st.missing = 0;
          apply(taSet, st.chars, [data.subarray(0, i), st.buffered]);
          st.buffered += i;
          start = i;
          break;
        }
      }
    }
    const found = Math.min(n - start, st.missing);
    apply(taSet, st.chars, [data.subarray(start, start + found), st.buffered]);
    st.missing -= found;
    st.buffered += found;
    if (st.missing !== 0) return ['', start + found];
    const prepend = st.ops.decode(st.chars, 0, st.buffered);
    st.buffered = 0;
    return [prepend, start + found];
  }

  function decode(st, data) {
    let n = data.length;
    if (PARTIAL[st.enc] !== true) return st.ops.decode(data, 0, n);
    let prepend = '';
    let start = 0;
    if (st.missing > 0) {
      [prepend, start] = finishPending(st, data, n);
      if (start === n) return prepend;
    }
    const rest = start === 0 ? data : data.subarray(start);
    n = rest.length;
    const [buffered, missing] = tailOf(st, rest, n);
    st.buffered = buffered;
    st.missing = missing;
    if (buffered > 0) {
      n -= buffered;
      apply(taSet, st.chars, [rest.subarray(n, n + buffered), 0]);
    }
    return n > 0 ? prepend + st.ops.decode(rest, 0, n) : prepend;
  }

  function flush(st) {
    if (st.enc === 'utf16le' && st.buffered % 2 === 1) {
      st.missing--;
      st.buffered--;
    }
    if (st.buffered === 0) return '';
    const out = st.ops.decode(st.chars, 0, st.buffered);
    st.missing = 0;
    st.buffered = 0;
    return out;
  }

  function stateOf(self) {
    const st = self !== null && typeof self === 'object' ? self[kState] : undefined;
    if (st === undefined) throw errors().makeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type StringDecoder');
    return st;
  }

  function StringDecoder(encoding) {
    this.encoding = normalize(encoding);
    const ops = OPS[this.encoding] || OPS.utf8;
    this[kState] = { enc: this.encoding, ops, chars: Buffer.alloc(4), buffered: 0, missing: 0 };
  }

  StringDecoder.prototype.write = function write(buf) {
    if (typeof buf === 'string') return buf;
    if (!isView(buf)) throw errors().invalidArgType('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
    const st = stateOf(this);
    return decode(st, new U8(buf.buffer, buf.byteOffset, buf.byteLength));
  };
  StringDecoder.prototype.end = function end(buf) {
    let ret = '';
    if (buf !== undefined) ret = this.write(buf);
    const st = stateOf(this);
    if (st.buffered > 0) ret += flush(st);
    return ret;
  };
  StringDecoder.prototype.text = function text(buf, offset) {
    const st = stateOf(this);
    st.missing = 0;
    st.buffered = 0;
    return this.write(buf.slice(offset));
  };
  Object.defineProperties(StringDecoder.prototype, {
    lastChar: {
      configurable: true, enumerable: true,
      get() { return stateOf(this).chars.subarray(0, 4); },
    },
    lastNeed: {
      configurable: true, enumerable: true,
      get() { return stateOf(this).missing; },
    },
    lastTotal: {
      configurable: true, enumerable: true,
      get() { const st = stateOf(this); return st.buffered + st.missing; },
    },
  });

  module.exports = { StringDecoder };
})
