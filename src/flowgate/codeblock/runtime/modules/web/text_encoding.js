// TextEncoder / TextDecoder with Node 20 semantics (WHATWG Encoding Standard).
//
// Supported encodings: utf-8, utf-16le, utf-16be, windows-1252 (every WHATWG
// label of those four; e.g. latin1, iso-8859-1, ascii, us-ascii all resolve to
// windows-1252). Any other label is a RangeError ERR_ENCODING_NOT_SUPPORTED.
//
// Speed: QuickJS interprets every JS loop iteration (~50-100 ns each), so no
// UTF-8 or windows-1252 path loops per byte over well-formed input (UTF-16 is
// a Uint16Array view when aligned and little-endian, a JS loop otherwise);
// native built-ins do the work:
//   encode:  btoa(s) -> Uint8Array.fromBase64                      (ASCII s)
//            unescape(encodeURIComponent(s.toWellFormed())) -> btoa ->
//            fromBase64                                            (other s)
//   decode:  atob(u8.toBase64()) gives the bytes as a latin1 string; when it
//            is ASCII that is the answer, otherwise decodeURIComponent(
//            escape(latin1)) is a strict (WHATWG-equivalent) UTF-8 validator
//            and decoder. Only when it throws (malformed input) does the
//            per-byte WHATWG state machine run.
// Measured: 1 MiB of ASCII encodes in ~15 ms and decodes in ~20-30 ms, where
// a plain JS loop over it takes ~200 ms (docs/runtime-modules.md, "Choices").
// Strings of one code point (the URL parser encodes one at a time) take a
// short JS path instead, the native chain's fixed cost being larger there.
(function (module, exports, require, host) {
  'use strict';

  // ------------------------------------------------------------ intrinsics
  const $TypeError = TypeError;
  const $RangeError = RangeError;
  const $Uint8Array = Uint8Array;
  const $Uint16Array = Uint16Array;
  const $ArrayBuffer = ArrayBuffer;
  const $Symbol = Symbol;
  const $String = String;
  const $JSON = JSON;
  const { apply } = Reflect;
  const { defineProperty, defineProperties, getOwnPropertyDescriptor, getPrototypeOf, freeze } =
    Object;
  const fromCharCode = String.fromCharCode;
  const $btoa = btoa;
  const $atob = atob;
  const $escape = escape;
  const $unescape = unescape;
  const $encodeURIComponent = encodeURIComponent;
  const $decodeURIComponent = decodeURIComponent;
  const fromBase64 = $Uint8Array.fromBase64;
  const isView = $ArrayBuffer.isView;
  const u8ToBase64 = $Uint8Array.prototype.toBase64;
  const u8Set = $Uint8Array.prototype.set;
  const taSubarray = $Uint8Array.prototype.subarray; // %TypedArray%.prototype.subarray
  const strCharCodeAt = $String.prototype.charCodeAt;
  const strSlice = $String.prototype.slice;
  const strToLowerCase = $String.prototype.toLowerCase;
  const strIsWellFormed = $String.prototype.isWellFormed;
  const strToWellFormed = $String.prototype.toWellFormed;
  const strIndexOf = $String.prototype.indexOf;
  const strReplace = $String.prototype.replace;
  const reTest = RegExp.prototype.test;
  const arrayJoin = Array.prototype.join;
  const arrayPush = Array.prototype.push;
  const getter = (proto, name) => getOwnPropertyDescriptor(proto, name).get;
  const TypedArrayPrototype = getPrototypeOf($Uint8Array.prototype);
  const taTag = getter(TypedArrayPrototype, $Symbol.toStringTag);
  const taBuffer = getter(TypedArrayPrototype, 'buffer');
  const taByteOffset = getter(TypedArrayPrototype, 'byteOffset');
  const taByteLength = getter(TypedArrayPrototype, 'byteLength');
  const dvBuffer = getter(DataView.prototype, 'buffer');
  const dvByteOffset = getter(DataView.prototype, 'byteOffset');
  const dvByteLength = getter(DataView.prototype, 'byteLength');
  const abByteLength = getter($ArrayBuffer.prototype, 'byteLength');
  const sabByteLength =
    typeof SharedArrayBuffer === 'function'
      ? getter(SharedArrayBuffer.prototype, 'byteLength')
      : undefined;

  const NON_ASCII = /[^\x00-\x7f]/;
  const C1_RANGE = /[\x80-\x9f]/;
  const C1_RANGE_G = /[\x80-\x9f]/g;
  const LITTLE_ENDIAN = new $Uint8Array(new $Uint16Array([1]).buffer)[0] === 1;
  const CHUNK = 8192; // String.fromCharCode.apply argument chunk
  const EMPTY = new $Uint8Array(0);
  const TINY = 2; // chars (one code point); see encodeUtf8

  // -------------------------------------------------------------- errors
  function nodeError(Ctor, code, message) {
    const err = new Ctor(message);
    defineProperty(err, 'code', { value: code, writable: true, enumerable: true, configurable: true });
    return err;
  }

  // Node's determineSpecificType() for "Received ..." in ERR_INVALID_ARG_TYPE.
  function describe(value) {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    switch (typeof value) {
      case 'bigint':
        return `type bigint (${value}n)`;
      case 'number':
        if (value === 0) return 1 / value === -Infinity ? 'type number (-0)' : 'type number (0)';
        return `type number (${value})`;
      case 'boolean':
        return `type boolean (${value})`;
      case 'symbol':
        return `type symbol (${$String(value)})`;
      case 'function':
        return `function ${value.name}`;
      case 'string': {
        let s = value;
        if (s.length > 28) s = `${apply(strSlice, s, [0, 25])}...`;
        if (apply(strIndexOf, s, ["'"]) === -1) return `type string ('${s}')`;
        return `type string (${$JSON.stringify(s)})`;
      }
      default: {
        let ctor;
        try {
          ctor = value.constructor;
        } catch {
          ctor = undefined;
        }
        if (ctor && typeof ctor.name === 'string') return `an instance of ${ctor.name}`;
        return 'an instance of Object';
      }
    }
  }

  const invalidArgType = (name, expected, value) =>
    nodeError(
      $TypeError,
      'ERR_INVALID_ARG_TYPE',
      `The "${name}" argument must be ${expected}. Received ${describe(value)}`,
    );
  const invalidThis = (type) =>
    nodeError($TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
  const invalidData = (encoding) =>
    nodeError(
      $TypeError,
      'ERR_ENCODING_INVALID_ENCODED_DATA',
      `The encoded data was not valid for encoding ${encoding}`,
    );

  // ------------------------------------------------------------- helpers
  // Code units (array-like of numbers) -> string, in apply()-safe chunks.
  function unitsToString(units, length) {
    if (length <= CHUNK) return apply(fromCharCode, undefined, length === units.length ? units : apply(taSubarray, units, [0, length]));
    const parts = [];
    for (let i = 0; i < length; i += CHUNK) {
      const end = i + CHUNK < length ? i + CHUNK : length;
      apply(arrayPush, parts, [apply(fromCharCode, undefined, apply(taSubarray, units, [i, end]))]);
    }
    return apply(arrayJoin, parts, ['']);
  }

  // Bytes (Uint8Array) -> latin1 string with one char per byte, natively.
  const bytesToLatin1 = (u8) => $atob(apply(u8ToBase64, u8, []));

  function isArrayBufferLike(value) {
    try {
      apply(abByteLength, value, []);
      return true;
    } catch {}
    if (sabByteLength === undefined) return false;
    try {
      apply(sabByteLength, value, []);
      return true;
    } catch {}
    return false;
  }

  // Any BufferSource -> a Uint8Array view of the same bytes (never a copy).
  function toBytes(input) {
    if (isView(input)) {
      if (apply(taTag, input, []) !== undefined) {
        return new $Uint8Array(
          apply(taBuffer, input, []),
          apply(taByteOffset, input, []),
          apply(taByteLength, input, []),
        );
      }
      return new $Uint8Array(
        apply(dvBuffer, input, []),
        apply(dvByteOffset, input, []),
        apply(dvByteLength, input, []),
      );
    }
    if (isArrayBufferLike(input)) return new $Uint8Array(input);
    return undefined;
  }

  // ------------------------------------------------- util.inspect (Node's)
  const customInspect = $Symbol.for('nodejs.util.inspect.custom');
  function getConstructorOf(obj) {
    while (obj) {
      const descriptor = getOwnPropertyDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '') {
        return descriptor.value;
      }
      obj = getPrototypeOf(obj);
    }
    return null;
  }
  // internal/inspect passes itself as the third argument, like Node's.
  const inspectFn = (given) => (typeof given === 'function' ? given : require('internal/inspect').inspect);

  // ------------------------------------------------------------- encoder
  // String -> UTF-8 bytes, natively; lone surrogates become U+FFFD.
  function encodeUtf8(str) {
    const n = str.length;
    if (n <= TINY) {
      // Below TINY chars the fixed cost of the native chain dominates (the
      // URL parser encodes one code point at a time): copy ASCII directly.
      const out = new $Uint8Array(n);
      let i = 0;
      for (; i < n; i++) {
        const c = apply(strCharCodeAt, str, [i]);
        if (c >= 0x80) break;
        out[i] = c;
      }
      if (i === n) return out;
    }
    if (!apply(reTest, NON_ASCII, [str])) return fromBase64($btoa(str));
    const wf = apply(strIsWellFormed, str, []) ? str : apply(strToWellFormed, str, []);
    return fromBase64($btoa($unescape($encodeURIComponent(wf))));
  }

  // How many UTF-8 bytes of `bytes` (valid UTF-8) end on a character boundary
  // at or before `limit`.
  function utf8Boundary(bytes, limit) {
    let k = limit;
    while (k > 0 && (bytes[k] & 0xc0) === 0x80) k--;
    return k;
  }

  // Node's instances carry these (enumerable) symbols; util.inspect shows an
  // instance nested deeper than `depth` as [TextEncoder] because of them.
  const kEncoder = $Symbol('encoder');
  const kDecoder = $Symbol('decoder');

  class TextEncoder {
    #brand = true;

    constructor() {
      this[kEncoder] = true;
    }

    get encoding() {
      if (!(this !== null && typeof this === 'object' && #brand in this)) throw invalidThis('TextEncoder');
      return 'utf-8';
    }

    encode(input = '') {
      if (!(this !== null && typeof this === 'object' && #brand in this)) throw invalidThis('TextEncoder');
      return encodeUtf8(`${input}`);
    }

    encodeInto(src, dest) {
      if (!(this !== null && typeof this === 'object' && #brand in this)) throw invalidThis('TextEncoder');
      if (typeof src !== 'string') throw invalidArgType('src', 'of type string', src);
      if (!dest || !isView(dest) || apply(taTag, dest, []) !== 'Uint8Array') {
        throw invalidArgType('dest', 'an instance of Uint8Array', dest);
      }
      const n = src.length;
      const cap = apply(taByteLength, dest, []);
      // At most `cap` code units can fit (each takes >= 1 byte). Do not split a
      // surrogate pair: its 4 bytes could not fit after cap - 1 others anyway.
      let str = src;
      if (n > cap) {
        let k = cap;
        const last = k > 0 ? apply(strCharCodeAt, src, [k - 1]) : 0;
        if (last >= 0xd800 && last <= 0xdbff) {
          const next = apply(strCharCodeAt, src, [k]);
          if (next >= 0xdc00 && next <= 0xdfff) k--;
        }
        str = apply(strSlice, src, [0, k]);
      }
      let bytes = encodeUtf8(str);
      let read = str.length;
      if (bytes.length > cap) {
        const cut = utf8Boundary(bytes, cap);
        bytes = apply(taSubarray, bytes, [0, cut]);
        // Every code unit of `str` (lone surrogates included) is one unit of
        // the decoded prefix, so its length is the count of units read.
        read = decodeUtf8Valid(bytes).length;
      }
      apply(u8Set, dest, [bytes]);
      return { read, written: bytes.length };
    }

    [customInspect](depth, opts) {
      if (!(this !== null && typeof this === 'object' && #brand in this)) throw invalidThis('TextEncoder');
      if (typeof depth === 'number' && depth < 0) return this;
      const ctor = getConstructorOf(this);
      const obj = { __proto__: { constructor: ctor === null ? TextEncoder : ctor } };
      obj.encoding = this.encoding;
      return inspectFn(arguments[2])(obj, opts);
    }
  }

  // ------------------------------------------------------------- decoders
  // Encoding name -> WHATWG labels (only the encodings implemented here).
  const LABELS = {
    'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'],
    'utf-16be': ['unicodefffe', 'utf-16be'],
    'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le'],
    'windows-1252': [
      'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100',
      'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252',
      'x-cp1252',
    ],
  };
  const ENCODING_OF = { __proto__: null };
  for (const name in LABELS) for (const label of LABELS[name]) ENCODING_OF[label] = name;

  const ASCII_WS = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;
  function encodingFromLabel(label) {
    const direct = ENCODING_OF[label];
    if (direct !== undefined) return direct;
    return ENCODING_OF[apply(strReplace, apply(strToLowerCase, label, []), [ASCII_WS, ''])];
  }

  // windows-1252 bytes 0x80..0x9F (the rest of the byte range maps to itself).
  const W1252 = [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
    0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
    0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
  ];
  const W1252_CHARS = [];
  for (let i = 0; i < 32; i++) W1252_CHARS[i] = fromCharCode(W1252[i]);
  freeze(W1252_CHARS);
  const mapC1 = (ch) => W1252_CHARS[apply(strCharCodeAt, ch, [0]) - 0x80];

  function decodeWindows1252(bytes) {
    const s = bytesToLatin1(bytes);
    return apply(reTest, C1_RANGE, [s]) ? apply(strReplace, s, [C1_RANGE_G, mapC1]) : s;
  }

  // The WHATWG UTF-8 decoder as a resumable state machine; `st` holds
  // [codePoint, bytesNeeded, bytesSeen, lowerBoundary, upperBoundary].
  // Appends code units to `out` (a Uint16Array with room for bytes.length + 1
  // units) from index `o`; returns the new index. Throws when fatal.
  function utf8Machine(st, bytes, start, end, out, o, fatal) {
    let cp = st[0];
    let needed = st[1];
    let seen = st[2];
    let lower = st[3];
    let upper = st[4];
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (needed === 0) {
        if (b < 0x80) {
          out[o++] = b;
        } else if (b >= 0xc2 && b <= 0xdf) {
          needed = 1;
          cp = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          else if (b === 0xed) upper = 0x9f;
          needed = 2;
          cp = b & 0xf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          else if (b === 0xf4) upper = 0x8f;
          needed = 3;
          cp = b & 0x7;
        } else {
          if (fatal) throw invalidData('utf-8');
          out[o++] = 0xfffd;
        }
        continue;
      }
      if (b < lower || b > upper) {
        cp = needed = seen = 0;
        lower = 0x80;
        upper = 0xbf;
        if (fatal) throw invalidData('utf-8');
        out[o++] = 0xfffd;
        i--; // reprocess this byte
        continue;
      }
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (b & 0x3f);
      if (++seen !== needed) continue;
      if (cp < 0x10000) {
        out[o++] = cp;
      } else {
        cp -= 0x10000;
        out[o++] = 0xd800 | (cp >> 10);
        out[o++] = 0xdc00 | (cp & 0x3ff);
      }
      cp = needed = seen = 0;
    }
    st[0] = cp;
    st[1] = needed;
    st[2] = seen;
    st[3] = lower;
    st[4] = upper;
    return o;
  }

  function utf8Slow(st, bytes, start, end, fatal) {
    const out = new $Uint16Array(end - start + 1);
    return unitsToString(out, utf8Machine(st, bytes, start, end, out, 0, fatal));
  }

  // Decode bytes[start, end) that begin with the state machine idle.
  function utf8Run(st, bytes, start, end, fatal) {
    const s = decodeUtf8Valid(
      start === 0 && end === bytes.length ? bytes : apply(taSubarray, bytes, [start, end]),
    );
    return s !== undefined ? s : utf8Slow(st, bytes, start, end, fatal);
  }

  // Bytes -> string when they are valid UTF-8, else undefined (all native).
  function decodeUtf8Valid(bytes) {
    const latin1 = bytesToLatin1(bytes);
    if (!apply(reTest, NON_ASCII, [latin1])) return latin1;
    try {
      return $decodeURIComponent($escape(latin1));
    } catch {
      return undefined;
    }
  }

  function decodeUtf8(st, bytes, stream, fatal) {
    const n = bytes.length;
    let head = '';
    let i = 0;
    if (st[1] !== 0) {
      // Finish the sequence left over from the previous chunk.
      const out = new $Uint16Array(8);
      let o = 0;
      while (i < n && st[1] !== 0) {
        o = utf8Machine(st, bytes, i, i + 1, out, o, fatal);
        i++;
      }
      head = unitsToString(out, o);
    }
    let cut = n;
    if (stream) {
      // Leave an incomplete trailing sequence to the state machine.
      let k = n - 1;
      while (k >= i && k > n - 4 && (bytes[k] & 0xc0) === 0x80) k--;
      if (k >= i) {
        const b = bytes[k];
        const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (n - k < len) cut = k;
      }
    }
    let body = i < cut ? utf8Run(st, bytes, i, cut, fatal) : '';
    if (cut < n) body += utf8Slow(st, bytes, cut, n, fatal);
    if (!stream && st[1] !== 0) {
      st[0] = st[1] = st[2] = 0;
      st[3] = 0x80;
      st[4] = 0xbf;
      if (fatal) throw invalidData('utf-8');
      body += '\ufffd';
    }
    return head === '' ? body : head + body;
  }

  // `st` = [pendingByte (-1 = none), pendingLeadSurrogate (0 = none)].
  function decodeUtf16(st, input, stream, fatal, bigEndian, encoding) {
    let bytes = input;
    if (st[0] >= 0) {
      bytes = new $Uint8Array(input.length + 1);
      bytes[0] = st[0];
      apply(u8Set, bytes, [input, 1]);
      st[0] = -1;
    }
    const n = bytes.length;
    const units = n >> 1;
    let u16;
    const offset = apply(taByteOffset, bytes, []);
    if (!bigEndian && LITTLE_ENDIAN && (offset & 1) === 0) {
      u16 = new $Uint16Array(apply(taBuffer, bytes, []), offset, units);
    } else {
      u16 = new $Uint16Array(units);
      for (let i = 0, j = 0; i < units; i++, j += 2) {
        u16[i] = bigEndian ? (bytes[j] << 8) | bytes[j + 1] : bytes[j] | (bytes[j + 1] << 8);
      }
    }
    let s = unitsToString(u16, units);
    if (st[1] !== 0) {
      s = fromCharCode(st[1]) + s;
      st[1] = 0;
    }
    const odd = (n & 1) === 1;
    const last = s.length > 0 ? apply(strCharCodeAt, s, [s.length - 1]) : 0;
    const trailingLead = last >= 0xd800 && last <= 0xdbff;
    if (stream) {
      if (odd) st[0] = bytes[n - 1];
      if (trailingLead) {
        st[1] = last;
        s = apply(strSlice, s, [0, -1]);
      }
    } else if (odd || trailingLead) {
      // End of stream with a lead byte and/or lead surrogate: one error.
      if (fatal) throw invalidData(encoding);
      if (trailingLead) s = apply(strSlice, s, [0, -1]);
      s += '\ufffd';
    }
    if (apply(strIsWellFormed, s, [])) return s;
    if (fatal) throw invalidData(encoding);
    return apply(strToWellFormed, s, []);
  }

  const UTF8 = 1;
  const UTF16LE = 2;
  const UTF16BE = 3;
  const W1252_KIND = 4;
  const KIND = { 'utf-8': UTF8, 'utf-16le': UTF16LE, 'utf-16be': UTF16BE, 'windows-1252': W1252_KIND };

  class TextDecoder {
    #encoding;
    #kind;
    #fatal;
    #ignoreBOM;
    #bomSeen = false;
    #everStreamed = false;
    #state;

    constructor(encoding = 'utf-8', options = undefined) {
      const label = `${encoding}`;
      if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
        throw invalidArgType('options', 'of type object', options);
      }
      const enc = encodingFromLabel(label);
      if (enc === undefined) {
        throw nodeError($RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${label}" encoding is not supported`);
      }
      this[kDecoder] = true;
      this.#encoding = enc;
      this.#kind = KIND[enc];
      this.#fatal = options != null && !!options.fatal;
      this.#ignoreBOM = options != null && !!options.ignoreBOM;
      this.#state = this.#kind === UTF8 ? [0, 0, 0, 0x80, 0xbf] : [-1, 0];
    }

    decode(input = undefined, options = undefined) {
      if (!(this !== null && typeof this === 'object' && #kind in this)) throw invalidThis('TextDecoder');
      // Node 20 has fast paths for utf-8 and windows-1252 until a decoder is
      // first used with { stream: true }; they skip the validation of
      // `options`. Its other (ICU) path validates it and, quirk kept here,
      // does not flush (so it keeps streaming) when `options` is null.
      const wantsStream = options != null && !!options.stream;
      if (wantsStream) this.#everStreamed = true;
      const strict = this.#everStreamed || this.#kind === UTF16LE || this.#kind === UTF16BE;
      if (strict && options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
        throw invalidArgType('options', 'of type object', options);
      }
      const stream = wantsStream || (strict && options === null);
      let bytes = EMPTY;
      if (input !== undefined) {
        bytes = toBytes(input);
        if (bytes === undefined) {
          throw nodeError(
            $TypeError,
            'ERR_INVALID_ARG_TYPE',
            // Node's wording differs between its three decoding paths.
            strict
              ? 'The "input" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.'
              : this.#kind === W1252_KIND
                ? 'The "input" argument must be an instance of ArrayBuffer, SharedArrayBuffer, or ArrayBufferView.'
                : 'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.',
          );
        }
      }
      const kind = this.#kind;
      if (kind === W1252_KIND) return decodeWindows1252(bytes);
      let s;
      try {
        s =
          kind === UTF8
            ? decodeUtf8(this.#state, bytes, stream, this.#fatal)
            : decodeUtf16(this.#state, bytes, stream, this.#fatal, kind === UTF16BE, this.#encoding);
      } catch (err) {
        // Like Node: an error ends the stream.
        this.#state = kind === UTF8 ? [0, 0, 0, 0x80, 0xbf] : [-1, 0];
        this.#bomSeen = false;
        throw err;
      }
      if (!this.#bomSeen && s.length > 0) {
        this.#bomSeen = true;
        if (!this.#ignoreBOM && apply(strCharCodeAt, s, [0]) === 0xfeff) s = apply(strSlice, s, [1]);
      }
      if (!stream) this.#bomSeen = false;
      return s;
    }

    get encoding() {
      if (!(this !== null && typeof this === 'object' && #kind in this)) throw invalidThis('TextDecoder');
      return this.#encoding;
    }

    get fatal() {
      if (!(this !== null && typeof this === 'object' && #kind in this)) throw invalidThis('TextDecoder');
      return this.#fatal;
    }

    get ignoreBOM() {
      if (!(this !== null && typeof this === 'object' && #kind in this)) throw invalidThis('TextDecoder');
      return this.#ignoreBOM;
    }

    [customInspect](depth, opts) {
      if (!(this !== null && typeof this === 'object' && #kind in this)) throw invalidThis('TextDecoder');
      if (typeof depth === 'number' && depth < 0) return this;
      const constructor = getConstructorOf(this) || TextDecoder;
      const obj = { __proto__: { constructor } };
      obj.encoding = this.encoding;
      obj.fatal = this.fatal;
      obj.ignoreBOM = this.ignoreBOM;
      return `${constructor.name} ${inspectFn(arguments[2])(obj)}`; // sic: Node drops opts here
    }
  }

  const enumerable = { enumerable: true };
  defineProperties(TextEncoder.prototype, {
    encoding: enumerable,
    encode: enumerable,
    encodeInto: enumerable,
    [$Symbol.toStringTag]: { value: 'TextEncoder', configurable: true },
  });
  defineProperties(TextDecoder.prototype, {
    encoding: enumerable,
    fatal: enumerable,
    ignoreBOM: enumerable,
    decode: enumerable,
    [$Symbol.toStringTag]: { value: 'TextDecoder', configurable: true },
  });

  module.exports = { TextEncoder, TextDecoder };
})
