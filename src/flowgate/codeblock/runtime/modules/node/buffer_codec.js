// Node's string <-> bytes conversions for every Buffer encoding, with Node's
// quirks (src/string_bytes.cc, src/base64-inl.h): invalid hex truncates,
// base64 skips junk and stops at the first '=', both alphabets are accepted,
// a UTF-16 code unit is truncated to its low byte by latin1/ascii/hex/base64,
// lone surrogates become EF BF BD, ascii decoding drops the high bit.
//
// QuickJS interprets every loop iteration (~50-100 ns), so the bulk work goes
// through native built-ins: btoa/atob + Uint8Array.fromBase64/toBase64 move a
// latin1 string to bytes and back, fromHex/toHex do hex, encodeURIComponent /
// decodeURIComponent do UTF-8, String.fromCharCode.apply does UTF-16. Per-char
// JS loops remain only for rare inputs (non-latin1 text given to a byte
// encoding) and for ucs2 encoding.
(function (module, exports, require, host) {
  'use strict';
  const { apply } = Reflect;
  const U8 = Uint8Array;
  const U16 = Uint16Array;
  const fromCharCode = String.fromCharCode;
  const $btoa = btoa;
  const $atob = atob;
  const $escape = escape;
  const $unescape = unescape;
  const $encodeURIComponent = encodeURIComponent;
  const $decodeURIComponent = decodeURIComponent;
  const fromBase64 = U8.fromBase64;
  const fromHex = U8.fromHex;
  const u8ToBase64 = U8.prototype.toBase64;
  const u8ToHex = U8.prototype.toHex;
  const taSet = U8.prototype.set;
  const strCharCodeAt = String.prototype.charCodeAt;
  const charCodeAt = Function.prototype.call.bind(strCharCodeAt); // for loops: no argument array per call
  const strSlice = String.prototype.slice;
  const strIndexOf = String.prototype.indexOf;
  const strReplace = String.prototype.replace;
  const strToWellFormed = String.prototype.toWellFormed;
  const strToLowerCase = String.prototype.toLowerCase;
  const reExec = RegExp.prototype.exec;
  const arrayJoin = Array.prototype.join;

  const NON_ASCII = /[^\x00-\x7f]/;
  const NON_LATIN1 = /[^\x00-\xff]/;
  const HIGH_LATIN1 = /[\x80-\xff]/g;
  const NOT_HEX = /[^0-9a-fA-F]/;
  const NOT_BASE64 = /[^A-Za-z0-9+/]/;
  const NOT_EITHER_ALPHABET = /[^A-Za-z0-9+/\-_]/g;
  const DASH = /-/g;
  const UNDERSCORE = /_/g;
  const CHUNK = 8192; // String.fromCharCode.apply argument chunk
  const B64URL = { alphabet: 'base64url', omitPadding: true };

  const test = (re, s) => apply(reExec, re, [s]) !== null;
  const replace = (s, re, by) => apply(strReplace, s, [re, by]);
  const slice = (s, a, b) => apply(strSlice, s, [a, b]);

  /** A plain Uint8Array view of bytes [start, end) of `buf` (no species lookup). */
  const view = (buf, start, end) => new U8(buf.buffer, buf.byteOffset + start, end - start);
  const latin1Of = (u8) => $atob(apply(u8ToBase64, u8, []));
  const copyInto = (buf, offset, bytes) => apply(taSet, buf, [bytes, offset]);

  // A string whose code units all fit a byte -> bytes, natively.
  const bytesOfLatin1 = (s) => fromBase64($btoa(s));

  /** String -> bytes, each UTF-16 code unit truncated to its low byte (Node's one-byte write). */
  // (btoa doubles as the latin1 test: it is several times faster than a regex scan.)
  function lowBytes(str) {
    try {
      return bytesOfLatin1(str);
    } catch (e) { /* a code unit above 0xff */ }
    const n = str.length;
    const out = new U8(n);
    for (let i = 0; i < n; i++) out[i] = charCodeAt(str, i);
    return out;
  }
  // The same, as a latin1 string (for the textual parsers of hex and base64).
  function lowChars(str) {
    try {
      $btoa(str);
      return str;
    } catch (e) { /* a code unit above 0xff */ }
    return replace(str, /[^\x00-\xff]/g, (c) => fromCharCode(apply(strCharCodeAt, c, [0]) & 0xff));
  }

  // ------------------------------------------------------------------ utf8
  function utf8Encode(str) {
    if (!test(NON_ASCII, str)) return bytesOfLatin1(str);
    return bytesOfLatin1($unescape($encodeURIComponent(apply(strToWellFormed, str, []))));
  }
  let textDecoder;
  function utf8Decode(buf, start, end) {
    const bytes = view(buf, start, end);
    const latin1 = latin1Of(bytes);
    if (!test(NON_ASCII, latin1)) return latin1;
    try {
      return $decodeURIComponent($escape(latin1));
    } catch (e) {
      // Malformed UTF-8: WHATWG replacement (maximal subparts), as V8 does; keep a BOM.
      if (textDecoder === undefined) {
        const { TextDecoder } = require('web/text_encoding');
        textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
      }
      return textDecoder.decode(bytes);
    }
  }
  function utf8ByteLength(str) {
    return test(NON_ASCII, str) ? utf8Encode(str).length : str.length;
  }
  // Only whole characters are written, as V8's WriteUtf8 does.
  function utf8Write(buf, str, offset, max) {
    const bytes = utf8Encode(str.length > max ? slice(str, 0, max) : str);
    let n = bytes.length;
    if (n > max) {
      n = max;
      while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
    }
    copyInto(buf, offset, n === bytes.length ? bytes : new U8(bytes.buffer, 0, n));
    return n;
  }

  // ------------------------------------------------------ latin1 and ascii
  const latin1Decode = (buf, start, end) => latin1Of(view(buf, start, end));
  function asciiDecode(buf, start, end) {
    const s = latin1Decode(buf, start, end);
    if (!test(NON_ASCII, s)) return s;
    return replace(s, HIGH_LATIN1, (c) => fromCharCode(apply(strCharCodeAt, c, [0]) & 0x7f));
  }
  function bytesWrite(buf, str, offset, max) {
    const bytes = lowBytes(str.length > max ? slice(str, 0, max) : str);
    copyInto(buf, offset, bytes);
    return bytes.length;
  }

  // ------------------------------------------------------------------- hex
  // Pairs of hex digits up to the first invalid pair (an odd last digit is dropped).
  function hexEncode(str) {
    try {
      return fromHex(str); // well-formed hex: the common case, one native pass
    } catch (e) { /* odd length, or a non-hex character: Node's truncation below */ }
    const s = lowChars(str);
    const bad = apply(reExec, NOT_HEX, [s]);
    const valid = bad === null ? s.length : bad.index;
    return fromHex(valid === s.length && (valid & 1) === 0 ? s : slice(s, 0, valid & ~1));
  }
  const hexDecode = (buf, start, end) => apply(u8ToHex, view(buf, start, end), []);
  function hexWrite(buf, str, offset, max) {
    const bytes = hexEncode(str.length > 2 * max ? slice(str, 0, 2 * max) : str);
    copyInto(buf, offset, bytes);
    return bytes.length;
  }

  // ---------------------------------------------------------------- base64
  // Node decodes both alphabets, skips any other character and stops at the first '='.
  function base64Encode(str) {
    try {
      // Well-formed base64 (ASCII whitespace allowed): one native pass, and
      // the same bytes as Node's decoder. Anything else takes Node's way below.
      return fromBase64(str);
    } catch (e) { /* url alphabet, junk, inner '=', bad length */ }
    let s = lowChars(str);
    const eq = apply(strIndexOf, s, ['=']);
    if (eq !== -1) s = slice(s, 0, eq);
    if (test(NOT_BASE64, s)) {
      s = replace(replace(replace(s, NOT_EITHER_ALPHABET, ''), DASH, '+'), UNDERSCORE, '/');
    }
    if (s.length % 4 === 1) s = slice(s, 0, s.length - 1);
    return fromBase64(s);
  }
  const base64Decode = (buf, start, end) => apply(u8ToBase64, view(buf, start, end), []);
  const base64urlDecode = (buf, start, end) => apply(u8ToBase64, view(buf, start, end), [B64URL]);
  function base64ByteLength(str) {
    let bytes = str.length;
    if (apply(strCharCodeAt, str, [bytes - 1]) === 0x3d) bytes--;
    if (bytes > 1 && apply(strCharCodeAt, str, [bytes - 1]) === 0x3d) bytes--;
    return (bytes * 3) >>> 2;
  }
  function base64Write(buf, str, offset, max) {
    let bytes = base64Encode(str);
    if (bytes.length > max) bytes = new U8(bytes.buffer, 0, max);
    copyInto(buf, offset, bytes);
    return bytes.length;
  }

  // ------------------------------------------------------------------ ucs2
  function ucs2Encode(str) {
    // The host is little-endian, as UTF-16LE wants. Latin1 text: its bytes
    // widened natively by the Uint16Array constructor; other text: a loop.
    try {
      return new U8(new U16(bytesOfLatin1(str)).buffer);
    } catch (e) { /* a code unit above 0xff */ }
    const n = str.length;
    const units = new U16(n);
    for (let i = 0; i < n; i++) units[i] = charCodeAt(str, i);
    return new U8(units.buffer);
  }
  function ucs2Decode(buf, start, end) {
    const n = (end - start) >>> 1;
    const at = buf.byteOffset + start;
    let units;
    if ((at & 1) === 0) {
      units = new U16(buf.buffer, at, n);
    } else {
      units = new U16(n);
      apply(taSet, new U8(units.buffer), [view(buf, start, start + 2 * n)]);
    }
    if (n <= CHUNK) return apply(fromCharCode, null, units);
    const parts = [];
    for (let i = 0; i < n; i += CHUNK) parts[parts.length] = apply(fromCharCode, null, units.subarray(i, i + CHUNK));
    return apply(arrayJoin, parts, ['']);
  }
  function ucs2Write(buf, str, offset, max) {
    const chars = max >>> 1;
    const bytes = ucs2Encode(str.length > chars ? slice(str, 0, chars) : str);
    copyInto(buf, offset, bytes);
    return bytes.length;
  }

  // ------------------------------------------------------------------ table
  const mk = (name, encode, decode, write, byteLength) => ({ name, encode, decode, write, byteLength });
  const strLen = (s) => s.length;
  const OPS = {
    utf8: mk('utf8', utf8Encode, utf8Decode, utf8Write, utf8ByteLength),
    utf16le: mk('utf16le', ucs2Encode, ucs2Decode, ucs2Write, (s) => s.length * 2),
    latin1: mk('latin1', lowBytes, latin1Decode, bytesWrite, strLen),
    ascii: mk('ascii', lowBytes, asciiDecode, bytesWrite, strLen),
    base64: mk('base64', base64Encode, base64Decode, base64Write, base64ByteLength),
    base64url: mk('base64url', base64Encode, base64urlDecode, base64Write, base64ByteLength),
    hex: mk('hex', hexEncode, hexDecode, hexWrite, (s) => s.length >>> 1),
  };
  const BY_NAME = {
    __proto__: null, utf8: OPS.utf8, 'utf-8': OPS.utf8, ucs2: OPS.utf16le, 'ucs-2': OPS.utf16le,
    utf16le: OPS.utf16le, 'utf-16le': OPS.utf16le, latin1: OPS.latin1, binary: OPS.latin1,
    ascii: OPS.ascii, base64: OPS.base64, base64url: OPS.base64url, hex: OPS.hex,
  };

  /** Node's getEncodingOps: the ops of a (case-insensitive) encoding name, else undefined ('' too). */
  function getEncodingOps(encoding) {
    const hit = BY_NAME[encoding];
    if (hit !== undefined) return hit;
    return BY_NAME[apply(strToLowerCase, `${encoding}`, [])];
  }
  /** Node's normalizeEncoding: canonical name, 'utf8' for null/undefined/'', else undefined. */
  function normalizeEncoding(encoding) {
    if (encoding == null || encoding === '') return 'utf8';
    if (typeof encoding !== 'string') {
      const n = encoding.length;
      if (typeof n !== 'number' || n < 3 || n > 9) return undefined;
    }
    const ops = getEncodingOps(encoding);
    return ops === undefined ? undefined : ops.name;
  }

  // ------------------------------------------------------ argument checks
  // Validators of the hot paths: the passing case inline, node/buffer_errors
  // (Node's exact checks and messages) loaded only to throw.
  const NumberIsInteger = Number.isInteger;
  const errors = () => require('node/buffer_errors');
  function validateNumber(value, name, min, max) {
    if (typeof value !== 'number' || value < min || value > max || value !== value) {
      errors().validateNumber(value, name, min, max);
    }
  }
  function validateInteger(value, name, min = -9007199254740991, max = 9007199254740991) {
    if (typeof value !== 'number' || !NumberIsInteger(value) || value < min || value > max) {
      errors().validateInteger(value, name, min, max);
    }
  }

  module.exports = {
    OPS, getEncodingOps, normalizeEncoding, utf8Encode, latin1Of, view, errors, validateNumber, validateInteger,
  };
})
