// internal/inspect: Node 20's util.inspect / util.format / util.formatWithOptions,
// re-implemented for QuickJS (behaviour follows lib/internal/util/inspect.js).
//
// What QuickJS cannot tell us from JS, and what we print instead:
//  - Promise state: `Promise { <unknown> }`, unless the host offers
//    `host.promiseState(p)` -> [0 pending | 1 fulfilled | 2 rejected, result].
//  - Proxies are invisible: a Proxy is inspected through its traps, like any
//    object (Node inspects the target without triggering traps).
//  - Map/Set iterators cannot be previewed without consuming them:
//    `[Map Iterator] { <items unknown> }`; WeakMap/WeakSet entries are never
//    listed, even with showHidden.
//  - Error stacks come from the engine ("    at fn (file:line:col)" frames);
//    when the engine stack has no header line, the V8-style header
//    "Name: message" is synthesised, as V8 does when `stack` is first read.
//  - String widths (used by array grouping only) follow ICU's East Asian
//    Width rules from a table built into this file (Unicode 14).
(function (module, exports, require, host) {
  'use strict';

  // ------------------------------------------------------------ intrinsics
  // Captured once, when the module is loaded, so that user code that later
  // rewrites prototypes cannot break (or hook into) logging. Regular
  // expressions are only ever run through the captured RegExp.prototype.exec,
  // never through the (overridable) RegExp protocol of String methods.
  const FunctionPrototypeCall = Function.prototype.call;
  const uncurryThis = (fn) => FunctionPrototypeCall.bind(fn);
  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;

  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
  const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectIs = Object.is;
  const ObjectKeys = Object.keys;
  const ObjectIsSealed = Object.isSealed;
  const ObjectPrototype = Object.prototype;
  const ObjectPrototypeHasOwnProperty = uncurryThis(Object.prototype.hasOwnProperty);
  const ObjectPrototypePropertyIsEnumerable = uncurryThis(Object.prototype.propertyIsEnumerable);
  const ObjectPrototypeToString = uncurryThis(Object.prototype.toString);

  const ArrayIsArray = Array.isArray;
  const ArrayPrototypeIncludes = uncurryThis(Array.prototype.includes);
  const ArrayPrototypeIndexOf = uncurryThis(Array.prototype.indexOf);
  const ArrayPrototypeJoin = uncurryThis(Array.prototype.join);
  const ArrayPrototypePop = uncurryThis(Array.prototype.pop);
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const ArrayPrototypeSlice = uncurryThis(Array.prototype.slice);
  const ArrayPrototypeSort = uncurryThis(Array.prototype.sort);
  const ArraySplice = Array.prototype.splice;
  const ArrayPrototypeSplice = uncurryThis(ArraySplice);
  const ArrayPrototypeUnshift = uncurryThis(Array.prototype.unshift);

  const StringCtor = String;
  const StringFromCharCode = String.fromCharCode;
  const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringPrototypeCodePointAt = uncurryThis(String.prototype.codePointAt);
  const StringPrototypeEndsWith = uncurryThis(String.prototype.endsWith);
  const StringPrototypeIncludes = uncurryThis(String.prototype.includes);
  const StringPrototypeIndexOf = uncurryThis(String.prototype.indexOf);
  const StringPrototypeNormalize = uncurryThis(String.prototype.normalize);
  const StringPrototypePadEnd = uncurryThis(String.prototype.padEnd);
  const StringPrototypePadStart = uncurryThis(String.prototype.padStart);
  const StringPrototypeRepeat = uncurryThis(String.prototype.repeat);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const StringPrototypeStartsWith = uncurryThis(String.prototype.startsWith);
  const StringPrototypeToLowerCase = uncurryThis(String.prototype.toLowerCase);
  const StringPrototypeToUpperCase = uncurryThis(String.prototype.toUpperCase);
  const StringPrototypeTrim = uncurryThis(String.prototype.trim);
  const StringPrototypeValueOf = uncurryThis(String.prototype.valueOf);

  const NumberCtor = Number;
  const NumberIsFinite = Number.isFinite;
  const NumberIsNaN = Number.isNaN;
  const NumberParseFloat = Number.parseFloat;
  const NumberParseInt = Number.parseInt;
  const NumberPrototypeToString = uncurryThis(Number.prototype.toString);
  const NumberPrototypeValueOf = uncurryThis(Number.prototype.valueOf);
  const BooleanPrototypeValueOf = uncurryThis(Boolean.prototype.valueOf);
  const BigIntPrototypeValueOf = uncurryThis(BigInt.prototype.valueOf);
  const SymbolPrototypeToString = uncurryThis(Symbol.prototype.toString);
  const SymbolPrototypeValueOf = uncurryThis(Symbol.prototype.valueOf);
  const SymbolIterator = Symbol.iterator;
  const SymbolToPrimitive = Symbol.toPrimitive;
  const SymbolToStringTag = Symbol.toStringTag;
  const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

  const MathFloor = Math.floor;
  const MathMax = Math.max;
  const MathMin = Math.min;
  const MathRound = Math.round;
  const MathSqrt = Math.sqrt;
  const MathTrunc = Math.trunc;
  const JSONStringify = JSON.stringify;

  const RegExpCtor = RegExp;
  const RegExpPrototype = RegExp.prototype;
  const RegExpPrototypeExec = uncurryThis(RegExp.prototype.exec);
  const RegExpPrototypeToString = uncurryThis(RegExp.prototype.toString);
  const RegExpPrototypeSourceGetter = uncurryThis(
    ObjectGetOwnPropertyDescriptor(RegExp.prototype, 'source').get);

  const DatePrototypeGetTime = uncurryThis(Date.prototype.getTime);
  const DatePrototypeToISOString = uncurryThis(Date.prototype.toISOString);
  const DatePrototypeToString = uncurryThis(Date.prototype.toString);

  const ErrorCtor = Error;
  const ErrorIsError = typeof Error.isError === 'function' ? Error.isError : undefined;
  const ErrorPrototypeToString = uncurryThis(Error.prototype.toString);
  const ErrorStackGetter = uncurryThis(ObjectGetOwnPropertyDescriptor(Error.prototype, 'stack').get);

  const FunctionPrototype = Function.prototype;
  const FunctionPrototypeToString = uncurryThis(Function.prototype.toString);
  const FunctionRestrictedGetter = uncurryThis(
    ObjectGetOwnPropertyDescriptor(Function.prototype, 'caller').get);
  const FunctionPrototypeSymbolHasInstance = uncurryThis(Function.prototype[Symbol.hasInstance]);

  const MapCtor = Map;
  const MapPrototypeEntries = uncurryThis(Map.prototype.entries);
  const MapPrototypeGet = uncurryThis(Map.prototype.get);
  const MapPrototypeSet = uncurryThis(Map.prototype.set);
  const MapPrototypeGetSize = uncurryThis(ObjectGetOwnPropertyDescriptor(Map.prototype, 'size').get);
  const MapIteratorPrototype = ObjectGetPrototypeOf(new Map().entries());
  const MapIteratorNext = uncurryThis(MapIteratorPrototype.next);
  const SetCtor = Set;
  const SetPrototypeAdd = uncurryThis(Set.prototype.add);
  const SetPrototypeHas = uncurryThis(Set.prototype.has);
  const SetPrototypeValues = uncurryThis(Set.prototype.values);
  const SetPrototypeGetSize = uncurryThis(ObjectGetOwnPropertyDescriptor(Set.prototype, 'size').get);
  const SetIteratorPrototype = ObjectGetPrototypeOf(new Set().values());
  const SetIteratorNext = uncurryThis(SetIteratorPrototype.next);
  const WeakMapPrototypeHas = uncurryThis(WeakMap.prototype.has);
  const WeakSetPrototypeHas = uncurryThis(WeakSet.prototype.has);

  const ArrayBufferByteLength = uncurryThis(
    ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get);
  const SharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function' ?
    uncurryThis(ObjectGetOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get) :
    undefined;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const TypedArrayPrototypeGetSymbolToStringTag = uncurryThis(
    ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, SymbolToStringTag).get);
  const TypedArrayPrototypeGetLength = uncurryThis(
    ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'length').get);
  const Uint8ArrayCtor = Uint8Array;
  const PromisePrototype = Promise.prototype;

  const AsyncFunctionPrototype = ObjectGetPrototypeOf(async function () {});
  const GeneratorFunctionPrototype = ObjectGetPrototypeOf(function* () {});
  const AsyncGeneratorFunctionPrototype = ObjectGetPrototypeOf(async function* () {});

  const hostPromiseState = host && typeof host.promiseState === 'function' ?
    host.promiseState : undefined;

  // Constructors Node treats as built in (the upper-case globals of Node 20,
  // plus whatever this engine defines). Built on first use: only %s and
  // showHidden need it.
  let builtInObjectsSet;
  function isBuiltInName(name) {
    if (builtInObjectsSet === undefined) {
      builtInObjectsSet = new SetCtor();
      const names = ['Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'Date',
        'Promise', 'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError',
        'SyntaxError', 'TypeError', 'URIError', 'JSON', 'Math', 'Intl', 'ArrayBuffer', 'Atomics',
        'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array',
        'Float32Array', 'Float64Array', 'Uint8ClampedArray', 'BigUint64Array', 'BigInt64Array',
        'DataView', 'Map', 'BigInt', 'Set', 'WeakMap', 'WeakSet', 'Proxy', 'Reflect',
        'FinalizationRegistry', 'WeakRef', 'SharedArrayBuffer', 'WebAssembly', 'Iterator'];
      // Node computes this set from the globals present when its inspect module
      // loads: the engine's own classes only, not Buffer, URL or the other web
      // classes installed later (so `util.format('%s', buffer)` uses toString()).
      for (let i = 0; i < names.length; i++) SetPrototypeAdd(builtInObjectsSet, names[i]);
    }
    return SetPrototypeHas(builtInObjectsSet, name);
  }

  // ----------------------------------------------------------- type checks
  function brandCheck(fn) {
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
  const hasRegExpSource = brandCheck(RegExpPrototypeSourceGetter);
  function isRegExpSlot(value) {
    return value !== RegExpPrototype && hasRegExpSource(value);
  }

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
  const slotChecks = [
    undefined,
    brandCheck(MapPrototypeGetSize),
    brandCheck(SetPrototypeGetSize),
    brandCheck(DatePrototypeGetTime),
    isRegExpSlot,
    brandCheck(ArrayBufferByteLength),
    SharedArrayBufferByteLength === undefined ? () => false : brandCheck(SharedArrayBufferByteLength),
    brandCheck(NumberPrototypeValueOf),
    brandCheck(StringPrototypeValueOf),
    brandCheck(BooleanPrototypeValueOf),
    brandCheck(BigIntPrototypeValueOf),
    brandCheck(SymbolPrototypeValueOf),
    brandCheck((v) => WeakMapPrototypeHas(v, probeKey)),
    brandCheck((v) => WeakSetPrototypeHas(v, probeKey)),
  ];
  const slotPrototypes = new MapCtor();
  {
    const protos = [undefined, Map.prototype, Set.prototype, Date.prototype, RegExp.prototype,
      ArrayBuffer.prototype,
      typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer.prototype : undefined,
      Number.prototype, String.prototype, Boolean.prototype, BigInt.prototype, Symbol.prototype,
      WeakMap.prototype, WeakSet.prototype];
    for (let i = 1; i < protos.length; i++) {
      if (protos[i] !== undefined) MapPrototypeSet(slotPrototypes, protos[i], i);
    }
  }

  function slotKind(value) {
    let obj = ObjectGetPrototypeOf(value);
    while (obj !== null) {
      if (obj === ObjectPrototype) return kOrdinary;
      const kind = MapPrototypeGet(slotPrototypes, obj);
      if (kind !== undefined) {
        if (slotChecks[kind](value)) return kind;
        break;
      }
      obj = ObjectGetPrototypeOf(obj);
    }
    for (let kind = 1; kind < slotChecks.length; kind++) {
      if (slotChecks[kind](value)) return kind;
    }
    return kOrdinary;
  }

  function isTypedArray(value) {
    return TypedArrayPrototypeGetSymbolToStringTag(value) !== undefined;
  }

  function isDataView(value) {
    return ArrayBufferIsView(value) && !isTypedArray(value);
  }

  function isBoxedKind(kind) {
    return kind >= kNumber && kind <= kSymbol;
  }

  function hasInPrototypeChain(value, proto) {
    let obj = ObjectGetPrototypeOf(value);
    while (obj !== null) {
      if (obj === proto) return true;
      obj = ObjectGetPrototypeOf(obj);
    }
    return false;
  }

  function isPromise(value) {
    if (hostPromiseState !== undefined) return hostPromiseState(value) !== undefined;
    return hasInPrototypeChain(value, PromisePrototype);
  }

  function isMapIterator(value) {
    return hasInPrototypeChain(value, MapIteratorPrototype);
  }

  function isSetIterator(value) {
    return hasInPrototypeChain(value, SetIteratorPrototype);
  }

  function isArgumentsObject(value) {
    return ObjectPrototypeToString(value) === '[object Arguments]';
  }

  function isNativeError(value) {
    if (ErrorIsError !== undefined) return ErrorIsError(value);
    return ObjectPrototypeToString(value) === '[object Error]';
  }

  function isError(value) {
    return isNativeError(value) || FunctionPrototypeSymbolHasInstance(ErrorCtor, value);
  }

  function isAsyncFunction(value) {
    const proto = ObjectGetPrototypeOf(value);
    return proto === AsyncFunctionPrototype || proto === AsyncGeneratorFunctionPrototype;
  }

  function isGeneratorFunction(value) {
    const proto = ObjectGetPrototypeOf(value);
    return proto === GeneratorFunctionPrototype || proto === AsyncGeneratorFunctionPrototype;
  }

  function isStackOverflowError(err) {
    return err !== null && typeof err === 'object' && err.name === 'RangeError' &&
      err.message === 'Maximum call stack size exceeded';
  }

  function isArrayIndex(key) {
    // Canonical array index: '0' or [1-9][0-9]* below 2 ** 32 - 1.
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

  // V8's internal constructor name (JSReceiver::GetConstructorName), as far
  // as it can be recovered from JS: a `Symbol.toStringTag` data property on the
  // chain, else a named `constructor` data property of a prototype, else the
  // object's class name.
  function internalGetConstructorName(value) {
    let obj = value;
    while (obj !== null) {
      const tagDesc = ObjectGetOwnPropertyDescriptor(obj, SymbolToStringTag);
      if (tagDesc !== undefined && typeof tagDesc.value === 'string') return tagDesc.value;
      if (obj !== value) {
        const ctorDesc = ObjectGetOwnPropertyDescriptor(obj, 'constructor');
        if (ctorDesc !== undefined && typeof ctorDesc.value === 'function') {
          const name = ctorDesc.value.name;
          if (typeof name === 'string' && name !== '' && name !== 'Object') return name;
        }
      }
      obj = ObjectGetPrototypeOf(obj);
    }
    return internalClassName(value);
  }

  function internalClassName(value) {
    if (typeof value === 'function') return 'Function';
    if (ArrayIsArray(value)) return 'Array';
    const tag = TypedArrayPrototypeGetSymbolToStringTag(value);
    if (tag !== undefined) return tag;
    if (isNativeError(value)) return 'Error';
    if (isDataView(value)) return 'DataView';
    switch (slotKind(value)) {
      case kMap: return 'Map';
      case kSet: return 'Set';
      case kDate: return 'Date';
      case kRegExp: return 'RegExp';
      case kArrayBuffer: return 'ArrayBuffer';
      case kSharedArrayBuffer: return 'SharedArrayBuffer';
      case kNumber: return 'Number';
      case kString: return 'String';
      case kBoolean: return 'Boolean';
      case kBigInt: return 'BigInt';
      case kSymbol: return 'Symbol';
      case kWeakMap: return 'WeakMap';
      case kWeakSet: return 'WeakSet';
      default: return 'Object';
    }
  }

  // --------------------------------------------------------------- options
  const inspectDefaultOptions = {
    __proto__: null,
    showHidden: false,
    depth: 2,
    colors: false,
    customInspect: true,
    showProxy: false,
    maxArrayLength: 100,
    maxStringLength: 10000,
    breakLength: 80,
    compact: 3,
    sorted: false,
    getters: false,
    numericSeparator: false,
  };
  const optionNames = ObjectKeys(inspectDefaultOptions);

  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;
  const kMinLineLength = 16;

  // The escape of a control character, the single quote or the backslash.
  function metaEscape(code) {
    switch (code) {
      case 8: return '\\b';
      case 9: return '\\t';
      case 10: return '\\n';
      case 12: return '\\f';
      case 13: return '\\r';
      case 39: return "\\'";
      case 92: return '\\\\';
      default: {
        const hex = StringPrototypeToUpperCase(NumberPrototypeToString(code, 16));
        return `\\x${code < 16 ? '0' : ''}${hex}`;
      }
    }
  }

  function getUserOptions(ctx) {
    const ret = {
      stylize: ctx.stylize,
      showHidden: ctx.showHidden,
      depth: ctx.depth,
      colors: ctx.colors,
      customInspect: ctx.customInspect,
      showProxy: ctx.showProxy,
      maxArrayLength: ctx.maxArrayLength,
      maxStringLength: ctx.maxStringLength,
      breakLength: ctx.breakLength,
      compact: ctx.compact,
      sorted: ctx.sorted,
      getters: ctx.getters,
      numericSeparator: ctx.numericSeparator,
    };
    const user = ctx.userOptions;
    if (user !== undefined) {
      const keys = ObjectKeys(user);
      for (let i = 0; i < keys.length; i++) ret[keys[i]] = user[keys[i]];
    }
    return ret;
  }

  function newContext() {
    return {
      __proto__: null,
      budget: { __proto__: null },
      indentationLvl: 0,
      seen: [],
      currentDepth: 0,
      stylize: stylizeNoColor,
      showHidden: inspectDefaultOptions.showHidden,
      depth: inspectDefaultOptions.depth,
      colors: inspectDefaultOptions.colors,
      customInspect: inspectDefaultOptions.customInspect,
      showProxy: inspectDefaultOptions.showProxy,
      maxArrayLength: inspectDefaultOptions.maxArrayLength,
      maxStringLength: inspectDefaultOptions.maxStringLength,
      breakLength: inspectDefaultOptions.breakLength,
      compact: inspectDefaultOptions.compact,
      sorted: inspectDefaultOptions.sorted,
      getters: inspectDefaultOptions.getters,
      numericSeparator: inspectDefaultOptions.numericSeparator,
      userOptions: undefined,
      circular: undefined,
    };
  }

  /**
   * util.inspect(value[, options]) and the legacy form
   * inspect(value, showHidden, depth, colors). Colours are never emitted.
   */
  function inspect(value, opts) {
    const ctx = newContext();
    const argc = arguments.length;
    if (argc > 1) {
      if (argc > 2) {
        if (arguments[2] !== undefined) ctx.depth = arguments[2];
        if (argc > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
      }
      if (typeof opts === 'boolean') {
        ctx.showHidden = opts;
      } else if (opts) {
        const optKeys = ObjectKeys(opts);
        for (let i = 0; i < optKeys.length; ++i) {
          const key = optKeys[i];
          if (ArrayPrototypeIncludes(optionNames, key) || key === 'stylize') {
            ctx[key] = opts[key];
          } else if (ctx.userOptions === undefined) {
            ctx.userOptions = opts;
          }
        }
      }
    }
    // ANSI colours are never emitted: console output is captured as text.
    ctx.colors = false;
    if (typeof ctx.stylize !== 'function') ctx.stylize = stylizeNoColor;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customInspectSymbol;
  ObjectDefineProperty(inspect, 'defaultOptions', {
    __proto__: null,
    get() {
      return inspectDefaultOptions;
    },
    set(options) {
      if (options === null || typeof options !== 'object') {
        throw invalidArgType('options', options);
      }
      const keys = ObjectKeys(options);
      for (let i = 0; i < keys.length; i++) inspectDefaultOptions[keys[i]] = options[keys[i]];
    },
  });

  function invalidArgType(name, value) {
    let received;
    if (value == null) {
      received = ` Received ${value}`;
    } else if (typeof value === 'function') {
      received = ` Received function ${value.name}`;
    } else if (typeof value === 'object') {
      received = ' Received an instance of Object';
    } else {
      let shown = StringPrototypeSlice(inspect(value, { colors: false }), 0, 25);
      if (typeof value === 'string' && value.length > 25) shown += '...';
      received = ` Received type ${typeof value} (${shown})`;
    }
    // eslint-disable-next-line no-restricted-syntax
    const err = new TypeError(`The "${name}" argument must be of type object.${received}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    return err;
  }

  function stylizeNoColor(str) {
    return str;
  }

  // --------------------------------------------------------------- strings
  function isLoneSurrogate(str, i) {
    const c = StringPrototypeCharCodeAt(str, i);
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 < str.length) {
        const n = StringPrototypeCharCodeAt(str, i + 1);
        if (n >= 0xdc00 && n <= 0xdfff) return false;
      }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      if (i > 0) {
        const p = StringPrototypeCharCodeAt(str, i - 1);
        if (p >= 0xd800 && p <= 0xdbff) return false;
      }
      return true;
    }
    return false;
  }

  // Escape control characters, the backslash, lone surrogates and (when
  // `quote` is 39) the single quote.
  function escapeString(str, quote) {
    let result = '';
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const point = StringPrototypeCharCodeAt(str, i);
      if (point === quote || point === 92 || point < 32 || (point > 126 && point < 160)) {
        result += StringPrototypeSlice(str, last, i) + metaEscape(point);
        last = i + 1;
      } else if (point >= 0xd800 && point <= 0xdfff && isLoneSurrogate(str, i)) {
        result += `${StringPrototypeSlice(str, last, i)}\\u${NumberPrototypeToString(point, 16)}`;
        last = i + 1;
      }
    }
    if (last === 0) return str;
    if (last !== str.length) result += StringPrototypeSlice(str, last);
    return result;
  }

  function strEscape(str) {
    let quote = 39;
    // Prefer single quotes; fall back to double quotes, then backticks, to
    // avoid escaping single quotes.
    if (StringPrototypeIncludes(str, "'")) {
      if (!StringPrototypeIncludes(str, '"')) {
        quote = -1;
      } else if (!StringPrototypeIncludes(str, '`') && !StringPrototypeIncludes(str, '${')) {
        quote = -2;
      }
    }
    const escaped = escapeString(str, quote);
    if (quote === -1) return `"${escaped}"`;
    if (quote === -2) return `\`${escaped}\``;
    return `'${escaped}'`;
  }

  function isIdentifierKey(key) {
    if (key.length === 0) return false;
    for (let i = 0; i < key.length; i++) {
      const c = StringPrototypeCharCodeAt(key, i);
      const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
      if (!alpha && (i === 0 || c < 48 || c > 57)) return false;
    }
    return true;
  }

  // East Asian Wide / Fullwidth ranges (assigned code points, Unicode 14).
  const wideRanges = [
    0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3,
    0x25fd, 0x25fe, 0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1,
    0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea,
    0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b,
    0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
    0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55, 0x2e80, 0x303e,
    0x3041, 0x3247, 0x3250, 0x4dbf, 0x4e00, 0xa4c6, 0xa960, 0xa97c, 0xac00, 0xd7a3, 0xf900, 0xfad9,
    0xfe10, 0xfe19, 0xfe30, 0xfe6b, 0xff01, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x1b2fb, 0x1f004,
    0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e, 0x1f191, 0x1f19a, 0x1f200, 0x1f320, 0x1f32d,
    0x1f335, 0x1f337, 0x1f37c, 0x1f37e, 0x1f393, 0x1f3a0, 0x1f3ca, 0x1f3cf, 0x1f3d3, 0x1f3e0,
    0x1f3f0, 0x1f3f4, 0x1f3f4, 0x1f3f8, 0x1f43e, 0x1f440, 0x1f440, 0x1f442, 0x1f4fc, 0x1f4ff,
    0x1f53d, 0x1f54b, 0x1f54e, 0x1f550, 0x1f567, 0x1f57a, 0x1f57a, 0x1f595, 0x1f596, 0x1f5a4,
    0x1f5a4, 0x1f5fb, 0x1f64f, 0x1f680, 0x1f6c5, 0x1f6cc, 0x1f6cc, 0x1f6d0, 0x1f6d2, 0x1f6d5,
    0x1f6df, 0x1f6eb, 0x1f6ec, 0x1f6f4, 0x1f6fc, 0x1f7e0, 0x1f7f0, 0x1f90c, 0x1f93a, 0x1f93c,
    0x1f945, 0x1f947, 0x1f9ff, 0x1fa70, 0x1faf6, 0x20000, 0x3fffd,
  ];
  // Compiled on first use: Unicode property classes are costly to build, and
  // most output is ASCII.
  let emojiPresentationRe;
  let zeroWidthRe;

  function isWide(code) {
    if (code < 0x1100) return false;
    let lo = 0;
    let hi = (wideRanges.length >> 1) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (code < wideRanges[mid * 2]) hi = mid - 1;
      else if (code > wideRanges[mid * 2 + 1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  function columnWidth(code) {
    if (isWide(code)) return 2;
    if (emojiPresentationRe === undefined) {
      emojiPresentationRe = /\p{Emoji_Presentation}/u;
      zeroWidthRe = /[\p{Cc}\p{Cf}\p{Me}\p{Mn}\p{Emoji_Modifier}]/u;
    }
    const ch = code > 0xffff ?
      StringFromCharCode(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)) :
      StringFromCharCode(code);
    if (RegExpPrototypeExec(emojiPresentationRe, ch) !== null) return 2;
    if (code !== 0xad && RegExpPrototypeExec(zeroWidthRe, ch) !== null) return 0;
    return 1;
  }

  // Display width of a string, as Node's ICU-backed getStringWidth computes it.
  function getStringWidth(str) {
    let width = 0;
    for (let i = 0; i < str.length; i++) {
      const code = StringPrototypeCharCodeAt(str, i);
      if (code >= 127) {
        const rest = StringPrototypeNormalize(StringPrototypeSlice(str, i), 'NFC');
        for (let j = 0; j < rest.length; j++) {
          const cp = StringPrototypeCodePointAt(rest, j);
          if (cp > 0xffff) j++;
          width += columnWidth(cp);
        }
        break;
      }
      width += code >= 32 ? 1 : 0;
    }
    return width;
  }

  // ----------------------------------------------------- constructor names
  // Prototypes whose `constructor` user code (or the sandbox's eval lockdown,
  // which replaces the Function constructors) may have replaced.
  function wellKnownPrototypeName(obj) {
    if (obj === ObjectPrototype) return 'Object';
    if (obj === FunctionPrototype) return 'Function';
    if (obj === AsyncFunctionPrototype) return 'AsyncFunction';
    if (obj === GeneratorFunctionPrototype) return 'GeneratorFunction';
    if (obj === AsyncGeneratorFunctionPrototype) return 'AsyncGeneratorFunction';
    return undefined;
  }

  function isInstanceof(object, proto) {
    try {
      return object instanceof proto;
    } catch {
      return false;
    }
  }

  function getConstructorName(obj, ctx, recurseTimes, protoProps) {
    let firstProto;
    const tmp = obj;
    while (obj) {
      const wellKnown = wellKnownPrototypeName(obj);
      if (wellKnown !== undefined && hasInPrototypeChain(tmp, obj)) {
        if (protoProps !== undefined &&
            (firstProto !== obj || !isBuiltInName(wellKnown))) {
          addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
        }
        return wellKnown;
      }
      const descriptor = ObjectGetOwnPropertyDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' &&
          descriptor.value.name !== '' && isInstanceof(tmp, descriptor.value)) {
        if (protoProps !== undefined &&
            (firstProto !== obj || !isBuiltInName(descriptor.value.name))) {
          addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
        }
        return StringCtor(descriptor.value.name);
      }
      obj = ObjectGetPrototypeOf(obj);
      if (firstProto === undefined) firstProto = obj;
    }
    if (firstProto === null) return null;

    const res = internalGetConstructorName(tmp);
    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      return `${res} <Complex prototype>`;
    }
    const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
    if (protoConstr === null) {
      const opts = getUserOptions(ctx);
      opts.customInspect = false;
      opts.depth = -1;
      return `${res} <${inspect(firstProto, opts)}>`;
    }
    return `${res} <${protoConstr}>`;
  }

  // With showHidden, list user-defined (non-function) prototype properties.
  function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
    let depth = 0;
    let keys;
    let keySet;
    do {
      if (depth !== 0 || main === obj) {
        obj = ObjectGetPrototypeOf(obj);
        if (obj === null) return;
        const descriptor = ObjectGetOwnPropertyDescriptor(obj, 'constructor');
        if (descriptor !== undefined && typeof descriptor.value === 'function' &&
            isBuiltInName(descriptor.value.name)) {
          return;
        }
      }
      if (depth === 0) {
        keySet = new SetCtor();
      } else {
        for (let i = 0; i < keys.length; i++) SetPrototypeAdd(keySet, keys[i]);
      }
      keys = ReflectOwnKeys(obj);
      ArrayPrototypePush(ctx.seen, main);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (key === 'constructor' || ObjectPrototypeHasOwnProperty(main, key) ||
            (depth !== 0 && SetPrototypeHas(keySet, key))) {
          continue;
        }
        const desc = ObjectGetOwnPropertyDescriptor(obj, key);
        if (typeof desc.value === 'function') continue;
        ArrayPrototypePush(output, formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main));
      }
      ArrayPrototypePop(ctx.seen);
    } while (++depth !== 3);
  }

  function getPrefix(constructor, tag, fallback, size = '') {
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) {
        return `[${fallback}${size}: null prototype] [${tag}] `;
      }
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== '' && constructor !== tag) {
      return `${constructor}${size} [${tag}] `;
    }
    return `${constructor}${size} `;
  }

  // V8 gives sloppy-mode ordinary functions own `arguments` and `caller`
  // properties (null); QuickJS keeps them as accessors on Function.prototype
  // that throw for every other kind of function.
  function hasLegacyFunctionProperties(fn) {
    if (typeof fn !== 'function' || ObjectGetPrototypeOf(fn) !== FunctionPrototype ||
        ObjectPrototypeHasOwnProperty(fn, 'caller')) {
      return false;
    }
    try {
      FunctionRestrictedGetter(fn);
      return true;
    } catch {
      return false;
    }
  }

  // V8 keeps an error's stack as an own (non-enumerable) property, listed
  // first; QuickJS serves it from an Error.prototype accessor.
  function hasEngineStack(value) {
    return typeof value === 'object' && isNativeError(value) &&
      !ObjectPrototypeHasOwnProperty(value, 'stack') &&
      typeof ErrorStackGetter(value) === 'string';
  }

  function getKeys(value, showHidden) {
    let keys;
    const symbols = ObjectGetOwnPropertySymbols(value);
    if (showHidden) {
      keys = ObjectGetOwnPropertyNames(value);
      if (hasLegacyFunctionProperties(value)) {
        const at = ArrayPrototypeIndexOf(keys, 'name') + 1;
        ArrayPrototypeSplice(keys, at, 0, 'arguments', 'caller');
      } else if (hasEngineStack(value)) {
        ArrayPrototypeUnshift(keys, 'stack');
      }
      for (let i = 0; i < symbols.length; i++) ArrayPrototypePush(keys, symbols[i]);
    } else {
      keys = ObjectKeys(value);
      for (let i = 0; i < symbols.length; i++) {
        if (ObjectPrototypePropertyIsEnumerable(value, symbols[i])) ArrayPrototypePush(keys, symbols[i]);
      }
    }
    return keys;
  }

  // Own keys that are not array indices (for arrays and typed arrays).
  function getOwnNonIndexProperties(value, showHidden) {
    const names = showHidden ? ObjectGetOwnPropertyNames(value) : ObjectKeys(value);
    const keys = [];
    for (let i = 0; i < names.length; i++) {
      if (!isArrayIndex(names[i])) ArrayPrototypePush(keys, names[i]);
    }
    const symbols = ObjectGetOwnPropertySymbols(value);
    for (let i = 0; i < symbols.length; i++) {
      if (showHidden || ObjectPrototypePropertyIsEnumerable(value, symbols[i])) {
        ArrayPrototypePush(keys, symbols[i]);
      }
    }
    return keys;
  }

  function getCtxStyle(value, constructor, tag) {
    let fallback = '';
    if (constructor === null) {
      fallback = internalGetConstructorName(value);
      if (fallback === tag) fallback = 'Object';
    }
    return getPrefix(constructor, tag, fallback);
  }

  // ------------------------------------------------------------ formatting
  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== 'object' && typeof value !== 'function') {
      return formatPrimitive(ctx.stylize, value, ctx);
    }
    if (value === null) {
      return ctx.stylize('null', 'null');
    }
    const context = value;

    if (ctx.customInspect) {
      let maybeCustom;
      try {
        maybeCustom = value[customInspectSymbol];
      } catch (err) {
        if (isRevokedProxyError(err)) return ctx.stylize('<Revoked Proxy>', 'special');
        throw err;
      }
      if (typeof maybeCustom === 'function' && maybeCustom !== inspect &&
          !(value.constructor && value.constructor.prototype === value)) {
        const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
        const ret = ReflectApply(maybeCustom, context, [depth, getUserOptions(ctx), inspect]);
        if (ret !== context) {
          if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
          return replaceNewlines(ret, `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`);
        }
      }
    }

    if (ArrayPrototypeIncludes(ctx.seen, value)) {
      let index = 1;
      if (ctx.circular === undefined) {
        ctx.circular = new MapCtor();
        MapPrototypeSet(ctx.circular, value, index);
      } else {
        index = MapPrototypeGet(ctx.circular, value);
        if (index === undefined) {
          index = MapPrototypeGetSize(ctx.circular) + 1;
          MapPrototypeSet(ctx.circular, value, index);
        }
      }
      return ctx.stylize(`[Circular *${index}]`, 'special');
    }

    try {
      return formatRaw(ctx, value, recurseTimes, typedArray);
    } catch (err) {
      if (isRevokedProxyError(err)) return ctx.stylize('<Revoked Proxy>', 'special');
      throw err;
    }
  }

  function isRevokedProxyError(err) {
    return err !== null && typeof err === 'object' && err.message === 'revoked proxy' &&
      FunctionPrototypeSymbolHasInstance(TypeError, err);
  }

  function replaceNewlines(str, replacement) {
    let result = '';
    let last = 0;
    let pos = StringPrototypeIndexOf(str, '\n');
    if (pos === -1) return str;
    while (pos !== -1) {
      result += StringPrototypeSlice(str, last, pos) + replacement;
      last = pos + 1;
      pos = StringPrototypeIndexOf(str, '\n', last);
    }
    return result + StringPrototypeSlice(str, last);
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    let keys;
    let protoProps;
    if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) {
      protoProps = [];
    }
    const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
    if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

    let tag = value[SymbolToStringTag];
    // Only list the tag when it is not an own (enumerable) property, which
    // would be printed anyway.
    if (typeof tag !== 'string' ||
        (tag !== '' && (ctx.showHidden ?
          ObjectPrototypeHasOwnProperty(value, SymbolToStringTag) :
          ObjectPrototypePropertyIsEnumerable(value, SymbolToStringTag)))) {
      tag = '';
    }
    let base = '';
    let formatter = getEmptyFormatArray;
    let formatterArg;
    let braces;
    let noIterator = true;
    let extrasType = kObjectType;

    let kind = -1;
    if (SymbolIterator in value || constructor === null) {
      noIterator = false;
      const isArray = ArrayIsArray(value);
      if (!isArray) kind = slotKind(value);
      if (isArray) {
        const prefix = (constructor !== 'Array' || tag !== '') ?
          getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        braces = [`${prefix}[`, ']'];
        if (value.length === 0 && keys.length === 0 && protoProps === undefined) {
          return `${braces[0]}]`;
        }
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (kind === kSet) {
        const size = SetPrototypeGetSize(value);
        const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = formatSet;
        if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (kind === kMap) {
        const size = MapPrototypeGetSize(value);
        const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = formatMap;
        if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isTypedArray(value)) {
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        const fallback = constructor === null ? TypedArrayPrototypeGetSymbolToStringTag(value) : '';
        const size = TypedArrayPrototypeGetLength(value);
        const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
        braces = [`${prefix}[`, ']'];
        if (size === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
        formatter = formatTypedArray;
        formatterArg = size;
        extrasType = kArrayExtrasType;
      } else if (isMapIterator(value)) {
        keys = getKeys(value, ctx.showHidden);
        braces = getIteratorBraces('Map', tag);
        formatter = formatIterator;
      } else if (isSetIterator(value)) {
        keys = getKeys(value, ctx.showHidden);
        braces = getIteratorBraces('Set', tag);
        formatter = formatIterator;
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, ctx.showHidden);
      if (kind === -1 && typeof value !== 'function' && constructor !== 'Object') {
        kind = slotKind(value);
      }
      braces = ['{', '}'];
      if (typeof value === 'function') {
        base = getFunctionBase(value, constructor, tag);
        if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'special');
      } else if (constructor === 'Object') {
        if (isArgumentsObject(value)) {
          braces[0] = '[Arguments] {';
        } else if (tag !== '') {
          braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
        }
        if (keys.length === 0 && protoProps === undefined) return `${braces[0]}}`;
      } else if (kind === kRegExp) {
        base = RegExpPrototypeToString(constructor !== null ? value : new RegExpCtor(value));
        const prefix = getPrefix(constructor, tag, 'RegExp');
        if (prefix !== 'RegExp ') base = `${prefix}${base}`;
        if ((keys.length === 0 && protoProps === undefined) ||
            (recurseTimes > ctx.depth && ctx.depth !== null)) {
          return ctx.stylize(base, 'regexp');
        }
      } else if (kind === kDate) {
        base = NumberIsNaN(DatePrototypeGetTime(value)) ?
          DatePrototypeToString(value) : DatePrototypeToISOString(value);
        const prefix = getPrefix(constructor, tag, 'Date');
        if (prefix !== 'Date ') base = `${prefix}${base}`;
        if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'date');
      } else if (isError(value)) {
        base = formatError(value, constructor, tag, ctx, keys);
        if (keys.length === 0 && protoProps === undefined) return base;
      } else if (kind === kArrayBuffer || kind === kSharedArrayBuffer) {
        const arrayType = kind === kArrayBuffer ? 'ArrayBuffer' : 'SharedArrayBuffer';
        const prefix = getPrefix(constructor, tag, arrayType);
        if (typedArray === undefined) {
          formatter = formatArrayBuffer;
        } else if (keys.length === 0 && protoProps === undefined) {
          return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, value.byteLength, false)} }`;
        }
        braces[0] = `${prefix}{`;
        ArrayPrototypeUnshift(keys, 'byteLength');
      } else if (isDataView(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
        ArrayPrototypeUnshift(keys, 'byteLength', 'byteOffset', 'buffer');
      } else if (isPromise(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
        formatter = formatPromise;
      } else if (kind === kWeakSet) {
        braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
        formatter = formatWeakCollection;
      } else if (kind === kWeakMap) {
        braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
        formatter = formatWeakCollection;
      } else if (isBoxedKind(kind)) {
        base = getBoxedBase(value, ctx, keys, constructor, tag, kind);
        if (keys.length === 0 && protoProps === undefined) return base;
      } else if (constructor === null && tag === 'Module' && ObjectIsSealed(value)) {
        // A module namespace (require('uuid'): ESM-only packages are namespaces in Node 20).
        braces[0] = `${getPrefix(constructor, '', 'Module')}{`;
      } else {
        if (keys.length === 0 && protoProps === undefined) {
          return `${getCtxStyle(value, constructor, tag)}{}`;
        }
        braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
      }
    }

    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      let constructorName = StringPrototypeSlice(getCtxStyle(value, constructor, tag), 0, -1);
      if (constructor !== null) constructorName = `[${constructorName}]`;
      return ctx.stylize(constructorName, 'special');
    }
    recurseTimes += 1;

    ArrayPrototypePush(ctx.seen, value);
    ctx.currentDepth = recurseTimes;
    let output;
    const indentationLvl = ctx.indentationLvl;
    try {
      output = formatter(ctx, value, recurseTimes, formatterArg, braces);
      for (let i = 0; i < keys.length; i++) {
        ArrayPrototypePush(output, formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
      }
      if (protoProps !== undefined) {
        for (let i = 0; i < protoProps.length; i++) ArrayPrototypePush(output, protoProps[i]);
      }
    } catch (err) {
      if (!isStackOverflowError(err)) throw err;
      const constructorName = StringPrototypeSlice(getCtxStyle(value, constructor, tag), 0, -1);
      ArrayPrototypePop(ctx.seen);
      ctx.indentationLvl = indentationLvl;
      return ctx.stylize(`[${constructorName}: Inspection interrupted ` +
        'prematurely. Maximum call stack size exceeded.]', 'special');
    }
    if (ctx.circular !== undefined) {
      const index = MapPrototypeGet(ctx.circular, value);
      if (index !== undefined) {
        const reference = ctx.stylize(`<ref *${index}>`, 'special');
        if (ctx.compact !== true) {
          base = base === '' ? reference : `${reference} ${base}`;
        } else {
          braces[0] = `${reference} ${braces[0]}`;
        }
      }
    }
    ArrayPrototypePop(ctx.seen);

    if (ctx.sorted) {
      const comparator = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === kObjectType) {
        ArrayPrototypeSort(output, comparator);
      } else if (keys.length > 1) {
        const sorted = ArrayPrototypeSort(
          ArrayPrototypeSlice(output, output.length - keys.length), comparator);
        ArrayPrototypeUnshift(sorted, output.length - keys.length, keys.length);
        ReflectApply(ArraySplice, output, sorted);
      }
    }

    const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
    const budget = ctx.budget[ctx.indentationLvl] || 0;
    const newLength = budget + res.length;
    ctx.budget[ctx.indentationLvl] = newLength;
    if (newLength > 2 ** 27) ctx.depth = -1;
    return res;
  }

  function getEmptyFormatArray() {
    return [];
  }

  function getIteratorBraces(type, tag) {
    if (tag !== `${type} Iterator`) {
      if (tag !== '') tag += '] [';
      tag += `${type} Iterator`;
    }
    return [`[${tag}] {`, '}'];
  }

  function getBoxedBase(value, ctx, keys, constructor, tag, kind) {
    let fn;
    let type;
    if (kind === kNumber) {
      fn = NumberPrototypeValueOf;
      type = 'Number';
    } else if (kind === kString) {
      fn = StringPrototypeValueOf;
      type = 'String';
      // The index keys of a String object only repeat its value.
      ArrayPrototypeSplice(keys, 0, StringPrototypeValueOf(value).length);
    } else if (kind === kBoolean) {
      fn = BooleanPrototypeValueOf;
      type = 'Boolean';
    } else if (kind === kBigInt) {
      fn = BigIntPrototypeValueOf;
      type = 'BigInt';
    } else {
      fn = SymbolPrototypeValueOf;
      type = 'Symbol';
    }
    let base = `[${type}`;
    if (type !== constructor) {
      base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
    }
    base += `: ${formatPrimitive(stylizeNoColor, fn(value), ctx)}]`;
    if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
    if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
    return ctx.stylize(base, StringPrototypeToLowerCase(type));
  }

  function getClassBase(value, constructor, tag) {
    const hasName = ObjectPrototypeHasOwnProperty(value, 'name');
    const name = (hasName && value.name) || '(anonymous)';
    let base = `class ${name}`;
    if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    if (constructor !== null) {
      const superName = ObjectGetPrototypeOf(value).name;
      if (superName) base += ` extends ${superName}`;
    } else {
      base += ' extends [null prototype]';
    }
    return `[${base}]`;
  }

  const classRegExp = /^(\s+[^(]*?)\s*{/;
  const stripCommentsRegExp = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;

  function stripComments(str) {
    let result = '';
    let last = 0;
    stripCommentsRegExp.lastIndex = 0;
    for (;;) {
      const m = RegExpPrototypeExec(stripCommentsRegExp, str);
      if (m === null) break;
      result += StringPrototypeSlice(str, last, m.index);
      last = m.index + m[0].length;
      if (m[0].length === 0) stripCommentsRegExp.lastIndex++;
    }
    return result + StringPrototypeSlice(str, last);
  }

  function getFunctionBase(value, constructor, tag) {
    const stringified = FunctionPrototypeToString(value);
    if (StringPrototypeStartsWith(stringified, 'class') &&
        StringPrototypeEndsWith(stringified, '}')) {
      const slice = StringPrototypeSlice(stringified, 5, -1);
      const bracketIndex = StringPrototypeIndexOf(slice, '{');
      if (bracketIndex !== -1 &&
          (!StringPrototypeIncludes(StringPrototypeSlice(slice, 0, bracketIndex), '(') ||
           RegExpPrototypeExec(classRegExp, stripComments(slice)) !== null)) {
        return getClassBase(value, constructor, tag);
      }
    }
    let type = 'Function';
    if (isGeneratorFunction(value)) type = `Generator${type}`;
    if (isAsyncFunction(value)) type = `Async${type}`;
    let base = `[${type}`;
    if (constructor === null) base += ' (null prototype)';
    const name = value.name;
    if (name === '') {
      base += ' (anonymous)';
    } else {
      base += `: ${typeof name === 'symbol' ? SymbolPrototypeToString(name) : name}`;
    }
    base += ']';
    if (constructor !== type && constructor !== null) base += ` ${constructor}`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    return base;
  }

  // ----------------------------------------------------------------- errors
  function identicalSequenceRange(a, b) {
    for (let i = 0; i < a.length - 3; i++) {
      const pos = ArrayPrototypeIndexOf(b, a[i]);
      if (pos !== -1) {
        const rest = b.length - pos;
        if (rest > 3) {
          let len = 1;
          const maxLen = MathMin(a.length - i, rest);
          while (maxLen > len && a[i + len] === b[pos + len]) len++;
          if (len > 3) return { len, offset: i };
        }
      }
    }
    return { len: 0, offset: 0 };
  }

  // The error's stack as V8 would render it: our engine's `stack` holds only
  // the frames, so the "Name: message" header V8 puts first is added here.
  function getStackString(error) {
    // An error whose prototype chain lost Error.prototype still has the
    // engine's stack, which V8 would keep as an own property.
    const stack = 'stack' in error ? error.stack : ErrorStackGetter(error);
    if (!stack) return ErrorPrototypeToString(error);
    const str = StringCtor(stack);
    if (StringPrototypeStartsWith(str, '    at ') && isError(error)) {
      let frames = str;
      while (frames.length !== 0 && StringPrototypeEndsWith(frames, '\n')) {
        frames = StringPrototypeSlice(frames, 0, -1);
      }
      return `${ErrorPrototypeToString(error)}\n${frames}`;
    }
    return str;
  }

  function splitLines(str) {
    const lines = [];
    let last = 0;
    let pos = StringPrototypeIndexOf(str, '\n');
    while (pos !== -1) {
      ArrayPrototypePush(lines, StringPrototypeSlice(str, last, pos));
      last = pos + 1;
      pos = StringPrototypeIndexOf(str, '\n', last);
    }
    ArrayPrototypePush(lines, StringPrototypeSlice(str, last));
    return lines;
  }

  function getStackFrames(ctx, err, stack) {
    const frames = splitLines(stack);
    let cause;
    try {
      cause = err.cause;
    } catch {
      // A throwing `cause` getter is ignored.
    }
    if (cause != null && typeof cause === 'object' && isError(cause)) {
      const causeStack = getStackString(cause);
      const causeStackStart = StringPrototypeIndexOf(causeStack, '\n    at');
      if (causeStackStart !== -1) {
        const causeFrames = splitLines(StringPrototypeSlice(causeStack, causeStackStart + 1));
        const { len, offset } = identicalSequenceRange(frames, causeFrames);
        if (len > 0) {
          const skipped = len - 2;
          const msg = `    ... ${skipped} lines matching cause stack trace ...`;
          ArrayPrototypeSplice(frames, offset + 1, skipped, ctx.stylize(msg, 'undefined'));
        }
      }
    }
    return frames;
  }

  const errorStartRegExp = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/;
  const errorOnlyRegExp = /^([a-z_A-Z0-9-]*Error)$/;

  function improveStack(stack, constructor, name, tag) {
    let len = name.length;
    if (constructor === null ||
        (StringPrototypeEndsWith(name, 'Error') && StringPrototypeStartsWith(stack, name) &&
         (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
      let fallback = 'Error';
      if (constructor === null) {
        const start = RegExpPrototypeExec(errorStartRegExp, stack) ||
          RegExpPrototypeExec(errorOnlyRegExp, stack);
        fallback = (start && start[1]) || '';
        len = fallback.length;
        fallback = fallback || 'Error';
      }
      const prefix = StringPrototypeSlice(getPrefix(constructor, tag, fallback), 0, -1);
      if (name !== prefix) {
        if (StringPrototypeIncludes(prefix, name)) {
          if (len === 0) {
            stack = `${prefix}: ${stack}`;
          } else {
            stack = `${prefix}${StringPrototypeSlice(stack, len)}`;
          }
        } else {
          stack = `${prefix} [${name}]${StringPrototypeSlice(stack, len)}`;
        }
      }
    }
    return stack;
  }

  function removeDuplicateErrorKeys(ctx, keys, err, stack) {
    if (!ctx.showHidden && keys.length !== 0) {
      const names = ['name', 'message', 'stack'];
      for (let i = 0; i < names.length; i++) {
        const index = ArrayPrototypeIndexOf(keys, names[i]);
        if (index !== -1 && StringPrototypeIncludes(stack, err[names[i]])) {
          ArrayPrototypeSplice(keys, index, 1);
        }
      }
    }
  }

  function formatError(err, constructor, tag, ctx, keys) {
    const name = err.name != null ? StringCtor(err.name) : 'Error';
    let stack = getStackString(err);
    removeDuplicateErrorKeys(ctx, keys, err, stack);
    if ('cause' in err && (keys.length === 0 || !ArrayPrototypeIncludes(keys, 'cause'))) {
      ArrayPrototypePush(keys, 'cause');
    }
    if (ArrayIsArray(err.errors) && (keys.length === 0 || !ArrayPrototypeIncludes(keys, 'errors'))) {
      ArrayPrototypePush(keys, 'errors');
    }
    stack = improveStack(stack, constructor, name, tag);

    // Skip the message when looking for the first stack frame.
    let pos = (err.message && StringPrototypeIndexOf(stack, err.message)) || -1;
    if (pos !== -1) pos += err.message.length;
    const stackStart = StringPrototypeIndexOf(stack, '\n    at', pos);
    if (stackStart === -1) {
      stack = `[${stack}]`;
    } else {
      const head = StringPrototypeSlice(stack, 0, stackStart);
      const lines = getStackFrames(ctx, err, StringPrototypeSlice(stack, stackStart + 1));
      stack = `${head}\n${ArrayPrototypeJoin(lines, '\n')}`;
    }
    if (ctx.indentationLvl !== 0) {
      stack = replaceNewlines(stack, `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`);
    }
    return stack;
  }

  // ---------------------------------------------------------------- arrays
  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let i = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) {
      // Leave the "... more items" entry out of the computation.
      outputLength--;
    }
    const separatorSpace = 2; // ", "
    const dataLen = [];
    for (; i < outputLength; i++) {
      const len = getStringWidth(output[i]);
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    // Group when at least three columns fit and no entry is much longer than
    // the others.
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
        (totalLength / actualMax > 5 || maxLength <= 6)) {
      const approxCharHeights = 2.5;
      const averageBias = MathSqrt(actualMax - totalLength / output.length);
      const biasedMax = MathMax(actualMax - 3 - averageBias, 1);
      const columns = MathMin(
        MathRound(MathSqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
        MathFloor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15,
      );
      if (columns <= 1) return output;
      const tmp = [];
      const maxLineLength = [];
      for (let c = 0; c < columns; c++) {
        let lineMaxLength = 0;
        for (let j = c; j < output.length; j += columns) {
          if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
        }
        maxLineLength[c] = lineMaxLength + separatorSpace;
      }
      let padStart = true;
      if (value !== undefined) {
        for (let k = 0; k < output.length; k++) {
          if (typeof value[k] !== 'number' && typeof value[k] !== 'bigint') {
            padStart = false;
            break;
          }
        }
      }
      const order = padStart ? StringPrototypePadStart : StringPrototypePadEnd;
      for (let k = 0; k < outputLength; k += columns) {
        const max = MathMin(k + columns, outputLength);
        let str = '';
        let j = k;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - k] + output[j].length - dataLen[j];
          str += order(`${output[j]}, `, padding, ' ');
        }
        if (padStart) {
          const padding = maxLineLength[j - k] + output[j].length - dataLen[j] - separatorSpace;
          str += StringPrototypePadStart(output[j], padding, ' ');
        } else {
          str += output[j];
        }
        ArrayPrototypePush(tmp, str);
      }
      if (ctx.maxArrayLength < output.length) ArrayPrototypePush(tmp, output[outputLength]);
      output = tmp;
    }
    return output;
  }

  function addNumericSeparator(integerString) {
    let result = '';
    let i = integerString.length;
    const start = StringPrototypeStartsWith(integerString, '-') ? 1 : 0;
    for (; i >= start + 4; i -= 3) {
      result = `_${StringPrototypeSlice(integerString, i - 3, i)}${result}`;
    }
    return i === integerString.length ?
      integerString : `${StringPrototypeSlice(integerString, 0, i)}${result}`;
  }

  function addNumericSeparatorEnd(integerString) {
    let result = '';
    let i = 0;
    for (; i < integerString.length - 3; i += 3) {
      result += `${StringPrototypeSlice(integerString, i, i + 3)}_`;
    }
    return i === 0 ? integerString : `${result}${StringPrototypeSlice(integerString, i)}`;
  }

  function remainingText(remaining) {
    return `... ${remaining} more item${remaining > 1 ? 's' : ''}`;
  }

  function formatNumber(fn, number, numericSeparator) {
    if (!numericSeparator) {
      if (ObjectIs(number, -0)) return fn('-0', 'number');
      return fn(`${number}`, 'number');
    }
    const numberString = StringCtor(number);
    const integer = MathTrunc(number);
    if (integer === number) {
      if (!NumberIsFinite(number) || StringPrototypeIncludes(numberString, 'e')) {
        return fn(numberString, 'number');
      }
      return fn(addNumericSeparator(numberString), 'number');
    }
    if (NumberIsNaN(number)) return fn(numberString, 'number');
    const decimalIndex = StringPrototypeIndexOf(numberString, '.');
    const integerPart = StringPrototypeSlice(numberString, 0, decimalIndex);
    const fractionalPart = StringPrototypeSlice(numberString, decimalIndex + 1);
    return fn(`${addNumericSeparator(integerPart)}.${addNumericSeparatorEnd(fractionalPart)}`,
      'number');
  }

  function formatBigInt(fn, bigint, numericSeparator) {
    const string = StringCtor(bigint);
    if (!numericSeparator) return fn(`${string}n`, 'bigint');
    return fn(`${addNumericSeparator(string)}n`, 'bigint');
  }

  // Split after each "\n", keeping the newline with its line.
  function splitKeepNewlines(str) {
    const parts = [];
    let last = 0;
    let pos = StringPrototypeIndexOf(str, '\n');
    while (pos !== -1 && pos + 1 < str.length) {
      ArrayPrototypePush(parts, StringPrototypeSlice(str, last, pos + 1));
      last = pos + 1;
      pos = StringPrototypeIndexOf(str, '\n', last);
    }
    ArrayPrototypePush(parts, StringPrototypeSlice(str, last));
    return parts;
  }

  function formatPrimitive(fn, value, ctx) {
    if (typeof value === 'string') {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = StringPrototypeSlice(value, 0, ctx.maxStringLength);
        trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
      }
      if (ctx.compact !== true &&
          value.length > kMinLineLength &&
          value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        const parts = splitKeepNewlines(value);
        for (let i = 0; i < parts.length; i++) parts[i] = fn(strEscape(parts[i]), 'string');
        return ArrayPrototypeJoin(parts,
          ` +\n${StringPrototypeRepeat(' ', ctx.indentationLvl + 2)}`) + trailer;
      }
      return fn(strEscape(value), 'string') + trailer;
    }
    if (typeof value === 'number') return formatNumber(fn, value, ctx.numericSeparator);
    if (typeof value === 'bigint') return formatBigInt(fn, value, ctx.numericSeparator);
    if (typeof value === 'boolean') return fn(`${value}`, 'boolean');
    if (typeof value === 'undefined') return fn('undefined', 'undefined');
    return fn(SymbolPrototypeToString(value), 'symbol');
  }

  // The array is sparse and/or has extra keys.
  function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
    const keys = ObjectKeys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      const tmp = +key;
      if (tmp > 2 ** 32 - 2) break;
      if (`${index}` !== key) {
        if (!isArrayIndex(key)) break;
        const emptyItems = tmp - index;
        const message = `<${emptyItems} empty item${emptyItems > 1 ? 's' : ''}>`;
        ArrayPrototypePush(output, ctx.stylize(message, 'undefined'));
        index = tmp;
        if (output.length === maxLength) break;
      }
      ArrayPrototypePush(output, formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) {
        const message = `<${remaining} empty item${remaining > 1 ? 's' : ''}>`;
        ArrayPrototypePush(output, ctx.stylize(message, 'undefined'));
      }
    } else if (remaining > 0) {
      ArrayPrototypePush(output, remainingText(remaining));
    }
    return output;
  }

  const hexDigits = '0123456789abcdef';

  function formatArrayBuffer(ctx, value) {
    let buffer;
    try {
      buffer = new Uint8ArrayCtor(value);
    } catch {
      return [ctx.stylize('(detached)', 'special')];
    }
    const shown = MathMin(ctx.maxArrayLength, buffer.length);
    let str = '';
    for (let i = 0; i < shown; i++) {
      const byte = buffer[i];
      if (i !== 0) str += ' ';
      str += hexDigits[byte >> 4] + hexDigits[byte & 15];
    }
    const remaining = buffer.length - ctx.maxArrayLength;
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
    return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${StringPrototypeTrim(str)}>`];
  }

  function formatArray(ctx, value, recurseTimes) {
    const valLen = value.length;
    const len = MathMin(MathMax(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output = [];
    for (let i = 0; i < len; i++) {
      if (!ObjectPrototypeHasOwnProperty(value, i)) {
        return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      }
      ArrayPrototypePush(output, formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (remaining > 0) ArrayPrototypePush(output, remainingText(remaining));
    return output;
  }

  function formatTypedArray(ctx, value, recurseTimes, length) {
    const maxLength = MathMin(MathMax(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    const elementFormatter = length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigInt;
    for (let i = 0; i < maxLength; ++i) {
      output[i] = elementFormatter(ctx.stylize, value[i], ctx.numericSeparator);
    }
    if (remaining > 0) output[maxLength] = remainingText(remaining);
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      const hidden = ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer'];
      for (let i = 0; i < hidden.length; i++) {
        const str = formatValue(ctx, value[hidden[i]], recurseTimes, true);
        ArrayPrototypePush(output, `[${hidden[i]}]: ${str}`);
      }
      ctx.indentationLvl -= 2;
    }
    return output;
  }

  function formatSet(ctx, value, recurseTimes) {
    const length = SetPrototypeGetSize(value);
    const maxLength = MathMin(MathMax(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    ctx.indentationLvl += 2;
    const it = SetPrototypeValues(value);
    for (let i = 0; i < maxLength; i++) {
      const step = SetIteratorNext(it);
      if (step.done) break;
      ArrayPrototypePush(output, formatValue(ctx, step.value, recurseTimes));
    }
    if (remaining > 0) ArrayPrototypePush(output, remainingText(remaining));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(ctx, value, recurseTimes) {
    const length = MapPrototypeGetSize(value);
    const maxLength = MathMin(MathMax(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    ctx.indentationLvl += 2;
    const it = MapPrototypeEntries(value);
    for (let i = 0; i < maxLength; i++) {
      const step = MapIteratorNext(it);
      if (step.done) break;
      const entry = step.value;
      ArrayPrototypePush(output,
        `${formatValue(ctx, entry[0], recurseTimes)} => ${formatValue(ctx, entry[1], recurseTimes)}`);
    }
    if (remaining > 0) ArrayPrototypePush(output, remainingText(remaining));
    ctx.indentationLvl -= 2;
    return output;
  }

  // Iterators cannot be previewed without being consumed in QuickJS.
  function formatIterator(ctx) {
    return [ctx.stylize('<items unknown>', 'special')];
  }

  function formatWeakCollection(ctx) {
    return [ctx.stylize('<items unknown>', 'special')];
  }

  function formatPromise(ctx, value, recurseTimes) {
    const details = hostPromiseState !== undefined ? hostPromiseState(value) : undefined;
    if (details === undefined) return [ctx.stylize('<unknown>', 'special')];
    const state = details[0];
    if (state === 0) return [ctx.stylize('<pending>', 'special')];
    ctx.indentationLvl += 2;
    const str = formatValue(ctx, details[1], recurseTimes);
    ctx.indentationLvl -= 2;
    return [state === 2 ? `${ctx.stylize('<rejected>', 'special')} ${str}` : str];
  }

  function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
    let name;
    let str;
    let extra = ' ';
    desc = desc || ObjectGetOwnPropertyDescriptor(value, key);
    if (desc === undefined) {
      if ((key === 'arguments' || key === 'caller') && hasLegacyFunctionProperties(value)) {
        desc = { value: null, enumerable: false };
      } else if (key === 'stack' && hasEngineStack(value)) {
        desc = { value: getStackString(value), enumerable: false };
      } else {
        desc = { value: value[key], enumerable: true };
      }
    }
    if (desc.value !== undefined) {
      const diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < getStringWidth(str)) {
        extra = `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`;
      }
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
      const s = ctx.stylize;
      const sp = 'special';
      if (ctx.getters && (ctx.getters === true ||
            (ctx.getters === 'get' && desc.set === undefined) ||
            (ctx.getters === 'set' && desc.set !== undefined))) {
        try {
          const tmp = ReflectApply(desc.get, original, []);
          ctx.indentationLvl += 2;
          if (tmp === null) {
            str = `${s(`[${label}:`, sp)} ${s('null', 'null')}${s(']', sp)}`;
          } else if (typeof tmp === 'object') {
            str = `${s(`[${label}]`, sp)} ${formatValue(ctx, tmp, recurseTimes)}`;
          } else {
            const primitive = formatPrimitive(s, tmp, ctx);
            str = `${s(`[${label}:`, sp)} ${primitive}${s(']', sp)}`;
          }
          ctx.indentationLvl -= 2;
        } catch (err) {
          const message = `<Inspection threw (${err.message})>`;
          str = `${s(`[${label}:`, sp)} ${message}${s(']', sp)}`;
        }
      } else {
        str = ctx.stylize(`[${label}]`, sp);
      }
    } else if (desc.set !== undefined) {
      str = ctx.stylize('[Setter]', 'special');
    } else {
      str = ctx.stylize('undefined', 'undefined');
    }
    if (type === kArrayType) return str;
    if (typeof key === 'symbol') {
      name = `[${ctx.stylize(escapeString(SymbolPrototypeToString(key), 39), 'symbol')}]`;
    } else if (key === '__proto__') {
      name = "['__proto__']";
    } else if (desc.enumerable === false) {
      name = `[${escapeString(key, 39)}]`;
    } else if (isIdentifierKey(key)) {
      name = ctx.stylize(key, 'name');
    } else {
      name = ctx.stylize(strEscape(key), 'string');
    }
    return `${name}:${extra}${str}`;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === '' || !StringPrototypeIncludes(base, '\n');
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === kArrayExtrasType && entries > 6) {
          output = groupArrayElements(ctx, output, value);
        }
        // Put the entries of the innermost `compact` levels on one line when
        // they fit within breakLength.
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base)) {
            const joinedOutput = ArrayPrototypeJoin(output, ', ');
            if (!StringPrototypeIncludes(joinedOutput, '\n')) {
              return `${base ? `${base} ` : ''}${braces[0]} ${joinedOutput} ${braces[1]}`;
            }
          }
        }
      }
      const indentation = `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`;
      return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ` +
        `${ArrayPrototypeJoin(output, `,${indentation}  `)}${indentation}${braces[1]}`;
    }
    if (isBelowBreakLength(ctx, output, 0, base)) {
      return `${braces[0]}${base ? ` ${base}` : ''} ${ArrayPrototypeJoin(output, ', ')} ${braces[1]}`;
    }
    const indentation = StringPrototypeRepeat(' ', ctx.indentationLvl);
    const ln = base === '' && braces[0].length === 1 ?
      ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
    return `${braces[0]}${ln}${ArrayPrototypeJoin(output, `,\n${indentation}  `)} ${braces[1]}`;
  }

  // ----------------------------------------------------------------- format
  function hasBuiltInToString(value) {
    let checkToString = true;
    let checkToPrimitive = true;
    if (typeof value.toString !== 'function') {
      if (typeof value[SymbolToPrimitive] !== 'function') return true;
      if (ObjectPrototypeHasOwnProperty(value, SymbolToPrimitive)) return false;
      checkToString = false;
    } else if (ObjectPrototypeHasOwnProperty(value, 'toString')) {
      return false;
    } else if (typeof value[SymbolToPrimitive] !== 'function') {
      checkToPrimitive = false;
    } else if (ObjectPrototypeHasOwnProperty(value, SymbolToPrimitive)) {
      return false;
    }
    let pointer = value;
    do {
      pointer = ObjectGetPrototypeOf(pointer);
    } while (!(checkToString && ObjectPrototypeHasOwnProperty(pointer, 'toString')) &&
             !(checkToPrimitive && ObjectPrototypeHasOwnProperty(pointer, SymbolToPrimitive)));
    const descriptor = ObjectGetOwnPropertyDescriptor(pointer, 'constructor');
    return descriptor !== undefined && typeof descriptor.value === 'function' &&
      isBuiltInName(descriptor.value.name);
  }

  let circularErrorMessage;
  function firstErrorLine(error) {
    const message = StringCtor(error.message);
    const pos = StringPrototypeIndexOf(message, '\n');
    return pos === -1 ? message : StringPrototypeSlice(message, 0, pos);
  }

  function tryStringify(arg) {
    try {
      return JSONStringify(arg);
    } catch (err) {
      if (circularErrorMessage === undefined) {
        try {
          const a = {};
          a.a = a;
          JSONStringify(a);
        } catch (circularError) {
          circularErrorMessage = firstErrorLine(circularError);
        }
      }
      if (err !== null && typeof err === 'object' && err.name === 'TypeError' &&
          firstErrorLine(err) === circularErrorMessage) {
        return '[Circular]';
      }
      throw err;
    }
  }

  function copyOptions(inspectOptions, extra) {
    const opts = {};
    if (inspectOptions !== undefined && inspectOptions !== null) {
      const keys = ObjectKeys(inspectOptions);
      for (let i = 0; i < keys.length; i++) opts[keys[i]] = inspectOptions[keys[i]];
    }
    const extraKeys = ObjectKeys(extra);
    for (let i = 0; i < extraKeys.length; i++) opts[extraKeys[i]] = extra[extraKeys[i]];
    return opts;
  }

  function numericSeparatorOf(options) {
    if (options != null && options.numericSeparator != null) return options.numericSeparator;
    return inspectDefaultOptions.numericSeparator;
  }

  function formatWithOptionsInternal(inspectOptions, args) {
    const first = args[0];
    let a = 0;
    let str = '';
    let join = '';

    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let tempStr;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (StringPrototypeCharCodeAt(first, i) === 37) { // '%'
          const nextChar = StringPrototypeCharCodeAt(first, ++i);
          if (a + 1 !== args.length) {
            switch (nextChar) {
              case 115: { // 's'
                const tempArg = args[++a];
                if (typeof tempArg === 'number') {
                  tempStr = formatNumber(stylizeNoColor, tempArg, numericSeparatorOf(inspectOptions));
                } else if (typeof tempArg === 'bigint') {
                  tempStr = formatBigInt(stylizeNoColor, tempArg, numericSeparatorOf(inspectOptions));
                } else if (typeof tempArg !== 'object' || tempArg === null ||
                           !hasBuiltInToString(tempArg)) {
                  tempStr = StringCtor(tempArg);
                } else {
                  tempStr = inspect(tempArg,
                    copyOptions(inspectOptions, { compact: 3, colors: false, depth: 0 }));
                }
                break;
              }
              case 106: // 'j'
                tempStr = tryStringify(args[++a]);
                break;
              case 100: { // 'd'
                const tempNum = args[++a];
                if (typeof tempNum === 'bigint') {
                  tempStr = formatBigInt(stylizeNoColor, tempNum, numericSeparatorOf(inspectOptions));
                } else if (typeof tempNum === 'symbol') {
                  tempStr = 'NaN';
                } else {
                  tempStr = formatNumber(stylizeNoColor, NumberCtor(tempNum),
                    numericSeparatorOf(inspectOptions));
                }
                break;
              }
              case 79: // 'O'
                tempStr = inspect(args[++a], inspectOptions);
                break;
              case 111: // 'o'
                tempStr = inspect(args[++a], copyOptions(inspectOptions,
                  { showHidden: true, showProxy: true, depth: 4 }));
                break;
              case 105: { // 'i'
                const tempInteger = args[++a];
                if (typeof tempInteger === 'bigint') {
                  tempStr = formatBigInt(stylizeNoColor, tempInteger, numericSeparatorOf(inspectOptions));
                } else if (typeof tempInteger === 'symbol') {
                  tempStr = 'NaN';
                } else {
                  tempStr = formatNumber(stylizeNoColor, NumberParseInt(tempInteger),
                    numericSeparatorOf(inspectOptions));
                }
                break;
              }
              case 102: { // 'f'
                const tempFloat = args[++a];
                if (typeof tempFloat === 'symbol') {
                  tempStr = 'NaN';
                } else {
                  tempStr = formatNumber(stylizeNoColor, NumberParseFloat(tempFloat),
                    numericSeparatorOf(inspectOptions));
                }
                break;
              }
              case 99: // 'c'
                a += 1;
                tempStr = '';
                break;
              case 37: // '%'
                str += StringPrototypeSlice(first, lastPos, i);
                lastPos = i + 1;
                continue;
              default: // Not a placeholder.
                continue;
            }
            if (lastPos !== i - 1) str += StringPrototypeSlice(first, lastPos, i - 1);
            str += tempStr;
            lastPos = i + 1;
          } else if (nextChar === 37) {
            str += StringPrototypeSlice(first, lastPos, i);
            lastPos = i + 1;
          }
        }
      }
      if (lastPos !== 0) {
        a++;
        join = ' ';
        if (lastPos < first.length) str += StringPrototypeSlice(first, lastPos);
      }
    }

    while (a < args.length) {
      const value = args[a];
      str += join;
      str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
      join = ' ';
      a++;
    }
    return str;
  }

  /** util.format(format[, ...args]) */
  function format(...args) {
    return formatWithOptionsInternal(undefined, args);
  }

  /** util.formatWithOptions(inspectOptions, format[, ...args]) */
  function formatWithOptions(inspectOptions, ...args) {
    if (inspectOptions === null || typeof inspectOptions !== 'object') {
      throw invalidArgType('inspectOptions', inspectOptions);
    }
    return formatWithOptionsInternal(inspectOptions, args);
  }

  module.exports = { inspect, format, formatWithOptions };
})
