// The legacy url.parse() / Url object of require('url'): Node 20's lib/url.js
// (MIT), ported (primordials replaced by captured intrinsics; the C++ toASCII
// by vendor/tr46; the DEP0169/DEP0170 warnings, printed to stderr by Node,
// are dropped). Url.prototype.format/resolve/resolveObject live in
// node/url_format, loaded on first use.
(function (module, exports, require, host) {
  'use strict';

  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);

  const { encodeStr, hexTable } = require('node/querystring_internal');
  const { makeError, invalidArgType, validateString, decodeURIComponentNode } = require('node/util_errors');
  let querystringModule;
  const querystring = { parse: (...a) => (querystringModule || (querystringModule = require('node/querystring'))).parse(...a),
    stringify: (...a) => (querystringModule || (querystringModule = require('node/querystring'))).stringify(...a) };
  const ERR_INVALID_URL = function (input) {
    const err = makeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL', true);
    err.input = input;
    return err;
  };
  const unsafeProtocol = new Set(['javascript', 'javascript:']);
  const hostlessProtocol = new Set(['javascript', 'javascript:']);
  const slashedProtocol = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:',
    'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
  // Node's C++ toASCII (ada::idna::to_ascii): UTS #46 as in the URL Standard, '' on failure.
  // Only non-ASCII or xn-- hosts need it: url.parse has already lowercased the host.
  // Node hands the host to ada as a C string: it ends at the first NUL.
  function toASCII(hostname) {
    const nul = hostname.indexOf('\0');
    if (nul !== -1) hostname = hostname.slice(0, nul);
    if (/^[\x00-\x7f]*$/.test(hostname) && !/(^|\.)xn--/i.test(hostname)) return hostname;
    const r = require('vendor/tr46').toASCII(hostname, { checkHyphens: false, checkBidi: true, checkJoiners: true,
      useSTD3ASCIIRules: false, transitionalProcessing: false, verifyDNSLength: false });
    return r === null ? '' : r;
  }
  const CHAR_SPACE = 32;
  const CHAR_TAB = 9;
  const CHAR_CARRIAGE_RETURN = 13;
  const CHAR_LINE_FEED = 10;
  const CHAR_NO_BREAK_SPACE = 160;
  const CHAR_ZERO_WIDTH_NOBREAK_SPACE = 65279;
  const CHAR_HASH = 35;
  const CHAR_FORWARD_SLASH = 47;
  const CHAR_LEFT_SQUARE_BRACKET = 91;
  const CHAR_RIGHT_SQUARE_BRACKET = 93;
  const CHAR_LEFT_ANGLE_BRACKET = 60;
  const CHAR_RIGHT_ANGLE_BRACKET = 62;
  const CHAR_LEFT_CURLY_BRACKET = 123;
  const CHAR_RIGHT_CURLY_BRACKET = 125;
  const CHAR_QUESTION_MARK = 63;
  const CHAR_DOUBLE_QUOTE = 34;
  const CHAR_SINGLE_QUOTE = 39;
  const CHAR_PERCENT = 37;
  const CHAR_SEMICOLON = 59;
  const CHAR_BACKWARD_SLASH = 92;
  const CHAR_CIRCUMFLEX_ACCENT = 94;
  const CHAR_GRAVE_ACCENT = 96;
  const CHAR_VERTICAL_LINE = 124;
  const CHAR_AT = 64;
  const CHAR_COLON = 58;

  function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
  }

  const protocolPattern = /^[a-z0-9.+-]+:/i;
  const portPattern = /:[0-9]*$/;
  const hostPattern = /^\/\/[^@/]+@[^@/]+/;

  const simplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;

  const hostnameMaxLen = 255;

  function urlParse(url, parseQueryString, slashesDenoteHost) {
    if (url instanceof Url) return url;

    const urlObject = new Url();
    urlObject.parse(url, parseQueryString, slashesDenoteHost);
    return urlObject;
  }

  function isIpv6Hostname(hostname) {
    return (
      StringPrototypeCharCodeAt(hostname, 0) === CHAR_LEFT_SQUARE_BRACKET &&
        StringPrototypeCharCodeAt(hostname, hostname.length - 1) ===
      CHAR_RIGHT_SQUARE_BRACKET
    );
  }

  const forbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
  const forbiddenHostCharsIpv6 = /[\0\t\n\r #%/<>?@\\^|]/;

  Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
    validateString(url, 'url');

    let hasHash = false;
    let hasAt = false;
    let start = -1;
    let end = -1;
    let rest = '';
    let lastPos = 0;
    for (let i = 0, inWs = false, split = false; i < url.length; ++i) {
      const code = url.charCodeAt(i);

      const isWs = code < 33 ||
        code === CHAR_NO_BREAK_SPACE ||
        code === CHAR_ZERO_WIDTH_NOBREAK_SPACE;
      if (start === -1) {
        if (isWs)
          continue;
        lastPos = start = i;
      } else if (inWs) {
        if (!isWs) {
          end = -1;
          inWs = false;
        }
      } else if (isWs) {
        end = i;
        inWs = true;
      }

      if (!split) {
        switch (code) {
          case CHAR_AT:
          hasAt = true;
          break;
          case CHAR_HASH:
          hasHash = true;
          case CHAR_QUESTION_MARK:
          split = true;
          break;
          case CHAR_BACKWARD_SLASH:
          if (i - lastPos > 0)
            rest += url.slice(lastPos, i);
          rest += '/';
          lastPos = i + 1;
          break;
        }
      } else if (!hasHash && code === CHAR_HASH) {
        hasHash = true;
      }
    }

    if (start !== -1) {
      if (lastPos === start) {
        if (end === -1) {
          if (start === 0)
            rest = url;
          else
            rest = url.slice(start);
        } else {
          rest = url.slice(start, end);
        }
      } else if (end === -1 && lastPos < url.length) {
        rest += url.slice(lastPos);
      } else if (end !== -1 && lastPos < end) {
        rest += url.slice(lastPos, end);
      }
    }

    if (!slashesDenoteHost && !hasHash && !hasAt) {
      const simplePath = simplePathPattern.exec(rest);
      if (simplePath) {
        this.path = rest;
        this.href = rest;
        this.pathname = simplePath[1];
        if (simplePath[2]) {
          this.search = simplePath[2];
          if (parseQueryString) {
            this.query = querystring.parse(this.search.slice(1));
          } else {
            this.query = this.search.slice(1);
          }
        } else if (parseQueryString) {
          this.search = null;
          this.query = { __proto__: null };
        }
        return this;
      }
    }

    let proto = protocolPattern.exec(rest);
    let lowerProto;
    if (proto) {
      proto = proto[0];
      lowerProto = proto.toLowerCase();
      this.protocol = lowerProto;
      rest = rest.slice(proto.length);
    }

    let slashes;
    if (slashesDenoteHost || proto || hostPattern.test(rest)) {
      slashes = rest.charCodeAt(0) === CHAR_FORWARD_SLASH &&
        rest.charCodeAt(1) === CHAR_FORWARD_SLASH;
      if (slashes && !(proto && hostlessProtocol.has(lowerProto))) {
        rest = rest.slice(2);
        this.slashes = true;
      }
    }

    if (!hostlessProtocol.has(lowerProto) &&
        (slashes || (proto && !slashedProtocol.has(proto)))) {
      let hostEnd = -1;
      let atSign = -1;
      let nonHost = -1;
      for (let i = 0; i < rest.length; ++i) {
        switch (rest.charCodeAt(i)) {
          case CHAR_TAB:
          case CHAR_LINE_FEED:
          case CHAR_CARRIAGE_RETURN:
          rest = rest.slice(0, i) + rest.slice(i + 1);
          i -= 1;
          break;
          case CHAR_SPACE:
          case CHAR_DOUBLE_QUOTE:
          case CHAR_PERCENT:
          case CHAR_SINGLE_QUOTE:
          case CHAR_SEMICOLON:
          case CHAR_LEFT_ANGLE_BRACKET:
          case CHAR_RIGHT_ANGLE_BRACKET:
          case CHAR_BACKWARD_SLASH:
          case CHAR_CIRCUMFLEX_ACCENT:
          case CHAR_GRAVE_ACCENT:
          case CHAR_LEFT_CURLY_BRACKET:
          case CHAR_VERTICAL_LINE:
          case CHAR_RIGHT_CURLY_BRACKET:
          if (nonHost === -1)
            nonHost = i;
          break;
          case CHAR_HASH:
          case CHAR_FORWARD_SLASH:
          case CHAR_QUESTION_MARK:
          if (nonHost === -1)
            nonHost = i;
          hostEnd = i;
          break;
          case CHAR_AT:
          atSign = i;
          nonHost = -1;
          break;
        }
        if (hostEnd !== -1)
          break;
      }
      start = 0;
      if (atSign !== -1) {
        this.auth = decodeURIComponentNode(rest.slice(0, atSign));
        start = atSign + 1;
      }
      if (nonHost === -1) {
        this.host = rest.slice(start);
        rest = '';
      } else {
        this.host = rest.slice(start, nonHost);
        rest = rest.slice(nonHost);
      }

      this.parseHost();

      if (typeof this.hostname !== 'string')
        this.hostname = '';

      const hostname = this.hostname;

      const ipv6Hostname = isIpv6Hostname(hostname);

      if (!ipv6Hostname) {
        rest = getHostname(this, rest, hostname, url);
      }

      if (this.hostname.length > hostnameMaxLen) {
        this.hostname = '';
      } else {
        this.hostname = this.hostname.toLowerCase();
      }

      if (this.hostname !== '') {
        if (ipv6Hostname) {
          if (forbiddenHostCharsIpv6.test(this.hostname)) {
            throw ERR_INVALID_URL(url);
          }
        } else {
          this.hostname = toASCII(this.hostname);

          if (this.hostname === '' || forbiddenHostChars.test(this.hostname)) {
            throw ERR_INVALID_URL(url);
          }
        }
      }

      const p = this.port ? ':' + this.port : '';
      const h = this.hostname || '';
      this.host = h + p;

      if (ipv6Hostname) {
        this.hostname = this.hostname.slice(1, -1);
        if (rest[0] !== '/') {
          rest = '/' + rest;
        }
      }
    }

    if (!unsafeProtocol.has(lowerProto)) {
      rest = autoEscapeStr(rest);
    }

    let questionIdx = -1;
    let hashIdx = -1;
    for (let i = 0; i < rest.length; ++i) {
      const code = rest.charCodeAt(i);
      if (code === CHAR_HASH) {
        this.hash = rest.slice(i);
        hashIdx = i;
        break;
      } else if (code === CHAR_QUESTION_MARK && questionIdx === -1) {
        questionIdx = i;
      }
    }

    if (questionIdx !== -1) {
      if (hashIdx === -1) {
        this.search = rest.slice(questionIdx);
        this.query = rest.slice(questionIdx + 1);
      } else {
        this.search = rest.slice(questionIdx, hashIdx);
        this.query = rest.slice(questionIdx + 1, hashIdx);
      }
      if (parseQueryString) {
        this.query = querystring.parse(this.query);
      }
    } else if (parseQueryString) {
      this.search = null;
      this.query = { __proto__: null };
    }

    const useQuestionIdx =
      questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx);
    const firstIdx = useQuestionIdx ? questionIdx : hashIdx;
    if (firstIdx === -1) {
      if (rest.length > 0)
        this.pathname = rest;
    } else if (firstIdx > 0) {
      this.pathname = rest.slice(0, firstIdx);
    }
    if (slashedProtocol.has(lowerProto) &&
        this.hostname && !this.pathname) {
      this.pathname = '/';
    }

    if (this.pathname || this.search) {
      const p = this.pathname || '';
      const s = this.search || '';
      this.path = p + s;
    }

    this.href = this.format();
    return this;
  };

  function getHostname(self, rest, hostname, url) {
    for (let i = 0; i < hostname.length; ++i) {
      const code = hostname.charCodeAt(i);
      const isValid = (code !== CHAR_FORWARD_SLASH &&
          code !== CHAR_BACKWARD_SLASH &&
          code !== CHAR_HASH &&
          code !== CHAR_QUESTION_MARK &&
          code !== CHAR_COLON);

      if (!isValid) {
        self.hostname = hostname.slice(0, i);
        return `/${hostname.slice(i)}${rest}`;
      }
    }
    return rest;
  }

  const escapedCodes = [
    /* 0 - 9 */ '', '', '', '', '', '', '', '', '', '%09',
    /* 10 - 19 */ '%0A', '', '', '%0D', '', '', '', '', '', '',
    /* 20 - 29 */ '', '', '', '', '', '', '', '', '', '',
    /* 30 - 39 */ '', '', '%20', '', '%22', '', '', '', '', '%27',
    /* 40 - 49 */ '', '', '', '', '', '', '', '', '', '',
    /* 50 - 59 */ '', '', '', '', '', '', '', '', '', '',
    /* 60 - 69 */ '%3C', '', '%3E', '', '', '', '', '', '', '',
    /* 70 - 79 */ '', '', '', '', '', '', '', '', '', '',
    /* 80 - 89 */ '', '', '', '', '', '', '', '', '', '',
    /* 90 - 99 */ '', '', '%5C', '', '%5E', '', '%60', '', '', '',
    /* 100 - 109 */ '', '', '', '', '', '', '', '', '', '',
    /* 110 - 119 */ '', '', '', '', '', '', '', '', '', '',
    /* 120 - 125 */ '', '', '', '%7B', '%7C', '%7D',
  ];

  function autoEscapeStr(rest) {
    let escaped = '';
    let lastEscapedPos = 0;
    for (let i = 0; i < rest.length; ++i) {
      const escapedChar = escapedCodes[rest.charCodeAt(i)];
      if (escapedChar) {
        if (i > lastEscapedPos)
          escaped += rest.slice(lastEscapedPos, i);
        escaped += escapedChar;
        lastEscapedPos = i + 1;
      }
    }
    if (lastEscapedPos === 0)  // Nothing has been escaped.
      return rest;

    if (lastEscapedPos < rest.length)
      escaped += rest.slice(lastEscapedPos);

    return escaped;
  }

  Url.prototype.parseHost = function parseHost() {
    let host = this.host;
    let port = portPattern.exec(host);
    if (port) {
      port = port[0];
      if (port !== ':') {
        this.port = port.slice(1);
      }
      host = host.slice(0, host.length - port.length);
    }
    if (host) this.hostname = host;
  };

  let formatModule;
  const lazyFormat = () => formatModule || (formatModule = require('node/url_format')(Url, urlParse, isIpv6Hostname));
  Url.prototype.format = function format() { return lazyFormat().format.call(this); };
  Url.prototype.resolve = function resolve(relative) { return lazyFormat().resolve.call(this, relative); };
  Url.prototype.resolveObject = function resolveObject(relative) {
    return lazyFormat().resolveObject.call(this, relative);
  };
  module.exports = { Url, urlParse, lazyFormat };
})
