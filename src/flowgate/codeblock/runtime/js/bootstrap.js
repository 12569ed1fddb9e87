// Flowgate code-block bootstrap: evaluated once per pre-warmed context (from
// bytecode). It installs the Node-like globals and evaluates to the harness
// object driven by the C binding (_quickjs.c): start / tick / finish.
//
// Everything the harness relies on is captured here, before user code runs,
// so a script that overwrites JSON, Array.prototype or Error cannot make the
// service misreport its own outcome.
(() => {
  'use strict';
  const host = globalThis.__flowgate_host__;
  delete globalThis.__flowgate_host__;

  const { defineProperty, freeze, getPrototypeOf } = Object;
  const ObjectHasOwn = Object.hasOwn;
  const stringify = JSON.stringify;
  const parseJSON = JSON.parse;
  const StringCtor = String;
  const MathMax = Math.max;
  const call = Function.prototype.call.bind(Function.prototype.call);
  const push = (arr, v) => { arr[arr.length] = v; };
  const ErrorCtor = Error;
  const BUILTIN_ERRORS = [TypeError, ReferenceError, RangeError, URIError, EvalError, SyntaxError];
  const BUILTIN_NAMES = ['TypeError', 'ReferenceError', 'RangeError', 'URIError', 'EvalError', 'SyntaxError'];
  const InternalErrorCtor = globalThis.InternalError;
  const DOMExceptionCtor = globalThis.DOMException;
  const USER_FILE = 'code.js';

  // ------------------------------------------------------------ modules
  const moduleCache = new Map();
  function load(name) {
    if (moduleCache.has(name)) return moduleCache.get(name).exports;
    const factory = host.load(name);
    if (typeof factory !== 'function') throw new ErrorCtor(`internal module '${name}' is missing`);
    const module = { exports: {} };
    moduleCache.set(name, module);
    try {
      factory(module, module.exports, load, host);
    } catch (e) {
      moduleCache.delete(name);
      throw e;
    }
    return module.exports;
  }

  /** Raised when the code asks for something the sandbox forbids. */
  class SecurityError extends ErrorCtor {
    constructor(message) {
      super(message);
      this.name = 'SecurityError';
    }
  }

  // require(): public names map to loaders; later issues add buffer, crypto, lodash...
  const PUBLIC_MODULES = { timers: () => timerApi };
  const NODE_BUILTINS = freeze([
    'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto',
    'dgram', 'diagnostics_channel', 'dns', 'domain', 'events', 'fs', 'http', 'http2', 'https',
    'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'punycode', 'querystring',
    'readline', 'repl', 'stream', 'string_decoder', 'sys', 'timers', 'tls', 'trace_events', 'tty',
    'url', 'util', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib',
  ]);
  function availableModules() {
    return Object.keys(PUBLIC_MODULES).sort().join(', ');
  }
  function require(id) {
    if (typeof id !== 'string') {
      const err = new TypeError(`The "id" argument must be of type string. Received ${typeof id}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    const bare = id.startsWith('node:') ? id.slice(5) : id;
    const top = bare.split('/')[0];
    if (ObjectHasOwn(PUBLIC_MODULES, bare)) return PUBLIC_MODULES[bare]();
    if (NODE_BUILTINS.includes(top) || id.startsWith('node:')) {
      throw new SecurityError(
        `module '${id}' is not available in the code-block sandbox; available modules: ${availableModules()}`);
    }
    const err = new ErrorCtor(`Cannot find module '${id}'; available modules: ${availableModules()}`);
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }

  // ------------------------------------------------------------- timers
  const TIMEOUT_MAX = 2147483647;
  const timers = new Map(); // id -> {due, seq, fn, args, repeat, delay}
  let timerSeq = 0;
  let timerIds = 0;

  class Timeout {
    constructor(id) { defineProperty(this, '_id', { value: id }); }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return true; }
    refresh() {
      const t = timers.get(this._id);
      if (t) { t.due = host.now() + t.delay; t.seq = ++timerSeq; }
      return this;
    }
    close() { timers.delete(this._id); return this; }
    [Symbol.toPrimitive]() { return this._id; }
  }
  class Immediate {
    constructor(id) { defineProperty(this, '_id', { value: id }); }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return true; }
  }

  function checkCallback(fn) {
    if (typeof fn !== 'function') {
      const err = new TypeError(`The "callback" argument must be of type function. Received ${fn === null ? 'null' : typeof fn}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
  }
  function normalizeDelay(ms) {
    const d = Number(ms);
    return d >= 1 && d <= TIMEOUT_MAX ? Math.trunc(d) : 1;
  }
  function addTimer(fn, delay, args, repeat, immediate) {
    checkCallback(fn);
    const id = ++timerIds;
    timers.set(id, { due: immediate ? -1 : host.now() + delay, seq: ++timerSeq, fn, args, repeat, delay });
    return id;
  }
  function timerId(t) {
    if (t instanceof Timeout || t instanceof Immediate) return t._id;
    return typeof t === 'number' || typeof t === 'string' ? Number(t) : undefined;
  }
  const timerApi = {
    setTimeout(fn, ms, ...args) { return new Timeout(addTimer(fn, normalizeDelay(ms), args, false, false)); },
    setInterval(fn, ms, ...args) { return new Timeout(addTimer(fn, normalizeDelay(ms), args, true, false)); },
    setImmediate(fn, ...args) { return new Immediate(addTimer(fn, 0, args, false, true)); },
    clearTimeout(t) { timers.delete(timerId(t)); },
    clearInterval(t) { timers.delete(timerId(t)); },
    clearImmediate(t) { timers.delete(timerId(t)); },
  };

  // Fire the earliest due timer (one per call, so microtasks run between
  // callbacks as in Node) and return when the next one is due, or -1.
  function tick(now) {
    let best;
    let bestId;
    for (const [id, t] of timers) {
      if (best === undefined || t.due < best.due || (t.due === best.due && t.seq < best.seq)) {
        best = t;
        bestId = id;
      }
    }
    if (best !== undefined && best.due <= now) {
      if (best.repeat) {
        best.due = now + best.delay;
        best.seq = ++timerSeq;
      } else {
        timers.delete(bestId);
      }
      call(best.fn, undefined, ...best.args);
      return nextDue();
    }
    return best === undefined ? -1 : best.due;
  }
  function nextDue() {
    let due = -1;
    for (const t of timers.values()) if (due === -1 || t.due < due) due = MathMax(t.due, 0);
    return due;
  }

  // ------------------------------------------------------------ console
  const captured = [];
  let consoleBytes = 0;
  let consoleLimit = 0;
  let capturing = false;
  let consoleViolation = false;
  let groupIndent = '';
  const counts = new Map();
  const timersByLabel = new Map();

  function formatArgs(args) {
    let fmt;
    try {
      fmt = load('internal/inspect').format;
    } catch (e) {
      fmt = (...a) => a.map((x) => (typeof x === 'string' ? x : safeString(x))).join(' ');
    }
    return fmt(...args);
  }
  function safeString(x) {
    try { return StringCtor(x); } catch (e) { return Object.prototype.toString.call(x); }
  }
  function emit(level, args) {
    if (!capturing) return;
    let message = formatArgs(args);
    if (groupIndent) message = groupIndent + message.split('\n').join('\n' + groupIndent);
    consoleBytes += message.length + level.length;
    if (consoleBytes > consoleLimit) {
      consoleViolation = true;
      capturing = false;
      throw new RangeError(`console output exceeded the limit of ${consoleLimit} characters (MAX_CONSOLE_BYTES)`);
    }
    push(captured, { level, message });
  }
  const consoleApi = {
    log(...a) { emit('log', a); },
    info(...a) { emit('info', a); },
    debug(...a) { emit('debug', a); },
    warn(...a) { emit('warn', a); },
    error(...a) { emit('error', a); },
    trace(...a) {
      const stack = new ErrorCtor().stack || '';
      emit('trace', ['Trace' + (a.length ? ': ' + formatArgs(a) : '') + '\n' + stack.replace(/\n$/, '')]);
    },
    dir(obj) { emit('log', [obj]); },
    dirxml(...a) { emit('log', a); },
    table(...a) { emit('log', a); },
    assert(cond, ...a) {
      if (!cond) emit('error', a.length ? ['Assertion failed: ' + (typeof a[0] === 'string' ? a[0] : formatArgs([a[0]])), ...a.slice(1)] : ['Assertion failed']);
    },
    count(label = 'default') {
      const key = StringCtor(label);
      const n = (counts.get(key) || 0) + 1;
      counts.set(key, n);
      emit('log', [`${key}: ${n}`]);
    },
    countReset(label = 'default') { counts.delete(StringCtor(label)); },
    time(label = 'default') { timersByLabel.set(StringCtor(label), host.now()); },
    timeLog(label = 'default', ...a) { timeReport(label, a, false); },
    timeEnd(label = 'default') { timeReport(label, [], true); },
    group(...a) { if (a.length) emit('log', a); groupIndent += '  '; },
    groupCollapsed(...a) { if (a.length) emit('log', a); groupIndent += '  '; },
    groupEnd() { groupIndent = groupIndent.slice(0, -2); },
    clear() {},
  };
  function timeReport(label, extra, end) {
    const key = StringCtor(label);
    const started = timersByLabel.get(key);
    if (started === undefined) {
      emit('warn', [`Warning: No such label '${key}' for console.time${end ? 'End' : 'Log'}()`]);
      return;
    }
    if (end) timersByLabel.delete(key);
    const ms = host.now() - started;
    emit('log', [`${key}: ${ms < 1000 ? ms.toFixed(3) + 'ms' : (ms / 1000).toFixed(3) + 's'}`, ...extra]);
  }

  // ------------------------------------------------------------- crypto
  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
    Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
  const cryptoApi = {
    getRandomValues(ta) {
      if (!INTEGER_ARRAYS.some((C) => ta instanceof C)) {
        throw new DOMExceptionCtor(
          "The data argument must be an integer-type TypedArray", 'TypeMismatchError');
      }
      if (ta.byteLength > 65536) {
        throw new DOMExceptionCtor(
          `The ArrayBufferView's byte length (${ta.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`,
          'QuotaExceededError');
      }
      host.randomFill(new Uint8Array(ta.buffer, ta.byteOffset, ta.byteLength));
      return ta;
    },
    randomUUID() {
      const b = new Uint8Array(16);
      host.randomFill(b);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      let s = '';
      for (let i = 0; i < 16; i++) {
        s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
        if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
      }
      return s;
    },
  };

  // ------------------------------------------------------------ globals
  function defineGlobal(name, value) {
    defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  // Loaded on first use so scripts that never touch them pay nothing.
  function defineLazyGlobal(name, moduleName) {
    defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = load(moduleName)[name];
        defineGlobal(name, value);
        return value;
      },
      set(value) { defineGlobal(name, value); },
    });
  }
  defineGlobal('global', globalThis);
  defineGlobal('console', consoleApi);
  defineGlobal('crypto', cryptoApi);
  defineGlobal('require', require);
  for (const name of Object.keys(timerApi)) defineGlobal(name, timerApi[name]);
  defineLazyGlobal('URL', 'web/url');
  defineLazyGlobal('URLSearchParams', 'web/url');
  defineLazyGlobal('TextEncoder', 'web/text_encoding');
  defineLazyGlobal('TextDecoder', 'web/text_encoding');
  defineLazyGlobal('structuredClone', 'web/structured_clone');

  // -------------------------------------------------------------- eval
  // The engine keeps eval for our own use (the C side compiles user code);
  // user code sees throwing stand-ins unless the operator sets ALLOW_EVAL.
  function lockdown() {
    const message = 'Code generation from strings disallowed for this context ' +
      '(eval and the Function constructor are disabled; the operator can set ALLOW_EVAL=true)';
    const blocked = function () { throw new EvalError(message); };
    const blockedEval = function (source) { return blocked(); };
    defineProperty(blockedEval, 'name', { value: 'eval' });
    defineGlobal('eval', blockedEval);
    const protos = [
      Function.prototype,
      getPrototypeOf(async function () {}),
      getPrototypeOf(function* () {}),
      getPrototypeOf(async function* () {}),
    ];
    for (const proto of protos) {
      const stub = function Function() { return blocked(); };
      defineProperty(stub, 'prototype', { value: proto });
      defineProperty(proto, 'constructor', { value: stub, writable: true, configurable: true });
      if (proto === Function.prototype) defineGlobal('Function', stub);
    }
  }

  // ------------------------------------------------------------ errors
  function errorType(err) {
    if (err instanceof SecurityError) return 'SecurityError';
    const message = typeof err.message === 'string' ? err.message : '';
    if (err instanceof RangeError && message === 'Maximum call stack size exceeded') return 'StackOverflowError';
    if (InternalErrorCtor && err instanceof InternalErrorCtor) {
      if (message.startsWith('stack overflow')) return 'StackOverflowError';
      if (message === 'out of memory') return 'MemoryLimitError';
      return 'RuntimeError';
    }
    for (let i = 0; i < BUILTIN_ERRORS.length; i++) {
      if (err instanceof BUILTIN_ERRORS[i]) return BUILTIN_NAMES[i];
    }
    return 'RuntimeError';
  }
  const FRAME = /^(\s*at (?:(.*?) \()?)code\.js:(\d+):(\d+)(\)?)$/;
  // Keep only frames in the user's code, with lines relative to it.
  function userStack(raw) {
    const out = [];
    let line;
    let column;
    for (const frame of StringCtor(raw || '').split('\n')) {
      const m = FRAME.exec(frame);
      if (!m) continue;
      const l = Number(m[3]) - 1;
      if (l < 1) continue;
      if (line === undefined) { line = l; column = Number(m[4]); }
      push(out, `${m[1]}${USER_FILE}:${l}:${m[4]}${m[5]}`);
    }
    return { frames: out, line, column };
  }
  function describe(err) {
    if (err === null || (typeof err !== 'object' && typeof err !== 'function') || !(err instanceof ErrorCtor)) {
      if (DOMExceptionCtor && err instanceof DOMExceptionCtor) return describeError(err, 'RuntimeError');
      return { type: 'RuntimeError', message: thrownValueText(err) };
    }
    return describeError(err, errorType(err));
  }
  function describeError(err, type) {
    let name;
    let message;
    try { name = StringCtor(err.name); } catch (e) { name = 'Error'; }
    try { message = StringCtor(err.message); } catch (e) { message = ''; }
    const out = { type, name, message };
    const { frames, line, column } = userStack(err.stack);
    out.stack = `${name}: ${message}` + (frames.length ? '\n' + frames.join('\n') : '');
    if (line !== undefined) { out.line = line; out.column = column; }
    try {
      if (err.code !== undefined) out.code = StringCtor(err.code);
    } catch (e) { /* a throwing getter: no code */ }
    return out;
  }
  function thrownValueText(v) {
    if (typeof v === 'string') return v;
    if (v !== null && typeof v === 'object') {
      try {
        const s = stringify(v);
        if (s !== undefined) return s;
      } catch (e) { /* fall through */ }
    }
    return safeString(v);
  }

  // ----------------------------------------------------------- harness
  let debug = false;
  return freeze({
    start(fn, inputJson, optionsJson) {
      const opts = parseJSON(optionsJson);
      debug = !!opts.debug;
      capturing = debug;
      consoleLimit = opts.consoleLimit || 0;
      if (!opts.allowEval) lockdown();
      return fn(parseJSON(inputJson));
    },
    tick,
    finish(kind, value) {
      const consoleJson = debug ? stringify(captured) : null;
      if (consoleViolation) {
        return ['console_limit', stringify({ type: 'ValidationError', message: `console output exceeded the limit of ${consoleLimit} characters (MAX_CONSOLE_BYTES)` }), consoleJson];
      }
      if (kind === 'return') {
        let text;
        try {
          text = stringify(value);
        } catch (e) {
          return ['error', stringify(describe(e)), consoleJson];
        }
        return text === undefined ? ['undefined', null, consoleJson] : ['ok', text, consoleJson];
      }
      if (kind === 'throw') return ['error', stringify(describe(value)), consoleJson];
      return [kind, null, consoleJson];
    },
  });
})()
