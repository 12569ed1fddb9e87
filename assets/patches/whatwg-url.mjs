// Source patches of whatwg-url 14.1.0 (and its webidl-conversions) applied by
// build.mjs: each `find` must occur exactly `count` (default 1) times in the
// file, so a version bump that moves the code fails the build. Reasons, and
// the measurements behind the speed ones: docs/runtime-modules.md, "Choices".
export const whatwgUrlPatches = [
  // Node 20: TypeError [ERR_INVALID_URL] 'Invalid URL' with .input (and .base).
  {
    file: 'whatwg-url/lib/URL-impl.js',
    find: 'throw new TypeError(`Invalid base URL: ${base}`);',
    replace: 'throw Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL", input: url, base });',
  },
  {
    file: 'whatwg-url/lib/URL-impl.js',
    find: 'throw new TypeError(`Invalid URL: ${url}`);',
    replace:
      'throw Object.assign(new TypeError("Invalid URL"), base === undefined ? { code: "ERR_INVALID_URL", input: url } : { code: "ERR_INVALID_URL", input: url, base });',
  },
  {
    file: 'whatwg-url/lib/URL-impl.js',
    find: 'throw new TypeError(`Invalid URL: ${v}`);',
    replace: 'throw Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL", input: v });',
  },
  // Node 20: TypeError [ERR_INVALID_TUPLE] for a pair that is not [name, value].
  {
    file: 'whatwg-url/lib/URLSearchParams-impl.js',
    find: `throw new TypeError("Failed to construct 'URLSearchParams': parameter 1 sequence's element does not " +
                              "contain exactly two elements.");`,
    replace:
      'throw Object.assign(new TypeError("Each query pair must be an iterable [name, value] tuple"), { code: "ERR_INVALID_TUPLE" });',
  },
  // Node 20: `new URLSearchParams(null)` is empty (WebIDL would read "null").
  {
    file: 'whatwg-url/lib/URLSearchParams.js',
    find: `        if (curArg !== undefined) {
          if (utils.isObject(curArg)) {
            if (curArg[Symbol.iterator] !== undefined) {`,
    replace: `        if (curArg !== undefined && curArg !== null) {
          if (utils.isObject(curArg)) {
            if (curArg[Symbol.iterator] !== undefined) {`,
  },
  // Node 20 reads searchParams back from the query the search setter
  // produced (so "\t" or "\n", which the parser drops, do not show up as
  // names); the standard parses the setter's raw input.
  {
    file: 'whatwg-url/lib/URL-impl.js',
    find: 'this._query._list = urlencoded.parseUrlencodedString(input);',
    replace: 'this._query._list = urlencoded.parseUrlencodedString(url.query);',
  },
  // Node 20 (Ada 2.9) port setter: a value whose first character (tabs
  // and newlines removed) is not an ASCII digit, C0, space or "-", but
  // which holds an ASCII digit somewhere, clears the port; the standard
  // leaves the port alone.
  {
    file: 'whatwg-url/lib/URL-impl.js',
    find: `    if (v === "") {
      this._url.port = null;
    } else {
      usm.basicURLParse(v, { url: this._url, stateOverride: "port" });
    }`,
    replace: String.raw`    const trimmed = v.replace(/[\t\n\r]/g, "");
    if (trimmed === "") {
      this._url.port = null;
    } else if (!/^[\x00-\x20-]/.test(trimmed) && /[0-9]/.test(trimmed) && !/^[0-9]/.test(trimmed)) {
      this._url.port = null;
    } else {
      usm.basicURLParse(v, { url: this._url, stateOverride: "port" });
    }`,
  },
  // Node 20 (Ada 2.9): in a non-special URL, a final ".." segment that
  // finds the path already empty leaves it empty ("sc://h/.." is
  // "sc://h"); the standard appends an empty segment ("sc://h/").
  {
    file: 'whatwg-url/lib/url-state-machine.js',
    find: String.raw`    if (isDoubleDot(this.buffer)) {
      shortenPath(this.url);
      if (c !== p("/") && !(isSpecial(this.url) && c === p("\\"))) {`,
    replace: String.raw`    if (isDoubleDot(this.buffer)) {
      const wasEmpty = this.url.path.length === 0;
      shortenPath(this.url);
      if (c !== p("/") && !(isSpecial(this.url) && c === p("\\")) && (isSpecial(this.url) || !wasEmpty)) {`,
  },
  // Node 20 (Ada 2.9): a relative reference does not inherit its base's
  // empty query ('' against "http://a/?" is "http://a/", not "http://a/?").
  {
    file: 'whatwg-url/lib/url-state-machine.js',
    find: 'this.url.query = this.base.query;',
    replace: 'this.url.query = this.base.query === "" ? null : this.base.query;',
    count: 3,
  },
  // Node 20 (Ada 2.9) host setter: in a non-special URL whose host is null
  // or empty it never sets a port ("sc:/a" + "x:1" is "sc://x/a") and
  // leaves a null host null when the new host is empty; elsewhere, the
  // text after the host's ":" gets the port setter's quirk above (so
  // "x:!0" or "x:/1" clear the port).
  {
    file: 'whatwg-url/lib/URL-impl.js',
    find: `    usm.basicURLParse(v, { url: this._url, stateOverride: "host" });`,
    replace: String.raw`    const special = ["ftp", "file", "http", "https", "ws", "wss"].includes(this._url.scheme);
    const hostless = !special && (this._url.host === null || this._url.host === "");
    const hostWas = this._url.host;
    const parsed = usm.basicURLParse(v, { url: this._url, stateOverride: "host" });
    if (hostless) {
      this._url.port = null;
      if (hostWas === null && this._url.host === "") {
        this._url.host = null;
      }
    } else if (parsed !== null) {
      const trimmed = v.replace(/[\t\n\r]/g, "");
      let colon = -1;
      for (let i = 0, inBrackets = false; i < trimmed.length && colon < 0; i++) {
        if (trimmed[i] === "[") inBrackets = true;
        else if (trimmed[i] === "]") inBrackets = false;
        else if (trimmed[i] === ":" && !inBrackets) colon = i;
      }
      const rest = colon < 0 ? "" : trimmed.slice(colon + 1);
      if (!/^[\x00-\x20-]/.test(rest) && /[0-9]/.test(rest) && !/^[0-9]/.test(rest)) {
        this._url.port = null;
      }
    }`,
  },
  {
    file: 'whatwg-url/lib/URL-impl.js',
    find: `    usm.basicURLParse(v, { url: this._url, stateOverride: "hostname" });`,
    replace: `    const hostWas = this._url.host;
    usm.basicURLParse(v, { url: this._url, stateOverride: "hostname" });
    if (hostWas === null && this._url.host === "") {
      this._url.host = null;
    }`,
  },
  // Node 20: TypeError [ERR_INVALID_TUPLE] for a pair that is not an object.
  {
    file: 'whatwg-url/lib/URLSearchParams.js',
    find: `                    throw new globalObject.TypeError(
                      "Failed to construct 'URLSearchParams': parameter 1" +
                        " sequence" +
                        "'s element" +
                        " is not an iterable object."
                    );`,
    replace: `                    throw Object.assign(new globalObject.TypeError("Each query pair must be an iterable [name, value] tuple"), { code: "ERR_INVALID_TUPLE" });`,
  },
  // Bug (still in whatwg-url 15.1): userinfo before '@' was walked with a
  // code point count but UTF-16 indexes, so an astral character turned
  // into U+FFFD and the last characters were lost. Walk code points.
  {
    file: 'whatwg-url/lib/url-state-machine.js',
    find: `    const len = countSymbols(this.buffer);
    for (let pointer = 0; pointer < len; ++pointer) {
      const codePoint = this.buffer.codePointAt(pointer);`,
    replace: `    for (const symbol of this.buffer) {
      const codePoint = symbol.codePointAt(0);`,
  },
  // Speed (QuickJS interprets each loop iteration): USVString conversion
  // of every argument, one String.fromCodePoint + push per UTF-16 unit in
  // the original; String.prototype.toWellFormed is the same operation
  // (lone surrogates -> U+FFFD) done natively.
  {
    file: 'webidl-conversions/lib/index.js',
    find: `  const S = exports.DOMString(value, options);
  const n = S.length;
  const U = [];`,
    replace: `  const S = exports.DOMString(value, options);
  return S.toWellFormed();
  const n = S.length;
  const U = [];`,
  },
  // Speed: the parser percent-encodes one code point at a time through a
  // TextEncoder; for an ASCII code point the UTF-8 byte is the code point.
  {
    file: 'whatwg-url/lib/percent-encoding.js',
    find: `function utf8PercentEncodeCodePointInternal(codePoint, percentEncodePredicate) {
  const bytes = utf8Encode(codePoint);`,
    replace: `function utf8PercentEncodeCodePointInternal(codePoint, percentEncodePredicate) {
  const unit = codePoint.charCodeAt(0);
  if (unit < 0x80) {
    return percentEncodePredicate(unit) ? percentEncode(unit) : codePoint;
  }
  const bytes = utf8Encode(codePoint);`,
  },
  // Speed: the state machine dispatched on a template string built per
  // input code point; look the handler up once per state instead.
  {
    file: 'whatwg-url/lib/url-state-machine.js',
    find: 'const ret = this[`parse ${this.state}`](c, cStr);',
    replace: 'const ret = (STATE_HANDLERS[this.state] ??= this[`parse ${this.state}`]).call(this, c, cStr);',
  },
  {
    file: 'whatwg-url/lib/url-state-machine.js',
    find: 'function URLStateMachine(input, base, encodingOverride, url, stateOverride) {',
    replace: `const STATE_HANDLERS = Object.create(null);
function URLStateMachine(input, base, encodingOverride, url, stateOverride) {`,
  },
];
