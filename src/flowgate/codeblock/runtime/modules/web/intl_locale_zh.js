// zh-CN for web/intl_format's Intl.DateTimeFormat and Date#toLocale*String, as Node 20
// prints it: loaded only when a zh locale is asked for. Locale tags zh, zh-CN, zh-Hans
// and zh-Hans-CN resolve here (each reported as given, as Node does); zh-TW, zh-HK,
// zh-Hant, zh-SG and tags with extensions differ in Node (traditional characters, h12,
// other patterns) and still fall back to en-US as any unknown locale.
// Patterns: ICU's DateTimePatternGenerator has many quirks for zh ("2024年 (日: 5日)",
// fields dropped or widened), so they are not rebuilt from rules but read from
// web/intl_zh_patterns, tables generated from Node: one pattern per combination of the
// date fields, one per combination of the time fields (and zone name) and hour cycle,
// one per dateStyle x timeStyle. A date and a time pattern are joined by a space, except
// a weekday alone with hour (h12), hour+minute or hour+minute+second, which ICU matches
// as one skeleton ("周五14:05") (checked against Node for every date x time x cycle
// combination). Hour cycles: h23 by default, hour12: true gives h11.
// Zone names: the short style is ICU's GMT format ("GMT+8"; UTC zones "UTC"); long and
// generic names are CLDR's zh names of the metazones in metazone() (China, Hong Kong,
// Taiwan, Japan, Korea, US/Canada, Europe, India, UTC, ...), found by the host's English
// name; a generic name is the standard one away from daylight time, as ICU decides;
// location names ("纽约时间") for the zones in place(). Elsewhere the GMT offset prints,
// where Node prints its zh metazone or location name (a difference).
// Not offered: the dayPeriod option (Node: ICU's flexible 凌晨/早上/中午/...; here it
// prints nothing alone, and 上午/下午 with hour12), partial-location generic names
// (西欧时间（里斯本）).
(function (module, exports, require, host) {
  'use strict';
  const StringCtor = String;
  const MathFloor = Math.floor;
  const MathAbs = Math.abs;
  const parseIntFn = parseInt;
  const { freeze } = Object;
  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const split = uncurryThis(String.prototype.split);
  const slice = uncurryThis(String.prototype.slice);
  const replace = uncurryThis(String.prototype.replace);
  const { spanAt } = require('web/intl').zones;

  const DIGITS = '〇一二三四五六七八九十';
  const WEEKDAYS = '日一二三四五六';
  const TYPES = { w: 'weekday', G: 'era', y: 'year', M: 'month', d: 'day', a: 'dayPeriod', h: 'hour',
    m: 'minute', s: 'second', f: 'fractionalSecond', z: 'timeZoneName' };
  const WIDTHS = { n: 'numeric', 2: '2-digit', N: 'narrow', s: 'short', l: 'long', o: 'shortOffset',
    O: 'longOffset', g: 'shortGeneric', G: 'longGeneric' };
  // An option's value -> its place in the tables' orders (an absent option, undefined,
  // is the key 'undefined').
  const W = { undefined: 0, narrow: 1, short: 2, long: 3 };
  const NUM = { undefined: 0, numeric: 1, '2-digit': 2 };
  const MONTH = { undefined: 0, numeric: 1, '2-digit': 2, narrow: 3, short: 4, long: 5 };
  const ZONE = { undefined: 0, short: 1, long: 2, shortOffset: 3, longOffset: 4, shortGeneric: 5, longGeneric: 6 };
  const STYLES = { undefined: 0, full: 1, long: 2, medium: 3, short: 4 };
  const CYCLES = { h11: 0, h12: 1, h23: 2, h24: 3 };

  let tables; // web/intl_zh_patterns with its pattern list split, on first use
  function table(name, i) {
    if (tables === undefined) {
      const t = require('web/intl_zh_patterns');
      tables = { date: t.date, h12: t.h12, h23: t.h23, h24: t.h24, styles: t.styles, list: split(t.patterns, '|') };
    }
    return tables.list[parseIntFn(slice(tables[name], 2 * i, 2 * i + 2), 36)];
  }

  function decode(text) {
    // -> [type, option] fields and literal strings, as web/intl_format's patterns
    const out = [];
    let lit = '';
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '%') {
        lit += text[i];
        continue;
      }
      if (lit) out[out.length] = lit;
      lit = '';
      const type = TYPES[text[i + 1]];
      const w = text[i + 2];
      out[out.length] = [type, type === 'fractionalSecond' ? +w : WIDTHS[w]];
      i += 2;
    }
    if (lit) out[out.length] = lit;
    return out;
  }

  const h12Class = (cycle) => cycle === 'h11' || cycle === 'h12';
  const ZONE_CODE = { short: 's', long: 'l', shortOffset: 'o', longOffset: 'O', shortGeneric: 'g', longGeneric: 'G' };

  // c: the requested components (web/intl_format's resolveOptions, defaults added)
  function componentsPattern(c, cycle) {
    const di = (((W[c.era] * 4 + W[c.weekday]) * 3 + NUM[c.year]) * 6 + MONTH[c.month]) * 3 + NUM[c.day];
    const frac = c.fractionalSecondDigits === undefined ? 0 : c.fractionalSecondDigits;
    const ti = (((ZONE[c.timeZoneName] * 3 + NUM[c.hour]) * 3 + NUM[c.minute]) * 3 + NUM[c.second]) * 4 + frac;
    const date = di ? table('date', di) : '';
    let time = '';
    if (c.hour !== undefined || c.minute !== undefined || c.second !== undefined || frac) {
      time = table(h12Class(cycle) ? 'h12' : cycle === 'h24' ? 'h24' : 'h23', ti);
    } else if (c.timeZoneName !== undefined) {
      time = '%z' + ZONE_CODE[c.timeZoneName];
    }
    if (!date || !time) return decode(date || time);
    const weekdayOnly = c.weekday !== undefined && c.era === undefined && c.year === undefined &&
      c.month === undefined && c.day === undefined;
    if (weekdayOnly && !frac && c.timeZoneName === undefined && c.hour !== undefined &&
      (c.minute !== undefined || (c.second === undefined && h12Class(cycle)))) {
      return decode(date + (h12Class(cycle) ? time : replace(time, '%hn', '%h2')));
    }
    return decode(date + ' ' + time);
  }

  function stylePattern(dateStyle, timeStyle, cycle) {
    const i = (STYLES[dateStyle] * 5 + STYLES[timeStyle]) * 4 + (cycle === null ? 2 : CYCLES[cycle]);
    return decode(table('styles', i));
  }

  // ---------------------------------------------------------------- zone names
  // CLDR zh names, by the English long name the host gives (span[2]) ->
  // [zh long, zh generic (null: the long name; '': the place, else the GMT offset),
  // daylight time?].
  let metazones;
  function metazone(en) {
    if (metazones === undefined) {
      const z = { __proto__: null };
      const add = (std, dst, zh, generic) => {
        z[std] = [zh + '标准时间', generic, false];
        if (dst) z[dst] = [zh + '夏令时间', generic, true];
      };
      const us = (en2, zh) => add(en2 + ' Standard Time', en2 + ' Daylight Time', zh, zh + '时间');
      const eu = (en2, zh) => add(en2 + ' Standard Time', en2 + ' Summer Time', zh, zh + '时间');
      us('China', '中国');
      us('Japan', '日本');
      us('Korean', '韩国');
      us('Eastern', '北美东部');
      us('Central', '北美中部');
      us('Mountain', '北美山区');
      us('Pacific', '北美太平洋');
      us('Alaska', '阿拉斯加');
      us('Hawaii-Aleutian', '夏威夷-阿留申');
      us('Newfoundland', '纽芬兰');
      us('Australian Eastern', '澳大利亚东部');
      eu('Central European', '中欧');
      eu('Western European', '西欧');
      eu('Eastern European', '东欧');
      us('Taiwan', '台北');
      eu('Hong Kong', '香港');
      eu('Moscow', '莫斯科');
      eu('Brasilia', '巴西利亚');
      add('Singapore Standard Time', '', '新加坡', null);
      add('Gulf Standard Time', '', '海湾', null);
      add('Philippine Standard Time', '', '菲律宾', null);
      const plain = (en2, zh, generic, dst) => { z[en2] = [zh, generic, dst]; };
      plain('India Standard Time', '印度时间', null, false);
      plain('Nepal Time', '尼泊尔时间', null, false);
      plain('Western Indonesia Time', '印度尼西亚西部时间', null, false);
      plain('Indochina Time', '中南半岛时间', null, false);
      plain('Malaysia Time', '马来西亚时间', null, false);
      plain('Coordinated Universal Time', '协调世界时', '', false);
      plain('Greenwich Mean Time', '格林尼治标准时间', '', false);
      plain('British Summer Time', '英国夏令时间', '', true);
      plain('Irish Standard Time', '爱尔兰标准时间', '', true);
      metazones = z;
    }
    return metazones[en];
  }

  // ICU's location names ("<country or city>时间"), the short generic style and the long
  // one of zones whose metazone has no generic name; by the id Node reports (ICU's:
  // Asia/Calcutta, Asia/Katmandu, Asia/Saigon).
  let places;
  function place(id) {
    if (places === undefined) {
      places = { __proto__: null };
      const list = split('Asia/Shanghai 中国,Asia/Hong_Kong 中国香港特别行政区,Asia/Macau 中国澳门特别行政区,' +
        'Asia/Taipei 台湾,Asia/Tokyo 日本,Asia/Seoul 韩国,Asia/Singapore 新加坡,' +
        'Asia/Calcutta 印度,Asia/Katmandu 尼泊尔,Asia/Dubai 阿拉伯联合酋长国,Asia/Bangkok 泰国,' +
        'Asia/Saigon 越南,Asia/Manila 菲律宾,Asia/Kuala_Lumpur 马来西亚,Asia/Jakarta 雅加达,' +
        'Asia/Urumqi 乌鲁木齐,America/New_York 纽约,America/Chicago 芝加哥,America/Denver 丹佛,' +
        'America/Phoenix 凤凰城,America/Los_Angeles 洛杉矶,America/Anchorage 安克雷奇,' +
        'America/Adak 埃达克,Pacific/Honolulu 檀香山,America/St_Johns 圣约翰斯,America/Toronto 多伦多,' +
        'America/Vancouver 温哥华,America/Sao_Paulo 圣保罗,Europe/London 英国,Europe/Dublin 爱尔兰,' +
        'Europe/Lisbon 葡萄牙,Europe/Berlin 德国,Europe/Paris 法国,Europe/Rome 意大利,' +
        'Europe/Madrid 西班牙,Europe/Amsterdam 荷兰,Europe/Athens 希腊,Europe/Moscow 莫斯科,' +
        'Australia/Sydney 悉尼,Australia/Brisbane 布里斯班,Africa/Casablanca 摩洛哥', ',');
      for (let i = 0; i < list.length; i++) {
        const pair = split(list[i], ' ');
        places[pair[0]] = pair[1] + '时间';
      }
    }
    return places[id];
  }

  function pad2(n) {
    return n < 10 ? '0' + n : StringCtor(n);
  }

  function gmt(offsetS, long) {
    const sign = offsetS < 0 ? '-' : '+';
    const a = MathAbs(offsetS);
    const h = MathFloor(a / 3600);
    const m = MathFloor((a % 3600) / 60);
    const s = a % 60 ? ':' + pad2(a % 60) : ''; // local mean time, before 1900
    if (long) return `GMT${sign}${pad2(h)}:${pad2(m)}${s}`;
    return `GMT${sign}${h}${m || s ? ':' + pad2(m) : ''}${s}`;
  }

  const HALF_YEAR = 184 * 86400000;

  // ICU (TimeZoneGenericNames) prints a metazone's generic name in daylight time and in
  // standard time next to it (the change before or after, within 184 days, is from or to
  // daylight time); elsewhere the standard name, as for Asia/Shanghai since 1992.
  function genericName(names, st, f) {
    if (names[1] === null) return names[0];
    if (names[2] || dstNear(st.key, f, -1) || dstNear(st.key, f, 1)) return names[1];
    return names[0];
  }

  // web/intl's spans are windows (a change is at most at their ends): walk them to the
  // change before (dir -1) or after (1) f.t, if within 184 days.
  function dstNear(key, f, dir) {
    const cur = f.span;
    let s = cur;
    for (let i = 0; i < 16; i++) {
      const edge = dir < 0 ? s[3] : s[4];
      if (edge === null || (dir < 0 ? f.t - edge : edge - f.t) >= HALF_YEAR) return false;
      s = spanAt(key, dir < 0 ? edge - 1 : edge);
      if (s[0] !== cur[0] || s[1] !== cur[1] || s[2] !== cur[2]) return isDst(s, cur);
    }
    return false;
  }

  // Daylight time by its English name; the host names no daylight time of some zones
  // (Taiwan's until 1979): an hour ahead of standard time counts as one.
  function isDst(span, standard) {
    if (span[2] === null) return span[0] - standard[0] === 3600;
    const names = metazone(span[2]);
    return names !== undefined && names[2];
  }

  function zoneName(style, f, st) {
    const off = f.span[0];
    const en = f.span[2];
    if (style === 'short') return f.span[1] === 'UTC' ? 'UTC' : gmt(off, false);
    if (style === 'shortOffset') return gmt(off, false);
    if (style === 'longOffset') return gmt(off, true);
    const id = st.resolved.timeZone;
    if (style === 'shortGeneric') {
      const p = place(id);
      return p !== undefined ? p : gmt(off, false);
    }
    const names = en === null ? undefined : metazone(en);
    if (style === 'long') return names !== undefined ? names[0] : gmt(off, true);
    if (names !== undefined && names[1] !== '') return genericName(names, st, f);
    const p = place(id);
    return p !== undefined ? p : gmt(off, true);
  }

  // ---------------------------------------------------------------- field values
  function monthName(m) {
    return (m < 10 ? DIGITS[m + 1] : '十' + DIGITS[m - 9]) + '月';
  }

  function hourValue(h, opt, cycle) {
    if (cycle === 'h12') h = h % 12 || 12;
    else if (cycle === 'h11') h %= 12;
    else if (cycle === 'h24') h = h || 24;
    return opt === '2-digit' ? pad2(h) : StringCtor(h);
  }

  // f: web/intl_format's fields (local wall time and the zone's span)
  function fieldValue(type, opt, f, st) {
    switch (type) {
      case 'weekday':
        return opt === 'narrow' ? WEEKDAYS[f.wd] : (opt === 'short' ? '周' : '星期') + WEEKDAYS[f.wd];
      case 'era': return f.y > 0 ? '公元' : '公元前';
      case 'year': {
        const y = f.y > 0 ? f.y : 1 - f.y;
        return opt === '2-digit' ? pad2(y % 100) : StringCtor(y);
      }
      case 'month':
        if (opt === '2-digit') return pad2(f.mo + 1);
        if (opt === 'short') return f.mo + 1 + '月';
        return opt === 'long' ? monthName(f.mo) : StringCtor(f.mo + 1);
      case 'day': return opt === '2-digit' ? pad2(f.d) : StringCtor(f.d);
      case 'hour': return hourValue(f.h, opt, st.cycle);
      case 'minute': return opt === '2-digit' ? pad2(f.mi) : StringCtor(f.mi);
      case 'second': return opt === '2-digit' ? pad2(f.s) : StringCtor(f.s);
      case 'fractionalSecond': return StringCtor(f.ms + 1000).slice(1, 1 + opt);
      case 'dayPeriod': return f.h < 12 ? '上午' : '下午';
      default: return zoneName(opt, f, st);
    }
  }

  module.exports = freeze({
    componentsPattern, stylePattern, fieldValue,
    cycles: freeze({ default: 'h23', hour12: 'h11', hour24: 'h23' }),
  });
})
