// The numbers behind web/intl_number's Intl.NumberFormat: values as exact
// decimals (a double as the shortest decimal that reads back as it, as ICU
// rounds it, so 1.005 to 2 digits is 1.01; BigInts and numeric strings exactly)
// and ICU's rounding of them (Precision::apply, the scaling of the compact and
// scientific notations), including where ICU first reads a double approximately.
(function (module, exports, require, host) {
  'use strict';
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

  module.exports = freeze({ toValue, applyPrecision, scaleAndRound, magnitude, scaled, head, tail, zeros, isSpace });
})
