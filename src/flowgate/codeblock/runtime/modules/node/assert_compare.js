// Deep equality (assert.deepEqual/deepStrictEqual, util.isDeepStrictEqual):
// Node 20's lib/internal/util/comparisons.js (MIT), primordials replaced by
// intrinsics captured at load, its two C++ helpers written in JS below.
(function (module, exports, require, host) {
  'use strict';

  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const ArrayIsArray = Array.isArray;
  const ArrayPrototypeFilter = uncurryThis(Array.prototype.filter);
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const BigIntPrototypeValueOf = uncurryThis(BigInt.prototype.valueOf);
  const BooleanPrototypeValueOf = uncurryThis(Boolean.prototype.valueOf);
  const DatePrototypeGetTime = uncurryThis(Date.prototype.getTime);
  const NumberIsNaN = Number.isNaN;
  const NumberPrototypeValueOf = uncurryThis(Number.prototype.valueOf);
  const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectIs = Object.is;
  const ObjectKeys = Object.keys;
  const ObjectPrototypeHasOwnProperty = uncurryThis(Object.prototype.hasOwnProperty);
  const ObjectPrototypePropertyIsEnumerable = uncurryThis(Object.prototype.propertyIsEnumerable);
  const ObjectPrototypeToString = uncurryThis(Object.prototype.toString);
  const SafeSet = Set;
  const StringPrototypeValueOf = uncurryThis(String.prototype.valueOf);
  const SymbolPrototypeValueOf = uncurryThis(Symbol.prototype.valueOf);
  const TypedArrayPrototypeGetSymbolToStringTag = uncurryThis(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get);
  const TypedArrayPrototypeGetByteLength = uncurryThis(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'byteLength').get);

  const types = require('node/util_types');
  const {
    isAnyArrayBuffer, isArrayBufferView, isDate, isMap, isRegExp, isSet, isNativeError, isBoxedPrimitive,
    isNumberObject, isStringObject, isBooleanObject, isBigIntObject, isSymbolObject, isFloat32Array,
    isFloat64Array, isKeyObject, isCryptoKey,
  } = types;
  const ReflectOwnKeys = Reflect.ownKeys;
  const toHex = uncurryThis(Uint8Array.prototype.toHex);
  function compare(a, b) {
    return a.length === b.length && toHex(a) === toHex(b) ? 0 : 1;
  }
  const ONLY_ENUMERABLE = 2;
  const SKIP_SYMBOLS = 16;
  const isIndex = (key) => typeof key === 'string' && /^(?:0|[1-9][0-9]*)$/.test(key) && +key < 4294967295;
  function getOwnNonIndexProperties(obj, filter) {
    const out = [];
    for (const key of ReflectOwnKeys(obj)) {
      if (isIndex(key)) continue;
      if ((filter & SKIP_SYMBOLS) && typeof key === 'symbol') continue;
      if ((filter & ONLY_ENUMERABLE) && !ObjectPrototypePropertyIsEnumerable(obj, key)) continue;
      out.push(key);
    }
    return out;
  }
  // Node compares the KeyObjects behind two CryptoKeys; here: their type and key bytes.
  function sameKeyMaterial(a, b) {
    const { keyMaterial } = require('web/subtle_keys');
    const x = keyMaterial(a);
    const y = keyMaterial(b);
    return x.type === y.type && compare(x.data, y.data) === 0;
  }
  function isURL(self) {
    return Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
  }
  const assert = { fail(message) { throw new Error(message); } };

  const kStrict = true;
  const kLoose = false;

  const kNoIterator = 0;
  const kIsArray = 1;
  const kIsSet = 2;
  const kIsMap = 3;

  function areSimilarRegExps(a, b) {
    return a.source === b.source &&
      a.flags === b.flags &&
      a.lastIndex === b.lastIndex;
  }

  function areSimilarFloatArrays(a, b) {
    if (a.byteLength !== b.byteLength) {
      return false;
    }
    const len = TypedArrayPrototypeGetByteLength(a);
    for (let offset = 0; offset < len; offset++) {
      if (a[offset] !== b[offset]) {
        return false;
      }
    }
    return true;
  }

  function areSimilarTypedArrays(a, b) {
    if (a.byteLength !== b.byteLength) {
      return false;
    }
    return compare(new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
      new Uint8Array(b.buffer, b.byteOffset, b.byteLength)) === 0;
  }

  function areEqualArrayBuffers(buf1, buf2) {
    return buf1.byteLength === buf2.byteLength &&
      compare(new Uint8Array(buf1), new Uint8Array(buf2)) === 0;
  }

  function isEqualBoxedPrimitive(val1, val2) {
    if (isNumberObject(val1)) {
      return isNumberObject(val2) &&
        ObjectIs(NumberPrototypeValueOf(val1),
        NumberPrototypeValueOf(val2));
    }
    if (isStringObject(val1)) {
      return isStringObject(val2) &&
        StringPrototypeValueOf(val1) === StringPrototypeValueOf(val2);
    }
    if (isBooleanObject(val1)) {
      return isBooleanObject(val2) &&
        BooleanPrototypeValueOf(val1) === BooleanPrototypeValueOf(val2);
    }
    if (isBigIntObject(val1)) {
      return isBigIntObject(val2) &&
        BigIntPrototypeValueOf(val1) === BigIntPrototypeValueOf(val2);
    }
    if (isSymbolObject(val1)) {
      return isSymbolObject(val2) &&
        SymbolPrototypeValueOf(val1) === SymbolPrototypeValueOf(val2);
    }
    /* c8 ignore next */
    assert.fail(`Unknown boxed type ${val1}`);
  }

  function innerDeepEqual(val1, val2, strict, memos) {
    if (val1 === val2) {
      return val1 !== 0 || ObjectIs(val1, val2) || !strict;
    }

    if (strict) {
      if (typeof val1 === 'number') {
        return NumberIsNaN(val1) && NumberIsNaN(val2);
      }
      if (typeof val2 !== 'object' ||
          typeof val1 !== 'object' ||
          val1 === null ||
          val2 === null ||
          ObjectGetPrototypeOf(val1) !== ObjectGetPrototypeOf(val2)) {
        return false;
      }
    } else {
      if (val1 === null || typeof val1 !== 'object') {
        if (val2 === null || typeof val2 !== 'object') {
          return val1 == val2 || (NumberIsNaN(val1) && NumberIsNaN(val2));
        }
        return false;
      }
      if (val2 === null || typeof val2 !== 'object') {
        return false;
      }
    }
    const val1Tag = ObjectPrototypeToString(val1);
    const val2Tag = ObjectPrototypeToString(val2);

    if (val1Tag !== val2Tag) {
      return false;
    }

    if (ArrayIsArray(val1)) {
      if (!ArrayIsArray(val2) || val1.length !== val2.length) {
        return false;
      }
      const filter = strict ? ONLY_ENUMERABLE : ONLY_ENUMERABLE | SKIP_SYMBOLS;
      const keys1 = getOwnNonIndexProperties(val1, filter);
      const keys2 = getOwnNonIndexProperties(val2, filter);
      if (keys1.length !== keys2.length) {
        return false;
      }
      return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
    } else if (val1Tag === '[object Object]') {
      return keyCheck(val1, val2, strict, memos, kNoIterator);
    } else if (isDate(val1)) {
      if (!isDate(val2) ||
          DatePrototypeGetTime(val1) !== DatePrototypeGetTime(val2)) {
        return false;
      }
    } else if (isRegExp(val1)) {
      if (!isRegExp(val2) || !areSimilarRegExps(val1, val2)) {
        return false;
      }
    } else if (isArrayBufferView(val1)) {
      if (TypedArrayPrototypeGetSymbolToStringTag(val1) !==
        TypedArrayPrototypeGetSymbolToStringTag(val2)) {
        return false;
      }
      if (!strict && (isFloat32Array(val1) || isFloat64Array(val1))) {
        if (!areSimilarFloatArrays(val1, val2)) {
          return false;
        }
      } else if (!areSimilarTypedArrays(val1, val2)) {
        return false;
      }
      const filter = strict ? ONLY_ENUMERABLE : ONLY_ENUMERABLE | SKIP_SYMBOLS;
      const keys1 = getOwnNonIndexProperties(val1, filter);
      const keys2 = getOwnNonIndexProperties(val2, filter);
      if (keys1.length !== keys2.length) {
        return false;
      }
      return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
    } else if (isSet(val1)) {
      if (!isSet(val2) || val1.size !== val2.size) {
        return false;
      }
      return keyCheck(val1, val2, strict, memos, kIsSet);
    } else if (isMap(val1)) {
      if (!isMap(val2) || val1.size !== val2.size) {
        return false;
      }
      return keyCheck(val1, val2, strict, memos, kIsMap);
    } else if (isAnyArrayBuffer(val1)) {
      if (!isAnyArrayBuffer(val2) || !areEqualArrayBuffers(val1, val2)) {
        return false;
      }
    } else if (isNativeError(val1) || val1 instanceof Error) {
      if (!isNativeError(val2) && !(val2 instanceof Error)) {
        return false;
      }

      const message1Enumerable = ObjectPrototypePropertyIsEnumerable(val1, 'message');
      const name1Enumerable = ObjectPrototypePropertyIsEnumerable(val1, 'name');
      const cause1Enumerable = ObjectPrototypePropertyIsEnumerable(val1, 'cause');
      const errors1Enumerable = ObjectPrototypePropertyIsEnumerable(val1, 'errors');

      if ((message1Enumerable !== ObjectPrototypePropertyIsEnumerable(val2, 'message') ||
          (!message1Enumerable && val1.message !== val2.message)) ||
          (name1Enumerable !== ObjectPrototypePropertyIsEnumerable(val2, 'name') ||
            (!name1Enumerable && val1.name !== val2.name)) ||
          (cause1Enumerable !== ObjectPrototypePropertyIsEnumerable(val2, 'cause') ||
            (!cause1Enumerable && !innerDeepEqual(val1.cause, val2.cause, strict, memos))) ||
          (errors1Enumerable !== ObjectPrototypePropertyIsEnumerable(val2, 'errors') ||
            (!errors1Enumerable && !innerDeepEqual(val1.errors, val2.errors, strict, memos)))) {
        return false;
      }
    } else if (isBoxedPrimitive(val1)) {
      if (!isEqualBoxedPrimitive(val1, val2)) {
        return false;
      }
    } else if (ArrayIsArray(val2) ||
        isArrayBufferView(val2) ||
        isSet(val2) ||
        isMap(val2) ||
        isDate(val2) ||
        isRegExp(val2) ||
        isAnyArrayBuffer(val2) ||
        isBoxedPrimitive(val2) ||
        isNativeError(val2) ||
        val2 instanceof Error) {
      return false;
    } else if (isKeyObject(val1)) {
      if (!isKeyObject(val2) || !val1.equals(val2)) {
        return false;
      }
    } else if (isCryptoKey(val1)) {
      if (!isCryptoKey(val2) ||
          val1.extractable !== val2.extractable ||
          !innerDeepEqual(val1.algorithm, val2.algorithm, strict, memos) ||
          !innerDeepEqual(val1.usages, val2.usages, strict, memos) ||
          !sameKeyMaterial(val1, val2)
      ) {
        return false;
      }
    } else if (isURL(val1)) {
      if (!isURL(val2) || val1.href !== val2.href) {
        return false;
      }
    }
    return keyCheck(val1, val2, strict, memos, kNoIterator);
  }

  function getEnumerables(val, keys) {
    return ArrayPrototypeFilter(
      keys,
      (k) => ObjectPrototypePropertyIsEnumerable(val, k),
    );
  }

  function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
    const isArrayLikeObject = aKeys !== undefined;

    if (aKeys === undefined) {
      aKeys = ObjectKeys(val1);
    }

    if (aKeys.length > 0) {
      for (const key of aKeys) {
        if (!ObjectPrototypePropertyIsEnumerable(val2, key)) {
          return false;
        }
      }
    }

    if (!isArrayLikeObject) {
      if (aKeys.length !== ObjectKeys(val2).length) {
        return false;
      }

      if (strict) {
        const symbolKeysA = ObjectGetOwnPropertySymbols(val1);
        if (symbolKeysA.length !== 0) {
          let count = 0;
          for (const key of symbolKeysA) {
            if (ObjectPrototypePropertyIsEnumerable(val1, key)) {
              if (!ObjectPrototypePropertyIsEnumerable(val2, key)) {
                return false;
              }
              ArrayPrototypePush(aKeys, key);
              count++;
            } else if (ObjectPrototypePropertyIsEnumerable(val2, key)) {
              return false;
            }
          }
          const symbolKeysB = ObjectGetOwnPropertySymbols(val2);
          if (symbolKeysA.length !== symbolKeysB.length &&
              getEnumerables(val2, symbolKeysB).length !== count) {
            return false;
          }
        } else {
          const symbolKeysB = ObjectGetOwnPropertySymbols(val2);
          if (symbolKeysB.length !== 0 &&
              getEnumerables(val2, symbolKeysB).length !== 0) {
            return false;
          }
        }
      }
    }

    if (aKeys.length === 0 &&
        (iterationType === kNoIterator ||
          (iterationType === kIsArray && val1.length === 0) ||
          val1.size === 0)) {
      return true;
    }

    if (memos === undefined) {
      memos = {
        set: undefined,
        a: val1,
        b: val2,
        c: undefined,
        d: undefined,
        deep: false,
        deleteFailures: false,
      };
      return objEquiv(val1, val2, strict, aKeys, memos, iterationType);
    }

    if (memos.set === undefined) {
      if (memos.deep === false) {
        if (memos.a === val1) {
          if (memos.b === val2) return true;
        }
        memos.c = val1;
        memos.d = val2;
        memos.deep = true;
        const result = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
        memos.deep = false;
        return result;
      }
      memos.set = new SafeSet();
      memos.set.add(memos.a);
      memos.set.add(memos.b);
      memos.set.add(memos.c);
      memos.set.add(memos.d);
    }

    const { set } = memos;

    const originalSize = set.size;
    set.add(val1);
    set.add(val2);
    if (originalSize === set.size) {
      return true;
    }

    const areEq = objEquiv(val1, val2, strict, aKeys, memos, iterationType);

    if (areEq || memos.deleteFailures) {
      set.delete(val1);
      set.delete(val2);
    }

    return areEq;
  }

  const { setEquiv, mapEquiv } = require('node/assert_compare_sets')(innerDeepEqual);

  function objEquiv(a, b, strict, keys, memos, iterationType) {
    if (keys.length > 0) {
      for (const key of keys) {
        if (!innerDeepEqual(a[key], b[key], strict, memos)) {
          return false;
        }
      }
    }

    if (iterationType === kIsArray) {
      for (let i = 0; i < a.length; i++) {
        if (ObjectPrototypeHasOwnProperty(a, i)) {
          if (!ObjectPrototypeHasOwnProperty(b, i) ||
              !innerDeepEqual(a[i], b[i], strict, memos)) {
            return false;
          }
        } else if (ObjectPrototypeHasOwnProperty(b, i)) {
          return false;
        } else {
          const keysA = ObjectKeys(a);
          for (; i < keysA.length; i++) {
            const key = keysA[i];
            if (!ObjectPrototypeHasOwnProperty(b, key) ||
                !innerDeepEqual(a[key], b[key], strict, memos)) {
              return false;
            }
          }
          return keysA.length === ObjectKeys(b).length;
        }
      }
    } else if (iterationType === kIsSet) {
      if (!setEquiv(a, b, strict, memos)) {
        return false;
      }
    } else if (iterationType === kIsMap) {
      if (!mapEquiv(a, b, strict, memos)) {
        return false;
      }
    }

    return true;
  }

  function isDeepEqual(val1, val2) {
    return innerDeepEqual(val1, val2, kLoose);
  }

  function isDeepStrictEqual(val1, val2) {
    return innerDeepEqual(val1, val2, kStrict);
  }

  module.exports = {
    isDeepEqual,
    isDeepStrictEqual,
  };
})
