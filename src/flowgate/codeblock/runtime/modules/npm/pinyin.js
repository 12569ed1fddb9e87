// require('pinyin'): the API of the npm package pinyin 4.0.0 (MIT, hotoo) as Node 20 gives
// it (its CJS build: `{ Pinyin, compact, compare, default, pinyin }`, `__esModule`), with
// the conversion done on the host (bridge/pinyin.py ports the package's algorithm over its
// own tables: megabytes of dictionary that a fresh context could not afford to load).
// Options are read here exactly as the package reads them (order, truthiness, `String(style)`);
// `compact` is the package's own code. docs/libraries/pinyin.md lists the differences.
(function (module, exports, require, host) {
  'use strict';
  const { call } = require('internal/bridge');
  const StringCtor = String;
  const ArrayIsArray = Array.isArray;
  const MapCtor = Map;

  const STYLE = { NORMAL: 0, TONE: 1, TONE2: 2, TO3NE: 5, INITIALS: 3, FIRST_LETTER: 4, PASSPORT: 6 };
  const MODE = { NORMAL: 0, SURNAME: 1 };
  const styleEntries = [];
  for (const [name, value] of [['tone', 1], ['tone2', 2], ['to3ne', 5], ['first_letter', 4],
    ['initials', 3], ['normal', 0], ['passport', 6]]) {
    styleEntries.push([name, value], [name.toUpperCase(), value], [StringCtor(value), value]);
  }
  const pinyinStyleMap = new MapCtor(styleEntries);
  const pinyinModeMap = new MapCtor([['normal', 0], ['NORMAL', 0], ['surname', 1], ['SURNAME', 1]]);
  // Segmenters of the package -> how the host segments: @node-rs/jieba is jieba; `true`
  // (Intl.Segmenter, ICU) is approximated by jieba; nodejieba and segmentit are not
  // installed next to the package (as in the oracle), so the text stays one segment.
  const SEGMENTERS = { '@node-rs/jieba': 'jieba', 'Intl.Segmenter': 'intl' };

  function convertUserOptions(options) {
    let segment;
    if (options?.segment) segment = options.segment === true ? 'Intl.Segmenter' : options.segment;
    const s = StringCtor(options?.style);
    const style = pinyinStyleMap.has(s) ? pinyinStyleMap.get(s) : STYLE.TONE;
    const m = StringCtor(options?.mode);
    const mode = pinyinModeMap.has(m) ? pinyinModeMap.get(m) : MODE.NORMAL;
    const heteronym = options?.heteronym || false;
    const group = options?.group || false;
    let seg = 'none';
    if (segment) seg = typeof segment === 'string' && Object.hasOwn(SEGMENTERS, segment) ? SEGMENTERS[segment] : 'whole';
    return { style, surname: mode === MODE.SURNAME, seg, heteronym: !!heteronym, group: !!group };
  }

  function compact2array(a1, a2) {
    if (!ArrayIsArray(a1) || !ArrayIsArray(a2)) {
      throw new Error('compact2array expect two array as parameters');
    }
    if (!a1.length) a1 = [''];
    if (!a2.length) a2 = [''];
    const result = [];
    for (let i = 0, l = a1.length; i < l; i++) {
      for (let j = 0, m = a2.length; j < m; j++) {
        if (ArrayIsArray(a1[i])) result.push([...a1[i], a2[j]]);
        else result.push([a1[i], a2[j]]);
      }
    }
    return result;
  }

  function compact(arr) {
    if (arr.length === 0) return [];
    if (arr.length === 1) return [arr[0]];
    let result = compact2array(arr[0], arr[1]);
    for (let i = 2, l = arr.length; i < l; ++i) result = compact2array(result, arr[i]);
    return result;
  }

  // The package sets the style and mode constants on instances and on the exported
  // function alike, in this order (which Object.keys shows).
  function setConstants(target) {
    target.STYLE_TONE = STYLE.TONE;
    target.STYLE_TONE2 = STYLE.TONE2;
    target.STYLE_TO3NE = STYLE.TO3NE;
    target.STYLE_NORMAL = STYLE.NORMAL;
    target.STYLE_INITIALS = STYLE.INITIALS;
    target.STYLE_FIRST_LETTER = STYLE.FIRST_LETTER;
    target.STYLE_PASSPORT = STYLE.PASSPORT;
    target.MODE_NORMAL = MODE.NORMAL;
    target.MODE_SURNAME = MODE.SURNAME;
    return target;
  }

  class PinyinBase {
    constructor() {
      setConstants(this);
    }

    pinyin(hans, options) {
      if (typeof hans !== 'string') return [];
      const o = convertUserOptions(options);
      let pys = call('pinyin.convert', hans, o.style, o.surname, o.seg, o.heteronym, o.group);
      if (options?.compact) pys = compact(pys);
      return pys;
    }

    compare(hanA, hanB) {
      return call('pinyin.compare', typeof hanA === 'string' ? hanA : '',
        typeof hanB === 'string' ? hanB : '');
    }

    compact(pys) {
      return compact(pys);
    }
  }
  // As in the package (util.inspect shows `[class Pinyin extends PinyinBase]`).
  class Pinyin extends PinyinBase {}

  function getPinyinInstance(py) {
    const pinyin = py.pinyin.bind(py);
    pinyin.compare = py.compare.bind(py);
    pinyin.compact = py.compact.bind(py);
    return setConstants(pinyin);
  }

  const pinyin = getPinyinInstance(new Pinyin());
  Object.defineProperty(exports, '__esModule', { value: true });
  exports.Pinyin = Pinyin;
  exports.compact = compact;
  exports.compare = pinyin.compare;
  exports.default = pinyin;
  exports.pinyin = pinyin;
})
