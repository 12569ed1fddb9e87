// Response as undici (Node 20) has it. `make(fields)` builds the Responses
// fetch() returns (immutable headers, type 'basic') and those of
// Response.error/redirect, which the public constructor cannot express.
(function (module, exports, require, host) {
  'use strict';
  const { enumerable, toStringTag, defineInspect } = require('web/common');
  const { Headers, fill, freeze } = require('web/fetch_headers');
  const { extractBody } = require('web/fetch_body');
  const { bodies, bodyMembers, bodyReads, cloneState, parseURL, checkInit } = require('web/fetch_request');
  const NULL_BODY = [101, 103, 204, 205, 304];
  const REDIRECT_STATUS = [301, 302, 303, 307, 308];
  const REASON = /^[\t\x20-\x7e\x80-\xff]*$/;
  const stringify = JSON.stringify;
  let building = null; // internal construction of fetched / error responses

  class Response {
    #type = 'default'; #url = ''; #redirected = false; #status = 200; #statusText = ''; #headers;
    constructor(body = null, init = undefined) {
      if (building !== null) {
        const b = building;
        building = null;
        this.#type = b.type; this.#url = b.url; this.#redirected = b.redirected; this.#status = b.status;
        this.#statusText = b.statusText; this.#headers = b.headers;
        bodies.set(this, { bytes: b.bytes, used: false });
        return;
      }
      init = checkInit('Response constructor', init);
      this.#headers = new Headers();
      this.#initialize(init, body === null ? null : extractBody(body));
    }
    #initialize(init, extracted) {
      const status = init.status === undefined ? 200 : Number(init.status) >>> 0 === Number(init.status) ? Number(init.status) : -1;
      if (init.status !== undefined && (status < 200 || status > 599)) {
        throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
      }
      const statusText = init.statusText === undefined ? '' : `${init.statusText}`;
      if (!REASON.test(statusText)) throw new TypeError('Invalid statusText');
      this.#status = status;
      this.#statusText = statusText;
      if (init.headers !== undefined) fill(this.#headers, init.headers);
      if (extracted !== null && NULL_BODY.includes(status)) {
        throw new TypeError(`Response constructor: Invalid response status code ${status}`);
      }
      if (extracted !== null && extracted.type !== null && !this.#headers.has('content-type')) {
        this.#headers.append('content-type', extracted.type);
      }
      bodies.set(this, { bytes: extracted === null ? null : extracted.bytes, used: false });
    }
    static #check(r) { if (!(r !== null && typeof r === 'object' && #headers in r)) throw new TypeError('Illegal invocation'); return r; }
    get type() { return Response.#check(this).#type; }
    get url() { return Response.#check(this).#url; }
    get redirected() { return Response.#check(this).#redirected; }
    get status() { return Response.#check(this).#status; }
    get ok() { return Response.#check(this).#status >= 200 && this.#status <= 299; }
    get statusText() { return Response.#check(this).#statusText; }
    get headers() { return Response.#check(this).#headers; }
    clone() {
      Response.#check(this);
      const body = cloneState(this, 'Response');
      const headers = new Headers(this.#headers);
      if (this.#type === 'error' || this.#type === 'basic') freeze(headers);
      return make({ type: this.#type, url: this.#url, redirected: this.#redirected, status: this.#status,
        statusText: this.#statusText, headers, bytes: body.bytes });
    }
    static error() {
      return make({ type: 'error', url: '', redirected: false, status: 0, statusText: '', headers: freeze(new Headers()), bytes: null });
    }
    static json(data, init = undefined) {
      const text = stringify(data);
      if (text === undefined) throw new TypeError('Value is not JSON serializable');
      init = checkInit('Response.json', init);
      const r = make({ type: 'default', url: '', redirected: false, status: 200, statusText: '', headers: new Headers(), bytes: null });
      r.#initialize(init, { bytes: extractBody(text).bytes, type: 'application/json' });
      return r;
    }
    static redirect(url, status = 302) {
      const href = parseURL(url).href;
      if (!REDIRECT_STATUS.includes(status)) throw new RangeError(`Invalid status code ${status}`);
      const headers = new Headers([['location', href]]);
      return make({ type: 'default', url: '', redirected: false, status, statusText: '', headers: freeze(headers), bytes: null });
    }
  }
  function make(fields) { building = fields; return new Response(); }
  bodyMembers(Response.prototype);
  const cloneDescriptor = Object.getOwnPropertyDescriptor(Response.prototype, 'clone');
  delete Response.prototype.clone;
  Object.defineProperty(Response.prototype, 'clone', cloneDescriptor);
  bodyReads(Response.prototype);
  enumerable(Response.prototype, Object.getOwnPropertyNames(Response.prototype).filter((n) => n !== 'constructor'));
  enumerable(Response, ['error', 'json', 'redirect']);
  toStringTag(Response.prototype, 'Response');
  defineInspect(Response.prototype, 'Response', (r) => ({ status: r.status, statusText: r.statusText,
    headers: r.headers, body: r.body, bodyUsed: r.bodyUsed, ok: r.ok, redirected: r.redirected, type: r.type,
    url: r.url }));

  module.exports = { Response, make };
})
