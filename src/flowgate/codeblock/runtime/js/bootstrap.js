// Flowgate code-block bootstrap: evaluated once per pre-warmed context (from
// bytecode). It evaluates to the harness object the C binding drives
// (start / tick / finish / resolve, and preload while the context is warmed). Globals are lazy: a context pays only for
// what its script touches (console, timers, URL, ... each live in modules/ and
// load from bytecode on first use).
//
// What the harness relies on is captured here, before user code runs, so a
// script that overwrites JSON, Array.prototype or Error cannot make the
// service misreport its own outcome.
(() => {
  'use strict';
  const host = globalThis.__flowgate_host__;
  delete globalThis.__flowgate_host__;
  const { defineProperty, getPrototypeOf } = Object;
  const stringify = JSON.stringify;
  const parseJSON = JSON.parse;
  const ErrorCtor = Error;
  const EvalErrorCtor = EvalError;

  // Shared with the internal modules (console writes here, finish reads).
  const state = {
    capturing: false, captured: [], consoleBytes: 0, consoleLimit: 0, consoleViolation: false,
  };

  // A plain object, not a Map: Map is a lazy intrinsic a plain script never pays for.
  const cache = { __proto__: null, 'internal/state': { exports: state } };
  // Each loaded module's factory stays referenced until the context is dropped
  // (wholesale, with no per-object teardown): freed after its one call, the
  // factory's bytecode would be walked to release its atoms, ~2 % of the CPU of
  // an execution that loads a library.
  const factories = { __proto__: null };
  function load(name) {
    const hit = cache[name];
    if (hit !== undefined) return hit.exports;
    const factory = host.load(name);
    if (typeof factory !== 'function') throw new ErrorCtor(`internal module '${name}' is missing`);
    const module = { exports: {} };
    cache[name] = module;
    factories[name] = factory;
    try {
      factory(module, module.exports, load, host);
    } catch (e) {
      cache[name] = undefined;
      throw e;
    }
    return module.exports;
  }

  function defineGlobal(name, value, enumerable = false) {
    defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
  }
  // Enumerability as in Node (for...in / Object.keys(globalThis) give the same names).
  defineGlobal('global', globalThis, true);
  defineProperty(globalThis, 'queueMicrotask', { enumerable: true });
  defineProperty(globalThis, 'performance', { enumerable: true });

  // Globals implemented in JavaScript: the C side defines each [name, enumerable]
  // in LAZY as a lazy global whose first read calls resolve(name) (no closure each).
  const TIMER_NAMES = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'];
  // Global name -> the module that exports it (under the same name).
  const WEB_MODULES = { URL: 'web/url', URLSearchParams: 'web/url', TextEncoder: 'web/text_encoding',
    TextDecoder: 'web/text_encoding', structuredClone: 'web/structured_clone', Buffer: 'node/buffer',
    fetch: 'web/fetch', Headers: 'web/fetch', Request: 'web/fetch', Response: 'web/fetch',
    FormData: 'web/fetch', Blob: 'web/blob', File: 'web/blob', AbortController: 'web/events',
    AbortSignal: 'web/events', Event: 'web/events', EventTarget: 'web/events', Crypto: 'web/crypto',
    CryptoKey: 'web/crypto', SubtleCrypto: 'web/crypto', Intl: 'web/intl' };
  const LAZY = [['console', false], ['crypto', true], ['require', false], ['setTimeout', true],
    ['setInterval', true], ['setImmediate', true], ['clearTimeout', true], ['clearInterval', true],
    ['clearImmediate', true], ['URL', false], ['URLSearchParams', false], ['TextEncoder', false],
    ['TextDecoder', false], ['structuredClone', true], ['Buffer', false], ['fetch', true],
    ['Headers', false], ['Request', false], ['Response', false], ['FormData', false], ['Blob', false],
    ['File', false], ['AbortController', false], ['AbortSignal', false], ['Event', false],
    ['EventTarget', false], ['Crypto', false], ['CryptoKey', false], ['SubtleCrypto', false],
    ['Intl', false]];
  const DATE_LOCALE = ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'];
  // Read now (a script's later patches cannot reach them); plain reads, not bound
  // functions: this runs for every context.
  const ReflectApply = Reflect.apply;
  const valueOfs = [Number.prototype.valueOf, BigInt.prototype.valueOf];
  const TypeErrorCtor = TypeError;
  // Read on first use (touching Date here would install its lazy group in every context).
  let dateGetTimeCached;
  const dateGetTimeOf = () => (dateGetTimeCached ??= Date.prototype.getTime);
  function resolve(name) {
    switch (name) {
      case 'console': return load('internal/console');
      case 'crypto': return load('internal/crypto');
      case 'require': return load('internal/require').require;
      default:
        if (TIMER_NAMES.includes(name)) return load('internal/timers').api[name];
        return load(WEB_MODULES[name])[name];
    }
  }

  // The C side compiles user code itself; user code sees one throwing
  // stand-in for eval and every Function constructor (also reached through
  // `.constructor`) unless the operator sets ALLOW_EVAL. Done while the context
  // is pre-warmed: bundle.py substitutes the process-wide setting below.
  const ALLOW_EVAL = /*ALLOW_EVAL*/false;
  if (!ALLOW_EVAL) {
    const message = 'Code generation from strings disallowed for this context ' +
      '(eval and the Function constructor are disabled; the operator can set ALLOW_EVAL=true)';
    const FunctionProto = Function.prototype;
    const blocked = function Function() { throw new EvalErrorCtor(message); };
    defineProperty(blocked, 'prototype', { value: FunctionProto });
    defineGlobal('eval', blocked);
    defineGlobal('Function', blocked);
    const protos = [FunctionProto, getPrototypeOf(async () => {}), getPrototypeOf(function* () {}),
      getPrototypeOf(async function* () {})];
    for (let i = 0; i < protos.length; i++) {
      defineProperty(protos[i], 'constructor', { value: blocked, writable: true, configurable: true });
    }
  }

  let debug = false;
  return {
    lazy: LAZY,
    resolve,
    // Date#toLocaleString / toLocaleDateString / toLocaleTimeString (which = 0 / 1 / 2),
    // installed by the C side with the Date group: formatted as Node does by web/intl.
    dateLocale(which, date, locales, options) {
      try {
        dateGetTimeOf().call(date);
      } catch {
        // V8's wording (and receiver description, for the common cases).
        const shown = date !== null && typeof date === 'object' ?
          `#<${(getPrototypeOf(date)?.constructor?.name) || 'Object'}>` : String(date);
        throw new TypeErrorCtor(
          `Method Date.prototype.${DATE_LOCALE[which]} called on incompatible receiver ${shown}`);
      }
      return load('web/intl')[DATE_LOCALE[which]](date, locales, options);
    },
    // Number#toLocaleString / BigInt#toLocaleString (which = 0 / 1), installed by
    // the C side on every context: formatted as Node does by web/intl_number.
    numberLocale(which, value, locales, options) {
      let x = value;
      try {
        if (typeof x !== (which === 0 ? 'number' : 'bigint')) {
          x = ReflectApply(valueOfs[which], value, []);
        }
      } catch {
        const type = which === 0 ? 'Number' : 'BigInt';
        throw new TypeErrorCtor(`${type}.prototype.toLocaleString requires that 'this' be a ${type}`);
      }
      return load('web/intl_number').toLocaleString(x, locales, options);
    },
    // Called by the pool's warmer thread, before any execution, with the modules
    // recent executions used (engine/preload.py): they go into the same cache the
    // lazy globals and require use, as if the script had loaded them first. A
    // module that fails is skipped (the script then loads it, or fails, lazily).
    preload(namesJson) {
      const names = parseJSON(namesJson);
      let loaded = 0;
      for (let i = 0; i < names.length; i++) {
        try {
          load(names[i]);
          loaded++;
        } catch {
          // skipped
        }
      }
      return loaded;
    },
    start(fn, inputJson, optionsJson) {
      const opts = parseJSON(optionsJson);
      debug = !!opts.debug;
      state.capturing = debug;
      state.consoleLimit = opts.consoleLimit || 0;
      return fn(parseJSON(inputJson));
    },
      // Host operations (internal/io) in flight count as "something will happen":
    // Infinity tells the C side to wait (up to the deadline) for the loop to resume it.
    tick(now) {
      const io = cache['internal/io'];
      let waiting = false;
      if (io !== undefined) {
        io.exports.deliver();
        waiting = io.exports.pendingCount() > 0;
      }
      const timers = cache['internal/timers'];
      const next = timers === undefined ? -1 : timers.exports.tick(now);
      return next < 0 && waiting ? Infinity : next;
    },
    finish(kind, value) {
      const consoleJson = debug ? stringify(state.captured) : null;
      if (state.consoleViolation) {
        const message = `console output exceeded the limit of ${state.consoleLimit} characters (MAX_CONSOLE_BYTES)`;
        return ['console_limit', stringify({ type: 'ValidationError', message }), consoleJson];
      }
      if (kind === 'return') {
        let text;
        try {
          text = stringify(value);
        } catch (e) {
          return ['error', stringify(load('internal/errors').describe(e)), consoleJson];
        }
        return text === undefined ? ['undefined', null, consoleJson] : ['ok', text, consoleJson];
      }
      if (kind === 'throw') return ['error', stringify(load('internal/errors').describe(value)), consoleJson];
      return [kind, null, consoleJson];
    },
  };
})()
