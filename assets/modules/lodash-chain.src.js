// vendor/lodash-chain: `_(value)` / `_.chain(value)` chain sequences for the lazy
// facade (modules/npm/lodash.js), without loading the monolith.
//
// The monolith builds `lodash.prototype` in runInContext: `mixin(lodash, lodash)`
// for the methods that return wrapped values, a second mixin with {chain: false}
// for the others, then LazyWrapper methods (lazy evaluation of map/filter/take...
// on arrays), Array methods and the wrapper methods (value, commit, next, ...).
// The code below is that part of lodash.js 4.18.1 (lines ~15828-15870 and
// ~17010-17230), with one change: a prototype method is created on first access
// (a Proxy below the prototype), calling the facade's method, so a chain pays
// only for the methods it uses. The wrapper classes and helpers are lodash's own
// modular files, hoisted into this bundle, so every wrapper shares them.
//
// CHAINABLE / UNCHAINABLE are filled in by assets/modules/lodash.mjs from the
// two `lodash.x = x` blocks of lodash.js that precede the two mixins.
import LazyWrapper from 'lodash/_LazyWrapper.js';
import LodashWrapper from 'lodash/_LodashWrapper.js';
import baseLodash from 'lodash/_baseLodash.js';
import wrapperLodash from 'lodash/wrapperLodash.js';
import lazyClone from 'lodash/_lazyClone.js';
import lazyReverse from 'lodash/_lazyReverse.js';
import lazyValue from 'lodash/_lazyValue.js';
import wrapperAt from 'lodash/wrapperAt.js';
import wrapperChain from 'lodash/wrapperChain.js';
import wrapperCommit from 'lodash/commit.js';
import wrapperNext from 'lodash/next.js';
import wrapperPlant from 'lodash/plant.js';
import wrapperReverse from 'lodash/wrapperReverse.js';
import wrapperValue from 'lodash/wrapperValue.js';
import wrapperToIterator from 'lodash/toIterator.js';
import chain from 'lodash/chain.js';
import copyArray from 'lodash/_copyArray.js';
import arrayPush from 'lodash/_arrayPush.js';
import baseInvoke from 'lodash/_baseInvoke.js';
import baseRest from 'lodash/_baseRest.js';
import getIteratee from 'lodash/_baseIteratee.js';
import identity from 'lodash/identity.js';
import isArray from 'lodash/isArray.js';
import negate from 'lodash/negate.js';
import thru from 'lodash/thru.js';
import toInteger from 'lodash/toInteger.js';
import keys from 'lodash/keys.js';
import baseFunctions from 'lodash/_baseFunctions.js';
import isObject from 'lodash/isObject.js';
import isFunction from 'lodash/isFunction.js';
import arrayEach from 'lodash/_arrayEach.js';

const CHAINABLE = /*CHAINABLE*/ '';
const UNCHAINABLE = /*UNCHAINABLE*/ '';

var LAZY_FILTER_FLAG = 1,
    LAZY_WHILE_FLAG = 3;
var MAX_ARRAY_LENGTH = 4294967295;
var arrayProto = Array.prototype,
    nativeMax = Math.max,
    nativeMin = Math.min,
    hasOwnProperty = Object.prototype.hasOwnProperty;

// `LazyWrapper` methods (lodash.js, "Add `LazyWrapper` methods ...").
['drop', 'take'].forEach(function(methodName, index) {
  LazyWrapper.prototype[methodName] = function(n) {
    n = n === undefined ? 1 : nativeMax(toInteger(n), 0);

    var result = (this.__filtered__ && !index)
      ? new LazyWrapper(this)
      : this.clone();

    if (result.__filtered__) {
      result.__takeCount__ = nativeMin(n, result.__takeCount__);
    } else {
      result.__views__.push({
        'size': nativeMin(n, MAX_ARRAY_LENGTH),
        'type': methodName + (result.__dir__ < 0 ? 'Right' : '')
      });
    }
    return result;
  };

  LazyWrapper.prototype[methodName + 'Right'] = function(n) {
    return this.reverse()[methodName](n).reverse();
  };
});

['filter', 'map', 'takeWhile'].forEach(function(methodName, index) {
  var type = index + 1,
      isFilter = type == LAZY_FILTER_FLAG || type == LAZY_WHILE_FLAG;

  LazyWrapper.prototype[methodName] = function(iteratee) {
    var result = this.clone();
    result.__iteratees__.push({
      'iteratee': getIteratee(iteratee, 3),
      'type': type
    });
    result.__filtered__ = result.__filtered__ || isFilter;
    return result;
  };
});

