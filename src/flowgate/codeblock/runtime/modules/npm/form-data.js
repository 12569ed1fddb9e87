// require('form-data'): form-data 4.0.6's API without Node streams, fs or http.
// The npm package is a CombinedStream of header strings, values and footer
// callbacks; here the same three items per part are kept in `_streams` and
// every byte-producing method (getBuffer, the length getters, what axios
// sends) reproduces the package's output byte for byte: header lines in its
// order, `escapeHeaderParam`, mime-types' lookup by file name (the table is
// vendor/form-data-mime, generated from the pinned mime-db and loaded only
// when a part needs it), its CRLF quirks. Values: strings, numbers, null/
// undefined (as strings), Buffers/Uint8Arrays; streams, fs/http sources and
// submit() are not available (no files or sockets in a code block).
// See docs/libraries/form-data.md.
(function (module, exports, require, host) {
  'use strict';
  const LINE_BREAK = '\r\n';
  const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
  const hasOwn = Object.hasOwn;
  const isArray = Array.isArray;
  let BufferCtor = null;
  const buffer = () => BufferCtor || (BufferCtor = require('node/buffer').Buffer);
  let mimeTypes = null;

  function escapeHeaderParam(str) {
    return String(str).replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
  }
  /** path.basename for '/'-separated paths (what form-data calls on a file name). */
  function basename(p) {
    let s = String(p);
    while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
    return s.slice(s.lastIndexOf('/') + 1);
  }
  /** path.normalize for a POSIX path (options.filepath). */
  function normalize(p) {
    const abs = p.startsWith('/');
    const out = [];
    for (const part of p.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
      else if (part !== '..' || !abs) out.push(part);
    }
    const s = (abs ? '/' : '') + out.join('/');
    return (s || (abs ? '/' : '.')) + (p.endsWith('/') && out.length ? '/' : '');
  }
  /** mime-types' lookup(): the type for a path's extension, or false. */
  function lookup(path) {
    if (!path || typeof path !== 'string') return false;
    const base = basename('x.' + path);
    const dot = base.lastIndexOf('.');
    const ext = (dot > 0 ? base.slice(dot + 1) : '').toLowerCase();
    if (!ext) return false;
    if (mimeTypes === null) {
      mimeTypes = { __proto__: null };
      const lines = require('vendor/form-data-mime').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const sp = lines[i].indexOf(' ');
        mimeTypes[lines[i].slice(0, sp)] = lines[i].slice(sp + 1);
      }
    }
    return mimeTypes[ext] || false;
  }
  function randomHex(n) {
    const bytes = new Uint8Array(n);
    host.randomFill(bytes);
    let s = '';
    for (let i = 0; i < n; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }
  const isBufferLike = (v) => v instanceof Uint8Array;
  const byteLength = (v) => (typeof v === 'string' ? buffer().byteLength(v) : v.length);

  // A constructor function callable without `new`, as the package's is.
  function FormData(options) {
    if (!(this instanceof FormData)) return new FormData(options);
    init(this, options);
  }
  function init(self, options) {
    self._overheadLength = 0;
    self._valueLength = 0;
    self._valuesToMeasure = [];
    self._streams = [];
    self._listeners = null;
    self.writable = false;
    self.readable = true;
    self.dataSize = 0;
    self.maxDataSize = 2 * 1024 * 1024;
    self.pauseStreams = true;
    options = options || {};
    for (const option in options) self[option] = options[option];
  }

  // The prototype methods, written as a class body and copied onto FormData.prototype.
  class Methods {
    append(field, value, options) {
      options = options || {};
      if (typeof options === 'string') options = { filename: options };
      if (typeof value === 'number' || value == null) value = String(value);
      if (isArray(value)) {
        this._error(new Error('Arrays are not supported.'));
        return;
      }
      if (typeof value !== 'string' && !isBufferLike(value)) {
        const err = new TypeError('form-data in the code-block sandbox takes strings, numbers and Buffers ' +
          '(streams, Blobs and other objects are not supported)');
        err.code = 'ERR_FLOWGATE_UNSUPPORTED';
        throw err;
      }
      const header = this._multiPartHeader(field, value, options);
      this._streams.push(header, value, null);
      this._trackLength(header, value, options);
    }

    _trackLength(header, value, options) {
      let valueLength = 0;
      if (options.knownLength != null) valueLength += Number(options.knownLength);
      else valueLength = byteLength(value); // (a Buffer's or a string's: the only values taken here)
      this._valueLength += valueLength;
      this._overheadLength += buffer().byteLength(header) + LINE_BREAK.length;
    }

    _multiPartHeader(field, value, options) {
      if (typeof options.header === 'string') return options.header;
      const contentDisposition = this._getContentDisposition(value, options);
      const contentType = this._getContentType(value, options);
      const headers = {
        'Content-Disposition': ['form-data', 'name="' + escapeHeaderParam(field) + '"'].concat(contentDisposition || []),
        'Content-Type': [].concat(contentType || []),
      };
      if (typeof options.header === 'object') { // the package's populate()
        const src = options.header;
        for (const prop of Object.keys(src)) headers[prop] = headers[prop] || src[prop];
      }
      let contents = '';
      for (const prop in headers) {
        if (!hasOwn(headers, prop)) continue;
        let header = headers[prop];
        if (header == null) continue;
        if (!isArray(header)) header = [header];
        if (header.length) contents += prop + ': ' + header.join('; ') + LINE_BREAK;
      }
      return '--' + this.getBoundary() + LINE_BREAK + contents + LINE_BREAK;
    }

    _getContentDisposition(value, options) {
      let filename;
      if (typeof options.filepath === 'string') {
        filename = normalize(options.filepath).replace(/\\/g, '/');
      } else if (options.filename || (value && (value.name || value.path))) {
        filename = basename(options.filename || (value && (value.name || value.path)));
      }
      if (filename) return 'filename="' + escapeHeaderParam(filename) + '"';
      return undefined;
    }

    _getContentType(value, options) {
      let contentType = options.contentType;
      if (!contentType && value && value.name) contentType = lookup(value.name);
      if (!contentType && value && value.path) contentType = lookup(value.path);
      if (!contentType && (options.filepath || options.filename)) contentType = lookup(options.filepath || options.filename);
      if (!contentType && value && typeof value === 'object') contentType = DEFAULT_CONTENT_TYPE;
      return contentType;
    }

    _lastBoundary() {
      return '--' + this.getBoundary() + '--' + LINE_BREAK;
    }

    getHeaders(userHeaders) {
      const formHeaders = { 'content-type': 'multipart/form-data; boundary=' + this.getBoundary() };
      for (const header in userHeaders) {
        if (hasOwn(userHeaders, header)) formHeaders[header.toLowerCase()] = userHeaders[header];
      }
      return formHeaders;
    }

    setBoundary(boundary) {
      if (typeof boundary !== 'string') throw new TypeError('FormData boundary must be a string');
      this._boundary = boundary;
    }

    getBoundary() {
      if (!this._boundary) this._boundary = '--------------------------' + randomHex(12);
      return this._boundary;
    }

    getBuffer() {
      const Buffer = buffer();
      const boundary = this.getBoundary();
      const parts = [];
      for (let i = 0; i < this._streams.length; i++) {
        const item = this._streams[i];
        if (item === null) continue;
        parts.push(typeof item === 'string' ? Buffer.from(item) : item);
        if (typeof item !== 'string' || item.substring(2, boundary.length + 2) !== boundary) {
          parts.push(Buffer.from(LINE_BREAK));
        }
      }
      parts.push(Buffer.from(this._lastBoundary()));
      return Buffer.concat(parts);
    }

    /** What the package streams (and axios sends): nothing at all for an empty form. */
    _wireBytes() {
      if (this._streams.length === 0) return buffer().alloc(0);
      const Buffer = buffer();
      const parts = [];
      const n = this._streams.length;
      for (let i = 0; i < n; i++) {
        const item = this._streams[i];
        if (item === null) parts.push(Buffer.from(LINE_BREAK + (i === n - 1 ? this._lastBoundary() : '')));
        else parts.push(typeof item === 'string' ? Buffer.from(item) : item);
      }
      return Buffer.concat(parts);
    }

    getLengthSync() {
      let knownLength = this._overheadLength + this._valueLength;
      if (this._streams.length) knownLength += this._lastBoundary().length;
      return knownLength;
    }

    hasKnownLength() {
      return this._valuesToMeasure.length === 0;
    }

    getLength(cb) {
      const length = this.getLengthSync();
      setImmediate(() => cb.call(this, null, length));
    }

    submit() {
      const err = new Error('form-data submit() is not available in the code-block sandbox; ' +
        'send the form with axios or fetch (body: form.getBuffer(), headers: form.getHeaders())');
      err.code = 'ERR_FLOWGATE_UNSUPPORTED';
      throw err;
    }

    pipe(dest) {
      const bytes = this._wireBytes();
      if (dest && typeof dest.write === 'function') {
        dest.write(bytes);
        if (typeof dest.end === 'function') dest.end();
      }
      return dest;
    }

    on(event, fn) {
      if (this._listeners === null) this._listeners = { __proto__: null };
      (this._listeners[event] || (this._listeners[event] = [])).push(fn);
      return this;
    }

    once(event, fn) {
      const wrapper = (...args) => {
        this.removeListener(event, wrapper);
        fn.apply(this, args);
      };
      return this.on(event, wrapper);
    }

    removeListener(event, fn) {
      const list = this._listeners && this._listeners[event];
      if (list) {
        const i = list.indexOf(fn);
        if (i >= 0) list.splice(i, 1);
      }
      return this;
    }

    emit(event, ...args) {
      const list = this._listeners && this._listeners[event];
      if (!list || !list.length) {
        if (event === 'error') throw args[0];
        return false;
      }
      for (const fn of list.slice()) fn.apply(this, args);
      return true;
    }

    _error(err) {
      this.emit('error', err);
    }

    toString() {
      return '[object FormData]';
    }
  }
  const descriptors = Object.getOwnPropertyDescriptors(Methods.prototype);
  delete descriptors.constructor;
  Object.defineProperties(FormData.prototype, descriptors);
  FormData.prototype.off = FormData.prototype.removeListener;
  FormData.prototype.addListener = FormData.prototype.on;
  Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });
  FormData.LINE_BREAK = LINE_BREAK;
  FormData.DEFAULT_CONTENT_TYPE = DEFAULT_CONTENT_TYPE;
  module.exports = FormData;
})
