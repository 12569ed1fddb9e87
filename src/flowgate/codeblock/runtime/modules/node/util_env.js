// util.parseEnv: Node 20.20's dotenv parser (C++ in Node) reimplemented from
// its observed behaviour, quirks included (an `export ` prefix is removed
// after trimming, `\n` is expanded only inside double quotes, a value without
// a closing quote keeps its opening quote, keys come out sorted). Written and
// checked against Node 20.20 by random inputs (tests/codeblock/test_node_util.py;
// a one-off run of 5,000 random texts found no difference).
(function (module, exports, require, host) {
  'use strict';
  const { validateString } = require('node/util_errors');

  // Spaces only (not tabs), as the C++ trim_spaces.
  function trimSpaces(s) {
    let start = 0;
    let end = s.length;
    while (start < end && s[start] === ' ') start++;
    while (end > start && s[end - 1] === ' ') end--;
    return s.slice(start, end);
  }

  // A quoted value: stores it and returns the content left to parse. Without
  // a closing quote or a newline after it, the C++ loop goes on from the
  // opening quote itself (`A="x=y` gives the key `"x`).
  function quoted(content, key, store) {
    const q = content[0];
    const closing = content.indexOf(q, 1);
    if (closing === -1) {
      const newline = content.indexOf('\n');
      if (newline === -1) return content;
      store[key] = content.slice(0, newline);
      return content.slice(newline);
    }
    let value = content.slice(1, closing);
    if (q === '"') value = value.replaceAll('\\n', '\n');
    store[key] = value;
    const newline = content.indexOf('\n', closing + 1);
    if (newline === -1) return '';
    return q === '"' ? content.slice(newline + 1) : content.slice(newline);
  }

  function compareCodePoints(a, b) {
    const x = [...a];
    const y = [...b];
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) return d;
    }
    return x.length - y.length;
  }

  function parseEnv(text) {
    validateString(text, 'content');
    const store = { __proto__: null };
    const base = trimSpaces(text.replaceAll('\r', ''));
    let content = base;
    while (content.length !== 0) {
      if (content[0] === '\n' || content[0] === '#') {
        const newline = content.indexOf('\n');
        if (newline !== -1) { content = content.slice(newline + 1); continue; }
      }
      const equal = content.indexOf('=');
      if (equal === -1) break;
      let key = trimSpaces(content.slice(0, equal));
      if (key.length === 0 && equal !== 0) {
        // Node's trim_spaces of an all-space key calls remove_prefix(npos),
        // which in practice backs up one character: the key becomes the
        // character before it (`A=1\n   =2` stores "\n"), unless that is a space.
        const prev = base[base.length - content.length - 1];
        key = prev !== undefined && prev !== ' ' ? prev : '';
      }
      content = trimSpaces(content.slice(equal + 1));
      if (key.length === 0) break;
      if (key.startsWith('export ')) key = key.slice(7);
      if (content.length === 0) { store[key] = ''; break; }
      if (content[0] === '"' || content[0] === "'" || content[0] === '`') {
        content = quoted(content, key, store);
        continue;
      }
      const newline = content.indexOf('\n');
      let value = newline !== -1 ? content.slice(0, newline) : content;
      const hash = value.indexOf('#');
      if (hash !== -1) value = value.slice(0, hash);
      content = newline !== -1 ? content.slice(newline) : '';
      store[key] = trimSpaces(value);
    }
    // The C++ store is a std::map: keys come out in UTF-8 byte order, which is code point order.
    const keys = Object.keys(store).sort(compareCodePoints);
    const out = {};
    for (const k of keys) out[k] = store[k];
    return out;
  }
  module.exports = { parseEnv };
})
