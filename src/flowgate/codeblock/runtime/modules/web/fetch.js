// fetch() as undici in Node 20 (Response in web/fetch_response, Request in
// web/fetch_request, Headers in web/fetch_headers, FormData and bodies in
// web/fetch_body). The network exchange is the host's async op `fetch`
// (bridge/fetch.py: SSRF guard, per-execution limits, redirects, timeout); this
// module builds the request, handles abort (cancels the host operation, rejects
// with the signal's reason) and wraps failures as undici does:
// `TypeError('fetch failed', { cause })`. A destination the guard refuses has a
// SecurityError as its cause, which internal/errors reports as type
// SecurityError when the code does not catch it.
//
// The exports are getters: the global `Headers` loads web/fetch_headers only,
// `Blob`-free and URL-free code never pays for the rest.
(function (module, exports, require, host) {
  'use strict';
  const NULL_BODY = [101, 103, 204, 205, 304];
  let Headers, freeze, wireList, Request, state, make; // loaded by the first fetch()
  function load() {
    if (make !== undefined) return;
    ({ Headers, freeze, wireList } = require('web/fetch_headers'));
    ({ Request, state } = require('web/fetch_request'));
    ({ make } = require('web/fetch_response'));
  }

  // ------------------------------------------------------------------- fetch
  function fetchFailed(cause) { return new TypeError('fetch failed', { cause }); }
  /** The host's failure (BridgeError payload as an Error, `fetch` prop = kind) -> undici's shape. */
  function hostFailure(err) {
    if (err === null || typeof err !== 'object' || typeof err.fetch !== 'string') return err;
    const kind = err.fetch;
    delete err.fetch;
    if (kind === 'security') {
      const { SecurityError } = require('internal/errors');
      const cause = new SecurityError(err.message);
      Object.defineProperty(cause, 'code', { value: err.code, writable: true, configurable: true, enumerable: true });
      return fetchFailed(cause);
    }
    return fetchFailed(err);
  }
  function dataResponse(url) {
    const body = url.href.slice(5);
    const comma = body.indexOf(',');
    if (comma === -1) throw fetchFailed(new TypeError('invalid data: URL'));
    let mime = body.slice(0, comma).trim();
    const data = decodeURIComponent(body.slice(comma + 1).replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
    const base64 = /;\s*base64$/i.test(mime);
    if (base64) mime = mime.replace(/;\s*base64$/i, '');
    const latin = base64 ? atob(data.replace(/[\t\n\f\r ]/g, '')) : unescape(encodeURIComponent(data));
    const bytes = Uint8Array.fromBase64(btoa(latin));
    if (mime === '' || mime.startsWith(';')) mime = 'text/plain' + (mime || ';charset=US-ASCII');
    return make({ type: 'basic', url: url.href, redirected: false, status: 200, statusText: 'OK',
      headers: freeze(new Headers([['content-type', mime]])), bytes });
  }
  function toResponse(r, method) {
    const headers = new Headers();
    for (let i = 0; i < r.headers.length; i++) headers.append(r.headers[i][0], r.headers[i][1]);
    const empty = method === 'HEAD' || NULL_BODY.includes(r.status);
    return make({ type: 'basic', url: r.url, redirected: r.redirected, status: r.status, statusText: r.statusText,
      headers: freeze(headers), bytes: empty ? null : r.body });
  }
  function hostRequest(request, url) {
    const s = state(request);
    url.hash = '';
    return { url: url.href, method: request.method, headers: wireList(request.headers), body: s.bytes,
      redirect: request.redirect };
  }

  function fetch(input, init = undefined) {
    let request;
    let url;
    try {
      load();
      request = new Request(input, init);
      url = new (require('web/url').URL)(request.url);
      const signal = request.signal;
      if (signal.aborted) return Promise.reject(signal.reason);
      if (url.protocol === 'data:') return Promise.resolve(dataResponse(url));
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return Promise.reject(fetchFailed(new Error('unknown scheme')));
      }
    } catch (e) {
      return Promise.reject(e);
    }
    const io = require('internal/io');
    const signal = request.signal;
    return new Promise((resolve, reject) => {
      const op = io.start('fetch', [hostRequest(request, url)]);
      const onAbort = () => { io.cancel(op.id); reject(signal.reason); };
      signal.addEventListener('abort', onAbort, { once: true });
      op.promise.then((r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(toResponse(r, request.method));
      }, (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(hostFailure(e));
      });
    });
  }

  const lazy = (name, from) => ({ get() { return require(from)[name]; }, enumerable: true, configurable: true });
  Object.defineProperties(module.exports, {
    fetch: { value: fetch, enumerable: true, writable: true, configurable: true },
    Headers: lazy('Headers', 'web/fetch_headers'),
    Request: lazy('Request', 'web/fetch_request'),
    Response: lazy('Response', 'web/fetch_response'),
    FormData: lazy('FormData', 'web/fetch_body'),
  });
})
