// Blob and File as in Node 20 (lib/internal/blob.js, lib/internal/file.js).
// The bytes live in one immutable Uint8Array per Blob (slices copy, which is
// simple and cheap at the sizes a code block handles). `stream()` returns the
// one-chunk stand-in of web/fetch_stream: the engine has no ReadableStream.
(function (module, exports, require, host) {
  'use strict';
  const { invalidArgType, missingArgs, invalidThis, withCode, enumerable, toStringTag } = require('web/common');
  const { TextEncoder, TextDecoder } = require('web/text_encoding');
  const U8 = Uint8Array;
  const ArrayBufferCtor = ArrayBuffer;
  const isView = ArrayBuffer.isView;
  const MathMax = Math.max;
  const MathMin = Math.min;
  const iteratorSymbol = Symbol.iterator;
  const encoder = new TextEncoder();
  const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
  const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

  /** Copy of the bytes of an ArrayBuffer or view. */
  function copyBytes(part) {
    if (isView(part)) return new U8(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
    return new U8(part.slice(0));
  }
  function isBufferSource(v) {
    return isView(v) || v instanceof ArrayBufferCtor ||
      (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer);
  }
  function concat(chunks, total) {
    const out = new U8(total);
    let at = 0;
    for (let i = 0; i < chunks.length; i++) { out.set(chunks[i], at); at += chunks[i].length; }
    return out;
  }
  function normalizeType(type) {
    const s = `${type}`;
    return PRINTABLE_ASCII.test(s) ? s.toLowerCase() : '';
  }

  class Blob {
    #bytes; #type;
    constructor(sources = [], options = undefined) {
      if (sources === null || typeof sources !== 'object' || typeof sources[iteratorSymbol] !== 'function') {
        throw invalidArgType('sources', 'a sequence', sources);
      }
      if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
        throw invalidArgType('options', 'a dictionary', options);
      }
      const type = options == null || options.type === undefined ? '' : options.type;
      const endings = options == null || options.endings === undefined ? 'transparent' : `${options.endings}`;
      if (endings !== 'transparent' && endings !== 'native') {
        throw withCode(new TypeError(`The property 'options.endings' is invalid. Received '${endings}'`), 'ERR_INVALID_ARG_VALUE');
      }
      const chunks = [];
      let total = 0;
      for (const part of sources) {
        let bytes;
        if (part instanceof Blob) bytes = part.#bytes;
        else if (isBufferSource(part)) bytes = copyBytes(part);
        else bytes = encoder.encode(`${part}`);
        chunks.push(bytes);
        total += bytes.length;
      }
      this.#bytes = chunks.length === 1 ? chunks[0] : concat(chunks, total);
      this.#type = normalizeType(type);
    }
    static #check(b) { if (!(b !== null && typeof b === 'object' && #bytes in b)) throw invalidThis('Blob'); return b; }
    get type() { return Blob.#check(this).#type; }
    get size() { return Blob.#check(this).#bytes.length; }
    slice(start = 0, end = undefined, contentType = '') {
      const bytes = Blob.#check(this).#bytes;
      const size = bytes.length;
      const rel = (v, dflt) => {
        if (v === undefined) return dflt;
        const n = Math.trunc(Number(v)) || 0;
        return n < 0 ? MathMax(size + n, 0) : MathMin(n, size);
      };
      const from = rel(start, 0);
      const to = rel(end, size);
      const out = fromBytes(bytes.slice(from, MathMax(from, to)), contentType);
      return out;
    }
    arrayBuffer() {
      try { const b = Blob.#check(this).#bytes; return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)); } catch (e) { return Promise.reject(e); }
    }
    text() {
      try { return Promise.resolve(new TextDecoder().decode(Blob.#check(this).#bytes)); } catch (e) { return Promise.reject(e); }
    }
    bytes() {
      try { return Promise.resolve(Blob.#check(this).#bytes.slice()); } catch (e) { return Promise.reject(e); }
    }
    /** The fetch body stand-in (one chunk): the engine has no ReadableStream. */
    stream() {
      return require('web/fetch_stream').bodyStream({ bytes: Blob.#check(this).#bytes.slice(), used: false });
    }
    [inspectSymbol](depth, options, inspect) {
      const name = this instanceof File ? 'File' : 'Blob';
      const fields = { size: this.size, type: this.type };
      if (name === 'File') { fields.name = this.name; fields.lastModified = this.lastModified; }
      return `${name} ${inspect(fields, options)}`;
    }
    /** The bytes (shared, never to be mutated): for fetch and FormData. */
    static _bytes(b) { return Blob.#check(b).#bytes; }
    static _set(b, bytes, type) { b.#bytes = bytes; b.#type = type; return b; }
  }
  const blobBytes = Blob._bytes;
  const setBlob = Blob._set;
  delete Blob._bytes;
  delete Blob._set;
  enumerable(Blob.prototype, ['type', 'size', 'slice', 'arrayBuffer', 'text', 'stream']);
  toStringTag(Blob.prototype, 'Blob');

  /** A Blob over `bytes` (taken, not copied) with content type `type`. */
  function fromBytes(bytes, type = '') {
    return setBlob(new Blob(), bytes, normalizeType(type === undefined ? '' : type));
  }

  class File extends Blob {
    #name; #lastModified;
    constructor(fileBits, fileName, options = undefined) {
      if (arguments.length < 2) throw missingArgs('fileBits', 'fileName');
      super(fileBits, options);
      this.#name = `${fileName}`;
      const lm = options == null ? undefined : options.lastModified;
      this.#lastModified = lm === undefined ? Date.now() : Number(lm);
    }
    static #check(f) { if (!(f !== null && typeof f === 'object' && #name in f)) throw invalidThis('File'); return f; }
    get name() { return File.#check(this).#name; }
    get lastModified() { return File.#check(this).#lastModified; }
  }
  enumerable(File.prototype, ['name', 'lastModified']);
  toStringTag(File.prototype, 'File');

  module.exports = { Blob, File, blobBytes, fromBytes };
})
