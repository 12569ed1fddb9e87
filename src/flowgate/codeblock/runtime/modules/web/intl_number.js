// Intl.NumberFormat (read through web/intl's `Intl`) and Node's
// Number/BigInt.prototype.toLocaleString (the harness's numberLocale), as Node 20
// formats for en-US (the default, and the fallback of locales without data
// here), zh-CN / zh / zh-Hans / zh-Hans-CN and de-DE / de. Offered:
// Intl.NumberFormat callable with or without `new`, format (a bound getter),
// formatToParts, resolvedOptions, supportedLocalesOf (not formatRange).
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

  // The number itself (no sign): [parts, plural one?, rounded value, compact pattern used?].
  function numberParts(st, shape, v) {
    const out = [];
    if (v.kind === 2) return [[['nan', 'NaN']], false, v];
    if (v.kind === 1) return [[['infinity', '\u221e']], false, v];
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
        affix(out, tail(p, 1), 'compact');
        return [out, one, w, true];
      }
    } else if (st.notation !== 'standard') {
      add(out, 'exponentSeparator', 'E');
      if (shift < 0) add(out, 'exponentMinusSign', '-');
      add(out, 'exponentInteger', StringCtor(shift < 0 ? -shift : shift));
    }
    return [out, one, w, false];
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

  // The parts of `x` formatted with the slots `st`, as [type, text] pairs.
  function formatParts(st, x) {
    const shape = SHAPES[st.key];
    const num = numberParts(st, shape, toValue(x));
    const v = num[2];
    const sign = signOf(st, v, v.kind === 0 && v.d === '');
    const out = [];
    // CLDR's compact currency patterns have no accounting form
    const parens = sign === '-' && st.currencySign === 'accounting' && shape.accounting &&
      st.currencyDisplay !== 'name' && !num[3];
    if (parens) add(out, 'literal', '(');
    else if (sign !== '') add(out, sign === '-' ? 'minusSign' : 'plusSign', sign);
    const nparts = num[0];
    let suffix;
    if (st.style === 'currency') {
      const c = currency(st.key, st.currency);
      const display = st.currencyDisplay;
      const text = display === 'code' ? st.currency : display === 'symbol' ? c[0] : display === 'narrowSymbol' ? c[1] : '';
      if (display === 'name') suffix = [shape.nameSep, 'currency', c[num[1] && st.key !== 'zh' ? 2 : 3]];
      else if (shape.currencyAfter) suffix = ['\u00a0', 'currency', text];
      else {
        add(out, 'currency', text);
        if (v.kind === 0 && !isCurrencySign(text[text.length - 1])) add(out, 'literal', '\u00a0');
      }
    }
    for (let i = 0; i < nparts.length; i++) out[out.length] = nparts[i];
    // ICU formats percents as the unit "percent" (V8 asks it so), whose CLDR
    // pattern ("{0} %" in de, a plain space) the compact notation keeps: the
    // others use the locale's percent pattern ("#,##0\u00a0%").
    if (st.style === 'percent' && st.notation !== 'compact') {
      if (shape.percent !== '') add(out, 'literal', shape.percent);
      add(out, 'percentSign', '%');
    } else if (st.style === 'unit' || st.style === 'percent') {
      const unit = st.style === 'unit' ? st.unit : 'percent';
      let p = unitData().patterns(st.key, unit, st.unitDisplay || 'short')[num[1] && st.key !== 'zh' ? 0 : 1];
      if (unit === 'percent' && st.notation === 'compact' && p === '{\u00a0%') p = '{ %';
      let at = 0;
      while (p[at] !== '{') at++;
      if (at > 0) {
        // before the sign too ("每小时-1.5公里")
        const before = [];
        affix(before, head(p, at), 'unit');
        spliceIn(out, 0, before);
      }
      affix(out, tail(p, at + 1), 'unit');
    }
    if (suffix !== undefined) {
      if (suffix[0] !== '') add(out, 'literal', suffix[0]);
      add(out, suffix[1], suffix[2]);
    }
    if (parens) add(out, 'literal', ')');
    return out;
  }

  function spliceIn(out, at, items) {
    const n = items.length;
    for (let i = out.length - 1; i >= at; i--) out[i + n] = out[i];
    for (let i = 0; i < n; i++) out[at + i] = items[i];
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

  defineProperty(proto, 'format', {
    configurable: true,
    get: getOwnPropertyDescriptor({
      get format() {
        const st = slots(this, 'UnwrapNumberFormat');
        if (st.bound === undefined) st.bound = (x) => formatString(st, x);
        return st.bound;
      },
    }, 'format').get,
  });
  const methods = {
    formatToParts(value) {
      return toParts(formatParts(slots(this, 'Intl.NumberFormat.prototype.formatToParts'), value));
    },
    resolvedOptions() { return resolved(slots(this, 'UnwrapNumberFormat')); },
  };
  const NAMES = ['resolvedOptions', 'formatToParts'];
  for (let i = 0; i < NAMES.length; i++) {
    defineProperty(proto, NAMES[i], { value: methods[NAMES[i]], writable: true, configurable: true });
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
