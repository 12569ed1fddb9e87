// require('lodash/fp'): lodash/fp 4.18.1 as a lazy facade over per-method modules.
//
// lodash/fp.js converts the whole monolith at load time (curry, rearg and cap
// wrappers around ~300 methods): ~50-150 ms per execution in this engine. Each
// member here is instead lodash/fp/<name> (vendor/lodash/fp/<name>: Node's own
// per-method file, `convert('<name>', require('../<name>'))`), loaded on first
// access. `fp(value)`, `fp.convert`, `fp.runInContext` and `fp.noConflict`
// load the fully converted library (vendor/lodash-fp-full).
(function (module, exports, require, host) {
  'use strict';
  const lazyLibrary = require('npm/lodash_lazy');

  // Node's `Object.keys(require('lodash/fp'))`, in its order.
  // One literal (a `+` chain would be concatenated on every load); the indentation only
  // adds separating spaces.
  const NAMES =
    ' templateSettings after ary assign assignIn assignInWith assignWith at before bind \
    bindAll bindKey castArray chain chunk compact concat cond conforms constant countBy \
    create curry curryRight debounce defaults defaultsDeep defer delay difference \
    differenceBy differenceWith drop dropRight dropRightWhile dropWhile fill filter flatMap \
    flatMapDeep flatMapDepth flatten flattenDeep flattenDepth flip flow flowRight fromPairs \
    functions functionsIn groupBy initial intersection intersectionBy intersectionWith \
    invert invertBy invokeMap iteratee keyBy keys keysIn map mapKeys mapValues matches \
    matchesProperty memoize merge mergeWith method methodOf mixin negate nthArg omit omitBy \
    once orderBy over overArgs overEvery overSome partial partialRight partition pick \
    pickBy property propertyOf pull pullAll pullAllBy pullAllWith pullAt range rangeRight \
    rearg reject remove rest reverse sampleSize set setWith shuffle slice sortBy sortedUniq \
    sortedUniqBy split spread tail take takeRight takeRightWhile takeWhile tap throttle \
    thru toArray toPairs toPairsIn toPath toPlainObject transform unary union unionBy \
    unionWith uniq uniqBy uniqWith unset unzip unzipWith update updateWith values valuesIn \
    without words wrap xor xorBy xorWith zip zipObject zipObjectDeep zipWith entries \
    entriesIn extend extendWith add attempt camelCase capitalize ceil clamp clone cloneDeep \
    cloneDeepWith cloneWith conformsTo deburr defaultTo divide endsWith eq escape \
    escapeRegExp every find findIndex findKey findLast findLastIndex findLastKey floor \
    forEach forEachRight forIn forInRight forOwn forOwnRight get gt gte has hasIn head \
    identity includes indexOf inRange invoke isArguments isArray isArrayBuffer isArrayLike \
    isArrayLikeObject isBoolean isBuffer isDate isElement isEmpty isEqual isEqualWith \
    isError isFinite isFunction isInteger isLength isMap isMatch isMatchWith isNaN isNative \
    isNil isNull isNumber isObject isObjectLike isPlainObject isRegExp isSafeInteger isSet \
    isString isSymbol isTypedArray isUndefined isWeakMap isWeakSet join kebabCase last \
    lastIndexOf lowerCase lowerFirst lt lte max maxBy mean meanBy min minBy stubArray \
    stubFalse stubObject stubString stubTrue multiply nth noConflict noop now pad padEnd \
    padStart parseInt random reduce reduceRight repeat replace result round runInContext \
    sample size snakeCase some sortedIndex sortedIndexBy sortedIndexOf sortedLastIndex \
    sortedLastIndexBy sortedLastIndexOf startCase startsWith subtract sum sumBy template \
    times toFinite toInteger toLength toLower toNumber toSafeInteger toString toUpper trim \
    trimEnd trimStart truncate unescape uniqueId upperCase upperFirst each eachRight first \
    VERSION assignAll assignInAll defaultsAll defaultsDeepAll mergeAll zipAll assignAllWith \
    assignInAllWith curryN curryRightN mergeAllWith restFrom spreadFrom trimChars \
    trimCharsEnd trimCharsStart findFrom findIndexFrom findLastFrom findLastIndexFrom getOr \
    includesFrom indexOfFrom invokeArgs invokeArgsMap lastIndexOfFrom padChars padCharsEnd \
    padCharsStart rangeStep rangeStepRight convert placeholder nAry paths props always \
    dropLast dropLastWhile unnest pipe compose init invertObj indexBy pluck pathEq propEq \
    complement omitAll juxt useWith allPass anyPass pickAll unapply assoc assocPath apply \
    takeLast takeLastWhile dissoc dissocPath symmetricDifference symmetricDifferenceBy \
    symmetricDifferenceWith zipObj where identical all path prop contains equals whereEq F \
    T any extendAll extendAllWith pathOr propOr __ ';
  const FROM_FULL = { __proto__: null, convert: true, runInContext: true, noConflict: true };

  let full;
  function converted() {
    if (full === undefined) full = require('vendor/lodash-fp-full');
    return full;
  }

  function load(key) {
    if (key === 'VERSION') return '4.18.1';
    if (FROM_FULL[key] === true) return converted()[key];
    return require(`vendor/lodash/fp/${key}`);
  }

  // The name lodash.min.js (which Node's lodash/fp converts) gives the function.
  function Z(value) {
    return converted()(value);
  }
  module.exports = lazyLibrary(Z, NAMES, load, () => converted().prototype);
})
