// The rest of `buffer`: transcode (Node's ICU conversions between utf8,
// utf16le, latin1 and ascii, with ICU's substitutions and its two strict
// paths), isUtf8 / isAscii; loaded on the first call of one of them.
(function (module, exports, require, host) {
  'use strict';
  const { apply } = Reflect;
  const U8 = Uint8Array;
  const strReplace = String.prototype.replace;
  const reExec = RegExp.prototype.exec;
  const $decodeURIComponent = decodeURIComponent;
  const $escape = escape;
  const { OPS, normalizeEncoding, latin1Of, view, errors } = require('node/buffer_codec');

  const NON_ASCII = /[^\x00-\x7f]/;
  const HIGH = /[\x80-\xff]/g;
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const LONE_SURROGATE_G = new RegExp(LONE_SURROGATE.source, 'g');
  const NOT_LATIN1_CP = /[\ud800-\udbff][\udc00-\udfff]|[^\x00-\xff]/g;
  const NOT_ASCII_CP = /[\ud800-\udbff][\udc00-\udfff]|[^\x00-\x7f]/g;
  const SUPPORTED = { __proto__: null, ascii: true, latin1: true, utf16le: true, utf8: true };
  const ICU_ERRNO = { U_ILLEGAL_ARGUMENT_ERROR: 1, U_INVALID_CHAR_FOUND: 10 };

  function icuError(name) {
    const err = new Error(`Unable to transcode Buffer [${name}]`);
    err.code = name;
    err.errno = ICU_ERRNO[name];
    return err;
  }

  /** Strict UTF-8 validity (no overlongs, surrogates or truncation), natively. */
  function validUtf8(bytes) {
    const latin1 = latin1Of(bytes);
    if (apply(reExec, NON_ASCII, [latin1]) === null) return true;
    try {
      $decodeURIComponent($escape(latin1));
      return true;
    } catch (e) {
      return false;
    }
  }

  let built;
  module.exports = (shared) => built || (built = build(shared));

  function build(shared) {
    const { FastBuffer, isUint8Array, isTypedArray, isArrayBuffer, wrap } = shared;

    function decodeFor(source, from, to) {
      const n = source.length;
      if (from === 'latin1') return OPS.latin1.decode(source, 0, n);
      if (from === 'ascii') return apply(strReplace, OPS.latin1.decode(source, 0, n), [HIGH, '\ufffd']);
      if (from === 'utf8') {
        if (to === 'utf16le' && !validUtf8(view(source, 0, n))) throw icuError('U_INVALID_CHAR_FOUND');
        return OPS.utf8.decode(source, 0, n);
      }
      let s = OPS.utf16le.decode(source, 0, n);
      if (to === 'utf8') {
        if (s.length === 0 || apply(reExec, LONE_SURROGATE, [s]) !== null) throw icuError('U_INVALID_CHAR_FOUND');
        return s;
      }
      s = apply(strReplace, s, [LONE_SURROGATE_G, '\ufffd']);
      return to === 'utf16le' && n % 2 === 1 ? `${s}\ufffd` : s;
    }

    function transcode(source, fromEncoding, toEncoding) {
      if (!isUint8Array(source)) throw errors().invalidArgType('source', ['Buffer', 'Uint8Array'], source);
      if (source.length === 0) return new FastBuffer();
      const from = normalizeEncoding(fromEncoding) || fromEncoding;
      const to = normalizeEncoding(toEncoding) || toEncoding;
      if (SUPPORTED[from] !== true || SUPPORTED[to] !== true) throw icuError('U_ILLEGAL_ARGUMENT_ERROR');
      const text = decodeFor(source, from, to);
      if (to === 'latin1') return wrap(OPS.latin1.encode(apply(strReplace, text, [NOT_LATIN1_CP, '?'])));
      if (to === 'ascii') return wrap(OPS.latin1.encode(apply(strReplace, text, [NOT_ASCII_CP, '?'])));
      return wrap(OPS[to].encode(text));
    }

    function inputBytes(input) {
      if (isTypedArray(input)) {
        if (input.buffer.detached) {
          throw errors().makeError(Error, 'ERR_INVALID_STATE', 'Invalid state: Cannot validate on a detached buffer');
        }
        return new U8(input.buffer, input.byteOffset, input.byteLength);
      }
      if (isArrayBuffer(input)) {
        if (input.detached) {
          throw errors().makeError(Error, 'ERR_INVALID_STATE', 'Invalid state: Cannot validate on a detached buffer');
        }
        return new U8(input);
      }
      throw errors().invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
    }
    const isUtf8 = (input) => validUtf8(inputBytes(input));
    const isAscii = (input) => apply(reExec, NON_ASCII, [latin1Of(inputBytes(input))]) === null;

    return { transcode, isUtf8, isAscii };
  }
})
