// Reading bodies as undici 6 (Node 20) does: WHATWG MIME type parsing and
// serialisation (Blob types of blob(), the boundary of formData()), and the
// multipart/form-data parser ported from undici's lib/web/fetch/formdata-parser.js
// (strict like it: anything off is "Failed to parse body as FormData."). It works
// on a latin1 string of the body, whose indexes are the byte offsets.
(function (module, exports, require, host) {
  'use strict';
  const { TextEncoder, TextDecoder } = require('web/text_encoding');
  const U8 = Uint8Array;
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const QUOTED_OK = /^[\t\x20-\x7e\x80-\xff]*$/;
  const HTTP_WS = /[\t\n\r ]/;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const latin1 = (u8) => atob(u8.toBase64());
  const fromLatin1 = (s) => U8.fromBase64(btoa(s));
  const failure = () => new TypeError('Failed to parse body as FormData.');

  /** "parse a MIME type": { essence, params: Map } or null. */
  function parseMime(input) {
    const s = `${input}`.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    const slash = s.indexOf('/');
    const semi = s.indexOf(';') === -1 ? s.length : s.indexOf(';');
    const type = s.slice(0, slash);
    const subtype = s.slice(slash + 1, semi).replace(/[\t\n\r ]+$/, '');
    if (slash === -1 || slash > semi || !TOKEN.test(type) || !TOKEN.test(subtype)) return null;
    const params = new Map();
    let at = semi;
    while (at < s.length) {
      at++; // the ';'
      while (at < s.length && HTTP_WS.test(s[at])) at++;
      let end = at;
      while (end < s.length && s[end] !== ';' && s[end] !== '=') end++;
      const name = s.slice(at, end).toLowerCase();
      at = end;
      if (at >= s.length || s[at] === ';') continue;
      at++; // the '='
      let value = '';
      if (s[at] === '"') {
        for (at++; at < s.length && s[at] !== '"'; at++) {
          if (s[at] === '\\' && at + 1 < s.length) at++;
          value += s[at];
        }
        while (at < s.length && s[at] !== ';') at++;
      } else {
        end = s.indexOf(';', at);
        if (end === -1) end = s.length;
        value = s.slice(at, end).replace(/[\t\n\r ]+$/, '');
        at = end;
        if (value === '') continue;
      }
      if (name !== '' && TOKEN.test(name) && QUOTED_OK.test(value) && !params.has(name)) params.set(name, value);
    }
    return { essence: `${type}/${subtype}`.toLowerCase(), params };
  }
  /** "serialize a MIME type" of `input`, '' when it does not parse. */
  function serializeMime(input) {
    const mime = parseMime(input);
    if (mime === null) return '';
    let out = mime.essence;
    for (const [name, value] of mime.params) {
      out += `;${name}=${value !== '' && TOKEN.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`}`;
    }
    return out;
  }

  // -------------------------------------------------------------- multipart
  function unescapeName(raw) {
    return decoder.decode(fromLatin1(raw)).replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%22/g, '"');
  }
  /** After an opening quote at `p.at - 1`: the quoted name, or null. */
  function quotedName(text, p) {
    let end = p.at;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r' && text[end] !== '"') end++;
    if (text[end] !== '"') return null;
    const raw = text.slice(p.at, end);
    p.at = end + 1;
    return unescapeName(raw);
  }
  function lineValue(text, p) {
    let end = p.at;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const v = text.slice(p.at, end).replace(/[\t ]+$/, '');
    p.at = end;
    return v;
  }
  function disposition(text, p, part) {
    part.name = part.filename = null;
    if (!text.startsWith('form-data; name="', p.at)) return false;
    p.at += 17;
    part.name = quotedName(text, p);
    if (part.name === null) return false;
    if (text.startsWith('; filename', p.at)) {
      let check = p.at + 10;
      if (text[check] === '*') { p.at += 1; check += 1; }
      if (text[check] !== '=' || text[check + 1] !== '"') return false;
      p.at += 12;
      part.filename = quotedName(text, p);
      if (part.filename === null) return false;
    }
    return true;
  }
  function partHeaders(text, p) {
    const part = { name: null, filename: null, contentType: null, encoding: null };
    for (;;) {
      if (text[p.at] === '\r' && text[p.at + 1] === '\n') return part.name === null ? null : part;
      let end = p.at;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r' && text[end] !== ':') end++;
      const headerName = text.slice(p.at, end).replace(/^[\t ]+|[\t ]+$/g, '');
      p.at = end;
      if (!TOKEN.test(headerName) || text[p.at] !== ':') return null;
      p.at++;
      while (text[p.at] === ' ' || text[p.at] === '\t') p.at++;
      const lower = headerName.toLowerCase();
      if (lower === 'content-disposition') {
        if (!disposition(text, p, part)) return null;
      } else if (lower === 'content-type') {
        part.contentType = lineValue(text, p);
      } else if (lower === 'content-transfer-encoding') {
        part.encoding = lineValue(text, p);
      } else {
        lineValue(text, p);
      }
      if (text[p.at] !== '\r' && text[p.at + 1] !== '\n') return null; // undici's check, verbatim
      p.at += 2;
    }
  }
  /** undici's multipartFormDataParser: [name, string | File] entries, or a TypeError. */
  function parseMultipart(bytes, boundaryString, File) {
    const text = latin1(bytes);
    const boundary = latin1(encoder.encode(`--${boundaryString}`));
    const entries = [];
    const p = { at: text.startsWith('\r\n') ? 2 : 0 };
    for (;;) {
      if (!text.startsWith(boundary, p.at)) throw failure();
      p.at += boundary.length;
      if ((p.at === text.length - 2 && text.startsWith('--', p.at)) ||
          (p.at === text.length - 4 && text.startsWith('--\r\n', p.at))) return entries;
      if (text[p.at] !== '\r' || text[p.at + 1] !== '\n') throw failure();
      p.at += 2;
      const part = partHeaders(text, p);
      if (part === null) throw failure();
      p.at += 2;
      const boundaryIndex = text.indexOf(boundary.slice(2), p.at);
      if (boundaryIndex === -1) throw failure();
      const bodyEnd = Math.max(p.at, boundaryIndex - 4);
      let body = bytes.subarray(p.at, bodyEnd);
      p.at = bodyEnd;
      if (part.encoding === 'base64') body = U8.fromBase64(latin1(body), { lastChunkHandling: 'loose' });
      if (text[p.at] !== '\r' || text[p.at + 1] !== '\n') throw failure();
      p.at += 2;
      if (part.filename !== null) {
        let type = part.contentType === null ? 'text/plain' : part.contentType;
        if (!/^[\x00-\x7f]*$/.test(type)) type = '';
        entries.push([part.name, new File([body.slice()], part.filename, { type })]);
      } else {
        entries.push([part.name, decoder.decode(body)]);
      }
    }
  }

  module.exports = { parseMime, serializeMime, parseMultipart };
})
