// Buffer.prototype read/write of integers (1..6 bytes), BigInt64 and floats,
// LE and BE, with their lowercase aliases, following Node 20's
// lib/internal/buffer.js: the same argument checks in the same order (so the
// same error wins when several are wrong), messages and codes.
(function (module, exports, require, host) {
  'use strict';
  const MathFloor = Math.floor;
  const BigIntCtor = BigInt;
  const NumberCtor = Number;
  const { errors, validateNumber } = require('node/buffer_codec');
  const outOfRange = (...a) => errors().outOfRange(...a);

  const f32 = new Float32Array(1);
  const f32Bytes = new Uint8Array(f32.buffer);
  const f64 = new Float64Array(1);
  const f64Bytes = new Uint8Array(f64.buffer);

  function boundsError(value, length, type) {
    if (MathFloor(value) !== value) {
      validateNumber(value, type);
      throw outOfRange(type || 'offset', 'an integer', value);
    }
    if (length < 0) throw errors().bufferOutOfBounds();
    throw outOfRange(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
  }
  // Reads of `n` bytes at `offset`: the checks of Node's readUInt32LE & co.
  function checkRead(buf, offset, n) {
    validateNumber(offset, 'offset');
    if (buf[offset] === undefined || buf[offset + n - 1] === undefined) boundsError(offset, buf.length - n);
  }
  function checkBounds(buf, offset, n) {
    validateNumber(offset, 'offset');
    if (buf[offset] === undefined || buf[offset + n - 1] === undefined) boundsError(offset, buf.length - n);
  }
  function checkInt(value, min, max, buf, offset, n) {
    if (value > max || value < min) {
      const b = typeof min === 'bigint' ? 'n' : '';
      let range;
      if (n > 4) {
        if (min === 0 || min === 0n) range = `>= 0${b} and < 2${b} ** ${n * 8}${b}`;
        else range = `>= -(2${b} ** ${n * 8 - 1}${b}) and < 2${b} ** ${n * 8 - 1}${b}`;
      } else {
        range = `>= ${min}${b} and <= ${max}${b}`;
      }
      throw outOfRange('value', range, value);
    }
    checkBounds(buf, offset, n);
  }

  // Unsigned value of n <= 6 bytes (exact in a double).
  function readUnsigned(buf, offset, n, le) {
    let v = 0;
    if (le) for (let i = n - 1; i >= 0; i--) v = v * 256 + buf[offset + i];
    else for (let i = 0; i < n; i++) v = v * 256 + buf[offset + i];
    return v;
  }
  function readSigned(buf, offset, n, le) {
    const v = readUnsigned(buf, offset, n, le);
    const half = 2 ** (8 * n - 1);
    return v >= half ? v - 2 * half : v;
  }
  // Little-endian bytes of an integral double (negatives as two's complement).
  function writeBytes(buf, value, offset, n, le) {
    let lo = value >>> 0; // low 32 bits
    let hi = MathFloor(value / 2 ** 32);
    for (let i = 0; i < n; i++) {
      const byte = i < 4 ? (lo >>> (8 * i)) & 0xff : (hi >>> (8 * (i - 4))) & 0xff;
      buf[le ? offset + i : offset + n - 1 - i] = byte;
    }
    return offset + n;
  }

  const LIMITS = [null];
  for (let n = 1; n <= 6; n++) LIMITS[n] = [2 ** (8 * n) - 1, -(2 ** (8 * n - 1)), 2 ** (8 * n - 1) - 1];

  function writeInt(buf, value, offset, n, signed, le) {
    value = +value;
    const [umax, smin, smax] = LIMITS[n];
    const min = signed ? smin : 0;
    const max = signed ? smax : umax;
    if (n === 1) {
      validateNumber(offset, 'offset');
      if (value > max || value < min) throw outOfRange('value', `>= ${min} and <= ${max}`, value);
      if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
      buf[offset] = value;
      return offset + 1;
    }
    checkInt(value, min, max, buf, offset, n);
    return writeBytes(buf, value, offset, n, le);
  }

  let built;
  module.exports = (shared) => built || (built = build(shared));

  function build(shared) {
    const proto = {};
    const def = (names, fn) => { for (const name of names) proto[name] = fn; };

    // ------------------------------------------------------------- BigInt
    function readBig(buf, offset, signed, le) {
      validateNumber(offset, 'offset');
      if (buf[offset] === undefined || buf[offset + 7] === undefined) boundsError(offset, buf.length - 8);
      const lo = readUnsigned(buf, le ? offset : offset + 4, 4, le);
      const hi = le ? readUnsigned(buf, offset + 4, 4, le) : readUnsigned(buf, offset, 4, le);
      const hiSigned = signed && hi >= 2 ** 31 ? hi - 2 ** 32 : hi;
      return (BigIntCtor(hiSigned) << 32n) + BigIntCtor(lo);
    }
    function writeBig(buf, value, offset, signed, le) {
      const min = signed ? -(2n ** 63n) : 0n;
      const max = signed ? 2n ** 63n - 1n : 0xffffffffffffffffn;
      checkInt(value, min, max, buf, offset, 8);
      const lo = NumberCtor(value & 0xffffffffn);
      const hi = NumberCtor((value >> 32n) & 0xffffffffn);
      writeBytes(buf, lo, le ? offset : offset + 4, 4, le);
      writeBytes(buf, hi, le ? offset + 4 : offset, 4, le);
      return offset + 8;
    }
    for (const le of [true, false]) {
      const E2 = le ? 'LE' : 'BE';
      def([`readBigUInt64${E2}`, `readBigUint64${E2}`], function (offset = 0) {
        return readBig(this, offset, false, le);
      });
      def([`readBigInt64${E2}`], function (offset = 0) { return readBig(this, offset, true, le); });
      def([`writeBigUInt64${E2}`, `writeBigUint64${E2}`], function (value, offset = 0) {
        return writeBig(this, value, offset, false, le);
      });
      def([`writeBigInt64${E2}`], function (value, offset = 0) { return writeBig(this, value, offset, true, le); });
    }

    // ------------------------------------------------------------ integers
    const FIXED = [[1, '8'], [2, '16'], [4, '32']];
    for (const [n, bits] of FIXED) {
      for (const e of n === 1 ? [''] : ['LE', 'BE']) {
        const le = e !== 'BE';
        def([`readUInt${bits}${e}`, `readUint${bits}${e}`], function (offset = 0) {
          checkRead(this, offset, n);
          return readUnsigned(this, offset, n, le);
        });
        def([`readInt${bits}${e}`], function (offset = 0) {
          checkRead(this, offset, n);
          return readSigned(this, offset, n, le);
        });
        def([`writeUInt${bits}${e}`, `writeUint${bits}${e}`], function (value, offset = 0) {
          return writeInt(this, value, offset, n, false, le);
        });
        def([`writeInt${bits}${e}`], function (value, offset = 0) {
          return writeInt(this, value, offset, n, true, le);
        });
      }
    }
    // Variable width (byteLength 1..6): offset has no default, as in Node.
    const badByteLength = (byteLength) => boundsError(byteLength, 6, 'byteLength');
    const okLength = (b) => b === 1 || b === 2 || b === 3 || b === 4 || b === 5 || b === 6;
    for (const e of ['LE', 'BE']) {
      const le = e === 'LE';
      const read = (signed) => function (offset, byteLength) {
        if (offset === undefined) throw errors().invalidArgType('offset', 'number', offset);
        if (!okLength(byteLength)) badByteLength(byteLength);
        checkRead(this, offset, byteLength);
        return signed ? readSigned(this, offset, byteLength, le) : readUnsigned(this, offset, byteLength, le);
      };
      const write = (signed) => function (value, offset, byteLength) {
        if (!okLength(byteLength)) badByteLength(byteLength);
        return writeInt(this, value, offset, byteLength, signed, le);
      };
      def([`readUInt${e}`, `readUint${e}`], read(false));
      def([`readInt${e}`], read(true));
      def([`writeUInt${e}`, `writeUint${e}`], write(false));
      def([`writeInt${e}`], write(true));
    }

    // -------------------------------------------------------------- floats
    for (const [name, n, scratch, bytes] of [['Float', 4, f32, f32Bytes], ['Double', 8, f64, f64Bytes]]) {
      for (const e of ['LE', 'BE']) {
        const le = e === 'LE'; // the host is little-endian
        def([`read${name}${e}`], function (offset = 0) {
          validateNumber(offset, 'offset');
          if (this[offset] === undefined || this[offset + n - 1] === undefined) boundsError(offset, this.length - n);
          for (let i = 0; i < n; i++) bytes[le ? i : n - 1 - i] = this[offset + i];
          return scratch[0];
        });
        def([`write${name}${e}`], function (value, offset = 0) {
          value = +value;
          checkBounds(this, offset, n);
          scratch[0] = value;
          for (let i = 0; i < n; i++) this[offset + i] = bytes[le ? i : n - 1 - i];
          return offset + n;
        });
      }
    }
    return proto;
  }
})
