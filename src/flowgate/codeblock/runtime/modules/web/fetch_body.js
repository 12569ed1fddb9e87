// FormData, body extraction (BodyInit -> bytes + Content-Type) and the body
// reads of Request/Response (text/json/arrayBuffer/blob/bytes/formData), as
// undici does them. Bodies are held whole as one Uint8Array: the engine has no
// streams, and what crosses the host bridge is bytes anyway.
(function (module, exports, require, host) {
  'use strict';
  const { enumerable, toStringTag, defineInspect } = require('web/common');
  const { Blob, File, blobBytes } = require('web/blob');
  const { TextEncoder, TextDecoder } = require('web/text_encoding');
  const U8 = Uint8Array;
  const objectToString = (v) => Object.prototype.toString.call(v);
  const isView = ArrayBuffer.isView;
  const iteratorSymbol = Symbol.iterator;
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][iteratorSymbol]()));
  const encoder = new TextEncoder();
  const decoder = new TextDecoder(); // strips a BOM, replaces bad sequences: undici's utf8DecodeBytes

  // ------------------------------------------------------------------ FormData
  function usv(v) { return `${v}`.toWellFormed(); }
  function toEntryValue(value, filename, withName) {
    if (!(value instanceof Blob)) return usv(value);
    if (value instanceof File && !withName) return value;
    const name = withName ? usv(filename) : 'blob';
    return new File([value], name, { type: value.type, lastModified: value instanceof File ? value.lastModified : undefined });
  }
  function argCount(where, needed, got) {
    if (got < needed) throw new TypeError(`${where}: ${needed} argument${needed > 1 ? 's' : ''} required, but only ${got} found.`);
  }
  function checkBlob(op, value, argc) {
    if (argc > 2 && !(value instanceof Blob)) {
      throw new TypeError(`Failed to execute '${op}' on 'FormData': parameter 2 is not of type 'Blob'`);
    }
  }

  class FormData {
    #entries = []; // [name, string | File]
    constructor(form = undefined) {
      if (form !== undefined) throw new TypeError('FormData constructor: Argument 1 could not be converted to: undefined.');
    }
    static #check(f) { if (!(f !== null && typeof f === 'object' && #entries in f)) throw new TypeError('Illegal invocation'); return f; }
    append(name, value, filename = undefined) {
      FormData.#check(this);
      argCount('FormData.append', 2, arguments.length);
      checkBlob('append', value, arguments.length);
      this.#entries.push([usv(name), toEntryValue(value, filename, arguments.length > 2)]);
    }
    delete(name) {
      FormData.#check(this);
      argCount('FormData.delete', 1, arguments.length);
      const n = usv(name);
      this.#entries = this.#entries.filter((e) => e[0] !== n);
    }
    get(name) {
      FormData.#check(this);
      argCount('FormData.get', 1, arguments.length);
      const n = usv(name);
      const hit = this.#entries.find((e) => e[0] === n);
      return hit === undefined ? null : hit[1];
    }
    getAll(name) {
      FormData.#check(this);
      argCount('FormData.getAll', 1, arguments.length);
      const n = usv(name);
      return this.#entries.filter((e) => e[0] === n).map((e) => e[1]);
    }
    has(name) {
      FormData.#check(this);
      argCount('FormData.has', 1, arguments.length);
      const n = usv(name);
      return this.#entries.some((e) => e[0] === n);
    }
    set(name, value, filename = undefined) {
      FormData.#check(this);
      argCount('FormData.set', 2, arguments.length);
      checkBlob('set', value, arguments.length);
      const entry = [usv(name), toEntryValue(value, filename, arguments.length > 2)];
      const at = this.#entries.findIndex((e) => e[0] === entry[0]);
      if (at === -1) { this.#entries.push(entry); return; }
      this.#entries = this.#entries.filter((e, i) => i === at || e[0] !== entry[0]);
      this.#entries[at] = entry;
    }
    keys() { return new FormDataIterator(FormData.#check(this), 0); }
    values() { return new FormDataIterator(FormData.#check(this), 1); }
    entries() { return new FormDataIterator(FormData.#check(this), 2); }
    forEach(callback, thisArg = undefined) {
      FormData.#check(this);
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.");
      }
      for (const [k, v] of this) callback.call(thisArg, v, k, this);
    }
    static _entries(f) { return f.#entries; }
  }
  const entriesOf = FormData._entries;
  delete FormData._entries;
  FormData.prototype[iteratorSymbol] = FormData.prototype.entries;
  enumerable(FormData.prototype, ['append', 'delete', 'get', 'getAll', 'has', 'set', 'keys', 'values', 'entries', 'forEach']);
  toStringTag(FormData.prototype, 'FormData');
  defineInspect(FormData.prototype, 'FormData', (f) => {
    const shown = { __proto__: null };
    for (const [k, v] of entriesOf(f)) shown[k] = v;
    return shown;
  });

  class FormDataIterator {
    #target; #kind; #index = 0;
    constructor(target, kind) { this.#target = target; this.#kind = kind; }
    next() {
      const list = entriesOf(this.#target);
      if (this.#index >= list.length) return { value: undefined, done: true };
      const [k, v] = list[this.#index++];
      return { value: this.#kind === 0 ? k : this.#kind === 1 ? v : [k, v], done: false };
    }
  }
  Object.setPrototypeOf(FormDataIterator.prototype, IteratorPrototype);
  delete FormDataIterator.prototype.constructor;
  enumerable(FormDataIterator.prototype, ['next']);
  toStringTag(FormDataIterator.prototype, 'FormData Iterator');

  // ----------------------------------------------------------- multipart out
  const escapeName = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  const normalizeLinefeeds = (s) => s.replace(/\r?\n|\r/g, '\r\n');
  // undici's boundary; Math.random is enough: the boundary is no secret, only unlikely in the data.
  const randomDigits = () => `${Math.floor(Math.random() * 1e11)}`.padStart(11, '0');
  function encodeMultipart(form) {
    const boundary = `----formdata-undici-0${randomDigits()}`;
    const prefix = `--${boundary}\r\nContent-Disposition: form-data`;
    const chunks = [];
    let total = 0;
    const push = (u8) => { chunks.push(u8); total += u8.length; };
    for (const [name, value] of entriesOf(form)) {
      if (typeof value === 'string') {
        push(encoder.encode(`${prefix}; name="${escapeName(normalizeLinefeeds(name))}"\r\n\r\n${normalizeLinefeeds(value)}\r\n`));
      } else {
        push(encoder.encode(`${prefix}; name="${escapeName(normalizeLinefeeds(name))}"` +
          (value.name ? `; filename="${escapeName(value.name)}"` : '') +
          `\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`));
        push(blobBytes(value));
        push(encoder.encode('\r\n'));
      }
    }
    push(encoder.encode(`--${boundary}--\r\n`));
    const out = new U8(total);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return { bytes: out, type: `multipart/form-data; boundary=${boundary}` };
  }

  // ------------------------------------------------------------ BodyInit
  /** BodyInit -> { bytes: Uint8Array, type: string | null } (undici's extractBody). */
  function extractBody(object) {
    if (typeof object === 'string') return { bytes: encoder.encode(object), type: 'text/plain;charset=UTF-8' };
    // web/url (~1.5 ms to load) is loaded only by code that has URLs: a brand check, not instanceof.
    if (objectToString(object) === '[object URLSearchParams]' && typeof object.toString === 'function') {
      return { bytes: encoder.encode(object.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
    }
    if (object instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && object instanceof SharedArrayBuffer)) {
      return { bytes: new U8(object.slice(0)), type: null };
    }
    if (isView(object)) {
      return { bytes: new U8(object.buffer.slice(object.byteOffset, object.byteOffset + object.byteLength)), type: null };
    }
    if (object instanceof Blob) return { bytes: blobBytes(object), type: object.type || null };
    if (object instanceof FormData) return encodeMultipart(object);
    const streamed = require('web/fetch_stream').takeStream(object); // res.body passed on
    if (streamed !== null) return { bytes: streamed, type: null };
    return { bytes: encoder.encode(`${object}`), type: 'text/plain;charset=UTF-8' };
  }

  // ------------------------------------------------------------ body reads
  /** `kind` of read on `bytes` (null body = empty) for a body whose Content-Type is `contentType`. */
  function consume(kind, bytes, contentType) {
    const data = bytes === null ? new U8(0) : bytes;
    switch (kind) {
      case 'text': return decoder.decode(data);
      case 'json': return JSON.parse(decoder.decode(data));
      case 'arrayBuffer': return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
      case 'bytes': return data.slice();
      case 'blob': return new Blob([data], { type: contentType === null ? '' : require('web/fetch_multipart').serializeMime(contentType) });
      default: return consumeFormData(data, contentType);
    }
  }
  function consumeFormData(data, contentType) {
    const { parseMime, parseMultipart } = require('web/fetch_multipart');
    const mime = contentType === null ? null : parseMime(contentType);
    const form = new FormData();
    if (mime !== null && mime.essence === 'multipart/form-data') {
      const boundary = mime.params.get('boundary');
      if (boundary === undefined) throw new TypeError('Failed to parse body as FormData.');
      for (const [k, v] of parseMultipart(data, boundary, File)) entriesOf(form).push([k, v]);
      return form;
    }
    if (mime !== null && mime.essence === 'application/x-www-form-urlencoded') {
      const { URLSearchParams } = require('web/url');
      for (const [k, v] of new URLSearchParams(decoder.decode(data))) form.append(k, v);
      return form;
    }
    throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
  }

  module.exports = { FormData, extractBody, consume };
})
