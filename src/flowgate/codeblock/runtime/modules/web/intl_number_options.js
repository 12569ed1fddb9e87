// Locale negotiation and option resolution of web/intl_number's
// Intl.NumberFormat, in the order and with the errors of V8 11.3 (Node 20):
// what InitializeNumberFormat reads, when it converts, what it rejects.
(function (module, exports, require, host) {
  'use strict';
  const { currencyDigits, indexOf } = require('web/intl_number_data');
  const { freeze } = Object;
  const StringCtor = String;
  const NumberCtor = Number;
  const MathFloor = Math.floor;
  const ObjectCtor = Object;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;

  // ---------------------------------------------------------------- locales
  const isAlpha = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const isAlnum = (c) => isAlpha(c) || (c >= '0' && c <= '9');
  const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const LOWER = 'abcdefghijklmnopqrstuvwxyz';
  const lower = (c) => (c >= 'A' && c <= 'Z' ? LOWER[indexOf(UPPER, c)] : c);
  const upper = (c) => (c >= 'a' && c <= 'z' ? UPPER[indexOf(LOWER, c)] : c);

  // A BCP 47 tag in canonical case ("zh-hans-cn" -> "zh-Hans-CN"); RangeError as V8.
  function canonicalLocale(tag) {
    if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null)) {
      throw new TypeErrorCtor('Language ID should be string or object.');
    }
    const s = StringCtor(tag);
    let out = '';
    let sub = '';
    let index = 0; // subtag number
    let ext = false; // after a singleton: all lower case
    for (let i = 0; i <= s.length; i++) {
      const c = s[i];
      if (i < s.length && c !== '-') {
        if (!isAlnum(c)) throw new RangeErrorCtor('Incorrect locale information provided');
        sub += c;
        continue;
      }
      const n = sub.length;
      if (i === s.length && (n === 0 || n === 1) && index > 0) {
        let low = '';
        for (let j = 0; j < s.length; j++) low += lower(s[j]);
        throw new RangeErrorCtor(`Invalid language tag: ${low}`);
      }
      let ok = n >= 1 && n <= 8;
      if (index === 0) ok = ok && n >= 2 && n !== 4 && isAlpha(sub[0]);
      if (!ok) throw new RangeErrorCtor('Incorrect locale information provided');
      if (n === 1) ext = true;
      let t = '';
      for (let j = 0; j < n; j++) {
        const ch = sub[j];
        t += !ext && index > 0 && (n === 2 || (n === 4 && j === 0)) ? upper(ch) : lower(ch);
      }
      out += (index > 0 ? '-' : '') + t;
      index++;
      sub = '';
    }
    return out;
  }

  function canonicalLocales(locales) {
    if (locales === undefined) return [];
    if (locales === null) throw new TypeErrorCtor('Cannot convert undefined or null to object');
    const list = typeof locales === 'string' ? [locales] : ObjectCtor(locales);
    const out = [];
    const n = list.length >>> 0;
    for (let i = 0; i < n; i++) {
      const tag = canonicalLocale(list[i]);
      let seen = false;
      for (let j = 0; j < out.length; j++) if (out[j] === tag) seen = true;
      if (!seen) out[out.length] = tag;
    }
    return out;
  }

  // The tag without its extensions ("en-US-u-nu-latn" -> "en-US").
  function baseName(tag) {
    let out = '';
    for (let i = 0; i < tag.length; i++) {
      if (tag[i] === '-' && tag[i + 2] === '-' || tag[i] === '-' && i + 2 === tag.length) break;
      out += tag[i];
    }
    return out;
  }

  // Tags formatted with a locale's own data (others fall back to en-US).
  const SUPPORTED = { __proto__: null, en: 'en', 'en-US': 'en', zh: 'zh', 'zh-CN': 'zh', 'zh-Hans': 'zh',
    'zh-Hans-CN': 'zh', de: 'de', 'de-DE': 'de' };

  // Whether a canonical tag asks for latn digits ("-u-nu-latn"), which Node
  // then reports in resolvedOptions().locale.
  function asksLatn(tag) {
    const key = '-u-';
    for (let i = 0; i + 3 <= tag.length; i++) {
      if (tag[i] !== key[0] || tag[i + 1] !== key[1] || tag[i + 2] !== key[2]) continue;
      const parts = [];
      let sub = '';
      for (let j = i + 3; j <= tag.length; j++) {
        if (j === tag.length || tag[j] === '-') {
          if (sub.length === 1) break;
          parts[parts.length] = sub;
          sub = '';
        } else sub += tag[j];
      }
      for (let j = 0; j + 1 < parts.length; j++) if (parts[j] === 'nu') return parts[j + 1] === 'latn';
    }
    return false;
  }

  // [tag reported by resolvedOptions, data key]
  function resolveLocale(requested) {
    for (let i = 0; i < requested.length; i++) {
      const base = baseName(requested[i]);
      const key = SUPPORTED[base];
      if (key !== undefined) return [asksLatn(requested[i]) ? base + '-u-nu-latn' : base, key];
    }
    return ['en-US', 'en'];
  }

  function supportedLocales(requested) {
    const out = [];
    for (let i = 0; i < requested.length; i++) {
      if (SUPPORTED[baseName(requested[i])] !== undefined) out[out.length] = requested[i];
    }
    return out;
  }

  // ---------------------------------------------------------------- options
  function toOptionString(v) {
    if (typeof v === 'symbol') throw new TypeErrorCtor('Cannot convert a Symbol value to a string');
    return StringCtor(v);
  }

  function getOption(opts, name, values, fallback, where = 'Intl.NumberFormat') {
    const v = opts[name];
    if (v === undefined) return fallback;
    const s = toOptionString(v);
    if (values !== null) {
      for (let i = 0; i < values.length; i++) if (values[i] === s) return s;
      throw new RangeErrorCtor(`Value ${s} out of range for ${where} options property ${name}`);
    }
    return s;
  }

  function defaultNumber(v, min, max, fallback, name) {
    if (v === undefined) return fallback;
    if (typeof v === 'symbol') throw new TypeErrorCtor('Cannot convert a Symbol value to a number');
    const n = NumberCtor(v);
    if (n !== n || n < min || n > max) throw new RangeErrorCtor(`${name} value is out of range.`);
    return MathFloor(n);
  }

  const getNumber = (opts, name, min, max, fallback) => defaultNumber(opts[name], min, max, fallback, name);

  const INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];
  const STYLES = ['decimal', 'percent', 'currency', 'unit'];
  const NOTATIONS = ['standard', 'scientific', 'engineering', 'compact'];
  const MODES = ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven'];
  const SIGNS = ['auto', 'never', 'always', 'exceptZero', 'negative'];

  function isCurrencyCode(s) {
    return s.length === 3 && isAlpha(s[0]) && isAlpha(s[1]) && isAlpha(s[2]);
  }

  let units; // web/intl_number_units, loaded by the first unit style
  const unitData = () => (units !== undefined ? units : (units = require('web/intl_number_units')));

  // Style, currency and unit (SetNumberFormatUnitOptions).
  function unitOptions(opts, st) {
    st.style = getOption(opts, 'style', STYLES, 'decimal');
    let currency = getOption(opts, 'currency', null, undefined);
    if (currency !== undefined) {
      if (!isCurrencyCode(currency)) throw new RangeErrorCtor(`Invalid currency code : ${currency}`);
      let c = '';
      for (let i = 0; i < 3; i++) c += upper(currency[i]);
      currency = c;
    }
    const currencyDisplay = getOption(opts, 'currencyDisplay', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol');
    const currencySign = getOption(opts, 'currencySign', ['standard', 'accounting'], 'standard');
    const unit = getOption(opts, 'unit', null, undefined);
    if (unit !== undefined && !unitData().isUnit(unit)) {
      throw new RangeErrorCtor(`Invalid unit argument for Intl.NumberFormat() '${unit}'`);
    }
    const unitDisplay = getOption(opts, 'unitDisplay', ['short', 'narrow', 'long'], 'short');
    if (st.style === 'currency') {
      if (currency === undefined) throw new TypeErrorCtor('Currency code is required with currency style.');
      st.currency = currency;
      st.currencyDisplay = currencyDisplay;
      st.currencySign = currencySign;
    } else if (st.style === 'unit') {
      if (unit === undefined) throw new TypeErrorCtor("Invalid unit argument for Intl.NumberFormat() ''");
      st.unit = unit;
      st.unitDisplay = unitDisplay;
    }
  }

  // Digits and rounding (SetNumberFormatDigitOptions), reading in V8's order.
  function digitOptions(opts, st, mnfdDefault, mxfdDefault) {
    st.minimumIntegerDigits = getNumber(opts, 'minimumIntegerDigits', 1, 21, 1);
    const mnfd = opts.minimumFractionDigits;
    const mxfd = opts.maximumFractionDigits;
    const mnsd = opts.minimumSignificantDigits;
    const mxsd = opts.maximumSignificantDigits;
    const priority = getOption(opts, 'roundingPriority', ['auto', 'morePrecision', 'lessPrecision'], 'auto',
      'SetNumberFormatDigitOptions');
    const hasSd = mnsd !== undefined || mxsd !== undefined;
    const hasFd = mnfd !== undefined || mxfd !== undefined;
    let needSd = true;
    let needFd = true;
    if (priority === 'auto') {
      needSd = hasSd;
      if (needSd || (!hasFd && st.notation === 'compact')) needFd = false;
    }
    if (needSd) {
      if (hasSd) {
        st.minimumSignificantDigits = defaultNumber(mnsd, 1, 21, 1, 'minimumSignificantDigits');
        st.maximumSignificantDigits = defaultNumber(mxsd, st.minimumSignificantDigits, 21, 21, 'maximumSignificantDigits');
      } else {
        st.minimumSignificantDigits = 1;
        st.maximumSignificantDigits = 21;
      }
    }
    if (needFd) fractionOptions(st, mnfd, mxfd, hasFd, mnfdDefault, mxfdDefault);
    if (!needSd && !needFd) {
      st.minimumSignificantDigits = 1;
      st.maximumSignificantDigits = 2;
      st.minimumFractionDigits = 0;
      st.maximumFractionDigits = 0;
      st.roundingType = 'morePrecision';
      st.roundingPriority = 'morePrecision';
    } else {
      st.roundingType = priority !== 'auto' ? priority : needSd ? 'significantDigits' : 'fractionDigits';
      st.roundingPriority = priority;
    }
  }

  function fractionOptions(st, mnfd, mxfd, hasFd, mnfdDefault, mxfdDefault) {
    if (!hasFd) {
      st.minimumFractionDigits = mnfdDefault;
      st.maximumFractionDigits = mxfdDefault;
      return;
    }
    let lo = defaultNumber(mnfd, 0, 100, undefined, 'minimumFractionDigits');
    let hi = defaultNumber(mxfd, 0, 100, undefined, 'maximumFractionDigits');
    if (lo === undefined) lo = hi < mnfdDefault ? hi : mnfdDefault;
    else if (hi === undefined) hi = lo > mxfdDefault ? lo : mxfdDefault;
    else if (lo > hi) throw new RangeErrorCtor('maximumFractionDigits value is out of range.');
    st.minimumFractionDigits = lo;
    st.maximumFractionDigits = hi;
  }

  // The internal slots of a NumberFormat for (locales, options).
  function resolveOptions(locales, options) {
    const requested = canonicalLocales(locales);
    if (options === null) throw new TypeErrorCtor('Intl.NumberFormat called on null or undefined');
    const opts = options === undefined ? { __proto__: null } : typeof options === 'object' || typeof options === 'function' ? options : ObjectCtor(options);
    getOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const ns = getOption(opts, 'numberingSystem', null, undefined);
    if (ns !== undefined && !(ns.length >= 3 && ns.length <= 8 && isAlnumString(ns))) {
      throw new RangeErrorCtor(`Invalid numberingSystem : ${ns}`);
    }
    const pair = resolveLocale(requested);
    const st = { locale: pair[0], key: pair[1], style: 'decimal', bound: undefined };
    unitOptions(opts, st);
    const increment = getNumber(opts, 'roundingIncrement', 1, 5000, 1);
    let known = false;
    for (let i = 0; i < INCREMENTS.length; i++) if (INCREMENTS[i] === increment) known = true;
    if (!known) throw new RangeErrorCtor('roundingIncrement value is out of range.');
    st.notation = getOption(opts, 'notation', NOTATIONS, 'standard');
    const cDigits = st.style === 'currency' ? currencyDigits(st.currency) : -1;
    const mnfdDefault = cDigits >= 0 ? cDigits : 0;
    let mxfdDefault = cDigits >= 0 ? cDigits : st.style === 'percent' ? 0 : 3;
    if (increment !== 1) mxfdDefault = mnfdDefault;
    digitOptions(opts, st, mnfdDefault, mxfdDefault);
    st.trailingZeroDisplay = getOption(opts, 'trailingZeroDisplay', ['auto', 'stripIfInteger'], 'auto');
    const compactDisplay = getOption(opts, 'compactDisplay', ['short', 'long'], 'short');
    if (st.notation === 'compact') st.compactDisplay = compactDisplay;
    st.useGrouping = groupingOption(opts, st.notation === 'compact' ? 'min2' : 'auto');
    st.signDisplay = getOption(opts, 'signDisplay', SIGNS, 'auto');
    st.roundingMode = getOption(opts, 'roundingMode', MODES, 'halfExpand');
    st.roundingIncrement = increment;
    if (increment !== 1) {
      if (st.roundingType !== 'fractionDigits') throw new TypeErrorCtor('RoundingType is not fractionDigits');
      if (st.maximumFractionDigits !== st.minimumFractionDigits) {
        throw new RangeErrorCtor('maximumFractionDigits not equal to minimumFractionDigits');
      }
    }
    return st;
  }

  function isAlnumString(s) {
    for (let i = 0; i < s.length; i++) if (!isAlnum(s[i])) return false;
    return true;
  }

  // useGrouping: true -> "always"; falsy -> false; "true"/"false" -> the default.
  function groupingOption(opts, fallback) {
    const v = opts.useGrouping;
    if (v === undefined) return fallback;
    if (v === true) return 'always';
    if (!v) return false;
    const s = toOptionString(v);
    if (s === 'true' || s === 'false') return fallback;
    if (s === 'min2' || s === 'auto' || s === 'always') return s;
    throw new RangeErrorCtor(`Value ${s} out of range for Intl.NumberFormat options property useGrouping`);
  }

  const ORDER = ['locale', 'numberingSystem', 'style', 'currency', 'currencyDisplay', 'currencySign', 'unit',
    'unitDisplay', 'minimumIntegerDigits', 'minimumSignificantDigits', 'maximumSignificantDigits',
    'minimumFractionDigits', 'maximumFractionDigits', 'useGrouping', 'notation', 'compactDisplay', 'signDisplay',
    'roundingMode', 'roundingIncrement', 'trailingZeroDisplay', 'roundingPriority'];

  function resolved(st) {
    const out = {};
    for (let i = 0; i < ORDER.length; i++) {
      const k = ORDER[i];
      const v = k === 'numberingSystem' ? 'latn' : st[k];
      if (v !== undefined) out[k] = v;
    }
    return out;
  }

  module.exports = freeze({ canonicalLocales, supportedLocales, resolveOptions, resolved, unitData, getOption });
})
