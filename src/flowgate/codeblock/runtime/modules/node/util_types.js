// util.types (module 'util/types'): Node's brand checks, from what the engine
// lets JS observe. Internal slots are probed with the built-in getters that
// throw on a foreign receiver (never through Symbol.toStringTag, which user
// code can fake); what JS cannot see at all is approximated, see
// docs/runtime-modules.md (isProxy and isExternal are always false).
(function (module, exports, require, host) {
  'use strict';
  const getPrototypeOf = Object.getPrototypeOf;
  const getter = (obj, key) => Object.getOwnPropertyDescriptor(obj, key).get;
  const call = Function.prototype.call.bind(Function.prototype.call);
  const toString = Object.prototype.toString;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const TypedArrayProto = getPrototypeOf(Uint8Array.prototype);
  const typedArrayTag = getter(TypedArrayProto, Symbol.toStringTag);
  const ErrorIsError = typeof Error.isError === 'function' ? Error.isError : undefined;
  const promiseState = host && typeof host.promiseState === 'function' ? host.promiseState : undefined;
  const PromisePrototype = Promise.prototype;

  // brand(fn)(v): true when fn(v) does not throw (fn reads an internal slot).
  function brand(fn) {
    return (value) => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
      try {
        call(fn, value);
        return true;
      } catch {
        return false;
      }
    };
  }
  const probe = {};
  const isDate = brand(Date.prototype.getTime);
  const regExpSource = getter(RegExp.prototype, 'source');
  const isRegExp = (v) => v !== RegExp.prototype && brand(regExpSource)(v);
  const isMap = brand(getter(Map.prototype, 'size'));
  const isSet = brand(getter(Set.prototype, 'size'));
  const weakMapHas = WeakMap.prototype.has;
  const weakSetHas = WeakSet.prototype.has;
  const isWeakMap = brand(function () { return call(weakMapHas, this, probe); });
  const isWeakSet = brand(function () { return call(weakSetHas, this, probe); });
  const isArrayBuffer = brand(getter(ArrayBuffer.prototype, 'byteLength'));
  const isSharedArrayBuffer = typeof SharedArrayBuffer === 'function' ?
    brand(getter(SharedArrayBuffer.prototype, 'byteLength')) : () => false;
  const isNumberObject = (v) => typeof v === 'object' && brand(Number.prototype.valueOf)(v);
  const isStringObject = (v) => typeof v === 'object' && brand(String.prototype.valueOf)(v);
  const isBooleanObject = (v) => typeof v === 'object' && brand(Boolean.prototype.valueOf)(v);
  const isBigIntObject = (v) => typeof v === 'object' && brand(BigInt.prototype.valueOf)(v);
  const isSymbolObject = (v) => typeof v === 'object' && brand(Symbol.prototype.valueOf)(v);

  function inChain(value, proto) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    for (let o = getPrototypeOf(value); o !== null; o = getPrototypeOf(o)) if (o === proto) return true;
    return false;
  }
  const MapIteratorPrototype = getPrototypeOf(new Map()[Symbol.iterator]());
  const SetIteratorPrototype = getPrototypeOf(new Set()[Symbol.iterator]());
  const GeneratorPrototype = getPrototypeOf(function* () {}).prototype;
  const AsyncGeneratorPrototype = getPrototypeOf(async function* () {}).prototype;
  const AsyncFunctionPrototype = getPrototypeOf(async function () {});
  const GeneratorFunctionPrototype = getPrototypeOf(function* () {});
  const AsyncGeneratorFunctionPrototype = getPrototypeOf(async function* () {});

  function typedArrayName(value) {
    return value !== null && typeof value === 'object' ? call(typedArrayTag, value) : undefined;
  }
  const typed = (name) => (value) => typedArrayName(value) === name;

  const types = {
    isExternal: () => false,
    isDate,
    isArgumentsObject: (v) => v !== null && typeof v === 'object' && call(toString, v) === '[object Arguments]',
    isBigIntObject, isBooleanObject, isNumberObject, isStringObject, isSymbolObject,
    isNativeError(v) {
      if (ErrorIsError !== undefined) return ErrorIsError(v);
      return v !== null && typeof v === 'object' && call(toString, v) === '[object Error]';
    },
    isRegExp,
    isAsyncFunction(v) {
      const p = typeof v === 'function' ? getPrototypeOf(v) : null;
      return p === AsyncFunctionPrototype || p === AsyncGeneratorFunctionPrototype;
    },
    isGeneratorFunction(v) {
      const p = typeof v === 'function' ? getPrototypeOf(v) : null;
      return p === GeneratorFunctionPrototype || p === AsyncGeneratorFunctionPrototype;
    },
    isGeneratorObject: (v) => inChain(v, GeneratorPrototype) || inChain(v, AsyncGeneratorPrototype),
    isPromise(v) {
      if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return false;
      if (promiseState !== undefined) return promiseState(v) !== undefined;
      return inChain(v, PromisePrototype);
    },
    isMap, isSet,
    isMapIterator: (v) => inChain(v, MapIteratorPrototype),
    isSetIterator: (v) => inChain(v, SetIteratorPrototype),
    isWeakMap, isWeakSet, isArrayBuffer,
    isDataView: (v) => ArrayBufferIsView(v) && typedArrayName(v) === undefined,
    isSharedArrayBuffer,
    isProxy: () => false,
    isModuleNamespaceObject: (v) => v !== null && typeof v === 'object' && getPrototypeOf(v) === null &&
      v[Symbol.toStringTag] === 'Module' && Object.isSealed(v),
    isAnyArrayBuffer: (v) => isArrayBuffer(v) || isSharedArrayBuffer(v),
    isBoxedPrimitive: (v) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) ||
      isBigIntObject(v) || isSymbolObject(v),
    isArrayBufferView: (v) => ArrayBufferIsView(v),
    isTypedArray: (v) => typedArrayName(v) !== undefined,
    isUint8Array: typed('Uint8Array'),
    isUint8ClampedArray: typed('Uint8ClampedArray'),
    isUint16Array: typed('Uint16Array'),
    isUint32Array: typed('Uint32Array'),
    isInt8Array: typed('Int8Array'),
    isInt16Array: typed('Int16Array'),
    isInt32Array: typed('Int32Array'),
    isFloat32Array: typed('Float32Array'),
    isFloat64Array: typed('Float64Array'),
    isBigInt64Array: typed('BigInt64Array'),
    isBigUint64Array: typed('BigUint64Array'),
    // node/crypto_keys_object knows its KeyObjects (a WeakMap of key state); it is
    // loaded only for objects that look like one (the class name).
    isKeyObject(v) {
      if (v === null || typeof v !== 'object') return false;
      const proto = getPrototypeOf(v);
      if (proto === null || typeof proto.constructor !== 'function' ||
          !/^(Secret|Public|Private)KeyObject$/.test(proto.constructor.name)) return false;
      return require('node/crypto_keys_object').isKeyObject(v) === true;
    },
    // web/subtle_keys knows its CryptoKeys (private state); it is loaded only for
    // objects that look like one (the class name).
    isCryptoKey(v) {
      if (v === null || typeof v !== 'object') return false;
      const proto = getPrototypeOf(v);
      if (proto === null || typeof proto.constructor !== 'function' || proto.constructor.name !== 'CryptoKey') return false;
      return require('web/subtle_keys').CryptoKey._isKey(v) === true;
    },
  };
  module.exports = types;
})
