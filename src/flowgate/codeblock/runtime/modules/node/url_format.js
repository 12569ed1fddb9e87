// Url.prototype.format / resolve / resolveObject and url.resolve(): Node 20's
// lib/url.js (MIT), split off from node/url_legacy (loaded on first use). A
// factory taking the Url class and parser it extends.
(function (module, exports, require, host) {
  'use strict';
  const { encodeStr, hexTable } = require('node/querystring_internal');
  const slashedProtocol = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:',
    'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
  const hostlessProtocol = new Set(['javascript', 'javascript:']);
  const ObjectKeys = Object.keys;
  const ObjectAssign = Object.assign;
  module.exports = function makeUrlFormat(Url, urlParse, isIpv6Hostname) {
    const querystring = require('node/querystring');
    const CHAR_FORWARD_SLASH = 47;
    const CHAR_HASH = 35;
    const CHAR_QUESTION_MARK = 63;
    const noEscapeAuth = new Int8Array([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x00 - 0x0F
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x10 - 0x1F
      0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, // 0x20 - 0x2F
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, // 0x30 - 0x3F
      0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // 0x40 - 0x4F
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, // 0x50 - 0x5F
      0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // 0x60 - 0x6F
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, // 0x70 - 0x7F
    ]);

    const format = function format() {
      let auth = this.auth || '';
      if (auth) {
        auth = encodeStr(auth, noEscapeAuth, hexTable);
        auth += '@';
      }

      let protocol = this.protocol || '';
      let pathname = this.pathname || '';
      let hash = this.hash || '';
      let host = '';
      let query = '';

      if (this.host) {
        host = auth + this.host;
      } else if (this.hostname) {
        host = auth + (
          this.hostname.includes(':') && !isIpv6Hostname(this.hostname) ?
            '[' + this.hostname + ']' :
            this.hostname
        );
        if (this.port) {
          host += ':' + this.port;
        }
      }

      if (this.query !== null && typeof this.query === 'object') {
        query = querystring.stringify(this.query);
      }

      let search = this.search || (query && ('?' + query)) || '';

      if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58/* : */)
        protocol += ':';

      let newPathname = '';
      let lastPos = 0;
      for (let i = 0; i < pathname.length; ++i) {
        switch (pathname.charCodeAt(i)) {
          case CHAR_HASH:
          if (i - lastPos > 0)
            newPathname += pathname.slice(lastPos, i);
          newPathname += '%23';
          lastPos = i + 1;
          break;
          case CHAR_QUESTION_MARK:
          if (i - lastPos > 0)
            newPathname += pathname.slice(lastPos, i);
          newPathname += '%3F';
          lastPos = i + 1;
          break;
        }
      }
      if (lastPos > 0) {
        if (lastPos !== pathname.length)
          pathname = newPathname + pathname.slice(lastPos);
        else
          pathname = newPathname;
      }

      if (this.slashes || slashedProtocol.has(protocol)) {
        if (this.slashes || host) {
          if (pathname && pathname.charCodeAt(0) !== CHAR_FORWARD_SLASH)
            pathname = '/' + pathname;
          host = '//' + host;
        } else if (protocol.length >= 4 &&
            protocol.charCodeAt(0) === 102/* f */ &&
            protocol.charCodeAt(1) === 105/* i */ &&
            protocol.charCodeAt(2) === 108/* l */ &&
            protocol.charCodeAt(3) === 101/* e */) {
          host = '//';
        }
      }

      search = search.replace(/#/g, '%23');

      if (hash && hash.charCodeAt(0) !== CHAR_HASH)
        hash = '#' + hash;
      if (search && search.charCodeAt(0) !== CHAR_QUESTION_MARK)
        search = '?' + search;

      return protocol + host + pathname + search + hash;
    };

    function urlResolve(source, relative) {
      return urlParse(source, false, true).resolve(relative);
    }

    const resolve = function resolve(relative) {
      return this.resolveObject(urlParse(relative, false, true)).format();
    };

    function urlResolveObject(source, relative) {
      if (!source) return relative;
      return urlParse(source, false, true).resolveObject(relative);
    }

    const resolveObject = function resolveObject(relative) {
      if (typeof relative === 'string') {
        const rel = new Url();
        rel.parse(relative, false, true);
        relative = rel;
      }

      const result = new Url();
      ObjectAssign(result, this);

      result.hash = relative.hash;

      if (relative.href === '') {
        result.href = result.format();
        return result;
      }

      if (relative.slashes && !relative.protocol) {
        const relativeWithoutProtocol = ObjectKeys(relative).reduce((acc, key) => {
          if (key !== 'protocol') {
            acc[key] = relative[key];
          }
          return acc;
          }, {});
        ObjectAssign(result, relativeWithoutProtocol);

        if (slashedProtocol.has(result.protocol) &&
            result.hostname && !result.pathname) {
          result.path = result.pathname = '/';
        }

        result.href = result.format();
        return result;
      }

      if (relative.protocol && relative.protocol !== result.protocol) {
        if (!slashedProtocol.has(relative.protocol)) {
          ObjectAssign(result, relative);
          result.href = result.format();
          return result;
        }

        result.protocol = relative.protocol;
        if (!relative.host &&
            !/^file:?$/.test(relative.protocol) &&
            !hostlessProtocol.has(relative.protocol)) {
          const relPath = (relative.pathname || '').split('/');
          while (relPath.length && !(relative.host = relPath.shift()));
          if (!relative.host) relative.host = '';
          if (!relative.hostname) relative.hostname = '';
          if (relPath[0] !== '') relPath.unshift('');
          if (relPath.length < 2) relPath.unshift('');
          result.pathname = relPath.join('/');
        } else {
          result.pathname = relative.pathname;
        }
        result.search = relative.search;
        result.query = relative.query;
        result.host = relative.host || '';
        result.auth = relative.auth;
        result.hostname = relative.hostname || relative.host;
        result.port = relative.port;
        if (result.pathname || result.search) {
          const p = result.pathname || '';
          const s = result.search || '';
          result.path = p + s;
        }
        result.slashes = result.slashes || relative.slashes;
        result.href = result.format();
        return result;
      }

      const isSourceAbs = (result.pathname && result.pathname.charAt(0) === '/');
      const isRelAbs = (
        relative.host || (relative.pathname && relative.pathname.charAt(0) === '/')
      );
      let mustEndAbs = (isRelAbs || isSourceAbs ||
          (result.host && relative.pathname));
      const removeAllDots = mustEndAbs;
      let srcPath = (result.pathname && result.pathname.split('/')) || [];
      const relPath = (relative.pathname && relative.pathname.split('/')) || [];
      const noLeadingSlashes = result.protocol &&
        !slashedProtocol.has(result.protocol);

      if (noLeadingSlashes) {
        result.hostname = '';
        result.port = null;
        if (result.host) {
          if (srcPath[0] === '') srcPath[0] = result.host;
          else srcPath.unshift(result.host);
        }
        result.host = '';
        if (relative.protocol) {
          relative.hostname = null;
          relative.port = null;
          result.auth = null;
          if (relative.host) {
            if (relPath[0] === '') relPath[0] = relative.host;
            else relPath.unshift(relative.host);
          }
          relative.host = null;
        }
        mustEndAbs = mustEndAbs && (relPath[0] === '' || srcPath[0] === '');
      }

      if (isRelAbs) {
        if (relative.host || relative.host === '') {
          if (result.host !== relative.host) result.auth = null;
          result.host = relative.host;
          result.port = relative.port;
        }
        if (relative.hostname || relative.hostname === '') {
          if (result.hostname !== relative.hostname) result.auth = null;
          result.hostname = relative.hostname;
        }
        result.search = relative.search;
        result.query = relative.query;
        srcPath = relPath;
      } else if (relPath.length) {
        if (!srcPath) srcPath = [];
        srcPath.pop();
        srcPath = srcPath.concat(relPath);
        result.search = relative.search;
        result.query = relative.query;
      } else if (relative.search !== null && relative.search !== undefined) {
        if (noLeadingSlashes) {
          result.hostname = result.host = srcPath.shift();
          const authInHost =
            result.host && result.host.indexOf('@') > 0 && result.host.split('@');
          if (authInHost) {
            result.auth = authInHost.shift();
            result.host = result.hostname = authInHost.shift();
          }
        }
        result.search = relative.search;
        result.query = relative.query;
        if (result.pathname !== null || result.search !== null) {
          result.path = (result.pathname ? result.pathname : '') +
            (result.search ? result.search : '');
        }
        result.href = result.format();
        return result;
      }

      if (!srcPath.length) {
        result.pathname = null;
        if (result.search) {
          result.path = '/' + result.search;
        } else {
          result.path = null;
        }
        result.href = result.format();
        return result;
      }

      let last = srcPath.slice(-1)[0];
      const hasTrailingSlash = (
        ((result.host || relative.host || srcPath.length > 1) &&
            (last === '.' || last === '..')) || last === '');

      let up = 0;
      for (let i = srcPath.length - 1; i >= 0; i--) {
        last = srcPath[i];
        if (last === '.') {
          srcPath.splice(i, 1);
        } else if (last === '..') {
          srcPath.splice(i, 1);
          up++;
        } else if (up) {
          srcPath.splice(i, 1);
          up--;
        }
      }

      if (!mustEndAbs && !removeAllDots) {
        while (up--) {
          srcPath.unshift('..');
        }
      }

      if (mustEndAbs && srcPath[0] !== '' &&
          (!srcPath[0] || srcPath[0].charAt(0) !== '/')) {
        srcPath.unshift('');
      }

      if (hasTrailingSlash && (srcPath.join('/').slice(-1) !== '/')) {
        srcPath.push('');
      }

      const isAbsolute = srcPath[0] === '' ||
        (srcPath[0] && srcPath[0].charAt(0) === '/');

      if (noLeadingSlashes) {
        result.hostname =
          result.host = isAbsolute ? '' : srcPath.length ? srcPath.shift() : '';
        const authInHost = result.host && result.host.indexOf('@') > 0 ?
          result.host.split('@') : false;
        if (authInHost) {
          result.auth = authInHost.shift();
          result.host = result.hostname = authInHost.shift();
        }
      }

      mustEndAbs = mustEndAbs || (result.host && srcPath.length);

      if (mustEndAbs && !isAbsolute) {
        srcPath.unshift('');
      }

      if (!srcPath.length) {
        result.pathname = null;
        result.path = null;
      } else {
        result.pathname = srcPath.join('/');
      }

      if (result.pathname !== null || result.search !== null) {
        result.path = (result.pathname ? result.pathname : '') +
          (result.search ? result.search : '');
      }
      result.auth = relative.auth || result.auth;
      result.slashes = result.slashes || relative.slashes;
      result.href = result.format();
      return result;
    };

    return { format, resolve, resolveObject, urlResolve, urlResolveObject };
  };
})
