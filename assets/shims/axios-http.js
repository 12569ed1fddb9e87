// axios's Node `http` adapter, rebuilt for the code-block sandbox (replaces
// node_modules/axios/lib/adapters/http.js in vendor/axios; also serves as the
// 'fetch' adapter). Node's adapter drives http.request/follow-redirects/zlib
// streams; here one request is ONE call of the host's async `fetch` op — the
// op behind the global fetch(), so the SSRF guard, FETCH_* limits, redirects
// and decompression are the host's, exactly as for fetch(). Going to the op
// directly (not through the global fetch) spares loading Request/Response/
// Headers/URL (~2-3 ms per execution) and lets the request carry axios's own
// header list. What the script observes is Node's adapter: the same config
// checks, headers (User-Agent, Accept-Encoding, form-data), bodies (multipart
// boundaries included), response shape (lower-case headers, Buffer for
// 'arraybuffer', BOM-stripped text), timeouts and error codes/messages.
import utils from '../node_modules/axios/lib/utils.js';
import settle from '../node_modules/axios/lib/core/settle.js';
import buildFullPath from '../node_modules/axios/lib/core/buildFullPath.js';
import buildURL from '../node_modules/axios/lib/helpers/buildURL.js';
import AxiosError from '../node_modules/axios/lib/core/AxiosError.js';
import AxiosHeaders from '../node_modules/axios/lib/core/AxiosHeaders.js';
import CanceledError from '../node_modules/axios/lib/cancel/CanceledError.js';
import transitionalDefaults from '../node_modules/axios/lib/defaults/transitional.js';
import setFormDataHeaders from '../node_modules/axios/lib/core/setFormDataHeaders.js';
import { toByteStringHeaderObject } from '../node_modules/axios/lib/helpers/sanitizeHeaderValue.js';
import { VERSION } from '../node_modules/axios/lib/env/data.js';
import {
  progressEventReducer, progressEventDecorator, asyncDecorator,
} from '../node_modules/axios/lib/helpers/progressEventReducer.js';
import { base64Utf8, decodeUtf8, specFormBytes, requestBytes } from './axios-bodies.js';
import { dataUrlResponse } from './axios-data-url.js';

const ACCEPT_ENCODING = 'gzip, compress, deflate, br';
const ACCEPT_ENCODING_WITH_ZSTD = ACCEPT_ENCODING; // Node 20 has no zstd
const DECODED = ['gzip', 'x-gzip', 'compress', 'x-compress', 'deflate', 'br'];
// Node's IncomingMessage keeps the first of these when repeated; set-cookie is
// an array, cookie joins with '; ', every other header with ', '.
const SINGLE = ['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
  'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location',
  'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires'];
