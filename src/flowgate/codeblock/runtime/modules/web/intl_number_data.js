// Locale data behind web/intl_number (Intl.NumberFormat), from ICU 73 / CLDR as
// Node 20 prints it, for the locales formatted as Node does: en (en-US), zh
// (zh-CN, zh-Hans, zh-Hans-CN) and de (de-DE). Tables stay strings until a
// locale's entry is first needed, so loading this costs a few string constants.
(function (module, exports, require, host) {
  'use strict';
  const { freeze } = Object;

  // Per locale: decimal and group separators; the percent suffix; whether the
  // currency follows the number (de) or precedes it; the separator before a
  // currency name; whether accounting negatives take parentheses.
  const SHAPES = {
    __proto__: null,
    en: { decimal: '.', group: ',', percent: '', currencyAfter: false, nameSep: ' ', accounting: true },
    zh: { decimal: '.', group: ',', percent: '', currencyAfter: false, nameSep: '', accounting: true },
    de: { decimal: ',', group: '.', percent: '\u00a0', currencyAfter: true, nameSep: ' ', accounting: false },
  };

  // Currency: "CODE,symbol,narrow symbol,name (plural one),name (other);...".
  // Compact: patterns for magnitudes 0..14 ("{" the number, "a|b" one|other),
  // short then long.
  const RAW = {
    __proto__: null,
    en: {
      cur: "USD,$,$,US dollar,US dollars;EUR,€,€,euro,euros;GBP,£,£,British pound,British pounds;" +
        "JPY,¥,¥,Japanese yen,Japanese yen;CNY,CN¥,¥,Chinese yuan,Chinese yuan;" +
        "HKD,HK$,$,Hong Kong dollar,Hong Kong dollars;TWD,NT$,$,New Taiwan dollar,New Taiwan dollars;" +
        "KRW,₩,₩,South Korean won,South Korean won;INR,₹,₹,Indian rupee,Indian rupees;" +
        "RUB,RUB,₽,Russian ruble,Russian rubles;AUD,A$,$,Australian dollar,Australian dollars;" +
        "CAD,CA$,$,Canadian dollar,Canadian dollars;CHF,CHF,CHF,Swiss franc,Swiss francs;" +
        "SGD,SGD,$,Singapore dollar,Singapore dollars;BRL,R$,R$,Brazilian real,Brazilian reals;" +
        "MXN,MX$,$,Mexican peso,Mexican pesos;SEK,SEK,kr,Swedish krona,Swedish kronor;" +
        "NOK,NOK,kr,Norwegian krone,Norwegian kroner;DKK,DKK,kr,Danish krone,Danish kroner;" +
        "PLN,PLN,zł,Polish zloty,Polish zlotys;THB,THB,฿,Thai baht,Thai baht;" +
        "ZAR,ZAR,R,South African rand,South African rand;TRY,TRY,₺,Turkish lira,Turkish Lira;" +
        "ILS,₪,₪,Israeli new shekel,Israeli new shekels;NZD,NZ$,$,New Zealand dollar,New Zealand dollars",
      compact: ["{;{;{;{K;{K;{K;{M;{M;{M;{B;{B;{B;{T;{T;{T",
        "{;{;{;{ thousand;{ thousand;{ thousand;{ million;{ million;{ million;{ billion;{ billion;" +
        "{ billion;{ trillion;{ trillion;{ trillion"],
    },
    zh: {
      cur: "USD,US$,$,美元,美元;EUR,€,€,欧元,欧元;GBP,£,£,英镑,英镑;JPY,JP¥,¥,日元,日元;CNY,¥,¥,人民币,人民币;HKD,HK$,$,港元,港元;" +
        "TWD,NT$,NT$,新台币,新台币;KRW,₩,₩,韩元,韩元;INR,₹,₹,印度卢比,印度卢比;RUB,RUB,₽,俄罗斯卢布,俄罗斯卢布;AUD,AU$,$,澳大利亚元,澳大利亚元;" +
        "CAD,CA$,$,加拿大元,加拿大元;CHF,CHF,CHF,瑞士法郎,瑞士法郎;SGD,SGD,$,新加坡元,新加坡元;BRL,R$,R$,巴西雷亚尔,巴西雷亚尔;" +
        "MXN,MX$,$,墨西哥比索,墨西哥比索;SEK,SEK,kr,瑞典克朗,瑞典克朗;NOK,NOK,kr,挪威克朗,挪威克朗;DKK,DKK,kr,丹麦克朗,丹麦克朗;" +
        "PLN,PLN,zł,波兰兹罗提,波兰兹罗提;THB,THB,฿,泰铢,泰铢;ZAR,ZAR,R,南非兰特,南非兰特;TRY,TRY,₺,土耳其里拉,土耳其里拉;" +
        "ILS,₪,₪,以色列新谢克尔,以色列新谢克尔;NZD,NZ$,$,新西兰元,新西兰元",
      compact: ["{;{;{;{;{万;{万;{万;{万;{亿;{亿;{亿;{亿;{万亿;{万亿;{万亿",
        "{;{;{;{;{万;{万;{万;{万;{亿;{亿;{亿;{亿;{万亿;{万亿;{万亿"],
    },
    de: {
      cur: "USD,$,$,US-Dollar,US-Dollar;EUR,€,€,Euro,Euro;GBP,£,£,Britisches Pfund,Britische Pfund;" +
        "JPY,¥,¥,Japanischer Yen,Japanische Yen;CNY,CN¥,¥,Chinesischer Yuan,Renminbi Yuan;" +
        "HKD,HK$,$,Hongkong-Dollar,Hongkong-Dollar;TWD,NT$,NT$,Neuer Taiwan-Dollar,Neue Taiwan-Dollar;" +
        "KRW,₩,₩,Südkoreanischer Won,Südkoreanische Won;INR,₹,₹,Indische Rupie,Indische Rupien;" +
        "RUB,RUB,₽,Russischer Rubel,Russische Rubel;AUD,AU$,$,Australischer Dollar,Australische Dollar;" +
        "CAD,CA$,$,Kanadischer Dollar,Kanadische Dollar;CHF,CHF,CHF,Schweizer Franken,Schweizer Franken;" +
        "SGD,SGD,$,Singapur-Dollar,Singapur-Dollar;BRL,R$,R$,Brasilianischer Real,Brasilianische Real;" +
        "MXN,MX$,$,Mexikanischer Peso,Mexikanische Pesos;SEK,SEK,kr,Schwedische Krone,Schwedische Kronen;" +
        "NOK,NOK,kr,Norwegische Krone,Norwegische Kronen;DKK,DKK,kr,Dänische Krone,Dänische Kronen;" +
        "PLN,PLN,zł,Polnischer Złoty,Polnische Złoty;THB,฿,฿,Thailändischer Baht,Thailändische Baht;" +
        "ZAR,ZAR,R,Südafrikanischer Rand,Südafrikanische Rand;TRY,TRY,₺,Türkische Lira,Türkische Lira;" +
        "ILS,₪,₪,Israelischer Neuer Schekel,Israelische Neue Schekel;" +
        "NZD,NZ$,$,Neuseeland-Dollar,Neuseeland-Dollar",
      compact: ["{;{;{;{;{;{;{\u00a0Mio.;{\u00a0Mio.;{\u00a0Mio.;{\u00a0Mrd.;{\u00a0Mrd.;{\u00a0Mrd.;{\u00a0Bio.;{\u00a0Bio.;{\u00a0Bio.",
        "{;{;{;{ Tausend;{ Tausend;{ Tausend;{ Million|{ Millionen;{ Millionen;{ Millionen;" +
        "{ Milliarde|{ Milliarden;{ Milliarden;{ Milliarden;{ Billion|{ Billionen;{ Billionen;{ Billionen"],
    },
  };

  // ISO 4217 minor digits where ICU's differ from 2.
  const DIGITS = 'AFN0 ALL0 BHD3 BIF0 CLP0 COP0 DJF0 GNF0 HUF0 IDR0 IQD0 IRR0 ISK0 JOD3 JPY0 KMF0 KPW0 KRW0 ' +
    'KWD3 LAK0 LBP0 LYD3 MGA0 MMK0 OMR3 PKR0 PYG0 RWF0 SLL0 SOS0 SYP0 TND3 UGX0 VND0 VUV0 XAF0 XOF0 XPF0 YER0';

  // String methods bound now: a script's later patches of String.prototype or
  // Function.prototype.call cannot reach them.
  const callBind = Function.prototype.call.bind(Function.prototype.bind);
  const uncurry = (f) => callBind(Function.prototype.call, f);
  const split = uncurry(String.prototype.split);
  const indexOf = uncurry(String.prototype.indexOf);
  const slice = uncurry(String.prototype.slice);

  // The row of `key` in "key,...;key,...;..." (its fields), without parsing the rest.
  function row(table, key) {
    let at = 0;
    if (indexOf(table, key + ',') !== 0) {
      at = indexOf(table, ';' + key + ',');
      if (at < 0) return undefined;
      at++;
    }
    const end = indexOf(table, ';', at);
    return split(slice(table, at, end < 0 ? table.length : end), ',');
  }

  // "one|other" (or one text for both) -> [one, other]
  function plural(s) {
    const p = split(s, '|');
    return p.length > 1 ? p : [p[0], p[0]];
  }

  const currencies = { __proto__: null }; // locale + code -> [symbol, narrow, one, other]
  function currency(locale, code) {
    const key = locale + code;
    let hit = currencies[key];
    if (hit === undefined) {
      const r = row(RAW[locale].cur, code);
      hit = currencies[key] = r !== undefined ? [r[1], r[2], r[3], r[4]] : [code, code, code, code];
    }
    return hit;
  }

  function currencyDigits(code) {
    const at = indexOf(DIGITS, code);
    return at >= 0 && at % 5 === 0 ? +DIGITS[at + 3] : 2;
  }

  // Compact patterns for magnitudes 0..14: [one, other, multiplier], the
  // multiplier being the power of ten the number is divided by (0: no pattern).
  const compacts = { __proto__: null };
  function compact(locale, long) {
    const key = locale + (long ? 'L' : 'S');
    let list = compacts[key];
    if (list === undefined) {
      const items = split(RAW[locale].compact[long ? 1 : 0], ';');
      list = compacts[key] = [];
      let start = 0;
      for (let m = 0; m < items.length; m++) {
        const p = plural(items[m]);
        if (m > 0 && p[1] !== list[m - 1][1]) start = m;
        list[m] = [p[0], p[1], items[m] === '{' ? 0 : start];
      }
    }
    return list;
  }

  module.exports = freeze({ SHAPES, currency, currencyDigits, compact, split, plural, row, indexOf, slice });
})
