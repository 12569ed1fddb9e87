// require('lodash'): lodash 4.18.1 as a lazy facade over per-method modules.
//
// Loading the monolithic lodash costs ~2-3.5 ms per execution in the engine,
// while a typical script calls two or three methods. So `_` is a Proxy over the
// function `lodash`: a method materialises on first access by loading
// vendor/lodash/<method> (lodash's own modular file, assets/modules/lodash.mjs)
// and is then an own data property. `Object.keys(_)`, `'x' in _` and
// `hasOwnProperty` answer for every method without loading any. Chains (`_(x)`,
// `_.chain`, `_.mixin`, `_.prototype`) load vendor/lodash-chain, the monolith's
// chain machinery over these same methods; `_.runInContext` and `_.noConflict`
// the monolith (vendor/lodash-full). Measurements: docs/libraries/lodash.md.
(function (module, exports, require, host) {
  'use strict';
  const lazyLibrary = require('npm/lodash_lazy');

  // Node's `Object.keys(require('lodash'))`, in its order.
  // One literal (a `+` chain would be concatenated on every load); the indentation only
  // adds separating spaces.
  const NAMES =
    ' templateSettings after ary assign assignIn assignInWith assignWith at before bind bindAll bindKey \
    castArray chain chunk compact concat cond conforms constant countBy create curry \
    curryRight debounce defaults defaultsDeep defer delay difference differenceBy \
    differenceWith drop dropRight dropRightWhile dropWhile fill filter flatMap flatMapDeep \
    flatMapDepth flatten flattenDeep flattenDepth flip flow flowRight fromPairs functions \
    functionsIn groupBy initial intersection intersectionBy intersectionWith invert invertBy \
    invokeMap iteratee keyBy keys keysIn map mapKeys mapValues matches matchesProperty \
    memoize merge mergeWith method methodOf mixin negate nthArg omit omitBy once orderBy \
    over overArgs overEvery overSome partial partialRight partition pick pickBy property \
    propertyOf pull pullAll pullAllBy pullAllWith pullAt range rangeRight rearg reject \
    remove rest reverse sampleSize set setWith shuffle slice sortBy sortedUniq sortedUniqBy \
    split spread tail take takeRight takeRightWhile takeWhile tap throttle thru toArray \
    toPairs toPairsIn toPath toPlainObject transform unary union unionBy unionWith uniq \
    uniqBy uniqWith unset unzip unzipWith update updateWith values valuesIn without words \
    wrap xor xorBy xorWith zip zipObject zipObjectDeep zipWith entries entriesIn extend \
    extendWith add attempt camelCase capitalize ceil clamp clone cloneDeep cloneDeepWith \
    cloneWith conformsTo deburr defaultTo divide endsWith eq escape escapeRegExp every find \
    findIndex findKey findLast findLastIndex findLastKey floor forEach forEachRight forIn \
    forInRight forOwn forOwnRight get gt gte has hasIn head identity includes indexOf \
    inRange invoke isArguments isArray isArrayBuffer isArrayLike isArrayLikeObject isBoolean \
    isBuffer isDate isElement isEmpty isEqual isEqualWith isError isFinite isFunction \
    isInteger isLength isMap isMatch isMatchWith isNaN isNative isNil isNull isNumber \
    isObject isObjectLike isPlainObject isRegExp isSafeInteger isSet isString isSymbol \
    isTypedArray isUndefined isWeakMap isWeakSet join kebabCase last lastIndexOf lowerCase \
    lowerFirst lt lte max maxBy mean meanBy min minBy stubArray stubFalse stubObject \
    stubString stubTrue multiply nth noConflict noop now pad padEnd padStart parseInt random \
    reduce reduceRight repeat replace result round runInContext sample size snakeCase some \
    sortedIndex sortedIndexBy sortedIndexOf sortedLastIndex sortedLastIndexBy \
    sortedLastIndexOf startCase startsWith subtract sum sumBy template times toFinite \
    toInteger toLength toLower toNumber toSafeInteger toString toUpper trim trimEnd \
    trimStart truncate unescape uniqueId upperCase upperFirst each eachRight first VERSION _ ';
  // Node's `_.each === _.forEach`: alias names load the same module.
  const ALIASES = { __proto__: null, each: 'forEach', eachRight: 'forEachRight', entries: 'toPairs',
    entriesIn: 'toPairsIn', extend: 'assignIn', extendWith: 'assignInWith', first: 'head' };
  // Methods that need lodash's own shared state: the chain machinery
  // (vendor/lodash-chain: `_(x)`, `_.chain`, `_.mixin`, `_.prototype`) or the
  // monolith itself (`_.runInContext`, `_.noConflict`).
  const FROM_CHAIN = { __proto__: null, chain: true, mixin: true };
  const FROM_FULL = { __proto__: null, runInContext: true, noConflict: true };
  // In the monolith `_.partial.placeholder === _`: `_.partial(f, _, 1)` works.
  const PLACEHOLDER = { __proto__: null, bind: true, bindKey: true, curry: true, curryRight: true,
    partial: true, partialRight: true };

  let chains;
  function chaining() {
    if (chains === undefined) {
      chains = require('vendor/lodash-chain');
      chains.init(facade);
    }
    return chains;
  }

  function templateSettings() {
    const settings = require('vendor/lodash/templateSettings');
    // As in the monolith: `_` inside a template is lodash itself.
    settings.imports._ = facade;
    return settings;
  }

  function load(key) {
    if (key === 'VERSION') return '4.18.1';
    if (key === '_') return facade;
    if (key === 'templateSettings') return templateSettings();
    if (FROM_CHAIN[key] === true) return chaining()[key];
    if (FROM_FULL[key] === true) return require('vendor/lodash-full')[key];
    const value = require(`vendor/lodash/${ALIASES[key] ?? key}`);
    if (PLACEHOLDER[key] === true) value.placeholder = facade;
    if (key === 'template') void facade.templateSettings; // sets its imports._
    return value;
  }

  // `_(value)` / `new _(value)`: a chain wrapper.
  function lodash(value) {
    return chaining().wrap(value);
  }
  const facade = lazyLibrary(lodash, NAMES, load, () => chaining().prototype);
  module.exports = facade;
})
