// The formatting of web/intl_number's Intl.NumberFormat, as Node 20's ICU does for en (en-US, also the fallback of any other locale),
// zh (zh-CN, zh-Hans, zh-Hans-CN) and de (de-DE). Styles decimal, percent,
// currency (symbol, narrowSymbol, code, name; accounting) and unit (simple and
// common compound units); notations standard, scientific, engineering and
// compact; digit options, roundingMode/Priority/Increment, trailingZeroDisplay,
// useGrouping, signDisplay. Numbers are rounded from the shortest decimal that
// reads back as the same double, as ICU does (so 1.005 to 2 digits is 1.01);
// BigInts and numeric strings exactly. Tables: web/intl_number_data and
// web/intl_number_units (loaded by the first unit format).
(function (module, exports, require, host) {
  'use strict';
  const { SHAPES, currency, compact } = require('web/intl_number_data');
  const { unitData } = require('web/intl_number_options');
  const { freeze } = Object;
  const StringCtor = String;
  const NumberCtor = Number;
  const BigIntCtor = BigInt;
  const TypeErrorCtor = TypeError;
  const MathFloor = Math.floor;
  const MathTrunc = Math.trunc;
  const MathLog2 = Math.log2;

  // ---------------------------------------------------------------- decimals
  // A value: kind 0 finite (0.d x 10^pt, d without leading or trailing zeros,
  // '' for zero), 1 infinite, 2 NaN; neg for the sign (-0 included).
  // Of a double: up when ICU's first, approximate reading of it (icuApprox) has
  // the next magnitude, until rounding makes it exact; src the double's absolute
  // value, scaled by 10^adj since (what roundingIncrement rounds, see there).
  const value = (neg, d, pt, kind, up = false, src = undefined, adj = 0) =>
    ({ neg, d, pt: d === '' ? 0 : pt, kind, up, src, adj });

  // s: unsigned [digits][.digits][e[+-]digits], as String(number) prints.
  function parseDigits(s, neg) {
    let d = '';
    let pt = 0;
    let point = false;
    let i = 0;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '.') point = true;
      else if (c === 'e' || c === 'E') break;
      else if (c === '0' && d === '') pt -= point ? 1 : 0;
      else {
        d += c;
        if (!point) pt++;
      }
    }
    if (i < s.length) pt += NumberCtor(tail(s, i + 1));
    let end = d.length;
    while (end > 0 && d[end - 1] === '0') end--;
    return value(neg, end === d.length ? d : head(d, end), pt, 0);
  }

  function head(s, n) {
    let out = '';
    for (let i = 0; i < n; i++) out += s[i];
    return out;
  }
  function tail(s, from) {
    let out = '';
    for (let i = from; i < s.length; i++) out += s[i];
    return out;
  }
  function zeros(n) {
    let out = '';
    for (let i = 0; i < n; i++) out += '0';
    return out;
  }

  const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f' ||
    c === '\u00a0' || c === '\ufeff' || c === '\u2028' || c === '\u2029' || c === '\u1680' || c === '\u3000' ||
    (c >= '\u2000' && c <= '\u200a') || c === '\u202f' || c === '\u205f';
  const isDigit = (c) => c >= '0' && c <= '9';

  // A numeric string as an exact decimal (Intl.NumberFormat v3), else as Number() reads it.
  function fromString(x) {
    let a = 0;
    let b = x.length;
    while (a < b && isSpace(x[a])) a++;
    while (b > a && isSpace(x[b - 1])) b--;
    let i = a;
    const neg = x[i] === '-';
    if (x[i] === '-' || x[i] === '+') i++;
    const start = i;
    let digits = 0;
    while (i < b && isDigit(x[i])) { i++; digits++; }
    if (i < b && x[i] === '.') for (i++; i < b && isDigit(x[i]); i++) digits++;
    if (digits > 0 && i < b && (x[i] === 'e' || x[i] === 'E')) {
      let j = i + 1;
      if (x[j] === '+' || x[j] === '-') j++;
      const k = j;
      while (j < b && isDigit(x[j])) j++;
      if (j > k) i = j;
    }
    // V8 reads the string as a Number first, and keeps that when it is 0 or infinite.
    const n = NumberCtor(x);
    if (digits > 0 && i === b && n !== 0 && n !== Infinity && n !== -Infinity) {
      let body = '';
      for (let j = start; j < b; j++) body += x[j];
      return parseDigits(body, neg);
    }
    return toValue(n);
  }

  // ECMA-402's ToIntlMathematicalValue.
  function toValue(x) {
    if (typeof x === 'number') {
      if (x !== x) return value(false, '', 0, 2);
      const neg = x < 0 || (x === 0 && 1 / x < 0);
      if (x === Infinity || x === -Infinity) return value(neg, '', 0, 1);
      const v = parseDigits(StringCtor(neg ? -x : x), neg);
      v.src = neg ? -x : x;
      if (v.d.length >= 15 && isNines(v.d, 15) && icuRoundsUp(v.src)) v.up = true;
      return v;
    }
    if (typeof x === 'bigint') {
      const s = StringCtor(x);
      return s[0] === '-' ? parseDigits(tail(s, 1), true) : parseDigits(s, false);
    }
    if (typeof x === 'string') return fromString(x);
    if (typeof x === 'symbol') throw new TypeErrorCtor('Cannot convert a Symbol value to a number');
    return toValue(NumberCtor(x));
  }

  const magnitude = (v) => (v.d === '' ? 0 : v.up ? v.pt : v.pt - 1);
  const scaled = (v, by) => value(v.neg, v.d, v.pt + by, v.kind, v.up, v.src, v.adj + by);

  function isNines(d, n) {
    for (let i = 0; i < n; i++) if (d[i] !== '9') return false;
    return true;
  }

  // ICU reads a double first as round(x * 10^f) (DecimalQuantity::_setToDoubleFast,
  // f about 15 digits below x's binary exponent): [that integer, f], or null when
  // it reads x exactly (an integer below 2^53, a subnormal). Its magnitude serves
  // significant digits and scaling; its digits, roundingIncrement's division.
  function icuApprox(x) {
    let exponent = MathFloor(MathLog2(x));
    if (2 ** exponent > x) exponent--;
    else if (2 ** (exponent + 1) <= x) exponent++;
    if (exponent <= -1023 || exponent >= 1024 || (exponent <= 52 && MathFloor(x) === x)) return null;
    const f = MathTrunc((52 - exponent) / 3.32192809488736234787031942948939017586);
    let n = x;
    let i = f;
    if (i >= 0) {
      for (; i >= 22; i -= 22) n *= 1e22;
      n *= NumberCtor('1e' + i);
    } else {
      for (; i <= -22; i += 22) n /= 1e22;
      n /= NumberCtor('1e' + -i);
    }
    return [MathFloor(n + 0.5), f];
  }

  // Whether ICU's approximate reading of x has the next magnitude (the shortest
  // decimal then starts with 15 nines, and the rounding to ~16 digits carried).
  function icuRoundsUp(x) {
    const a = icuApprox(x);
    if (a === null) return false;
    const r = StringCtor(a[0]);
    return r[0] === '1' && parseDigits(r, false).d === '1';
  }

  // Whether to round away from zero, from the first dropped digit, whether any
  // later one is nonzero, and whether the last kept digit is odd.
  function roundsUp(mode, neg, first, rest, odd) {
    const nonzero = first > 0 || rest;
    switch (mode) {
      case 'ceil': return nonzero && !neg;
      case 'floor': return nonzero && neg;
      case 'expand': return nonzero;
      case 'trunc': return false;
      default: break;
    }
    if (first !== 5) return first > 5;
    if (rest) return true;
    return mode === 'halfExpand' || (mode === 'halfCeil' && !neg) || (mode === 'halfFloor' && neg) ||
      (mode === 'halfEven' && odd);
  }

  // v rounded to a multiple of 10^m.
  function roundAt(v, m, mode) {
    const d = v.d;
    const n = v.pt - m; // digits kept
    if (n >= d.length) return v.up ? value(v.neg, d, v.pt, 0) : v;
    const first = n >= 0 ? +d[n] : 0;
    const rest = n < 0 || d.length > n + 1;
    const odd = n > 0 && (+d[n - 1] & 1) === 1;
    let kept = n > 0 ? head(d, n) : '';
    let pt = v.pt;
    if (roundsUp(mode, v.neg, first, rest, odd)) {
      let i = n - 1;
      while (i >= 0 && kept[i] === '9') i--;
      if (n <= 0) {
        kept = '1';
        pt = m + 1;
      } else if (i < 0) {
        kept = '1';
        pt++;
      } else {
        kept = head(kept, i) + '123456789'[+kept[i]];
      }
    }
    let end = kept.length;
    while (end > 0 && kept[end - 1] === '0') end--;
    return value(v.neg, end === kept.length ? kept : head(kept, end), pt, 0);
  }

  // v rounded to a multiple of k x 10^m (roundingIncrement k), with BigInts. ICU
  // divides its approximate reading of a double by k (DecimalQuantity::
  // roundToIncrement), whose last digits can differ from the shortest decimal's
  // above 2^53, except for k = 5, rounded as other digits are.
  function roundIncrement(v, m, k, mode) {
    if (v.d === '') return v;
    const approx = k !== 5 && v.src !== undefined ? icuApprox(v.src) : null;
    if (approx !== null) v = parseDigits(StringCtor(BigIntCtor(approx[0])) + 'e' + (v.adj - approx[1]), v.neg);
    const e0 = v.pt - v.d.length;
    let num = BigIntCtor(v.d);
    let den = BigIntCtor(k);
    if (e0 >= m) num *= BigIntCtor(10) ** BigIntCtor(e0 - m);
    else den *= BigIntCtor(10) ** BigIntCtor(m - e0);
    let q = num / den;
    const twice = (num % den) * BigIntCtor(2);
    const first = twice > den ? 6 : twice === den ? 5 : twice > BigIntCtor(0) ? 1 : 0;
    if (roundsUp(mode, v.neg, first, false, (q & BigIntCtor(1)) === BigIntCtor(1))) q += BigIntCtor(1);
    return parseDigits(StringCtor(q * BigIntCtor(k)) + 'e' + m, v.neg);
  }

  // ICU's Precision::apply: [rounded value, minimum fraction digits shown].
  function applyPrecision(st, v) {
    const mode = st.roundingMode;
    const type = st.roundingType;
    if (type === 'fractionDigits') {
      const m = -st.maximumFractionDigits;
      const r = st.roundingIncrement === 1 ? roundAt(v, m, mode) : roundIncrement(v, m, st.roundingIncrement, mode);
      return [r, st.minimumFractionDigits];
    }
    if (type === 'significantDigits') {
      const r = roundAt(v, magnitude(v) - st.maximumSignificantDigits + 1, mode);
      const shown = magnitude(r) - st.minimumSignificantDigits + 1;
      return [r, shown < 0 ? -shown : 0];
    }
    const more = type === 'morePrecision';
    const rm1 = -st.maximumFractionDigits;
    let rm2 = magnitude(v) - st.maximumSignificantDigits + 1;
    let r = v;
    if (v.d !== '') {
      r = roundAt(v, more ? (rm1 < rm2 ? rm1 : rm2) : (rm1 > rm2 ? rm1 : rm2), mode);
      if (r.d !== '' && magnitude(r) !== magnitude(v) && rm1 === rm2) rm2++;
    }
    const dm1 = st.minimumFractionDigits === 0 ? Infinity : -st.minimumFractionDigits;
    const dm2 = magnitude(r) - st.minimumSignificantDigits + 1;
    const dm = more === (rm2 <= rm1) ? dm2 : dm1;
    return [r, dm < 0 ? -dm : 0];
  }

  // ICU's chooseMultiplierAndApply: scales by 10^-scale(magnitude), rounds, and
  // rescales when rounding carried into a magnitude with another scale.
  function scaleAndRound(st, v, scale) {
    if (v.d === '') return [applyPrecision(st, v), 0];
    const mag = magnitude(v);
    let shift = scale(mag);
    let r = applyPrecision(st, scaled(v, -shift));
    if (r[0].d !== '' && magnitude(r[0]) !== mag - shift) {
      const again = scale(mag + 1);
      if (again !== shift) {
        r = applyPrecision(st, scaled(r[0], shift - again));
        shift = again;
      }
    }
    return [r, shift];
  }

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

  module.exports = freeze({ formatParts, formatString });
})
