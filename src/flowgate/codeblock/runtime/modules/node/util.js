// require('util'): Node 20's lib/util.js over our runtime. inspect/format come
// from internal/inspect, the brand checks from node/util_types, deep equality
// from node/assert_compare (shared with assert). Process-bound parts (stderr
// warnings, NODE_DEBUG) have no process here: deprecation warnings are dropped
// and debuglog loggers are disabled no-ops, as in a Node run without NODE_DEBUG.
(function (module, exports, require, host) {
  'use strict';
  const { inspect, format, formatWithOptions } = require('internal/inspect');
  const types = require('node/util_types');
  const errors = require('node/util_errors');
  const { invalidArgType, invalidArgValue, validateFunction, validateString, validateBoolean, makeError } = errors;
  const ReflectApply = Reflect.apply;
  const ReflectConstruct = Reflect.construct;
  const { defineProperty, defineProperties, getOwnPropertyDescriptors, setPrototypeOf, getPrototypeOf,
    keys: ObjectKeys, values: ObjectValues } = Object;
  const ArrayIsArray = Array.isArray;
  const PromiseCtor = Promise;
  const toWellFormed = Function.prototype.call.bind(String.prototype.toWellFormed);
  const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
  const kCustomPromisifyArgs = Symbol('customPromisifyArgs');

  // inspect.colors / inspect.styles as in Node (ANSI codes; we never colour output ourselves).
  if (inspect.colors === undefined) {
    const colors = { __proto__: null };
    const names = 'reset bold dim italic underline blink inverse hidden strikethrough doubleunderline';
    const codes = [[0, 0], [1, 22], [2, 22], [3, 23], [4, 24], [5, 25], [7, 27], [8, 28], [9, 29], [21, 24]];
    names.split(' ').forEach((n, i) => { colors[n] = codes[i]; });
    const hues = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
    const cap = (s) => s[0].toUpperCase() + s.slice(1);
    hues.forEach((h, i) => { colors[h] = [30 + i, 39]; });
    hues.forEach((h, i) => { colors[`bg${cap(h)}`] = [40 + i, 49]; });
    colors.framed = [51, 54];
    colors.overlined = [53, 55];
    colors.gray = [90, 39];
    hues.slice(1).forEach((h, i) => { colors[`${h}Bright`] = [91 + i, 39]; });
    colors.bgGray = [100, 49];
    hues.slice(1).forEach((h, i) => { colors[`bg${cap(h)}Bright`] = [101 + i, 49]; });
    const aliases = [['gray', 'grey'], ['gray', 'blackBright'], ['bgGray', 'bgGrey'], ['bgGray', 'bgBlackBright'],
      ['dim', 'faint'], ['strikethrough', 'crossedout'], ['strikethrough', 'strikeThrough'],
      ['strikethrough', 'crossedOut'], ['hidden', 'conceal'], ['inverse', 'swapColors'],
      ['inverse', 'swapcolors'], ['doubleunderline', 'doubleUnderline']];
    for (const [target, alias] of aliases) {
      defineProperty(colors, alias, { get() { return this[target]; }, set(v) { this[target] = v; },
        configurable: true, enumerable: false });
    }
    inspect.colors = colors;
    inspect.styles = { __proto__: null, special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow',
      undefined: 'grey', null: 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red',
      module: 'underline' };
  }

  function promisify(original) {
    validateFunction(original, 'original');
    if (original[kCustomPromisify]) {
      const fn = original[kCustomPromisify];
      validateFunction(fn, 'util.promisify.custom');
      return defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    const argumentNames = original[kCustomPromisifyArgs];
    function fn(...args) {
      return new PromiseCtor((resolve, reject) => {
        args.push((err, ...values) => {
          if (err) return reject(err);
          if (argumentNames !== undefined && values.length > 1) {
            const obj = {};
            for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
            resolve(obj);
          } else {
            resolve(values[0]);
          }
        });
        ReflectApply(original, this, args);
      });
    }
    setPrototypeOf(fn, getPrototypeOf(original));
    defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    const descriptors = getOwnPropertyDescriptors(original);
    for (const d of ObjectValues(descriptors)) setPrototypeOf(d, null);
    return defineProperties(fn, descriptors);
  }
  promisify.custom = kCustomPromisify;
  // Node's setTimeout/setImmediate carry promisify.custom (timers/promises), so
  // `promisify(setTimeout)` sleeps. Added to the sandbox timers when util loads.
  {
    const timersApi = require('internal/timers').api;
    for (const name of ['setTimeout', 'setImmediate']) {
      const fn = timersApi[name];
      if (typeof fn === 'function' && !Object.getOwnPropertyDescriptor(fn, kCustomPromisify)) {
        defineProperty(fn, kCustomPromisify, {
          get() { return require('node/timers_promises')[name]; }, enumerable: true, configurable: false,
        });
      }
    }
  }

  function callbackifyOnRejected(reason, cb) {
    if (!reason) {
      const err = makeError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
      err.reason = reason;
      reason = err;
    }
    return cb(reason);
  }
  // Node defers the callback with process.nextTick (util_errors.nextTick here).
  function callbackify(original) {
    validateFunction(original, 'original');
    function callbackified(...args) {
      const maybeCb = args.pop();
      validateFunction(maybeCb, 'last argument');
      const cb = maybeCb.bind(this);
      ReflectApply(original, this, args).then(
        (ret) => errors.nextTick(cb, null, ret),
        (rej) => errors.nextTick(callbackifyOnRejected, rej, cb));
    }
    const descriptors = getOwnPropertyDescriptors(original);
    if (typeof descriptors.length.value === 'number') descriptors.length.value++;
    if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
    for (const d of ObjectValues(descriptors)) setPrototypeOf(d, null);
    defineProperties(callbackified, descriptors);
    return callbackified;
  }

  // The warning itself is dropped (Node writes it to stderr, not to the console).
  function deprecate(fn, msg, code) {
    if (code !== undefined) validateString(code, 'code');
    function deprecated(...args) {
      if (new.target) return ReflectConstruct(fn, args, new.target);
      return ReflectApply(fn, this, args);
    }
    setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'Function', ctor);
    if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'Function', superCtor);
    if (superCtor.prototype === undefined) {
      throw invalidArgType('superCtor.prototype', 'Object', superCtor.prototype);
    }
    defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function debuglog(set, cb) {
    let called = false;
    const logger = (...args) => {
      if (!called && typeof cb === 'function') { called = true; cb(logger); }
    };
    defineProperty(logger, 'enabled', { get() { return false; }, configurable: true, enumerable: true });
    return logger;
  }

  const ansi = new RegExp('[\\u001B\\u009B][[\\]()#;?]*' +
    '(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?' +
    '(?:\\u0007|\\u001B\\u005C|\\u009C))|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-nq-uy=><~]))', 'g');
  function stripVTControlCharacters(str) {
    validateString(str, 'str');
    ansi.lastIndex = 0;
    return str.replace(ansi, '');
  }

  // Node 20 styles an array of formats unconditionally, but returns `text`
  // unstyled for a single format when the stream (process.stdout) is not a
  // TTY, which is always the case here.
  function styleText(format, text, { validateStream = true, stream } = {}) {
    validateString(text, 'text');
    validateBoolean(validateStream, 'options.validateStream');
    const allowed = ObjectKeys(inspect.colors);
    const check = (key) => {
      if (inspect.colors[key] == null) {
        throw invalidArgValue('format', key, `must be one of: ${allowed.map((v) => `'${v}'`).join(', ')}`);
      }
    };
    const esc = (c) => `\u001b[${c}m`;
    if (ArrayIsArray(format)) {
      let left = '';
      let right = '';
      for (const key of format) {
        check(key);
        left += esc(inspect.colors[key][0]);
        right = esc(inspect.colors[key][1]) + right;
      }
      return `${left}${text}${right}`;
    }
    check(format);
    if (validateStream) return text;
    return `${esc(inspect.colors[format][0])}${text}${esc(inspect.colors[format][1])}`;
  }

  const pad = (n) => n.toString().padStart(2, '0');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function log(...args) {
    const d = new Date();
    const t = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
    require('internal/console').log('%s - %s', `${d.getDate()} ${months[d.getMonth()]} ${t}`, format(...args));
  }

  // Resolves with the abort Event, as Node's does (it passes its resolve as the listener).
  async function aborted(signal, resource) {
    if (signal === undefined || signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
      throw invalidArgType('signal', 'AbortSignal', signal);
    }
    if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
      throw invalidArgType('resource', 'Object', resource);
    }
    if (signal.aborted) return undefined;
    return new PromiseCtor((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  }

  function isBuffer(value) {
    let Buffer;
    try { Buffer = require('node/buffer').Buffer; } catch { return false; }
    return Buffer.isBuffer(value);
  }

  let deepStrictEqual;
  const util = {
    _errnoException: function _errnoException(...args) { return require('node/util_syserr').errnoException(...args); },
    _exceptionWithHostPort: function _exceptionWithHostPort(...args) {
      return require('node/util_syserr').exceptionWithHostPort(...args);
    },
    _extend(target, source) {
      if (source === null || typeof source !== 'object') return target;
      const k = ObjectKeys(source);
      let i = k.length;
      while (i--) target[k[i]] = source[k[i]];
      return target;
    },
    callbackify, debug: debuglog, debuglog, deprecate, format, styleText, formatWithOptions,
    getSystemErrorMap: function getSystemErrorMap() { return require('node/util_syserr').getSystemErrorMap(); },
    getSystemErrorName: function getSystemErrorName(err) { return require('node/util_syserr').getSystemErrorName(err); },
    inherits, inspect,
    isArray: ArrayIsArray,
    isBoolean: (arg) => typeof arg === 'boolean',
    isBuffer,
    isDeepStrictEqual(a, b) {
      if (deepStrictEqual === undefined) deepStrictEqual = require('node/assert_compare').isDeepStrictEqual;
      return deepStrictEqual(a, b);
    },
    isNull: (arg) => arg === null,
    isNullOrUndefined: (arg) => arg === null || arg === undefined,
    isNumber: (arg) => typeof arg === 'number',
    isString: (arg) => typeof arg === 'string',
    isSymbol: (arg) => typeof arg === 'symbol',
    isUndefined: (arg) => arg === undefined,
    isRegExp: types.isRegExp,
    isObject: (arg) => arg !== null && typeof arg === 'object',
    isDate: types.isDate,
    isError: (e) => Object.prototype.toString.call(e) === '[object Error]' || e instanceof Error,
    isFunction: (arg) => typeof arg === 'function',
    isPrimitive: (arg) => arg === null || (typeof arg !== 'object' && typeof arg !== 'function'),
    log,
    promisify,
    stripVTControlCharacters,
    toUSVString: (input) => toWellFormed(`${input}`),
    transferableAbortSignal: (signal) => signal,
    transferableAbortController: () => new globalThis.AbortController(),
    aborted,
    types,
    parseEnv: function parseEnv(content) { return require('node/util_env').parseEnv(content); },
  };
  const lazy = {
    parseArgs: () => require('node/util_parse_args').parseArgs,
    TextDecoder: () => require('web/text_encoding').TextDecoder,
    TextEncoder: () => require('web/text_encoding').TextEncoder,
    MIMEType: () => require('node/util_mime').MIMEType,
    MIMEParams: () => require('node/util_mime').MIMEParams,
  };
  for (const name of ObjectKeys(lazy)) {
    defineProperty(util, name, {
      configurable: true, enumerable: true,
      get() { const value = lazy[name](); defineProperty(util, name, { value, writable: true, configurable: true, enumerable: true }); return value; },
      set(value) { defineProperty(util, name, { value, writable: true, configurable: true, enumerable: true }); },
    });
  }
  module.exports = util;
})