// A URL the host can take as it is; anything else goes through WHATWG URL (web/url, ~1.5 ms).
const SIMPLE_URL = /^(https?:)\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(:[0-9]{1,5})?((?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*)(\?[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*)?$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;

/** What Node's ClientRequest throws for a method or header name that is not a token. */
function invalidToken(what, value) {
  const err = new TypeError(`${what} must be a valid HTTP token ["${value}"]`);
  err.code = 'ERR_INVALID_HTTP_TOKEN';
  return err;
}

/** The ClientRequest stand-in behind `error.request` / `response.request`. */
class ClientRequest {
  constructor(method, protocol, host, path) {
    this.method = method;
    this.protocol = protocol;
    this.host = host;
    this.path = path;
    this.aborted = false;
    this.res = null;
  }
}

function parseUrl(fullPath) {
  const m = SIMPLE_URL.exec(fullPath);
  if (m !== null && !DOT_SEGMENT.test(m[4] || '')) {
    const port = m[3] && m[3] !== (m[1] === 'http:' ? ':80' : ':443') ? m[3] : '';
    return { protocol: m[1], hostname: m[2], host: m[2] + port, origin: m[1] + '//' + m[2] + port,
      pathname: m[4] || '/', search: m[5] && m[5] !== '?' ? m[5] : '', username: '', password: '' };
  }
  return new URL(fullPath); // throws TypeError [ERR_INVALID_URL] 'Invalid URL' as in Node
}

function nodeHeaders(list, method, status) {
  const out = {};
  for (let i = 0; i < list.length; i++) {
    const name = list[i][0].toLowerCase();
    const value = list[i][1];
    if (name === 'set-cookie') (out[name] || (out[name] = [])).push(value);
    else if (out[name] === undefined) out[name] = value;
    else if (name === 'cookie') out[name] += '; ' + value;
    else if (!SINGLE.includes(name)) out[name] += ', ' + value;
  }
  const encoding = out['content-encoding'];
  if (encoding !== undefined && (method === 'HEAD' || status === 204 || DECODED.includes(encoding.toLowerCase()))) {
    delete out['content-encoding']; // the host decoded it, as Node's zlib pipeline would have
  }
  return out;
}

/** The host failure (BridgeError with `fetch` = kind) as the error Node's http stack raises. */
function hostError(err, parsed) {
  if (err === null || typeof err !== 'object' || typeof err.fetch !== 'string') return err;
  const kind = err.fetch;
  delete err.fetch;
  if (kind === 'security') {
    const { SecurityError } = require('internal/errors');
    const cause = new SecurityError(err.message);
    cause.code = err.code;
    return cause;
  }
  if (err.code === 'ECONNREFUSED') {
    const port = parsed.host.slice(parsed.hostname.length + 1) || (parsed.protocol === 'https:' ? '443' : '80');
    err.message = `connect ECONNREFUSED ${parsed.hostname}:${port}`;
    err.errno = -111;
    err.address = parsed.hostname;
    err.port = +port;
  } else if (kind === 'network' && /^redirect count exceeded/.test(err.message)) {
    err.message = 'Maximum number of redirects exceeded';
    err.code = 'ERR_FR_TOO_MANY_REDIRECTS';
    err.name = 'Error [ERR_FR_TOO_MANY_REDIRECTS]'; // follow-redirects' error class
  }
  return err;
}

function responseData(bytes, responseType, responseEncoding) {
  if (responseType === 'arraybuffer') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const utf8 = !responseEncoding || /^utf-?8$/i.test(responseEncoding);
  const text = utf8 ? decodeUtf8(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(responseEncoding);
  return utf8 ? utils.stripBOM(text) : text;
}

/** One progress event (Node's adapter emits them as the body streams; here it is whole). */
function progress(listener, isDownload, total, loaded) {
  const [fire, flush] = progressEventDecorator(total,
    progressEventReducer(asyncDecorator(listener, utils.asap), isDownload, 3));
  fire(loaded);
  flush();
}

function optionError(message, config) {
  return new AxiosError(message, AxiosError.ERR_BAD_OPTION_VALUE, config);
}

export default function httpAdapter(config) {
  return new Promise((resolve, reject) => {
    dispatch(config, resolve, reject).catch(reject);
  });
}

async function dispatch(config, resolve, reject) {
  const own = (key) => utils.getSafeProp(config, key);
  const transitional = own('transitional') || transitionalDefaults;
  let data = own('data');
  const responseType = own('responseType');
  const responseEncoding = own('responseEncoding');
  const method = own('method').toUpperCase();
  const maxRedirects = own('maxRedirects');
  const maxBodyLength = own('maxBodyLength');
  const maxContentLength = own('maxContentLength');
  const rawHttpVersion = own('httpVersion') === undefined ? 1 : own('httpVersion');
  const httpVersion = +rawHttpVersion;
  if (Number.isNaN(httpVersion)) throw optionError(`Invalid protocol version: '${rawHttpVersion}' is not a number`, config);
  if (httpVersion !== 1 && httpVersion !== 2) throw optionError(`Unsupported protocol version '${httpVersion}'`, config);

  let req = null;
  let op = null;
  let timer = null;
  let finished = false;
  const io = require('internal/io');
  const finish = () => {
    finished = true;
    if (timer !== null) clearTimeout(timer);
    if (config.cancelToken) config.cancelToken.unsubscribe(abort);
    if (config.signal) config.signal.removeEventListener('abort', abort);
  };
  const fail = (err) => {
    if (finished) return;
    finish();
    if (op !== null) io.cancel(op.id);
    if (req !== null) req.aborted = true;
    reject(err);
  };
  function abort(reason) {
    fail(!reason || reason.type ? new CanceledError(null, config, req) : reason);
  }
  if (config.cancelToken) config.cancelToken.subscribe(abort);
  if (config.signal) {
    if (config.signal.aborted) abort();
    else config.signal.addEventListener('abort', abort);
  }
  if (finished) return;

  const fullPath = buildFullPath(own('baseURL'), own('url'), own('allowAbsoluteUrls'), config);
  const parsed = parseUrl(fullPath);
  const protocol = parsed.protocol || 'http:';
  if (protocol === 'data:') {
    return dataUrlResponse({ config, own, method, fullPath, maxContentLength, responseType, responseEncoding,
      resolve: (r) => { finish(); settle(resolve, reject, r); }, reject: fail });
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    return fail(new AxiosError('Unsupported protocol ' + protocol, AxiosError.ERR_BAD_REQUEST, config));
  }

  const headers = AxiosHeaders.from(config.headers).normalize();
  headers.set('User-Agent', 'axios/' + VERSION, false);
  if (utils.isSpecCompliantForm(data)) {
    const userBoundary = headers.getContentType(/boundary=([-_\w\d]{10,70})/i);
    data = await specFormBytes(data, (formHeaders) => headers.set(formHeaders), {
      tag: `axios-${VERSION}-boundary`, boundary: (userBoundary && userBoundary[1]) || undefined });
  } else if (utils.isFormData(data) && utils.isFunction(data.getHeaders) && data.getHeaders !== Object.prototype.getHeaders) {
    setFormDataHeaders(headers, data.getHeaders(), own('formDataHeaderPolicy'));
    if (!headers.hasContentLength() && utils.isFunction(data.hasKnownLength) && data.hasKnownLength()) {
      headers.setContentLength(data.getLengthSync());
    }
    data = utils.isFunction(data._wireBytes) ? data._wireBytes() : data.getBuffer();
  } else if (utils.isBlob(data) || utils.isFile(data)) {
    if (data.size) headers.setContentType(data.type || 'application/octet-stream');
    headers.setContentLength(data.size || 0);
    data = new Uint8Array(await data.arrayBuffer());
  } else if (data && !utils.isStream(data)) {
    data = requestBytes(data);
    if (data === null) {
      return fail(new AxiosError('Data after transformation must be a string, an ArrayBuffer, a Buffer, or a Stream',
        AxiosError.ERR_BAD_REQUEST, config));
    }
    headers.setContentLength(data.length, false);
    if (maxBodyLength > -1 && data.length > maxBodyLength) {
      return fail(new AxiosError('Request body larger than maxBodyLength limit', AxiosError.ERR_BAD_REQUEST, config));
    }
  } else if (data) {
    return fail(new AxiosError('Stream request bodies are not supported in the code-block sandbox',
      AxiosError.ERR_NOT_SUPPORT, config));
  }

  let auth;
  const configAuth = own('auth');
  if (configAuth) {
    auth = (utils.getSafeProp(configAuth, 'username') || '') + ':' + (utils.getSafeProp(configAuth, 'password') || '');
  }
  if (!auth && (parsed.username || parsed.password)) {
    auth = decodeURIComponent(parsed.username) + ':' + decodeURIComponent(parsed.password);
  }
  if (auth) {
    headers.delete('authorization');
  }

  let path;
  try {
    path = buildURL(parsed.pathname + parsed.search, own('params'), own('paramsSerializer')).replace(/^\?/, '');
  } catch (err) {
    return fail(AxiosError.from(err, AxiosError.ERR_BAD_REQUEST, config, null, null, { url: own('url'), exists: true }));
  }
  headers.set('Accept-Encoding', utils.hasOwnProp(transitional, 'advertiseZstdAcceptEncoding') &&
    transitional.advertiseZstdAcceptEncoding === true ? ACCEPT_ENCODING_WITH_ZSTD : ACCEPT_ENCODING, false);

  const list = [];
  const wire = toByteStringHeaderObject(headers);
  for (const name of Object.keys(wire)) {
    const value = wire[name];
    if (Array.isArray(value)) for (const v of value) list.push([name, v]);
    else list.push([name, value]);
  }
  // Node's http.request adds Authorization itself (after the other headers) from `auth`.
  if (auth) list.push(['Authorization', 'Basic ' + base64Utf8(auth)]);

  if (!TOKEN.test(method)) return fail(invalidToken('Method', method));
  const badName = list.find(([name]) => !TOKEN.test(name));
  if (badName !== undefined) return fail(invalidToken('Header name', badName[0]));
  req = new ClientRequest(method, protocol, parsed.hostname, path);
  let timeout = 0;
  if (own('timeout')) {
    timeout = parseInt(own('timeout'), 10);
    if (Number.isNaN(timeout)) {
      return fail(new AxiosError('error trying to parse `config.timeout` to int', AxiosError.ERR_BAD_OPTION_VALUE, config, req));
    }
  }
  const body = data ? data : null;
  const { onUploadProgress, onDownloadProgress } = config;
  if (body && onUploadProgress) {
    progress(onUploadProgress, false, utils.toFiniteNumber(headers.getContentLength()), body.length);
  }
  op = io.start('fetch', [{ url: parsed.origin + path, method, headers: list, body,
    redirect: maxRedirects === 0 ? 'manual' : 'follow' }]);
  if (timeout > 0) {
    timer = setTimeout(() => {
      const configTimeout = own('timeout');
      let message = configTimeout ? 'timeout of ' + configTimeout + 'ms exceeded' : 'timeout exceeded';
      if (own('timeoutErrorMessage')) message = own('timeoutErrorMessage');
      fail(new AxiosError(message, transitional.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED,
        config, req));
    }, timeout);
  }
  let r;
  try {
    r = await op.promise;
  } catch (err) {
    return fail(AxiosError.from(hostError(err, parsed), null, config, req));
  }
  if (finished) return;
  const status = r.status;
  const response = { status, statusText: r.statusText, headers: new AxiosHeaders(nodeHeaders(r.headers, method, status)),
    config, request: req };
  if (r.redirected) {
    // Node's response.request is the last hop's ClientRequest
    const m = /^([a-z]+:)\/\/([^/:]+|\[[^\]]*\])(?::[0-9]+)?(\/[^#]*)?/.exec(r.url);
    if (m !== null) [req.protocol, req.host, req.path] = [m[1], m[2], m[3] || '/'];
  }
  req.res = { statusCode: status, statusMessage: r.statusText, headers: response.headers, responseUrl: r.url,
    redirects: [] };
  const bytes = method === 'HEAD' || status === 204 || status === 304 || r.body === null ? new Uint8Array(0) : r.body;
  if (maxContentLength > -1 && bytes.length > maxContentLength) {
    return fail(new AxiosError('maxContentLength size of ' + maxContentLength + ' exceeded', AxiosError.ERR_BAD_RESPONSE,
      config, req));
  }
  if (onDownloadProgress) {
    progress(onDownloadProgress, true, utils.toFiniteNumber(response.headers['content-length']), bytes.length);
  }
  if (responseType === 'stream') {
    const { IncomingMessage } = require('npm/axios_stream');
    response.data = new IncomingMessage(bytes, status, r.statusText, nodeHeaders(r.headers, method, status));
    finish();
    return settle(resolve, reject, response);
  }
  try {
    response.data = responseData(bytes, responseType, responseEncoding);
  } catch (err) {
    return fail(AxiosError.from(err, null, config, req, response));
  }
  finish();
  settle(resolve, reject, response);
}
