// Intl.NumberFormat#formatRange / formatRangeToParts for web/intl_number, as
// Node 20's ICU lays ranges out; `layers` is web/intl_number's, the parts of one
// number in ICU's layers. Loaded by the first range.
(function (module, exports, require, host) {
  'use strict';
  const { freeze } = Object;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;

  function text(list) {
    let out = '';
    for (let i = 0; i < list.length; i++) out += list[i][1];
    return out;
  }

  function append(out, list, source) {
    for (let i = 0; i < list.length; i++) out[out.length] = [list[i][0], list[i][1], source];
  }

  const RANGE = { __proto__: null, en: ['\u2013', '~'], zh: ['-', '~'], de: ['\u2013', '\u2248'] };

  function hasInner(core) {
    for (let i = 0; i < core.length; i++) {
      const t = core[i][0];
      if (t === 'exponentSeparator') return true;
    }
    return false;
  }

  // The pattern's affixes of one end, as ranges compare them.
  function midKey(L) {
    return (L.key !== undefined ? (L.parens ? '(' : L.midPre.length > 1 && L.midPre[0][0] !== 'currency' ?
      L.midPre[0][1] : '') + L.key : text(L.midPre)) + '\0' + text(L.midSuf);
  }

  // V8 reports the text between fields as one literal ("$1.00) – $5.00").
  function mergeLiterals(list) {
    const out = [];
    for (let i = 0; i < list.length; i++) {
      const last = out.length > 0 ? out[out.length - 1] : undefined;
      if (last !== undefined && last[0] === 'literal' && list[i][0] === 'literal') {
        out[out.length - 1] = ['literal', last[1] + list[i][1], last[2] === list[i][2] ? last[2] : 'shared'];
      } else out[out.length] = list[i];
    }
    return out;
  }

  // ICU's NumberRangeFormatter with collapse "auto" and identity fallback
  // "approximately": the outer names always shared (plural of the range: CLDR's
  // en and zh "other", de the end's), the pattern's affixes when equal and longer
  // than one character, spaces around the dash when anything else repeats; "~x"
  // when both ends print the same. Parts are [type, text, source].
  function rangeParts(layers, st, start, end) {
    if (start === undefined) throw new TypeErrorCtor('Invalid start : undefined');
    if (end === undefined) throw new TypeErrorCtor('Invalid end : undefined');
    let a = layers(st, start, undefined, true);
    let b = layers(st, end, undefined, true);
    if (a.v.kind === 2) throw new RangeErrorCtor('Invalid start : NaN');
    if (b.v.kind === 2) throw new RangeErrorCtor('Invalid end : NaN');
    const marks = RANGE[st.key];
    const out = [];
    const key = midKey(a);
    // ICU compares the values before and after rounding, signs included (so
    // 0 and -0 are alike only where no sign shows)
    if ((a.v.neg === b.v.neg || (st.signDisplay === 'never' && a.zero && b.zero)) &&
      text(a.midPre) + text(a.core) + text(a.midSuf) === text(b.midPre) + text(b.core) + text(b.midSuf)) {
      append(out, a.outerPre, 'shared');
      if (!a.parens) out[out.length] = ['approximatelySign', marks[1], 'shared']; // no room in "($1.00)"
      append(out, a.midPre, 'shared');
      append(out, a.core, 'shared');
      append(out, a.midSuf, 'shared');
      append(out, a.outerSuf, 'shared');
      return out;
    }
    if (a.outerPre.length + a.outerSuf.length > 0) {
      const form = st.key === 'de' && !a.one && b.one ? 0 : 1; // CLDR's de: other+one -> one
      a = layers(st, start, form, true);
      b = layers(st, end, form, true);
    }
    const keyLength = key.length - 1;
    const shared = key === midKey(b) && keyLength > 1;
    const spaced = hasInner(a.core) || (!shared && keyLength > 0);
    append(out, a.outerPre, 'shared');
    append(out, a.midPre, shared ? 'shared' : 'startRange');
    append(out, a.core, 'startRange');
    if (!shared) append(out, a.midSuf, 'startRange');
    out[out.length] = ['literal', spaced ? ' ' + marks[0] + ' ' : marks[0], 'shared'];
    if (!shared) append(out, b.midPre, 'endRange');
    append(out, b.core, 'endRange');
    append(out, b.midSuf, shared ? 'shared' : 'endRange');
    append(out, b.outerSuf, 'shared');
    const spacing = shared && a.key !== undefined && a.midPre[a.midPre.length - 1][0] === 'literal';
    return mergeLiterals(spacing ? shiftedSources(out) : out);
  }

  // With shared affixes, ICU inserts the currency spacing after it measured the
  // two ends, and V8 then takes each part's source from those spans, one
  // character early: a part not inside one end's (shifted) span is "shared".
  function shiftedSources(list) {
    const spans = { startRange: [Infinity, -1], endRange: [Infinity, -1] };
    let at = 0;
    for (let i = 0; i < list.length; i++) {
      const span = spans[list[i][2]];
      const end = at + list[i][1].length;
      if (span !== undefined) {
        if (at - 1 < span[0]) span[0] = at - 1;
        if (end - 1 > span[1]) span[1] = end - 1;
      }
      at = end;
    }
    at = 0;
    const out = [];
    for (let i = 0; i < list.length; i++) {
      const end = at + list[i][1].length;
      const s = spans.startRange;
      const e = spans.endRange;
      const source = at >= s[0] && end <= s[1] ? 'startRange' : at >= e[0] && end <= e[1] ? 'endRange' : 'shared';
      out[i] = [list[i][0], list[i][1], source];
      at = end;
    }
    return out;
  }

  module.exports = freeze({ rangeParts });
})
