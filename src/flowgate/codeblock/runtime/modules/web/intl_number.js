// Intl.NumberFormat (read through web/intl's `Intl`) and Node's
// Number/BigInt.prototype.toLocaleString (the harness's numberLocale), as Node 20
// formats for en-US (the default, and the fallback of locales without data
// here), zh-CN / zh / zh-Hans / zh-Hans-CN and de-DE / de. Offered:
// Intl.NumberFormat callable with or without `new`, format (a bound getter),
// formatToParts, formatRange and formatRangeToParts (web/intl_number_range),
// resolvedOptions, supportedLocalesOf. Styles decimal, percent, currency
// (symbol, narrowSymbol, code, name; accounting) and unit (every simple unit and
// the common compound ones); notations standard, scientific, engineering and
// compact; every digit and rounding option, useGrouping, signDisplay. Latin
// digits only (numberingSystem is validated, reported as latn).
// The number is rounded by web/intl_number_decimal and laid out here in ICU's
// parts for the locale (tables: web/intl_number_data, web/intl_number_units).
// Options and locales: web/intl_number_options.
(function (module, exports, require, host) {
  'use strict';
  const { canonicalLocales, supportedLocales, resolveOptions, resolved, getOption, unitData } =
    require('web/intl_number_options');
  const { toValue, applyPrecision, scaleAndRound, magnitude, scaled, head, tail, zeros, isSpace } =
    require('web/intl_number_decimal');
  const { SHAPES, currency, compact } = require('web/intl_number_data');
  const { defineProperty, freeze, getOwnPropertyDescriptor, getPrototypeOf } = Object;
  const StringCtor = String;
  const TypeErrorCtor = TypeError;
  const ObjectCtor = Object;
  const SymbolToStringTag = Symbol.toStringTag;

  // ---------------------------------------------------------------- parts
  const add = (out, type, text) => { out[out.length] = [type, text]; };

  // Text around a number: its blanks as literals, the rest as `type`.
  function affix(out, text, type) {
    let a = 0;
    let b = text.length;
    while (a < b && isSpace(text[a])) a++;
    while (b > a && isSpace(text[b - 1])) b--;
    let s = '';
    for (let i = 0; i < a; i++) s += text[i];
    if (s !== '') add(out, 'literal', s);
    s = '';
    for (let i = a; i < b; i++) s += text[i];
    if (s !== '') add(out, type, s);
    s = '';
    for (let i = b; i < text.length; i++) s += text[i];
    if (s !== '') add(out, 'literal', s);
  }

  function digitParts(st, shape, v, minFrac, out) {
    const d = v.d;
    let int = '';
    for (let i = 0; i < v.pt; i++) int += i < d.length ? d[i] : '0';
    let frac = v.pt < 0 ? zeros(-v.pt) + d : v.pt < d.length ? tail(d, v.pt) : '';
    while (frac.length < minFrac) frac += '0';
    while (int.length < st.minimumIntegerDigits) int = '0' + int;
    const g = st.useGrouping;
    // ICU's "auto" grouping is "min2" in compact notation
    const min2 = g === 'min2' || (g === 'auto' && st.notation === 'compact');
    if (g !== false && int.length >= (min2 ? 5 : 4)) {
      let at = int.length % 3 || 3;
      add(out, 'integer', head(int, at));
      for (; at < int.length; at += 3) {
        add(out, 'group', shape.group);
        add(out, 'integer', int[at] + int[at + 1] + int[at + 2]);
      }
    } else {
      add(out, 'integer', int);
    }
    if (frac !== '') {
      add(out, 'decimal', shape.decimal);
      add(out, 'fraction', frac);
    }
    return frac === '';
  }

  const SCIENTIFIC = (m) => m;
  const ENGINEERING = (m) => m - (((m % 3) + 3) % 3);

  // The number itself (no sign): [parts, plural one?, rounded value, the compact
  // pattern's suffix parts if one served].
  function numberParts(st, shape, v) {
    const out = [];
    if (v.kind === 2) return [[['nan', 'NaN']], false, v, undefined];
    if (v.kind === 1) return [[['infinity', '\u221e']], false, v, undefined];
    if (st.style === 'percent') v = scaled(v, 2);
    let r;
    let shift = 0;
    let list;
    if (st.notation === 'standard') r = applyPrecision(st, v);
    else if (st.notation === 'compact') {
      // ICU has no long compact currency patterns: the short ones serve
      list = compact(st.key, st.compactDisplay === 'long' && (st.style !== 'currency' || st.currencyDisplay === 'name'));
      const both = scaleAndRound(st, v, (m) => list[m > 14 ? 14 : m < 0 ? 0 : m][2]);
      r = both[0];
      shift = both[1];
    } else {
      const both = scaleAndRound(st, v, st.notation === 'scientific' ? SCIENTIFIC : ENGINEERING);
      r = both[0];
      shift = both[1];
    }
    let minFrac = r[1];
    const w = r[0];
    if (st.trailingZeroDisplay === 'stripIfInteger' && w.pt >= w.d.length) minFrac = 0;
    const integral = digitParts(st, shape, w, minFrac, out);
    // CLDR's plural "one" (en, de): the value 1 and no fraction digits shown;
    // for the compact pattern, of the number shown, for names of the whole value.
    const one = integral && w.d === '1' && w.pt + shift === 1;
    if (list !== undefined) {
      const m = (w.d === '' ? 0 : magnitude(w)) + shift;
      const p = list[m > 14 ? 14 : m < 0 ? 0 : m][integral && w.d === '1' && w.pt === 1 ? 0 : 1];
      if (p !== '{') {
        const suffix = [];
        affix(suffix, tail(p, 1), 'compact');
        return [out, one, w, suffix];
      }
    } else if (st.notation !== 'standard') {
      add(out, 'exponentSeparator', 'E');
      if (shift < 0) add(out, 'exponentMinusSign', '-');
      add(out, 'exponentInteger', StringCtor(shift < 0 ? -shift : shift));
    }
    return [out, one, w, undefined];
  }

  const CURRENCY_SIGNS = '$¥€£₩₹₽₺₪฿¢₫₱₦₴₸₼₾';
  function isCurrencySign(c) {
    for (let i = 0; i < CURRENCY_SIGNS.length; i++) if (CURRENCY_SIGNS[i] === c) return true;
    return false;
  }

  function signOf(st, v, zero) {
    switch (st.signDisplay) {
      case 'never': return '';
      case 'always': return v.neg ? '-' : '+';
      case 'exceptZero': return zero || v.kind === 2 ? '' : v.neg ? '-' : '+';
      case 'negative': return v.neg && !zero ? '-' : '';
      default: return v.neg ? '-' : '';
    }
  }

  // The parts of `x` formatted with the slots `st` in ICU's three layers around
  // the number and its compact/exponent parts (`core`): `mid`, the pattern's
  // affixes (sign, currency symbol or code, percent sign, accounting
  // parentheses) and `outer`, unit and currency names. Parts are [type, text].
  // `form` forces the plural form of the outer names (0 one, 1 other).
  function layers(st, x, form, exact) {
    const shape = SHAPES[st.key];
    const value = toValue(x);
    if (exact) {
      // V8 hands ICU a range's ends as decimal strings: no approximate reading
      value.up = false;
      value.src = undefined;
    }
    const num = numberParts(st, shape, value);
    const zero = value.kind === 0 && value.d === ''; // before rounding
    const v = num[2];
    const one = form !== undefined ? form === 0 : num[1] && st.key !== 'zh';
    const sign = signOf(st, v, v.kind === 0 && v.d === '');
    // compact: whether a compact pattern served (ICU's compact currency patterns
    // are other affixes than the plain ones)
    // A compact pattern is part of the pattern's affixes (ICU's middle modifier).
    const L = { outerPre: [], midPre: [], core: num[0], midSuf: num[3] || [], outerSuf: [], v, one, key: undefined,
      zero };
    // CLDR's compact currency patterns have no accounting form
    const parens = sign === '-' && st.currencySign === 'accounting' && shape.accounting &&
      st.currencyDisplay !== 'name' && num[3] === undefined;
    if (parens) add(L.midPre, 'literal', '(');
    else if (sign !== '') add(L.midPre, sign === '-' ? 'minusSign' : 'plusSign', sign);
    L.parens = parens;
    if (st.style === 'currency') {
      const c = currency(st.key, st.currency);
      const display = st.currencyDisplay;
      const text = display === 'code' ? st.currency : display === 'symbol' ? c[0] : display === 'narrowSymbol' ? c[1] : '';
      if (display === 'name') {
        if (shape.nameSep !== '') add(L.outerSuf, 'literal', shape.nameSep);
        add(L.outerSuf, 'currency', c[one ? 2 : 3]);
      } else if (shape.currencyAfter) {
        add(L.midSuf, 'literal', '\u00a0');
        add(L.midSuf, 'currency', text);
      } else {
        add(L.midPre, 'currency', text);
        L.key = text; // the affixes without ICU's currency spacing, which ranges place anew
        if (v.kind === 0 && !isCurrencySign(text[text.length - 1])) add(L.midPre, 'literal', '\u00a0');
      }
    }
    // ICU formats percents as the unit "percent" (V8 asks it so), whose CLDR
    // pattern ("{0} %" in de, a plain space) the compact notation keeps: the
    // others use the locale's percent pattern ("#,##0\u00a0%").
    if (st.style === 'percent' && st.notation !== 'compact') {
      if (shape.percent !== '') add(L.midSuf, 'literal', shape.percent);
      add(L.midSuf, 'percentSign', '%');
    } else if (st.style === 'unit' || st.style === 'percent') {
      const unit = st.style === 'unit' ? st.unit : 'percent';
      let p = unitData().patterns(st.key, unit, st.unitDisplay || 'short')[one ? 0 : 1];
      if (unit === 'percent' && st.notation === 'compact' && p === '{\u00a0%') p = '{ %';
      let at = 0;
      while (p[at] !== '{') at++;
      // ICU lays the short unit "percent" out as the percent pattern (but in compact notation)
      const mid = unit === 'percent' && st.notation !== 'compact' && st.unitDisplay !== 'long';
      if (at > 0) affix(mid ? L.midPre : L.outerPre, head(p, at), 'unit'); // before the sign ("每小时-1.5公里")
      affix(mid ? L.midSuf : L.outerSuf, tail(p, at + 1), 'unit');
    }
    if (parens) add(L.midSuf, 'literal', ')');
    return L;
  }

  function append(out, list, source) {
    for (let i = 0; i < list.length; i++) {
      out[out.length] = source === undefined ? list[i] : [list[i][0], list[i][1], source];
    }
  }

  function formatParts(st, x) {
    const L = layers(st, x);
    const out = [];
    append(out, L.outerPre);
    append(out, L.midPre);
    append(out, L.core);
    append(out, L.midSuf);
    append(out, L.outerSuf);
    return out;
  }

  function text(list) {
    let out = '';
    for (let i = 0; i < list.length; i++) out += list[i][1];
    return out;
  }

  let range; // web/intl_number_range, loaded by the first range
  function rangeParts(st, start, end) {
    if (range === undefined) range = require('web/intl_number_range');
    return range.rangeParts(layers, st, start, end);
  }

  function formatString(st, x) {
    const parts = formatParts(st, x);
    let s = '';
    for (let i = 0; i < parts.length; i++) s += parts[i][1];
    return s;
  }

  // The slots live in a private field stamped onto the instance: unlike a WeakMap
  // (a lazy intrinsic here, and patchable), nothing user code does can reach them.
  class Stamp { constructor(o) { return o; } }
  class Slots extends Stamp {
    #st;
    constructor(o, st) {
      super(o);
      this.#st = st;
    }
    static of(o) { return (typeof o === 'object' || typeof o === 'function') && o !== null && #st in o ? o.#st : undefined; }
  }

  // V8's description of a receiver in "incompatible receiver" errors.
  function shown(self) {
    if (self === null || (typeof self !== 'object' && typeof self !== 'function')) {
      return typeof self === 'string' ? self : typeof self === 'symbol' ? 'Symbol()' : StringCtor(self);
    }
    let name;
    try {
      const proto = getPrototypeOf(self);
      name = proto !== null ? proto.constructor.name : undefined;
    } catch {
      name = undefined;
    }
    return `#<${typeof name === 'string' && name !== '' ? name : 'Object'}>`;
  }

  function slots(self, method) {
    const st = Slots.of(self);
    if (st === undefined) {
      // V8 names no receiver in UnwrapNumberFormat's message
      const who = method === 'UnwrapNumberFormat' ? 'undefined' : shown(self);
      throw new TypeErrorCtor(`Method ${method} called on incompatible receiver ${who}`);
    }
    return st;
  }

  function NumberFormat(locales, options) {
    if (new.target === undefined) return new NumberFormat(locales, options);
    new Slots(this, resolveOptions(locales, options));
  }
  defineProperty(NumberFormat, 'length', { value: 0 });
  const proto = NumberFormat.prototype;

  function toParts(list) {
    const out = [];
    for (let i = 0; i < list.length; i++) out[i] = { type: list[i][0], value: list[i][1] };
    return out;
  }

  const methods = {
    formatToParts(value) {
      return toParts(formatParts(slots(this, 'Intl.NumberFormat.prototype.formatToParts'), value));
    },
    formatRange(start, end) {
      return text(rangeParts(slots(this, 'Intl.NumberFormat.prototype.formatRange'), start, end));
    },
    formatRangeToParts(start, end) {
      const list = rangeParts(slots(this, 'Intl.NumberFormat.prototype.formatRangeToParts'), start, end);
      const out = [];
      for (let i = 0; i < list.length; i++) out[i] = { type: list[i][0], value: list[i][1], source: list[i][2] };
      return out;
    },
    resolvedOptions() { return resolved(slots(this, 'UnwrapNumberFormat')); },
  };
  const formatGetter = getOwnPropertyDescriptor({
    get format() {
      const st = slots(this, 'UnwrapNumberFormat');
      if (st.bound === undefined) st.bound = (x) => formatString(st, x);
      return st.bound;
    },
  }, 'format').get;
  // in V8's order: resolvedOptions, formatToParts, format, formatRange, formatRangeToParts
  const NAMES = ['resolvedOptions', 'formatToParts', 'formatRange', 'formatRangeToParts'];
  for (let i = 0; i < NAMES.length; i++) {
    defineProperty(proto, NAMES[i], { value: methods[NAMES[i]], writable: true, configurable: true });
    if (i === 1) defineProperty(proto, 'format', { get: formatGetter, configurable: true });
  }
  defineProperty(proto, SymbolToStringTag, { value: 'Intl.NumberFormat', configurable: true });
  defineProperty(NumberFormat, 'prototype', { writable: false });
  defineProperty(NumberFormat, 'supportedLocalesOf', {
    value: {
      supportedLocalesOf(locales) {
        const requested = canonicalLocales(locales);
        const options = arguments.length > 1 ? arguments[1] : undefined;
        if (options === null) throw new TypeErrorCtor('Cannot convert undefined or null to object');
        if (options !== undefined) {
          getOption(ObjectCtor(options), 'localeMatcher', ['lookup', 'best fit'], 'best fit',
            'Intl.NumberFormat.supportedLocalesOf');
        }
        return supportedLocales(requested);
      },
    }.supportedLocalesOf,
    writable: true, configurable: true,
  });

  // Number/BigInt.prototype.toLocaleString(locales, options) of a primitive `x`:
  // the slots for a locale without options are kept for the rest of the execution.
  const plain = { __proto__: null };
  function toLocaleString(x, locales, options) {
    if (options === undefined && (locales === undefined || typeof locales === 'string')) {
      const key = locales === undefined ? '' : '=' + locales;
      let st = plain[key];
      if (st === undefined) st = plain[key] = resolveOptions(locales, undefined);
      return formatString(st, x);
    }
    return formatString(resolveOptions(locales, options), x);
  }

  module.exports = freeze({ NumberFormat, toLocaleString });
})
