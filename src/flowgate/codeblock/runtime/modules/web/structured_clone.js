// web/structured_clone: the global structuredClone(value[, { transfer }]) with
// Node 20's behaviour (HTML structured clone as V8's ValueSerializer and
// Node's messaging layer implement it), including its error messages.
//
// What is cloned: primitives (not symbols), Boolean/Number/String/BigInt
// wrappers, Date, RegExp (lastIndex reset), ArrayBuffer (resizable kept),
// every typed array and DataView (views of one buffer keep sharing one cloned
// buffer), Map, Set, Array (holes and extra own enumerable properties kept),
// Error objects (prototype chosen from `name`; message, stack, cause kept) and
// every other ordinary object as a plain object of its own enumerable string
// keys (prototype, accessors, symbols and non-enumerable properties dropped).
// Shared and circular references are preserved.
//
// Everything else throws DOMException DataCloneError "<value> could not be
// cloned.": functions, symbols, WeakMap/WeakSet/WeakRef/FinalizationRegistry,
// Promise, arguments objects, generators and built-in iterators.
//
// Where QuickJS differs from Node, and what we do:
//  - transfer: listed ArrayBuffers are copied into the clone and, once the
//    clone succeeded, detached with ArrayBuffer.prototype.transfer(), so the
//    originals end up detached exactly as in Node (but the bytes are copied,
//    not moved). Only ArrayBuffers are transferable (no MessagePort here).
//  - SharedArrayBuffer: Node returns a new object sharing the same memory;
//    QuickJS cannot alias memory from JS, so the same object is returned.
//  - Proxies cannot be detected: they are cloned through their traps (Node
//    throws "#<Object> could not be cloned.").
//  - A typed array on a resizable buffer is treated as length-tracking when it
//    ends at the end of its buffer (JS cannot see the flag V8 serialises).
(function (module, exports, require, host) {
  'use strict';

  // ------------------------------------------------------------ intrinsics
  const FunctionPrototypeCall = Function.prototype.call;
  const uncurryThis = (fn) => FunctionPrototypeCall.bind(fn);
  const ReflectApply = Reflect.apply;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectKeys = Object.keys;
  const ObjectPrototypeHasOwnProperty = uncurryThis(Object.prototype.hasOwnProperty);
  const ObjectPrototype = Object.prototype;
  const ObjectPrototypeToString = Object.prototype.toString;
  const ObjectPrototypeToStringCall = uncurryThis(Object.prototype.toString);
  const ArrayCtor = Array;
  const ArrayIsArray = Array.isArray;
  const ArrayPrototypeIncludes = uncurryThis(Array.prototype.includes);
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const StringPrototypeStartsWith = uncurryThis(String.prototype.startsWith);
  const SymbolPrototypeToString = uncurryThis(Symbol.prototype.toString);
  const SymbolIterator = Symbol.iterator;
  const TypeErrorCtor = TypeError;
  const ErrorCtor = Error;
  const ErrorPrototypeToString = Error.prototype.toString;
  const ErrorIsError = typeof Error.isError === 'function' ? Error.isError : undefined;
  const DOMExceptionCtor = DOMException;
  const DOMExceptionNameGetter = uncurryThis(
    ObjectGetOwnPropertyDescriptor(DOMException.prototype, 'name').get);
  const FunctionPrototypeToString = uncurryThis(Function.prototype.toString);

  const errorCtors = {
    __proto__: null,
    EvalError,
    RangeError,
    ReferenceError,
    SyntaxError,
    TypeError,
    URIError,
  };

  const MapCtor = Map;
  const MapPrototypeGet = uncurryThis(Map.prototype.get);
  const MapPrototypeSet = uncurryThis(Map.prototype.set);
  const MapPrototypeEntries = uncurryThis(Map.prototype.entries);
  const MapIteratorNext = uncurryThis(ObjectGetPrototypeOf(new Map().entries()).next);
  const MapPrototypeGetSize = uncurryThis(ObjectGetOwnPropertyDescriptor(Map.prototype, 'size').get);
  const SetCtor = Set;
  const SetPrototypeAdd = uncurryThis(Set.prototype.add);
  const SetPrototypeValues = uncurryThis(Set.prototype.values);
  const SetIteratorNext = uncurryThis(ObjectGetPrototypeOf(new Set().values()).next);
  const SetPrototypeGetSize = uncurryThis(ObjectGetOwnPropertyDescriptor(Set.prototype, 'size').get);
  const WeakMapPrototypeHas = uncurryThis(WeakMap.prototype.has);
  const WeakSetPrototypeHas = uncurryThis(WeakSet.prototype.has);
  const WeakRefPrototypeDeref = typeof WeakRef === 'function' ?
    uncurryThis(WeakRef.prototype.deref) : undefined;
  const FinalizationRegistryUnregister = typeof FinalizationRegistry === 'function' ?
    uncurryThis(FinalizationRegistry.prototype.unregister) : undefined;

  const DateCtor = Date;
  const DatePrototypeGetTime = uncurryThis(Date.prototype.getTime);
  const RegExpCtor = RegExp;
  const RegExpPrototype = RegExp.prototype;
  const regExpGetter = (name) => {
    const desc = ObjectGetOwnPropertyDescriptor(RegExp.prototype, name);
    return desc === undefined ? undefined : uncurryThis(desc.get);
  };
  const RegExpSource = regExpGetter('source');
  // In the order of RegExp.prototype.flags.
  const regExpFlags = [
    ['d', regExpGetter('hasIndices')], ['g', regExpGetter('global')],
    ['i', regExpGetter('ignoreCase')], ['m', regExpGetter('multiline')],
    ['s', regExpGetter('dotAll')], ['u', regExpGetter('unicode')],
    ['v', regExpGetter('unicodeSets')], ['y', regExpGetter('sticky')],
  ];

  const NumberCtor = Number;
  const NumberPrototypeValueOf = uncurryThis(Number.prototype.valueOf);
  const StringCtor = String;
  const StringPrototypeValueOf = uncurryThis(String.prototype.valueOf);
  const BooleanCtor = Boolean;
  const BooleanPrototypeValueOf = uncurryThis(Boolean.prototype.valueOf);
  const ObjectCtor = Object;
  const BigIntPrototypeValueOf = uncurryThis(BigInt.prototype.valueOf);
  const SymbolPrototypeValueOf = uncurryThis(Symbol.prototype.valueOf);

  const ArrayBufferCtor = ArrayBuffer;
  const abGetter = (name) => {
    const desc = ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, name);
    return desc === undefined ? undefined : uncurryThis(desc.get);
  };
  const ArrayBufferByteLength = abGetter('byteLength');
  const ArrayBufferDetached = abGetter('detached');
  const ArrayBufferResizable = abGetter('resizable');
  const ArrayBufferMaxByteLength = abGetter('maxByteLength');
  const ArrayBufferPrototypeSlice = uncurryThis(ArrayBuffer.prototype.slice);
  const ArrayBufferPrototypeTransfer = typeof ArrayBuffer.prototype.transfer === 'function' ?
    uncurryThis(ArrayBuffer.prototype.transfer) : undefined;
  const SharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function' ?
    uncurryThis(ObjectGetOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get) :
    undefined;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const taGetter = (name) =>
    uncurryThis(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, name).get);
  const TypedArrayTag = taGetter(Symbol.toStringTag);
  const TypedArrayBuffer = taGetter('buffer');
  const TypedArrayByteOffset = taGetter('byteOffset');
  const TypedArrayLength = taGetter('length');
  const TypedArrayByteLength = taGetter('byteLength');
  const Uint8ArrayCtor = Uint8Array;
  const Uint8ArrayPrototypeSet = uncurryThis(TypedArrayPrototype.set);
  const DataViewCtor = DataView;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const dvGetter = (name) =>
    uncurryThis(ObjectGetOwnPropertyDescriptor(DataView.prototype, name).get);
  const DataViewBuffer = dvGetter('buffer');
  const DataViewByteOffset = dvGetter('byteOffset');
  const DataViewByteLength = dvGetter('byteLength');

  const typedArrayCtors = { __proto__: null };
  {
    const names = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
      'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array',
      'BigInt64Array', 'BigUint64Array'];
    for (let i = 0; i < names.length; i++) {
      if (typeof globalThis[names[i]] === 'function') typedArrayCtors[names[i]] = globalThis[names[i]];
    }
  }

  const PromisePrototype = Promise.prototype;
  const IteratorPrototype = ObjectGetPrototypeOf(ObjectGetPrototypeOf([][SymbolIterator]()));
  // Prototypes of the built-in iterator and generator objects.
  const iteratorPrototypes = [
    ObjectGetPrototypeOf([][SymbolIterator]()),
    ObjectGetPrototypeOf(new Map().entries()),
    ObjectGetPrototypeOf(new Set().values()),
    ObjectGetPrototypeOf(''[SymbolIterator]()),
    ObjectGetPrototypeOf(/a/[Symbol.matchAll](''))
  ];
  {
    const gen = ObjectGetPrototypeOf(function* () {}).prototype;
    const asyncGen = ObjectGetPrototypeOf(async function* () {}).prototype;
    ArrayPrototypePush(iteratorPrototypes, gen, asyncGen);
    const IteratorCtor = globalThis.Iterator;
    if (typeof IteratorCtor === 'function') {
      try {
        if (typeof IteratorCtor.from === 'function') {
          ArrayPrototypePush(iteratorPrototypes,
            ObjectGetPrototypeOf(IteratorCtor.from({ next() { return { done: true }; } })));
        }
        if (typeof IteratorPrototype.map === 'function') {
          ArrayPrototypePush(iteratorPrototypes,
            ObjectGetPrototypeOf(ReflectApply(IteratorPrototype.map, [][SymbolIterator](), [(x) => x])));
        }
      } catch {
        // Not every engine build has iterator helpers.
      }
    }
  }

  // ----------------------------------------------------------- type checks
  function brandCheck(fn) {
    if (fn === undefined) return () => false;
    return (value) => {
      try {
        fn(value);
        return true;
      } catch {
        return false;
      }
    };
  }
  const probeKey = {};
  const hasRegExpSource = brandCheck(RegExpSource);
  function isRegExpSlot(value) {
    return value !== RegExpPrototype && hasRegExpSource(value);
  }
  const isDOMException = brandCheck(DOMExceptionNameGetter);

  // Which built-in internal slots an object has. A failing brand check costs
  // an exception, so the prototype chain picks the one check to run; only
  // objects whose chain does not lead to Object.prototype through a built-in
  // prototype (null-prototype objects) are probed with every check.
  const kOrdinary = 0;
  const kMap = 1;
  const kSet = 2;
  const kDate = 3;
  const kRegExp = 4;
  const kArrayBuffer = 5;
  const kSharedArrayBuffer = 6;
  const kNumber = 7;
  const kString = 8;
  const kBoolean = 9;
  const kBigInt = 10;
  const kSymbol = 11;
  const kWeakMap = 12;
  const kWeakSet = 13;
  const kWeakRef = 14;
  const kFinalizationRegistry = 15;
  // Recognised by prototype only (no side-effect-free brand check exists).
  const kIterator = 16;
  const kPromise = 17;
  const slotChecks = [
    undefined,
    brandCheck(MapPrototypeGetSize),
    brandCheck(SetPrototypeGetSize),
    brandCheck(DatePrototypeGetTime),
    isRegExpSlot,
    brandCheck(ArrayBufferByteLength),
    brandCheck(SharedArrayBufferByteLength),
    brandCheck(NumberPrototypeValueOf),
    brandCheck(StringPrototypeValueOf),
    brandCheck(BooleanPrototypeValueOf),
    brandCheck(BigIntPrototypeValueOf),
    brandCheck(SymbolPrototypeValueOf),
    brandCheck((v) => WeakMapPrototypeHas(v, probeKey)),
    brandCheck((v) => WeakSetPrototypeHas(v, probeKey)),
    brandCheck(WeakRefPrototypeDeref),
    brandCheck(FinalizationRegistryUnregister &&
      ((v) => FinalizationRegistryUnregister(v, probeKey))),
  ];
  const slotPrototypes = new MapCtor();
  {
    const protos = [undefined, Map.prototype, Set.prototype, Date.prototype, RegExp.prototype,
      ArrayBuffer.prototype,
      typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer.prototype : undefined,
      Number.prototype, String.prototype, Boolean.prototype, BigInt.prototype, Symbol.prototype,
      WeakMap.prototype, WeakSet.prototype,
      typeof WeakRef === 'function' ? WeakRef.prototype : undefined,
      typeof FinalizationRegistry === 'function' ? FinalizationRegistry.prototype : undefined];
    for (let i = 1; i < protos.length; i++) {
      if (protos[i] !== undefined) MapPrototypeSet(slotPrototypes, protos[i], i);
    }
    for (let i = 0; i < iteratorPrototypes.length; i++) {
      MapPrototypeSet(slotPrototypes, iteratorPrototypes[i], kIterator);
    }
    MapPrototypeSet(slotPrototypes, PromisePrototype, kPromise);
  }

  function slotKind(value) {
    let obj = ObjectGetPrototypeOf(value);
    while (obj !== null) {
      if (obj === ObjectPrototype) return kOrdinary;
      const kind = MapPrototypeGet(slotPrototypes, obj);
      if (kind !== undefined) {
        if (kind >= kIterator || slotChecks[kind](value)) return kind;
        break;
      }
      obj = ObjectGetPrototypeOf(obj);
    }
    for (let kind = 1; kind < slotChecks.length; kind++) {
      if (slotChecks[kind](value)) return kind;
    }
    return kOrdinary;
  }

  const isArrayBuffer = slotChecks[kArrayBuffer];
  const isSharedArrayBuffer = slotChecks[kSharedArrayBuffer];

  function isTypedArray(value) {
    return TypedArrayTag(value) !== undefined;
  }

  function isNativeError(value) {
    if (ErrorIsError !== undefined) return ErrorIsError(value);
    return ObjectPrototypeToStringCall(value) === '[object Error]' && !isDOMException(value);
  }

  function inheritsFrom(value, protos) {
    let obj = ObjectGetPrototypeOf(value);
    while (obj !== null) {
      if (ArrayPrototypeIncludes(protos, obj)) return true;
      obj = ObjectGetPrototypeOf(obj);
    }
    return false;
  }

  function isDetached(buffer) {
    if (ArrayBufferDetached !== undefined) return ArrayBufferDetached(buffer);
    try {
      // eslint-disable-next-line no-new
      new Uint8ArrayCtor(buffer);
      return false;
    } catch {
      return true;
    }
  }

  // ---------------------------------------------------------------- errors
  function dataCloneError(message) {
    return new DOMExceptionCtor(message, 'DataCloneError');
  }

  function nodeError(Ctor, code, message) {
    const err = new Ctor(message);
    ObjectDefineProperty(err, 'code', {
      __proto__: null, value: code, writable: true, enumerable: true, configurable: true,
    });
    return err;
  }

  // V8's side-effect-free data property lookup. Node 20 has no
  // Iterator.prototype.constructor, so that accessor is looked through.
  function getDataProperty(obj, key) {
    while (obj !== null) {
      const desc = ObjectGetOwnPropertyDescriptor(obj, key);
      if (desc !== undefined) {
        if (ObjectPrototypeHasOwnProperty(desc, 'value')) return desc.value;
        if (obj !== IteratorPrototype) return undefined;
      }
      obj = ObjectGetPrototypeOf(obj);
    }
    return undefined;
  }

  function builtinClassName(value) {
    switch (slotKind(value)) {
      case kWeakMap: return 'WeakMap';
      case kWeakSet: return 'WeakSet';
      case kWeakRef: return 'WeakRef';
      case kFinalizationRegistry: return 'FinalizationRegistry';
      case kSymbol: return 'Symbol';
      default: break;
    }
    if (ArrayIsArray(value)) return 'Array';
    const tag = getDataProperty(value, Symbol.toStringTag);
    if (typeof tag === 'string' && inheritsFrom(value, iteratorPrototypes)) return tag;
    if (inheritsFrom(value, [PromisePrototype])) return 'Promise';
    return 'Object';
  }

  // How V8 names a value it could not clone (Object::NoSideEffectsToString).
  function describe(value) {
    if (typeof value === 'symbol') return SymbolPrototypeToString(value);
    if (typeof value === 'function') return functionSource(value);
    const toString = getDataProperty(value, 'toString');
    if (toString === ErrorPrototypeToString) {
      const name = getDataProperty(value, 'name');
      const message = getDataProperty(value, 'message');
      const n = typeof name === 'string' ? name : 'Error';
      const m = typeof message === 'string' ? message : '';
      return n === '' ? m : m === '' ? n : `${n}: ${m}`;
    }
    if (toString === ObjectPrototypeToString) {
      const ctor = getDataProperty(value, 'constructor');
      if (typeof ctor === 'function') {
        const desc = ObjectGetOwnPropertyDescriptor(ctor, 'name');
        const name = desc !== undefined && typeof desc.value === 'string' ? desc.value : '';
        if (name !== '') return `#<${name}>`;
      }
    }
    return `[object ${builtinClassName(value)}]`;
  }

  const nativeSuffix = '() {\n    [native code]\n}';

  function functionSource(fn) {
    let src = FunctionPrototypeToString(fn);
    // QuickJS prints native and bound functions on three lines; V8 on one,
    // with bound functions anonymous.
    if (StringPrototypeStartsWith(src, 'function ') && src.length >= nativeSuffix.length &&
        StringPrototypeSlice(src, -nativeSuffix.length) === nativeSuffix) {
      const name = StringPrototypeSlice(src, 9, -nativeSuffix.length);
      src = StringPrototypeStartsWith(name, 'bound ') || name === 'bound' ?
        'function () { [native code] }' : `function ${name}() { [native code] }`;
    }
    if (src.length > 128) {
      src = `${StringPrototypeSlice(src, 0, 111)}...<omitted>...${StringPrototypeSlice(src, -2)}`;
    }
    return src;
  }

  function notCloneable(value) {
    return dataCloneError(`${describe(value)} could not be cloned.`);
  }

  // --------------------------------------------------------------- cloning
  // One reusable descriptor: defineProperty reads it before returning.
  const dataDescriptor = {
    __proto__: null, value: undefined, writable: true, enumerable: true, configurable: true,
  };
  function defineData(obj, key, value) {
    dataDescriptor.value = value;
    ObjectDefineProperty(obj, key, dataDescriptor);
    dataDescriptor.value = undefined;
  }

  function defineHidden(obj, key, value) {
    ObjectDefineProperty(obj, key, {
      __proto__: null, value, writable: true, enumerable: false, configurable: true,
    });
  }

  // Marks an Error whose clone is not finished: V8 registers an error only
  // after its cause is read, so a reference back to it cannot be resolved.
  const kErrorInProgress = {};

  function remember(cloner, value, clone) {
    MapPrototypeSet(cloner.memory, value, clone);
    return clone;
  }

  function cloneValue(cloner, value) {
    const type = typeof value;
    if (type === 'symbol') throw notCloneable(value);
    if (type === 'function') throw notCloneable(value);
    if (type !== 'object' || value === null) return value;
    const known = MapPrototypeGet(cloner.memory, value);
    if (known === undefined) return cloneObject(cloner, value);
    if (known === kErrorInProgress) throw new ErrorCtor('Unable to deserialize cloned data.');
    return known;
  }

  function cloneObject(cloner, value) {
    if (value === globalThis) throw notCloneable(value);
    if (ArrayIsArray(value)) return cloneArray(cloner, value);
    if (ArrayBufferIsView(value)) {
      return isTypedArray(value) ? cloneTypedArray(cloner, value) : cloneDataView(cloner, value);
    }
    if (isNativeError(value)) return cloneError(cloner, value);
    switch (slotKind(value)) {
      case kDate:
        return remember(cloner, value, new DateCtor(DatePrototypeGetTime(value)));
      case kRegExp:
        return remember(cloner, value, cloneRegExp(value));
      case kMap:
        return cloneMap(cloner, value);
      case kSet:
        return cloneSet(cloner, value);
      case kArrayBuffer:
        return cloneArrayBuffer(cloner, value);
      case kSharedArrayBuffer:
        return remember(cloner, value, value);
      case kNumber:
        return remember(cloner, value, new NumberCtor(NumberPrototypeValueOf(value)));
      case kString:
        return remember(cloner, value, new StringCtor(StringPrototypeValueOf(value)));
      case kBoolean:
        return remember(cloner, value, new BooleanCtor(BooleanPrototypeValueOf(value)));
      case kBigInt:
        return remember(cloner, value, ObjectCtor(BigIntPrototypeValueOf(value)));
      case kOrdinary:
        break;
      default: // Symbol wrappers, weak collections, promises, iterators.
        throw notCloneable(value);
    }
    if (ObjectPrototypeHasOwnProperty(value, 'callee') &&
        ObjectPrototypeToStringCall(value) === '[object Arguments]') {
      throw notCloneable(value);
    }
    return clonePlainObject(cloner, value);
  }

  function cloneProperties(cloner, value, clone, keys) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      // A getter may have removed a later property: skip it, as V8 does.
      if (!ObjectPrototypeHasOwnProperty(value, key)) continue;
      defineData(clone, key, cloneValue(cloner, value[key]));
    }
  }

  function clonePlainObject(cloner, value) {
    const clone = {};
    remember(cloner, value, clone);
    cloneProperties(cloner, value, clone, ObjectKeys(value));
    return clone;
  }

  function cloneArray(cloner, value) {
    const length = value.length;
    const clone = new ArrayCtor(length);
    remember(cloner, value, clone);
    // Own enumerable keys: the present elements (holes stay holes), then the
    // extra properties. Index keys come first, in order, so when the first
    // `length` keys are all indices the array is dense and is copied by index
    // (much faster than by key string in QuickJS).
    const keys = ObjectKeys(value);
    if (length === 0 || keys.length < length || !isIndexKey(keys[length - 1])) {
      cloneProperties(cloner, value, clone, keys);
      return clone;
    }
    for (let i = 0; i < length; i++) {
      if (!ObjectPrototypeHasOwnProperty(value, i)) continue;
      defineData(clone, i, cloneValue(cloner, value[i]));
    }
    for (let i = length; i < keys.length; i++) {
      const key = keys[i];
      if (!ObjectPrototypeHasOwnProperty(value, key)) continue;
      defineData(clone, key, cloneValue(cloner, value[key]));
    }
    return clone;
  }

  function isIndexKey(key) {
    const len = key.length;
    if (len === 0 || len > 10) return false;
    const first = StringPrototypeCharCodeAt(key, 0);
    if (first === 48) return len === 1;
    for (let i = 0; i < len; i++) {
      const c = StringPrototypeCharCodeAt(key, i);
      if (c < 48 || c > 57) return false;
    }
    return +key < 4294967295;
  }

  function cloneRegExp(value) {
    let flags = '';
    for (let i = 0; i < regExpFlags.length; i++) {
      const getter = regExpFlags[i][1];
      if (getter !== undefined && getter(value)) flags += regExpFlags[i][0];
    }
    return new RegExpCtor(RegExpSource(value), flags);
  }

  function cloneMap(cloner, value) {
    const clone = new MapCtor();
    remember(cloner, value, clone);
    // Snapshot the entries first, as V8 does.
    const entries = [];
    const it = MapPrototypeEntries(value);
    for (;;) {
      const step = MapIteratorNext(it);
      if (step.done) break;
      ArrayPrototypePush(entries, step.value[0], step.value[1]);
    }
    const cloned = [];
    for (let i = 0; i < entries.length; i++) ArrayPrototypePush(cloned, cloneValue(cloner, entries[i]));
    for (let i = 0; i < cloned.length; i += 2) MapPrototypeSet(clone, cloned[i], cloned[i + 1]);
    return clone;
  }

  function cloneSet(cloner, value) {
    const clone = new SetCtor();
    remember(cloner, value, clone);
    const items = [];
    const it = SetPrototypeValues(value);
    for (;;) {
      const step = SetIteratorNext(it);
      if (step.done) break;
      ArrayPrototypePush(items, step.value);
    }
    const cloned = [];
    for (let i = 0; i < items.length; i++) ArrayPrototypePush(cloned, cloneValue(cloner, items[i]));
    for (let i = 0; i < cloned.length; i++) SetPrototypeAdd(clone, cloned[i]);
    return clone;
  }

  function detachedError() {
    return dataCloneError('An ArrayBuffer is detached and could not be cloned.');
  }

  function copyArrayBuffer(value) {
    if (ArrayBufferResizable !== undefined && ArrayBufferResizable(value)) {
      const length = ArrayBufferByteLength(value);
      const copy = new ArrayBufferCtor(length, { maxByteLength: ArrayBufferMaxByteLength(value) });
      Uint8ArrayPrototypeSet(new Uint8ArrayCtor(copy), new Uint8ArrayCtor(value, 0, length));
      return copy;
    }
    return ArrayBufferPrototypeSlice(value, 0);
  }

  function cloneArrayBuffer(cloner, value) {
    if (isDetached(value)) throw detachedError();
    return remember(cloner, value, copyArrayBuffer(value));
  }

  function cloneBufferOfView(cloner, buffer) {
    if (isSharedArrayBuffer(buffer)) return buffer;
    if (isDetached(buffer)) throw detachedError();
    return cloneValue(cloner, buffer);
  }

  function isLengthTracking(buffer, end) {
    return isArrayBuffer(buffer) && ArrayBufferResizable !== undefined &&
      ArrayBufferResizable(buffer) && end === ArrayBufferByteLength(buffer);
  }

  function cloneTypedArray(cloner, value) {
    const buffer = TypedArrayBuffer(value);
    const bufferClone = cloneBufferOfView(cloner, buffer);
    const Ctor = typedArrayCtors[TypedArrayTag(value)];
    const offset = TypedArrayByteOffset(value);
    const clone = isLengthTracking(buffer, offset + TypedArrayByteLength(value)) ?
      new Ctor(bufferClone, offset) :
      new Ctor(bufferClone, offset, TypedArrayLength(value));
    return remember(cloner, value, clone);
  }

  function cloneDataView(cloner, value) {
    const buffer = DataViewBuffer(value);
    if (!isSharedArrayBuffer(buffer) && isDetached(buffer)) throw detachedError();
    const offset = DataViewByteOffset(value);
    const length = DataViewByteLength(value);
    const bufferClone = cloneBufferOfView(cloner, buffer);
    const clone = isLengthTracking(buffer, offset + length) ?
      new DataViewCtor(bufferClone, offset) :
      new DataViewCtor(bufferClone, offset, length);
    return remember(cloner, value, clone);
  }

  function cloneError(cloner, value) {
    MapPrototypeSet(cloner.memory, value, kErrorInProgress);
    const messageDesc = ObjectGetOwnPropertyDescriptor(value, 'message');
    const causeDesc = ObjectGetOwnPropertyDescriptor(value, 'cause');
    const nameValue = value.name;
    if (typeof nameValue === 'symbol') {
      throw new TypeErrorCtor('Cannot convert a Symbol value to a string');
    }
    const name = `${nameValue}`;
    const Ctor = errorCtors[name] || ErrorCtor;
    let message;
    const hasMessage = messageDesc !== undefined && ObjectPrototypeHasOwnProperty(messageDesc, 'value');
    if (hasMessage) message = `${messageDesc.value}`;
    const stack = value.stack;
    const hasCause = causeDesc !== undefined && ObjectPrototypeHasOwnProperty(causeDesc, 'value');
    let cause;
    if (hasCause) cause = cloneValue(cloner, causeDesc.value);

    const clone = new Ctor();
    defineHidden(clone, 'stack', typeof stack === 'string' ? stack : undefined);
    if (hasMessage) defineHidden(clone, 'message', message);
    if (hasCause) defineHidden(clone, 'cause', cause);
    return remember(cloner, value, clone);
  }

  // -------------------------------------------------------------- transfer
  function readTransferList(options) {
    const list = [];
    if (options === undefined || options === null) return list;
    if (typeof options !== 'object' && typeof options !== 'function') {
      throw nodeError(TypeErrorCtor, 'ERR_INVALID_ARG_TYPE',
        'The options argument must be either an object or undefined');
    }
    const transfer = options.transfer;
    if (transfer === undefined || transfer === null) return list;
    if (typeof transfer !== 'object' && typeof transfer !== 'function') {
      throw nodeError(TypeErrorCtor, 'ERR_INVALID_ARG_TYPE',
        'Optional transferList argument must be an iterable');
    }
    const iteratorMethod = transfer[SymbolIterator];
    if (typeof iteratorMethod !== 'function') return list;
    const iterator = ReflectApply(iteratorMethod, transfer, []);
    const next = iterator.next;
    for (;;) {
      const step = ReflectApply(next, iterator, []);
      if (step.done) break;
      ArrayPrototypePush(list, step.value);
    }
    const seen = [];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (item === null || typeof item !== 'object' || !isArrayBuffer(item)) {
        throw nodeError(TypeErrorCtor, 'ERR_INVALID_TRANSFER_OBJECT',
          'Found invalid object in transferList');
      }
      if (ArrayPrototypeIncludes(seen, item)) {
        throw dataCloneError('Transfer list contains duplicate ArrayBuffer');
      }
      ArrayPrototypePush(seen, item);
    }
    return seen;
  }

  function detach(buffer) {
    if (isDetached(buffer)) return;
    if (ArrayBufferPrototypeTransfer !== undefined) ArrayBufferPrototypeTransfer(buffer);
  }

  /** structuredClone(value[, { transfer }]) */
  // Rest parameters keep `structuredClone.length` at 0, as in Node.
  function structuredClone(...args) {
    if (args.length === 0) {
      throw nodeError(TypeErrorCtor, 'ERR_MISSING_ARGS', 'The value argument must be specified');
    }
    const value = args[0];
    const transferList = readTransferList(args[1]);
    const clone = cloneValue({ __proto__: null, memory: new MapCtor() }, value);
    for (let i = 0; i < transferList.length; i++) detach(transferList[i]);
    return clone;
  }

  module.exports = { structuredClone };
})
