// Request as undici (Node 20) has it, and the body members Request and Response
// share (body, bodyUsed, text/json/arrayBuffer/blob/formData/bytes). Bodies are
// whole byte arrays; `body` is a small stand-in for a ReadableStream
// (getReader / for await), see web/fetch_stream. Used by web/fetch.
(function (module, exports, require, host) {
  'use strict';
  const { enumerable, toStringTag, defineInspect } = require('web/common');
  const { Headers } = require('web/fetch_headers');
  const { extractBody, consume } = require('web/fetch_body');
  const { AbortController, AbortSignal } = require('web/events');
  const { bodyStream } = require('web/fetch_stream');
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const NORMALIZED = { delete: 'DELETE', get: 'GET', head: 'HEAD', options: 'OPTIONS', post: 'POST', put: 'PUT' };

  // ------------------------------------------------------------ body state
  const bodies = new WeakMap(); // Request/Response -> { bytes: Uint8Array | null, used: boolean }
  function state(obj) {
    const s = bodies.get(obj);
    if (s === undefined) throw new TypeError('Illegal invocation');
    return s;
  }
  function markUsed(obj) { state(obj).used = true; }
  function read(kind) {
    return function () {
      try {
        const s = state(this);
        if (s.used) throw new TypeError('Body is unusable: Body has already been read');
        if (s.bytes !== null) s.used = true; // a null body is never "used" (Fetch standard)
        return Promise.resolve(consume(kind, s.bytes, this.headers.get('content-type')));
      } catch (e) {
        return Promise.reject(e);
      }
    };
  }
  function bodyMembers(proto) {
    Object.defineProperty(proto, 'body', {
      get() { const s = state(this); return s.bytes === null ? null : (s.stream ||= bodyStream(s)); },
      configurable: true, enumerable: true,
    });
    Object.defineProperty(proto, 'bodyUsed', {
      get() { return state(this).used; }, configurable: true, enumerable: true,
    });
  }
  function bodyReads(proto) {
    for (const kind of ['blob', 'arrayBuffer', 'text', 'json', 'formData', 'bytes']) {
      const fn = read(kind);
      Object.defineProperty(fn, 'name', { value: kind });
      Object.defineProperty(proto, kind, { value: fn, writable: true, enumerable: true, configurable: true });
    }
  }
  function cloneState(obj, where) {
    const s = state(obj);
    if (s.used || (s.stream && s.stream.locked)) throw new TypeError(`${where}.clone: Body has already been consumed.`);
    return { bytes: s.bytes, used: false };
  }

  function parseURL(input) {
    try {
      return new (require('web/url').URL)(`${input}`);
    } catch (cause) {
      throw new TypeError(`Failed to parse URL from ${input}`, { cause });
    }
  }
  function normalizeMethod(m) {
    const s = `${m}`;
    if (!TOKEN.test(s)) throw new TypeError(`'${s}' is not a valid HTTP method.`);
    const upper = s.toUpperCase();
    if (upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK') throw new TypeError(`'${s}' HTTP method is unsupported.`);
    return NORMALIZED[s.toLowerCase()] || s;
  }
  function checkInit(where, init) {
    if (init !== undefined && init !== null && typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError(`${where}: Expected init to be a dictionary.`);
    }
    return init == null ? {} : init;
  }

  // ------------------------------------------------------------------ Request
  const OPTIONS = {
    mode: ['cors', 'no-cors', 'same-origin', 'navigate'], credentials: ['omit', 'same-origin', 'include'],
    cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
    redirect: ['follow', 'manual', 'error'],
  };
  class Request {
    #method = 'GET'; #url; #headers; #signal; #redirect = 'follow'; #mode = 'cors';
    #credentials = 'same-origin'; #cache = 'default'; #referrer = 'about:client'; #referrerPolicy = '';
    #integrity = ''; #keepalive = false;
    constructor(input, init = undefined) {
      if (arguments.length === 0) throw new TypeError('Request constructor: 1 argument required, but only 0 found.');
      init = checkInit('Request constructor', init);
      let bytes = null;
      let inherited = null;
      if (input instanceof Request) {
        inherited = input;
        this.#url = input.#url;
        this.#copy(input);
        bytes = state(input).bytes;
        if (bytes !== null && state(input).used) {
          throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
        }
      } else {
        const url = parseURL(input);
        if (url.username !== '' || url.password !== '') {
          throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
        }
        this.#url = url.href;
      }
      this.#applyInit(init);
      const signal = init.signal !== undefined ? init.signal : inherited ? inherited.#signal : null;
      if (signal !== null && signal !== undefined && !(signal instanceof AbortSignal)) {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      this.#signal = signal ? AbortSignal.any([signal]) : new AbortController().signal;
      this.#headers = new Headers(init.headers !== undefined ? init.headers : inherited ? inherited.#headers : undefined);
      let type = null;
      if (init.body !== undefined && init.body !== null) {
        ({ bytes, type } = extractBody(init.body));
      } else if (init.body === null) {
        bytes = null;
      }
      if (bytes !== null && (this.#method === 'GET' || this.#method === 'HEAD')) {
        throw new TypeError('Request with GET/HEAD method cannot have body.');
      }
      if (type !== null && !this.#headers.has('content-type')) this.#headers.append('content-type', type);
      if (inherited !== null && init.body === undefined && bytes !== null) markUsed(inherited);
      bodies.set(this, { bytes, used: false });
    }
    #copy(r) {
      this.#method = r.#method; this.#redirect = r.#redirect; this.#mode = r.#mode; this.#credentials = r.#credentials;
      this.#cache = r.#cache; this.#referrer = r.#referrer; this.#referrerPolicy = r.#referrerPolicy;
      this.#integrity = r.#integrity; this.#keepalive = r.#keepalive;
    }
    #applyInit(init) {
      if (init.method !== undefined) this.#method = normalizeMethod(init.method);
      for (const k of ['redirect', 'mode', 'credentials', 'cache']) {
        if (init[k] === undefined) continue;
        const v = `${init[k]}`;
        if (!OPTIONS[k].includes(v)) {
          throw new TypeError(`Request constructor: ${v} is not an accepted type. Expected one of ${OPTIONS[k].join(', ')}.`);
        }
        if (k === 'mode' && v === 'navigate') {
          throw new TypeError("Failed to construct 'Request': invalid request mode navigate.");
        }
        if (k === 'redirect') this.#redirect = v; else if (k === 'mode') this.#mode = v;
        else if (k === 'credentials') this.#credentials = v; else this.#cache = v;
      }
      if (init.referrer !== undefined) this.#referrer = `${init.referrer}` === '' ? '' : 'about:client';
      if (init.referrerPolicy !== undefined) this.#referrerPolicy = `${init.referrerPolicy}`;
      if (init.integrity !== undefined) this.#integrity = `${init.integrity}`;
      if (init.keepalive !== undefined) this.#keepalive = !!init.keepalive;
    }
    static #check(r) { if (!(r !== null && typeof r === 'object' && #url in r)) throw new TypeError('Illegal invocation'); return r; }
    get method() { return Request.#check(this).#method; }
    get url() { return Request.#check(this).#url; }
    get headers() { return Request.#check(this).#headers; }
    get destination() { Request.#check(this); return ''; }
    get referrer() { return Request.#check(this).#referrer; }
    get referrerPolicy() { return Request.#check(this).#referrerPolicy; }
    get mode() { return Request.#check(this).#mode; }
    get credentials() { return Request.#check(this).#credentials; }
    get cache() { return Request.#check(this).#cache; }
    get redirect() { return Request.#check(this).#redirect; }
    get integrity() { return Request.#check(this).#integrity; }
    get keepalive() { return Request.#check(this).#keepalive; }
    get isReloadNavigation() { Request.#check(this); return false; }
    get isHistoryNavigation() { Request.#check(this); return false; }
    get signal() { return Request.#check(this).#signal; }
    get duplex() { Request.#check(this); return 'half'; }
    clone() {
      Request.#check(this);
      const body = cloneState(this, 'Request');
      const copy = new Request(this, { body: null, signal: this.#signal });
      bodies.set(copy, body);
      return copy;
    }
  }
  bodyMembers(Request.prototype);
  // Move `duplex` and `clone` after body/bodyUsed, as undici orders them.
  for (const name of ['duplex', 'clone']) {
    const d = Object.getOwnPropertyDescriptor(Request.prototype, name);
    delete Request.prototype[name];
    Object.defineProperty(Request.prototype, name, d);
  }
  bodyReads(Request.prototype);
  enumerable(Request.prototype, Object.getOwnPropertyNames(Request.prototype).filter((n) => n !== 'constructor'));
  toStringTag(Request.prototype, 'Request');
  defineInspect(Request.prototype, 'Request', (r) => ({ method: r.method, url: r.url, headers: r.headers,
    destination: r.destination, referrer: r.referrer, referrerPolicy: r.referrerPolicy, mode: r.mode,
    credentials: r.credentials, cache: r.cache, redirect: r.redirect, integrity: r.integrity,
    keepalive: r.keepalive, isReloadNavigation: false, isHistoryNavigation: false, signal: r.signal }));

  module.exports = { Request, state, bodies, bodyMembers, bodyReads, cloneState, parseURL, checkInit };
})
