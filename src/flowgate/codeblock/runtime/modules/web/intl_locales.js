// Locale tags for web/intl_format: canonicalized as V8 does for the tags date code
// passes (language, script, region and other subtags by their length; no extensions'
// meaning), and resolved to the locales formatted: en and en-US, zh-CN (web/intl_locale_zh,
// loaded on the first zh tag) for zh, zh-CN, zh-Hans, zh-Hans-CN; any other tag resolves to
// en-US, as an unknown locale does in Node (a difference for the locales Node knows).
(function (module, exports, require, host) {
  'use strict';
  const StringCtor = String;
  const isArray = Array.isArray;
  const { freeze } = Object;
  // (String/RegExp/Array methods captured: user code may have patched them since)
  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const test = uncurryThis(RegExp.prototype.test);
  const split = uncurryThis(String.prototype.split);
  const slice = uncurryThis(String.prototype.slice);
  const lower = uncurryThis(String.prototype.toLowerCase);
  const upper = uncurryThis(String.prototype.toUpperCase);
  const TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

  function canonicalLocale(tag) {
    if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null)) {
      throw new TypeError('Language ID should be string or object.');
    }
    const s = StringCtor(tag);
    if (!test(TAG, s)) throw new RangeError('Incorrect locale information provided');
    const parts = split(s, '-');
    let out = lower(parts[0]);
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i];
      out += '-' + (p.length === 2 ? upper(p) : p.length === 4 ? upper(p[0]) + lower(slice(p, 1)) : lower(p));
    }
    return out;
  }

  function canonicalLocales(locales) {
    if (locales === undefined) return [];
    const list = typeof locales === 'string' || !isArray(locales) && typeof locales !== 'object' ? [locales] : locales;
    if (list === null) throw new TypeError('Cannot convert undefined or null to object');
    const out = [];
    const seen = { __proto__: null };
    const n = typeof list === 'object' ? list.length >>> 0 : 0;
    for (let i = 0; i < n; i++) {
      const tag = canonicalLocale(list[i]);
      if (seen[tag] === undefined) out[out.length] = seen[tag] = tag;
    }
    return out;
  }

  let zh; // web/intl_locale_zh, once a zh locale was asked for
  // -> [locale Node reports, the locale's module or null for en-US]
  function resolveLocale(locales) {
    const first = canonicalLocales(locales)[0];
    if (first === 'en' || first === 'en-US') return [first, null];
    if (first === 'zh' || first === 'zh-CN' || first === 'zh-Hans' || first === 'zh-Hans-CN') {
      return [first, zh !== undefined ? zh : (zh = require('web/intl_locale_zh'))];
    }
    return ['en-US', null];
  }

  module.exports = freeze({ canonicalLocales, resolveLocale });
})
