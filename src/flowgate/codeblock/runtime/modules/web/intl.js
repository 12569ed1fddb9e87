// Intl (the global) and the time zone data behind it, since QuickJS has no Intl.
// This module is the part dayjs's timezone plugin needs on every conversion:
// zones and their UTC offsets from the tz database through the host
// (bridge/intl.py, `intl.zone` / `intl.offset` / `intl.zone_at`), each answer
// valid for an interval that is cached here for the rest of the execution, and
// the plugin's two fast paths (tzLocaleString, tzOffset). Intl.DateTimeFormat
// and Node's Date#toLocale{,Date,Time}String live in web/intl_format, loaded on
// the first read of `Intl` (or of those exports): a script converting with dayjs
// never reads it, and loading it would cost ~3 times this module.
// See docs/libraries/dayjs.md.
(function (module, exports, require, host) {
  'use strict';
  const { call } = require('internal/bridge');
  const DateCtor = Date;
  const getTime = Date.prototype.getTime;
  const { defineProperty, freeze } = Object;
  const StringCtor = String;
  const MathFloor = Math.floor;
  const MathTrunc = Math.trunc;

  // ---------------------------------------------------------------- zones
  const zoneCache = { __proto__: null }; // name as given -> [id Node reports, tzdata key]
  const spanCache = { __proto__: null }; // tzdata key -> [[offset s, short, long, start ms, end ms]]

  let hostZone; // [id, key] of the host's zone (name null)
  function resolveZone(name) {
    if (name === null) return hostZone !== undefined ? hostZone : (hostZone = call('intl.zone', null));
    let hit = zoneCache[name];
    if (hit === undefined) {
      hit = call('intl.zone', name);
      zoneCache[name] = hit;
    }
    return hit;
  }

  // resolveZone(name) for a conversion at `ms`: a name not seen yet in this execution
  // costs one host call that also brings the intervals at and around `ms`.
  function resolveZoneAt(name, ms) {
    const hit = name === null ? hostZone : zoneCache[name];
    if (hit !== undefined) return hit;
    const [id, key, spans] = call('intl.zone_at', name, ms);
    const ids = [id, key];
    if (name === null) hostZone = ids;
    else zoneCache[name] = ids;
    let list = spanCache[key];
    if (list === undefined) list = spanCache[key] = [];
    if (list.length + spans.length > 64) list.length = 0;
    for (let i = 0; i < spans.length; i++) list[list.length] = spans[i]; // not push: user code may patch it
    return ids;
  }

  function spanAt(key, ms) {
    let list = spanCache[key];
    if (list === undefined) list = spanCache[key] = [];
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if ((s[3] === null || s[3] <= ms) && (s[4] === null || ms < s[4])) return s;
    }
    const s = call('intl.offset', key, ms);
    if (list.length >= 64) list.length = 0;
    list[list.length] = s;
    return s;
  }

  const scratch = new DateCtor(0);
  let format; // web/intl_format's exports, once loaded
  const full = () => format !== undefined ? format : (format = require('web/intl_format'));

  // Intl.NumberFormat lives in web/intl_number, loaded on the first read of
  // Intl.NumberFormat: a getter that then leaves a data property, as in Node.
  let intlObject;
  function withNumberFormat(intl) {
    if (intlObject === intl) return intl;
    intlObject = intl;
    const settle = (value) => {
      try {
        defineProperty(intl, 'NumberFormat', { value, writable: true, enumerable: false, configurable: true });
      } catch {
        // Intl frozen by the script meanwhile: the getter keeps answering
      }
      return value;
    };
    defineProperty(intl, 'NumberFormat', {
      get() { return settle(require('web/intl_number').NumberFormat); },
      set(value) { settle(value); },
      enumerable: false,
      configurable: true,
    });
    return intl;
  }

  // Fast paths for dayjs's timezone plugin (patched in assets/modules/dayjs.mjs), which
  // converts by formatting and parsing back several times per call: each answer is
  // exactly what the plugin computes from the formatted text, minus the resolving of
  // options per call and the strings. A zone given as a string (or undefined: the
  // host's) is resolved once per execution; anything else takes the general path.
  const tzKeys = { __proto__: null }; // '' (the host's) or '=' + zone -> tzdata key

  // d.toLocaleString('en-US', { timeZone: zone }) for a Date d: ICU's en-US pattern
  // "M/D/Y, h:mm:ss AM" (web/intl_format's formatString for these options, the
  // U+202F before AM/PM printed as a space as Node's toLocaleString does).
  function tzLocaleString(d, zone) {
    if (zone !== undefined && typeof zone !== 'string') return full().toLocaleString(d, 'en-US', { timeZone: zone });
    const t = getTime.call(d);
    if (t !== t) return 'Invalid Date';
    const k = zone === undefined ? '' : '=' + zone;
    let key = tzKeys[k];
    if (key === undefined) key = tzKeys[k] = resolveZoneAt(zone === undefined ? null : zone, t)[1];
    scratch.setTime(t + spanAt(key, t)[0] * 1000);
    const y = scratch.getUTCFullYear();
    const h = scratch.getUTCHours();
    const mi = scratch.getUTCMinutes();
    const s = scratch.getUTCSeconds();
    return `${scratch.getUTCMonth() + 1}/${scratch.getUTCDate()}/${y > 0 ? y : 1 - y}, ${h % 12 || 12}:` +
      `${mi < 10 ? '0' : ''}${mi}:${s < 10 ? '0' : ''}${s} ${h < 12 ? 'AM' : 'PM'}`;
  }

  // The plugin's tzOffset(t, zone) in minutes: the wall time (to the second) in `zone`,
  // read as UTC, minus t truncated to the second; undefined when the plugin's own
  // formatToParts + dayjs.utc(text) round trip is needed (a year outside 1000-9999,
  // which dayjs's parser would read differently, a non-string zone, an invalid time).
  function tzOffset(t, zone) {
    if (typeof t !== 'number' || !(t >= -8.64e15 && t <= 8.64e15)) return undefined;
    if (zone !== undefined && typeof zone !== 'string') return undefined;
    const ms = MathTrunc(t) + 0;
    const key = resolveZoneAt(zone === undefined ? null : zone, ms)[1];
    const wall = MathFloor(ms / 1000) * 1000 + spanAt(key, ms)[0] * 1000;
    scratch.setTime(wall);
    const y = scratch.getUTCFullYear();
    if (y < 1000 || y > 9999) return undefined;
    let h = t;
    h -= h % 1e3;
    return (wall - h) / 6e4;
  }

  module.exports = freeze({
    get Intl() { return withNumberFormat(full().Intl); },
    // Node's Date.prototype.toLocale{,Date,Time}String(locales, options) for a Date `d`.
    get toLocaleString() { return full().toLocaleString; },
    get toLocaleDateString() { return full().toLocaleDateString; },
    get toLocaleTimeString() { return full().toLocaleTimeString; },
    tzLocaleString,
    tzOffset,
    zones: freeze({ resolveZone, spanAt }), // web/intl_format's, so both share the caches
  });
})
