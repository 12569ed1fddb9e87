// require('url'): the WHATWG URL classes (the globals, web/url), Node 20's
// legacy API (url.parse / format / resolve, ported in node/url_legacy and
// node/url_format) and the helpers of lib/internal/url.js (MIT):
// domainToASCII/Unicode, fileURLToPath/pathToFileURL (POSIX rules; the
// sandbox's working directory is '/'), urlToHttpOptions.
(function (module, exports, require, host) {
  'use strict';
  const { URL, URLSearchParams } = require('web/url');
  const { Url, urlParse, lazyFormat } = require('node/url_legacy');
  const { makeError, invalidArgType, validateObject, validateString } = require('node/util_errors');
  const BooleanCtor = Boolean;
  const NumberCtor = Number;
  const decodeURIComponentFn = require('node/util_errors').decodeURIComponentNode;
  const kEmptyObject = Object.freeze({ __proto__: null });

  function missingArgs(name) {
    return makeError(TypeError, 'ERR_MISSING_ARGS', `The "${name}" argument must be specified`);
  }
  let tr46;
  const idna = () => tr46 || (tr46 = require('vendor/tr46'));
  const IDNA_OPTIONS = { checkHyphens: false, checkBidi: true, checkJoiners: true, useSTD3ASCIIRules: false,
    transitionalProcessing: false, verifyDNSLength: false };

  // Node runs ada's hostname setter on `ws://x`; the setter leaves the host
  // alone on failure, so two different placeholders tell failure apart.
  function domainToASCII(domain) {
    if (arguments.length < 1) throw missingArgs('domain');
    const input = `${domain}`;
    const a = new URL('ws://a.invalid');
    const b = new URL('ws://b.invalid');
    a.hostname = input;
    b.hostname = input;
    return a.hostname === b.hostname ? a.hostname : '';
  }
  function toUnicodeHost(ascii) {
    if (!/(^|\.)xn--/i.test(ascii)) return ascii;
    return idna().toUnicode(ascii, IDNA_OPTIONS).domain;
  }
  function domainToUnicode(domain) {
    if (arguments.length < 1) throw missingArgs('domain');
    const ascii = domainToASCII(`${domain}`);
    return ascii === '' ? '' : toUnicodeHost(ascii);
  }

  function isURL(self) {
    return BooleanCtor(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
  }

  // The C++ url.format(URL, options) of Node, on a copy of the URL.
  function formatWhatwg(href, fragment, unicode, search, auth) {
    const u = new URL(href);
    if (!fragment) u.hash = '';
    if (!search) u.search = '';
    if (!auth) { u.username = ''; u.password = ''; }
    let out = u.href;
    if (unicode && u.hostname !== '') {
      const userinfo = u.username !== '' || u.password !== '' ?
        `${u.username}${u.password !== '' ? `:${u.password}` : ''}@` : '';
      const prefix = `${u.protocol}//${userinfo}`;
      if (out.startsWith(prefix + u.hostname)) {
        out = prefix + toUnicodeHost(u.hostname) + out.slice(prefix.length + u.hostname.length);
      }
    }
    return out;
  }

  function urlFormat(urlObject, options) {
    if (typeof urlObject === 'string') {
      urlObject = urlParse(urlObject);
    } else if (typeof urlObject !== 'object' || urlObject === null) {
      throw invalidArgType('urlObject', ['Object', 'string'], urlObject);
    } else if (urlObject instanceof URL) {
      let fragment = true;
      let unicode = false;
      let search = true;
      let auth = true;
      if (options) {
        validateObject(options, 'options');
        if (options.fragment != null) fragment = BooleanCtor(options.fragment);
        if (options.unicode != null) unicode = BooleanCtor(options.unicode);
        if (options.search != null) search = BooleanCtor(options.search);
        if (options.auth != null) auth = BooleanCtor(options.auth);
      }
      return formatWhatwg(urlObject.href, fragment, unicode, search, auth);
    }
    return Url.prototype.format.call(urlObject);
  }

  function urlToHttpOptions(url) {
    const { hostname, pathname, port, username, password, search } = url;
    const options = {
      __proto__: null,
      ...url,
      protocol: url.protocol,
      hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
      hash: url.hash,
      search,
      pathname,
      path: `${pathname || ''}${search || ''}`,
      href: url.href,
    };
    if (port !== '') options.port = NumberCtor(port);
    if (username || password) {
      options.auth = `${decodeURIComponentFn(username)}:${decodeURIComponentFn(password)}`;
    }
    return options;
  }

  function getPathFromURLPosix(url) {
    if (url.hostname !== '') {
      throw makeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
    }
    const pathname = url.pathname;
    for (let n = 0; n < pathname.length; n++) {
      if (pathname[n] === '%') {
        const third = pathname.codePointAt(n + 2) | 0x20;
        if (pathname[n + 1] === '2' && third === 102) {
          throw makeError(TypeError, 'ERR_INVALID_FILE_URL_PATH',
            'File URL path must not include encoded / characters');
        }
      }
    }
    return decodeURIComponentFn(pathname);
  }

  function fileURLToPath(path, options = kEmptyObject) {
    if (typeof path === 'string') path = new URL(path);
    else if (!isURL(path)) throw invalidArgType('path', ['string', 'URL'], path);
    if (path.protocol !== 'file:') throw makeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    if (options?.windows) {
      throw makeError(Error, 'ERR_NOT_SUPPORTED', 'fileURLToPath with windows: true is not supported here');
    }
    return getPathFromURLPosix(path);
  }

  // path.posix.resolve(p) with '/' as the working directory.
  function resolvePosix(p) {
    const parts = [];
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') parts.pop();
      else parts.push(seg);
    }
    return `/${parts.join('/')}`;
  }
  const PATH_ESCAPES = [[/%/g, '%25'], [/\t/g, '%09'], [/\n/g, '%0A'], [/\r/g, '%0D'], [/ /g, '%20'],
    [/"/g, '%22'], [/#/g, '%23'], [/\?/g, '%3F'], [/\[/g, '%5B'], [/\\/g, '%5C'], [/]/g, '%5D'],
    [/\^/g, '%5E'], [/\|/g, '%7C'], [/~/g, '%7E']];
  function encodePathChars(filepath) {
    for (const [re, rep] of PATH_ESCAPES) {
      re.lastIndex = 0;
      if (re.test(filepath)) { re.lastIndex = 0; filepath = filepath.replace(re, rep); }
    }
    return filepath;
  }
  function pathToFileURL(filepath, options = kEmptyObject) {
    validateString(filepath, 'path');
    if (options?.windows) {
      throw makeError(Error, 'ERR_NOT_SUPPORTED', 'pathToFileURL with windows: true is not supported here');
    }
    let resolved = resolvePosix(filepath);
    if (filepath.charCodeAt(filepath.length - 1) === 47 && resolved[resolved.length - 1] !== '/') resolved += '/';
    return new URL(`file://${encodePathChars(resolved)}`);
  }

  module.exports = {
    Url,
    parse: urlParse,
    resolve: function urlResolve(source, relative) { return lazyFormat().urlResolve(source, relative); },
    resolveObject: function urlResolveObject(source, relative) {
      return lazyFormat().urlResolveObject(source, relative);
    },
    format: urlFormat,
    URL,
    URLSearchParams,
    domainToASCII,
    domainToUnicode,
    pathToFileURL,
    fileURLToPath,
    urlToHttpOptions,
  };
})