['head', 'last'].forEach(function(methodName, index) {
  var takeName = 'take' + (index ? 'Right' : '');

  LazyWrapper.prototype[methodName] = function() {
    return this[takeName](1).value()[0];
  };
});

['initial', 'tail'].forEach(function(methodName, index) {
  var dropName = 'drop' + (index ? '' : 'Right');

  LazyWrapper.prototype[methodName] = function() {
    return this.__filtered__ ? new LazyWrapper(this) : this[dropName](1);
  };
});

LazyWrapper.prototype.compact = function() {
  return this.filter(identity);
};

LazyWrapper.prototype.find = function(predicate) {
  return this.filter(predicate).head();
};

LazyWrapper.prototype.findLast = function(predicate) {
  return this.reverse().find(predicate);
};

LazyWrapper.prototype.invokeMap = baseRest(function(path, args) {
  if (typeof path == 'function') {
    return new LazyWrapper(this);
  }
  return this.map(function(value) {
    return baseInvoke(value, path, args);
  });
});

LazyWrapper.prototype.reject = function(predicate) {
  return this.filter(negate(getIteratee(predicate)));
};

LazyWrapper.prototype.slice = function(start, end) {
  start = toInteger(start);

  var result = this;
  if (result.__filtered__ && (start > 0 || end < 0)) {
    return new LazyWrapper(result);
  }
  if (start < 0) {
    result = result.takeRight(-start);
  } else if (start) {
    result = result.drop(start);
  }
  if (end !== undefined) {
    end = toInteger(end);
    result = end < 0 ? result.dropRight(-end) : result.take(end - start);
  }
  return result;
};

LazyWrapper.prototype.takeRightWhile = function(predicate) {
  return this.reverse().takeWhile(predicate).reverse();
};

LazyWrapper.prototype.toArray = function() {
  return this.take(MAX_ARRAY_LENGTH);
};

// The names the monolith's `baseForOwn(LazyWrapper.prototype, ...)` loop sees (before
// clone/reverse/value are added below).
var LAZY_NAMES = Object.keys(LazyWrapper.prototype).filter(function(name) {
  return name !== 'constructor';
});

LazyWrapper.prototype.clone = lazyClone;
LazyWrapper.prototype.reverse = lazyReverse;
LazyWrapper.prototype.value = lazyValue;

var proto = baseLodash.prototype;
var lodash; // the facade: statics and the wrapper constructor

// mixin(lodash, lodash) and mixin(lodash, ..., { chain: false }) for one method.
function mixinMethod(methodName, chain) {
  var func = lodash[methodName];
  return function() {
    var chainAll = this.__chain__;
    if (chain || chainAll) {
      var result = lodash(this.__wrapped__),
          actions = result.__actions__ = copyArray(this.__actions__);

      actions.push({ 'func': func, 'args': arguments, 'thisArg': lodash });
      result.__chain__ = chainAll;
      return result;
    }
    return func.apply(lodash, arrayPush([this.value()], arguments));
  };
}

// "Add `LazyWrapper` methods to `lodash.prototype`."
function lazyMethod(methodName) {
  var func = LazyWrapper.prototype[methodName];
  var checkIteratee = /^(?:filter|find|map|reject)|While$/.test(methodName),
      isTaker = /^(?:head|last)$/.test(methodName),
      lodashFunc = lodash[isTaker ? ('take' + (methodName == 'last' ? 'Right' : '')) : methodName],
      retUnwrapped = isTaker || /^find/.test(methodName);

  if (!lodashFunc) {
    return undefined;
  }
  return function() {
    var value = this.__wrapped__,
        args = isTaker ? [1] : arguments,
        isLazy = value instanceof LazyWrapper,
        iteratee = args[0],
        useLazy = isLazy || isArray(value);

    var interceptor = function(value) {
      var result = lodashFunc.apply(lodash, arrayPush([value], args));
      return (isTaker && chainAll) ? result[0] : result;
    };

    if (useLazy && checkIteratee && typeof iteratee == 'function' && iteratee.length != 1) {
      // Avoid lazy use if the iteratee has a "length" value other than `1`.
      isLazy = useLazy = false;
    }
    var chainAll = this.__chain__,
        isHybrid = !!this.__actions__.length,
        isUnwrapped = retUnwrapped && !chainAll,
        onlyLazy = isLazy && !isHybrid;

    if (!retUnwrapped && useLazy) {
      value = onlyLazy ? value : new LazyWrapper(this);
      var result = func.apply(value, args);
      result.__actions__.push({ 'func': thru, 'args': [interceptor], 'thisArg': undefined });
      return new LodashWrapper(result, chainAll);
    }
    if (isUnwrapped && onlyLazy) {
      return func.apply(this, args);
    }
    result = this.thru(interceptor);
    return isUnwrapped ? (isTaker ? result.value()[0] : result.value()) : result;
  };
}

