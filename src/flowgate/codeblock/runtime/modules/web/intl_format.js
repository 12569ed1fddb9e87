// Intl.DateTimeFormat for the global `Intl` (see web/intl, which loads this on
// the first read of `Intl`): the subset of ECMA-402 that date code uses.
// Offered: Intl.DateTimeFormat (callable with or without `new`)
// with format (a bound getter), formatToParts, resolvedOptions,
// supportedLocalesOf; Intl.getCanonicalLocales. Formatting is ICU's as in Node 20 for
// en-US (here) and zh-CN (web/intl_locale_zh: its patterns, names and hour cycles; tags
// and their resolution in web/intl_locales); other locales print en-US. Gregorian
// calendar, latn digits; options weekday, era, year, month, day, hour, minute, second,
// fractionalSecondDigits, hour12, hourCycle, timeZone, timeZoneName (short, long,
// shortOffset, longOffset; in en-US the generic styles print as short/long), dateStyle,
// timeStyle. Zones and offsets come from web/intl's per-execution caches.
// Also exported: toLocaleString/DateString/TimeString(date, locales, options),
// Node's Date.prototype methods of those names.
// See docs/libraries/dayjs.md.
(function (module, exports, require, host) {
  'use strict';
  const { resolveZone, spanAt } = require('web/intl').zones;
  const { canonicalLocales, resolveLocale } = require('web/intl_locales');
  const DateCtor = Date;
  const DateNow = Date.now;
  const getTime = Date.prototype.getTime;
  const ObjectCtor = Object;
  const { defineProperty, freeze } = Object;
  const StringCtor = String;
  const NumberCtor = Number;
  const MathFloor = Math.floor;
  const MathAbs = Math.abs;
  const MathTrunc = Math.trunc;
  const WeakMapCtor = WeakMap;


  // ICU 72+ puts U+202F before AM/PM; Node 20's format() (not formatToParts) prints a space.
  const NNBSP = '\u202f';
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
  const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const ERAS = { narrow: ['B', 'A'], short: ['BC', 'AD'], long: ['Before Christ', 'Anno Domini'] };
  const TEXT = ['narrow', 'short', 'long'];
  const NUM = ['2-digit', 'numeric'];
  const ENUMS = {
    localeMatcher: ['lookup', 'best fit'], formatMatcher: ['basic', 'best fit'],
    hourCycle: ['h11', 'h12', 'h23', 'h24'], weekday: TEXT, era: TEXT, year: NUM,
    month: ['2-digit', 'numeric', 'narrow', 'short', 'long'], day: NUM, dayPeriod: TEXT, hour: NUM,
    minute: NUM, second: NUM,
    timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'],
    dateStyle: ['full', 'long', 'medium', 'short'], timeStyle: ['full', 'long', 'medium', 'short'],
  };
  const EN_CYCLES = { default: 'h12', hour12: 'h12', hour24: 'h24' };
  const COMPONENTS = ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second',
    'fractionalSecondDigits', 'timeZoneName'];

  function pad2(n) {
    return n < 10 ? '0' + n : StringCtor(n);
  }

  function gmt(offsetS, long) {
    if (offsetS === 0) return long ? 'GMT+00:00' : 'GMT+0';
    const sign = offsetS < 0 ? '-' : '+';
    const a = MathAbs(offsetS);
    const h = MathFloor(a / 3600);
    const m = MathFloor((a % 3600) / 60);
    const s = a % 60;
    if (long) return `GMT${sign}${pad2(h)}:${pad2(m)}${s ? ':' + pad2(s) : ''}`;
    return `GMT${sign}${h}${m || s ? ':' + pad2(m) : ''}${s ? ':' + pad2(s) : ''}`;
  }

  function zoneName(style, span, id) {
    switch (style) {
      case 'short': case 'shortGeneric':
        return span[1] !== null ? span[1] : gmt(span[0], false);
      case 'long': case 'longGeneric':
        return span[2] !== null ? span[2] : gmt(span[0], true);
      case 'shortOffset': return gmt(span[0], false);
      default: return gmt(span[0], true);
    }
  }

  // ---------------------------------------------------------------- options

  function getOption(opts, name) {
    const v = opts[name];
    if (v === undefined) return undefined;
    if (name === 'hour12') return !!v;
    if (name === 'fractionalSecondDigits') {
      const n = NumberCtor(v);
      if (!(n >= 1 && n <= 3)) throw new RangeError('fractionalSecondDigits value is out of range.');
      return MathFloor(n);
    }
    const s = StringCtor(v);
    const allowed = ENUMS[name];
    if (allowed !== undefined && !allowed.includes(s)) {
      throw new RangeError(`Value ${s} out of range for Intl.DateTimeFormat options property ${name}`);
    }
    return s;
  }

  // required: 'date' | 'time' | 'any'; defaults: the same (ECMA-402 ToDateTimeOptions).
  function resolveOptions(locales, options, required, defaults) {
    const [locale, data] = resolveLocale(locales);
    if (options === null) throw new TypeError('Cannot convert undefined or null to object');
    const opts = options === undefined ? {} : ObjectCtor(options);
    const r = { locale, calendar: 'gregory', numberingSystem: 'latn' };
    getOption(opts, 'localeMatcher');
    const hour12 = getOption(opts, 'hour12');
    const hourCycle = getOption(opts, 'hourCycle');
    const tz = opts.timeZone;
    const [id, key] = resolveZone(tz === undefined ? null : StringCtor(tz)); // null: the host's
    r.timeZone = id;
    const c = {};
    for (const name of COMPONENTS) {
      const v = getOption(opts, name);
      if (v !== undefined) c[name] = v;
    }
    getOption(opts, 'formatMatcher');
    const dateStyle = getOption(opts, 'dateStyle');
    const timeStyle = getOption(opts, 'timeStyle');
    if (dateStyle !== undefined || timeStyle !== undefined) {
      for (const name of COMPONENTS) {
        if (c[name] !== undefined) {
          throw new TypeError(`Can't set option ${name} when ${dateStyle !== undefined ? 'dateStyle' : 'timeStyle'} is used`);
        }
      }
      if (required === 'date' && timeStyle !== undefined) throw new TypeError('Invalid option : timeStyle');
      if (required === 'time' && dateStyle !== undefined) throw new TypeError('Invalid option : dateStyle');
    } else {
      const hasDate = c.weekday !== undefined || c.year !== undefined || c.month !== undefined || c.day !== undefined;
      const hasTime = c.dayPeriod !== undefined || c.hour !== undefined || c.minute !== undefined ||
        c.second !== undefined || c.fractionalSecondDigits !== undefined;
      const need = !(required === 'date' ? hasDate : required === 'time' ? hasTime : hasDate || hasTime);
      if (need && (defaults === 'date' || defaults === 'all')) c.year = c.month = c.day = 'numeric';
      if (need && (defaults === 'time' || defaults === 'all')) c.hour = c.minute = c.second = 'numeric';
    }
    const hasHour = c.hour !== undefined || timeStyle !== undefined;
    let cycle = null;
    if (hasHour) {
      const cycles = data !== null ? data.cycles : EN_CYCLES;
      cycle = hour12 === true ? cycles.hour12 : hour12 === false ? cycles.hour24 : hourCycle !== undefined ? hourCycle
        : cycles.default;
      r.hourCycle = cycle;
      r.hour12 = cycle === 'h11' || cycle === 'h12';
    }
    const st = { resolved: r, key, c, dateStyle, timeStyle, cycle, data };
    if (data !== null) return localePattern(st);
    for (const name of COMPONENTS) {
      if (c[name] === undefined) continue;
      let v = c[name];
      if (name === 'hour' && (cycle === 'h23' || cycle === 'h24')) v = '2-digit';
      if ((name === 'minute' && c.hour !== undefined) || (name === 'second' && c.minute !== undefined)) v = '2-digit';
      r[name] = v;
    }
    if (dateStyle !== undefined) r.dateStyle = dateStyle;
    if (timeStyle !== undefined) r.timeStyle = timeStyle;
    return st;
  }

  // The pattern of a locale module (its data decides the fields' widths), and the
  // resolved options read off it as V8 does.
  function localePattern(st) {
    const { resolved: r, c, dateStyle, timeStyle, cycle, data } = st;
    if (dateStyle !== undefined || timeStyle !== undefined) {
      st.pattern = data.stylePattern(dateStyle, timeStyle, cycle);
      if (dateStyle !== undefined) r.dateStyle = dateStyle;
      if (timeStyle !== undefined) r.timeStyle = timeStyle;
      return st;
    }
    const pattern = st.pattern = data.componentsPattern(c, cycle);
    const found = {};
    for (let i = 0; i < pattern.length; i++) if (typeof pattern[i] !== 'string') found[pattern[i][0]] = pattern[i][1];
    for (const name of COMPONENTS) {
      const v = found[name === 'fractionalSecondDigits' ? 'fractionalSecond' : name];
      if (v !== undefined && name !== 'dayPeriod') r[name] = v;
    }
    return st;
  }

  // ---------------------------------------------------------------- formatting
  const scratch = new DateCtor(0);
  const YEARS_400 = 146097 * 86400000;

  function toTime(date) {
    const t = date === undefined ? DateNow() : date instanceof DateCtor ? getTime.call(date) : NumberCtor(date);
    if (!(t >= -8.64e15 && t <= 8.64e15)) throw new RangeError('Invalid time value');
    return MathTrunc(t) + 0;
  }

  function datePattern(c, style) {
    // -> list of [type, option] and literals (strings), ICU's en-US patterns
    if (style === 'full') return [['weekday', 'long'], ', ', ['month', 'long'], ' ', ['day', 'numeric'], ', ', ['year', 'numeric']];
    if (style === 'long') return [['month', 'long'], ' ', ['day', 'numeric'], ', ', ['year', 'numeric']];
    if (style === 'medium') return [['month', 'short'], ' ', ['day', 'numeric'], ', ', ['year', 'numeric']];
    if (style === 'short') return [['month', 'numeric'], '/', ['day', 'numeric'], '/', ['year', '2-digit']];
    const out = [];
    const Y = c.year !== undefined ? ['year', c.year] : null;
    const M = c.month !== undefined ? ['month', c.month] : null;
    const D = c.day !== undefined ? ['day', c.day] : null;
    const text = M !== null && !NUM.includes(c.month);
    if (c.weekday !== undefined) {
      out.push(['weekday', c.weekday]);
      if (Y || M || D) out.push(', ');
    }
    if (text) {
      out.push(M);
      if (D) out.push(' ', D);
      if (Y) out.push(D ? ', ' : ' ', Y);
    } else {
      const parts = [M, D, Y].filter((p) => p !== null);
      for (let i = 0; i < parts.length; i++) {
        if (i) out.push('/');
        out.push(parts[i]);
      }
    }
    if (c.era !== undefined) out.push(' ', ['era', c.era]);
    return out;
  }

  function timePattern(c, style, cycle) {
    if (style !== undefined) {
      const out = [['hour', 'numeric'], ':', ['minute', '2-digit']];
      if (style !== 'short') out.push(':', ['second', '2-digit']);
      if (cycle === 'h11' || cycle === 'h12') out.push(NNBSP, ['dayPeriod', 'short']);
      if (style === 'full') out.push(' ', ['timeZoneName', 'long']);
      if (style === 'long') out.push(' ', ['timeZoneName', 'short']);
      return out;
    }
    const out = [];
    const parts = [];
    if (c.hour !== undefined) parts.push(['hour', c.hour]);
    if (c.minute !== undefined) parts.push(['minute', c.hour !== undefined ? '2-digit' : c.minute]);
    if (c.second !== undefined) parts.push(['second', c.minute !== undefined ? '2-digit' : c.second]);
    for (let i = 0; i < parts.length; i++) {
      if (i) out.push(':');
      out.push(parts[i]);
    }
    if (c.fractionalSecondDigits !== undefined) {
      if (parts.length) out.push('.');
      out.push(['fractionalSecond', c.fractionalSecondDigits]);
    }
    if (c.hour !== undefined && (cycle === 'h11' || cycle === 'h12')) out.push(NNBSP, ['dayPeriod', 'short']);
    return out;
  }

  function buildPattern(st) {
    const { c, dateStyle, timeStyle, cycle } = st;
    const date = dateStyle !== undefined || timeStyle !== undefined ? (dateStyle !== undefined ? datePattern(c, dateStyle) : [])
      : datePattern(c, undefined);
    const time = timePattern(c, timeStyle, cycle);
    let out;
    if (date.length && time.length) {
      const at = dateStyle === 'full' || dateStyle === 'long' || (dateStyle === undefined && c.month === 'long');
      out = [...date, at ? ' at ' : ', ', ...time];
    } else {
      out = date.length ? date : time;
    }
    if (c.timeZoneName !== undefined) out.push(time.length ? ' ' : ', ', ['timeZoneName', c.timeZoneName]);
    return out;
  }

  function fields(st, t) {
    const span = spanAt(st.key, t);
    // A wall time past Date's range (the first or last instant, in a zone off UTC) is read
    // 400 years nearer (the same calendar and weekdays).
    const wall = t + span[0] * 1000;
    const shift = wall < -8.64e15 ? 1 : wall > 8.64e15 ? -1 : 0;
    scratch.setTime(wall + shift * YEARS_400);
    return { t, span, y: scratch.getUTCFullYear() - shift * 400, mo: scratch.getUTCMonth(), d: scratch.getUTCDate(),
      wd: scratch.getUTCDay(), h: scratch.getUTCHours(), mi: scratch.getUTCMinutes(), s: scratch.getUTCSeconds(),
      ms: scratch.getUTCMilliseconds() };
  }

  function fieldValue(type, opt, f, st) {
    if (st.data !== null) return st.data.fieldValue(type, opt, f, st);
    switch (type) {
      case 'weekday': return opt === 'narrow' ? DAYS[f.wd][0] : opt === 'short' ? DAYS[f.wd].slice(0, 3) : DAYS[f.wd];
      case 'era': return ERAS[opt][f.y > 0 ? 1 : 0];
      case 'year': {
        const y = f.y > 0 ? f.y : 1 - f.y;
        return opt === '2-digit' ? pad2(y % 100) : StringCtor(y);
      }
      case 'month':
        if (opt === 'numeric') return StringCtor(f.mo + 1);
        if (opt === '2-digit') return pad2(f.mo + 1);
        return opt === 'long' ? MONTHS[f.mo] : opt === 'short' ? MONTHS[f.mo].slice(0, 3) : MONTHS[f.mo][0];
      case 'day': return opt === '2-digit' ? pad2(f.d) : StringCtor(f.d);
      case 'hour': {
        const cycle = st.cycle;
        let h = f.h;
        if (cycle === 'h12') h = h % 12 || 12;
        else if (cycle === 'h11') h %= 12;
        else if (cycle === 'h24') h = h || 24;
        return opt === '2-digit' || cycle === 'h23' || cycle === 'h24' ? pad2(h) : StringCtor(h);
      }
      case 'minute': return opt === '2-digit' ? pad2(f.mi) : StringCtor(f.mi);
      case 'second': return opt === '2-digit' ? pad2(f.s) : StringCtor(f.s);
      case 'fractionalSecond': return StringCtor(f.ms + 1000).slice(1, 1 + opt);
      case 'dayPeriod': return f.h < 12 ? 'AM' : 'PM';
      default: return zoneName(opt, f.span, st.resolved.timeZone);
    }
  }

  function formatParts(st, date) {
    const f = fields(st, toTime(date));
    if (st.pattern === undefined) st.pattern = buildPattern(st);
    const pattern = st.pattern;
    const parts = [];
    for (let i = 0; i < pattern.length; i++) { // (no iterator or push: user code may patch them)
      const p = pattern[i];
      parts[i] = typeof p === 'string' ? { type: 'literal', value: p } : { type: p[0], value: fieldValue(p[0], p[1], f, st) };
    }
    return parts;
  }

  function formatString(st, date) {
    const parts = formatParts(st, date);
    let s = '';
    for (let i = 0; i < parts.length; i++) s += parts[i].value === NNBSP ? ' ' : parts[i].value;
    return s;
  }

  // ---------------------------------------------------------------- the classes
  const states = new WeakMapCtor();

  function state(self, method) {
    const st = typeof self === 'object' && self !== null ? states.get(self) : undefined;
    if (st === undefined) {
      throw new TypeError(`Method ${method} called on incompatible receiver ${typeof self === 'object' && self !== null ? '#<' + (self.constructor?.name ?? 'Object') + '>' : StringCtor(self)}`);
    }
    return st;
  }

  function DateTimeFormat(locales, options) {
    if (new.target === undefined) return new DateTimeFormat(locales, options);
    states.set(this, resolveOptions(locales, options, 'any', 'date'));
  }
  defineProperty(DateTimeFormat, 'length', { value: 0 }); // as in V8
  const proto = DateTimeFormat.prototype;
  defineProperty(proto, 'format', {
    configurable: true,
    get() {
      const st = state(this, 'get Intl.DateTimeFormat.prototype.format');
      if (st.bound === undefined) {
        st.bound = function (date) { return formatString(st, date); };
        defineProperty(st.bound, 'name', { value: '' });
      }
      return st.bound;
    },
  });
  const methods = {
    formatToParts(date) { return formatParts(state(this, 'Intl.DateTimeFormat.prototype.formatToParts'), date); },
    resolvedOptions() {
      return { ...state(this, 'Intl.DateTimeFormat.prototype.resolvedOptions').resolved };
    },
  };
  for (const name of ['formatToParts', 'resolvedOptions']) {
    defineProperty(proto, name, { value: methods[name], writable: true, configurable: true });
  }
  defineProperty(proto, Symbol.toStringTag, { value: 'Intl.DateTimeFormat', configurable: true });
  defineProperty(DateTimeFormat, 'supportedLocalesOf', {
    value: function supportedLocalesOf(locales) { return canonicalLocales(locales); },
    writable: true, configurable: true,
  });

  const Intl = {};
  defineProperty(Intl, 'getCanonicalLocales', {
    value: function getCanonicalLocales(locales) { return canonicalLocales(locales); },
    writable: true, configurable: true,
  });
  defineProperty(Intl, 'DateTimeFormat', { value: DateTimeFormat, writable: true, configurable: true });
  defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });

  // Node's Date.prototype.toLocale{,Date,Time}String(locales, options) for a Date `d`.
  function localeString(d, locales, options, required, defaults) {
    const t = getTime.call(d);
    if (t !== t) return 'Invalid Date';
    return formatString(resolveOptions(locales, options, required, defaults), t);
  }
  const toLocaleString = (d, locales, options) => localeString(d, locales, options, 'any', 'all');
  const toLocaleDateString = (d, locales, options) => localeString(d, locales, options, 'date', 'date');
  const toLocaleTimeString = (d, locales, options) => localeString(d, locales, options, 'time', 'time');

  module.exports = freeze({ Intl, toLocaleString, toLocaleDateString, toLocaleTimeString });
})
