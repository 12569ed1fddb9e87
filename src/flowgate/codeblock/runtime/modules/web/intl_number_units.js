// Unit names behind web/intl_number's style 'unit' (ICU 73 / CLDR as Node 20
// prints them) for en, zh and de: every simple unit ECMA-402 sanctions and the
// common compound ones. Loaded on the first unit format only.
(function (module, exports, require, host) {
  'use strict';
  const { split, plural, row, indexOf, slice } = require('web/intl_number_data');
  const { freeze } = Object;

  // "unit,short,narrow,long;..." with "{" the number and "a|b" one|other.
  const RAW = {
    __proto__: null,
    en: "acre,{ ac,{ac,{ acre|{ acres;bit,{ bit,{bit,{ bit|{ bits;byte,{ byte,{B,{ byte|{ bytes;" +
      "celsius,{°C,{°C,{ degree Celsius|{ degrees Celsius;" +
      "centimeter,{ cm,{cm,{ centimeter|{ centimeters;day,{ day|{ days,{d,{ day|{ days;" +
      "degree,{ deg,{°,{ degree|{ degrees;fahrenheit,{°F,{°,{ degree Fahrenheit|{ degrees Fahrenheit;" +
      "fluid-ounce,{ fl oz,{fl oz,{ fluid ounce|{ fluid ounces;foot,{ ft,{′,{ foot|{ feet;" +
      "gallon,{ gal,{gal,{ gallon|{ gallons;gigabit,{ Gb,{Gb,{ gigabit|{ gigabits;" +
      "gigabyte,{ GB,{GB,{ gigabyte|{ gigabytes;gram,{ g,{g,{ gram|{ grams;" +
      "hectare,{ ha,{ha,{ hectare|{ hectares;hour,{ hr,{h,{ hour|{ hours;inch,{ in,{″,{ inch|{ inches;" +
      "kilobit,{ kb,{kb,{ kilobit|{ kilobits;kilobyte,{ kB,{kB,{ kilobyte|{ kilobytes;" +
      "kilogram,{ kg,{kg,{ kilogram|{ kilograms;kilometer,{ km,{km,{ kilometer|{ kilometers;" +
      "liter,{ L,{L,{ liter|{ liters;megabit,{ Mb,{Mb,{ megabit|{ megabits;" +
      "megabyte,{ MB,{MB,{ megabyte|{ megabytes;meter,{ m,{m,{ meter|{ meters;" +
      "microsecond,{ μs,{μs,{ microsecond|{ microseconds;mile,{ mi,{mi,{ mile|{ miles;" +
      "mile-scandinavian,{ smi,{smi,{ mile-scandinavian|{ miles-scandinavian;" +
      "milliliter,{ mL,{mL,{ milliliter|{ milliliters;millimeter,{ mm,{mm,{ millimeter|{ millimeters;" +
      "millisecond,{ ms,{ms,{ millisecond|{ milliseconds;minute,{ min,{m,{ minute|{ minutes;" +
      "month,{ mth|{ mths,{m,{ month|{ months;nanosecond,{ ns,{ns,{ nanosecond|{ nanoseconds;" +
      "ounce,{ oz,{oz,{ ounce|{ ounces;percent,{%,{%,{ percent;" +
      "petabyte,{ PB,{PB,{ petabyte|{ petabytes;pound,{ lb,{#,{ pound|{ pounds;" +
      "second,{ sec,{s,{ second|{ seconds;stone,{ st,{st,{ stone|{ stones;" +
      "terabit,{ Tb,{Tb,{ terabit|{ terabits;terabyte,{ TB,{TB,{ terabyte|{ terabytes;" +
      "week,{ wk|{ wks,{w,{ week|{ weeks;yard,{ yd,{yd,{ yard|{ yards;" +
      "year,{ yr|{ yrs,{y,{ year|{ years;" +
      "kilometer-per-hour,{ km/h,{km/h,{ kilometer per hour|{ kilometers per hour;" +
      "mile-per-hour,{ mph,{mph,{ mile per hour|{ miles per hour;" +
      "meter-per-second,{ m/s,{m/s,{ meter per second|{ meters per second;" +
      "mile-per-gallon,{ mpg,{mpg,{ mile per gallon|{ miles per gallon;" +
      "liter-per-kilometer,{ L/km,{L/km,{ liter per kilometer|{ liters per kilometer;" +
      "kilobyte-per-second,{ kB/s,{kB/s,{ kilobyte per second|{ kilobytes per second;" +
      "megabyte-per-second,{ MB/s,{MB/s,{ megabyte per second|{ megabytes per second;" +
      "megabit-per-second,{ Mb/s,{Mb/s,{ megabit per second|{ megabits per second;" +
      "gigabyte-per-second,{ GB/s,{GB/s,{ gigabyte per second|{ gigabytes per second;" +
      "byte-per-second,{ byte/s,{B/s,{ byte per second|{ bytes per second;" +
      "kilogram-per-meter,{ kg/m,{kg/m,{ kilogram per meter|{ kilograms per meter;" +
      "foot-per-second,{ ft/s,{′/s,{ foot per second|{ feet per second;" +
      "gallon-per-mile,{ gal/mi,{gal/mi,{ gallon per mile|{ gallons per mile;" +
      "liter-per-second,{ L/s,{L/s,{ liter per second|{ liters per second",
    zh: "acre,{英亩,{ac,{英亩;bit,{ b,{ b,{比特;byte,{ B,{ B,{字节;celsius,{°C,{°C,{摄氏度;centimeter,{厘米,{厘米,{厘米;" +
      "day,{天,{天,{天;degree,{°,{°,{度;fahrenheit,{°F,{°F,{华氏度;fluid-ounce,{液盎司,{fl oz,{液盎司;" +
      "foot,{英尺,{′,{英尺;gallon,{加仑,{gal,{加仑;gigabit,{ Gb,{ Gb,{吉比特;gigabyte,{ GB,{ GB,{吉字节;" +
      "gram,{ g,{g,{克;hectare,{公顷,{ha,{公顷;hour,{小时,{小时,{小时;inch,{英寸,{″,{英寸;kilobit,{ kb,{ kb,{千比特;" +
      "kilobyte,{ kB,{ kB,{千字节;kilogram,{ kg,{kg,{千克;kilometer,{公里,{公里,{公里;liter,{升,{升,{升;" +
      "megabit,{ Mb,{ Mb,{兆比特;megabyte,{ MB,{ MB,{兆字节;meter,{米,{米,{米;microsecond,{微秒,{μs,{微秒;" +
      "mile,{英里,{mi,{英里;mile-scandinavian,{斯堪的纳维亚英里,{smi,{斯堪的纳维亚英里;milliliter,{毫升,{mL,{毫升;" +
      "millimeter,{毫米,{毫米,{毫米;millisecond,{毫秒,{ms,{毫秒;minute,{分钟,{分钟,{分钟;month,{个月,{个月,{个月;" +
      "nanosecond,{纳秒,{ns,{纳秒;ounce,{ oz,{oz,{盎司;percent,{%,{%,{%;petabyte,{ PB,{ PB,{拍字节;" +
      "pound,{ lb,{#,{磅;second,{秒,{秒,{秒钟;stone,{ st,{st,{英石;terabit,{ Tb,{ Tb,{太比特;" +
      "terabyte,{ TB,{ TB,{太字节;week,{周,{周,{周;yard,{码,{yd,{码;year,{年,{年,{年;" +
      "kilometer-per-hour,{ km/h,{km/h,每小时{公里;mile-per-hour,{ mi/h,{mph,每小时{英里;" +
      "meter-per-second,{ m/s,{m/s,每秒{米;mile-per-gallon,{ mpg US,{mpg,每加仑{英里;" +
      "liter-per-kilometer,{ L/km,{L/km,每公里{升;kilobyte-per-second,{ kB/秒,{ kB/秒,{千字节/秒;" +
      "megabyte-per-second,{ MB/秒,{ MB/秒,{兆字节/秒;megabit-per-second,{ Mb/秒,{ Mb/秒,{兆比特/秒;" +
      "gigabyte-per-second,{ GB/秒,{ GB/秒,{吉字节/秒;byte-per-second,{ B/秒,{ B/秒,{字节/秒;" +
      "kilogram-per-meter,{ kg/米,{kg/m,{千克/米;foot-per-second,{英尺/秒,{′/秒,{英尺/秒;" +
      "gallon-per-mile,{加仑/英里,{gal/mi,每英里{加仑;liter-per-second,{升/秒,{升/秒,{升/秒",
    de: "acre,{ ac,{ ac,{ Acre|{ Acres;bit,{\u00a0Bit|{ Bit,{ b,{\u00a0Bit|{ Bit;" +
      "byte,{\u00a0Byte|{ Byte,{ B,{\u00a0Byte|{ Byte;celsius,{ °C,{ °C,{ Grad Celsius;" +
      "centimeter,{ cm,{ cm,{ Zentimeter;day,{ Tg.,{ T,{ Tag|{ Tage;degree,{°,{°,{ Grad;" +
      "fahrenheit,{ °F,{°F,{ Grad Fahrenheit;" +
      "fluid-ounce,{ fl.oz.|{ fl oz,{ fl.oz.|{ fl oz,{\u00a0Flüssigunze|{\u00a0Flüssigunzen;foot,{ ft,{ ft,{ Fuß;" +
      "gallon,{ gal,{ gal,{\u00a0Gallone|{\u00a0Gallonen;gigabit,{\u00a0Gb,{\u00a0Gb,{\u00a0Gigabit|{ Gigabit;" +
      "gigabyte,{\u00a0GB,{\u00a0GB,{\u00a0Gigabyte|{ Gigabyte;gram,{ g,{ g,{ Gramm;hectare,{ ha,{ ha,{ Hektar;" +
      "hour,{ Std.,{h,{ Stunde|{ Stunden;inch,{\u00a0in|{ in,{\u00a0in|{ in,{ Zoll;" +
      "kilobit,{ kb,{ kb,{\u00a0Kilobit|{ Kilobit;kilobyte,{ kB,{ kB,{\u00a0Kilobyte|{ Kilobyte;" +
      "kilogram,{ kg,{ kg,{ Kilogramm;kilometer,{ km,{ km,{ Kilometer;liter,{ l,{ l,{ Liter;" +
      "megabit,{ Mb,{ Mb,{\u00a0Megabit|{ Megabit;megabyte,{ MB,{ MB,{\u00a0Megabyte|{ Megabyte;" +
      "meter,{ m,{ m,{ Meter;microsecond,{ μs,{μs|{ μs,{ Mikrosekunde|{ Mikrosekunden;" +
      "mile,{ mi,{ mi,{ Meile|{ Meilen;" +
      "mile-scandinavian,{ smi,{smi,{ skandinavische Meile|{ skandinavische Meilen;" +
      "milliliter,{\u00a0ml,{\u00a0ml,{\u00a0Milliliter;millimeter,{ mm,{ mm,{ Millimeter;" +
      "millisecond,{ ms,{ms|{ ms,{ Millisekunde|{ Millisekunden;" +
      "minute,{ Min.,{ Min.,{ Minute|{ Minuten;month,{ Mon.,{ M,{ Monat|{ Monate;" +
      "nanosecond,{ ns,{ ns,{ Nanosekunde|{ Nanosekunden;ounce,{ oz,{ oz,{ Unze|{ Unzen;" +
      "percent,{\u00a0%,{\u00a0%,{ Prozent;petabyte,{ PB,{ PB,{ Petabyte;pound,{ lb,{ lb,{ Pfund;" +
      "second,{ Sek.,{ Sek.,{ Sekunde|{ Sekunden;stone,{ st,{ st,{\u00a0Stone|{\u00a0Stones;" +
      "terabit,{ Tb,{ Tb,{\u00a0Terabit|{ Terabit;terabyte,{ TB,{ TB,{\u00a0Terabyte|{ Terabyte;" +
      "week,{ Wo.,{ W,{ Woche|{ Wochen;yard,{ yd,{ yd,{ Yard|{ Yards;year,{ J,{ J,{ Jahr|{ Jahre;" +
      "kilometer-per-hour,{ km/h,{ km/h,{ Kilometer pro Stunde;" +
      "mile-per-hour,{ mi/h,{ mi/h,{ Meile pro Stunde|{ Meilen pro Stunde;" +
      "meter-per-second,{ m/s,{ m/s,{ Meter pro Sekunde;" +
      "mile-per-gallon,{ mpg,{mpg,{\u00a0Meile pro Gallone|{\u00a0Meilen pro Gallone;" +
      "liter-per-kilometer,{\u00a0l/km,{l/km,{\u00a0Liter pro Kilometer;" +
      "kilobyte-per-second,{ kB/s,{ kB/s,{\u00a0Kilobyte pro Sekunde|{ Kilobyte pro Sekunde;" +
      "megabyte-per-second,{ MB/s,{ MB/s,{\u00a0Megabyte pro Sekunde|{ Megabyte pro Sekunde;" +
      "megabit-per-second,{ Mb/s,{ Mb/s,{\u00a0Megabit pro Sekunde|{ Megabit pro Sekunde;" +
      "gigabyte-per-second,{\u00a0GB/s,{\u00a0GB/s,{\u00a0Gigabyte pro Sekunde|{ Gigabyte pro Sekunde;" +
      "byte-per-second,{\u00a0Byte/s|{ Byte/s,{ B/s,{\u00a0Byte pro Sekunde|{ Byte pro Sekunde;" +
      "kilogram-per-meter,{ kg/m,{ kg/m,{ Kilogramm pro Meter;" +
      "foot-per-second,{ ft/s,{ ft/s,{ Fuß pro Sekunde;" +
      "gallon-per-mile,{ gal/mi,{ gal/mi,{\u00a0Gallone pro Meile|{\u00a0Gallonen pro Meile;" +
      "liter-per-second,{ l/s,{ l/s,{ Liter pro Sekunde",
  };
  const DISPLAY = { __proto__: null, short: 1, narrow: 2, long: 3 };
  const cache = { __proto__: null }; // locale + unit -> its row

  function unitRow(locale, unit) {
    const key = locale + ':' + unit;
    let hit = cache[key];
    if (hit === undefined) hit = cache[key] = row(RAW[locale], unit) || null;
    return hit;
  }

  // The [one, other] patterns of `unit`, shown as `display`. A compound X-per-Y
  // without its own entry is written X/Y from the short names (as CLDR's generic
  // per-pattern does for most pairs).
  function patterns(locale, unit, display) {
    const k = DISPLAY[display];
    const hit = unitRow(locale, unit);
    if (hit !== null) return plural(hit[k]);
    const at = indexOf(unit, '-per-');
    const num = plural(unitRow(locale, slice(unit, 0, at))[k]);
    const den = plural(unitRow(locale, slice(unit, at + 5))[1])[1];
    let name = '';
    for (let i = 0; i < den.length; i++) if (den[i] !== '{' && den[i] !== ' ' && den[i] !== '\u00a0') name += den[i];
    return [num[0] + '/' + name, num[1] + '/' + name];
  }

  // Whether `unit` is one ECMA-402 accepts: a simple unit, or X-per-Y of two.
  function isUnit(unit) {
    if (unitRow('en', unit) !== null) return true;
    const at = indexOf(unit, '-per-');
    if (at < 0) return false;
    const a = slice(unit, 0, at);
    const b = slice(unit, at + 5);
    return indexOf(a, '-per-') < 0 && indexOf(b, '-per-') < 0 && unitRow('en', a) !== null && unitRow('en', b) !== null;
  }

  module.exports = freeze({ patterns, isUnit });
})