// "Add `Array` methods to `lodash.prototype`."
function arrayMethod(methodName) {
  var func = arrayProto[methodName],
      chainName = /^(?:push|sort|unshift)$/.test(methodName) ? 'tap' : 'thru',
      retUnwrapped = /^(?:pop|shift)$/.test(methodName);

  return function() {
    var args = arguments;
    if (retUnwrapped && !this.__chain__) {
      var value = this.value();
      return func.apply(isArray(value) ? value : [], args);
    }
    return this[chainName](function(value) {
      return func.apply(isArray(value) ? value : [], args);
    });
  };
}

var WRAPPER_METHODS = {
  __proto__: null, at: wrapperAt, chain: wrapperChain, commit: wrapperCommit, next: wrapperNext,
  plant: wrapperPlant, reverse: wrapperReverse, toJSON: wrapperValue, valueOf: wrapperValue,
  value: wrapperValue,
};
var ARRAY_METHODS = ['pop', 'push', 'shift', 'sort', 'splice', 'unshift'];

function listed(names, key) {
  return typeof key == 'string' && key.length > 0 && key.indexOf(' ') < 0 && names.indexOf(' ' + key + ' ') >= 0;
}

// The prototype method `key` as the monolith has it, or undefined.
function protoMethod(key) {
  if (key === Symbol.iterator) return wrapperToIterator;
  if (typeof key != 'string') return undefined;
  if (WRAPPER_METHODS[key] !== undefined) return WRAPPER_METHODS[key];
  if (key === 'first') return protoMethod('head');
  if (LAZY_NAMES.indexOf(key) >= 0) {
    var lazy = lazyMethod(key);
    if (lazy) return lazy;
  }
  if (ARRAY_METHODS.indexOf(key) >= 0) return arrayMethod(key);
  if (listed(CHAINABLE, key)) return mixinMethod(key, true);
  if (listed(UNCHAINABLE, key)) return mixinMethod(key, false);
  return undefined;
}

// Below `lodash.prototype`: creates a missing method on first access and defines it
// on the prototype (as a plain data property, as runInContext's assignments do).
function installPrototype() {
  var base = Object.getPrototypeOf(proto);
  var lazyProto = new Proxy(base, {
    get: function(target, key, receiver) {
      if (!hasOwnProperty.call(proto, key)) {
        var method = protoMethod(key);
        if (method !== undefined) {
          // `lodash.prototype.first = lodash.prototype.head`: the same function.
          if (key === 'first') method = proto.head;
          proto[key] = method;
          return method;
        }
      }
      return Reflect.get(target, key, receiver);
    },
    has: function(target, key) {
      return protoMethod(key) !== undefined || Reflect.has(target, key);
    },
  });
  Object.setPrototypeOf(proto, lazyProto);
}

// `_.mixin` as the monolith has it (the modular mixin.js lacks the one-argument form
// `_.mixin(source)`, which mixes into `this`).
function mixin(object, source, options) {
  var props = keys(source),
      methodNames = baseFunctions(source, props);

  if (options == null &&
      !(isObject(source) && (methodNames.length || !props.length))) {
    options = source;
    source = object;
    object = this;
    methodNames = baseFunctions(source, keys(source));
  }
  var chain = !(isObject(options) && 'chain' in options) || !!options.chain,
      isFunc = isFunction(object);

  arrayEach(methodNames, function(methodName) {
    var func = source[methodName];
    object[methodName] = func;
    if (isFunc) {
      object.prototype[methodName] = function() {
        var chainAll = this.__chain__;
        if (chain || chainAll) {
          var result = object(this.__wrapped__),
              actions = result.__actions__ = copyArray(this.__actions__);

          actions.push({ 'func': func, 'args': arguments, 'thisArg': object });
          result.__chain__ = chainAll;
          return result;
        }
        return func.apply(object, arrayPush([this.value()], arguments));
      };
    }
  });

  return object;
}

// Called once by the facade: `facade` is what the monolith calls `lodash`.
function init(facade) {
  lodash = facade;
  installPrototype();
}

export default { init: init, wrap: wrapperLodash, chain: chain, mixin: mixin, prototype: proto };
