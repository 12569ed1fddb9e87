// Flowgate code-block bootstrap: evaluated once per pre-warmed context (from
// bytecode). It evaluates to the harness object the C binding drives
// (start / tick / finish) and installs the globals as lazy getters: a context
// pays only for what its script touches (console, timers, URL, ... each live
// in modules/ and load from bytecode on first use).
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
  const MapCtor = Map;
  const ErrorCtor = Error;
  const EvalErrorCtor = EvalError;

  // Shared with the internal modules (console writes here, finish reads).
  const state = {
    capturing: false, captured: [], consoleBytes: 0, consoleLimit: 0, consoleViolation: false,
  };

  const cache = new MapCtor([['internal/state', { exports: state }]]);
  function load(name) {
    const hit = cache.get(name);
    if (hit !== undefined) return hit.exports;
    const factory = host.load(name);
    if (typeof factory !== 'function') throw new ErrorCtor(`internal module '${name}' is missing`);
    const module = { exports: {} };
    cache.set(name, module);
    try {
      factory(module, module.exports, load, host);
    } catch (e) {
      cache.delete(name);
      throw e;
    }
    return module.exports;
  }

  function defineGlobal(name, value) {
    defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  // The global becomes a plain data property on first read (or write).
  function lazyGlobal(name, pick) {
    defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = pick();
        defineGlobal(name, value);
        return value;
      },
      set(value) { defineGlobal(name, value); },
    });
  }
  defineGlobal('global', globalThis);
  lazyGlobal('console', () => load('internal/console'));
  lazyGlobal('crypto', () => load('internal/crypto'));
  lazyGlobal('require', () => load('internal/require').require);
  for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']) {
    lazyGlobal(name, () => load('internal/timers').api[name]);
  }
  for (const [name, moduleName] of [['URL', 'web/url'], ['URLSearchParams', 'web/url'],
    ['TextEncoder', 'web/text_encoding'], ['TextDecoder', 'web/text_encoding'],
    ['structuredClone', 'web/structured_clone']]) {
    lazyGlobal(name, () => load(moduleName)[name]);
  }

  // The C side compiles user code itself; user code sees throwing stand-ins
  // for eval and every Function constructor unless the operator sets ALLOW_EVAL.
  function lockdown() {
    const message = 'Code generation from strings disallowed for this context ' +
      '(eval and the Function constructor are disabled; the operator can set ALLOW_EVAL=true)';
    const blocked = function () { throw new EvalErrorCtor(message); };
    const blockedEval = function (source) { return blocked(); };
    defineProperty(blockedEval, 'name', { value: 'eval' });
    defineGlobal('eval', blockedEval);
    const protos = [Function.prototype, getPrototypeOf(async function () {}),
      getPrototypeOf(function* () {}), getPrototypeOf(async function* () {})];
    for (const proto of protos) {
      const stub = function Function() { return blocked(); };
      defineProperty(stub, 'prototype', { value: proto });
      defineProperty(proto, 'constructor', { value: stub, writable: true, configurable: true });
      if (proto === Function.prototype) defineGlobal('Function', stub);
    }
  }

  let debug = false;
  return {
    start(fn, inputJson, optionsJson) {
      const opts = parseJSON(optionsJson);
      debug = !!opts.debug;
      state.capturing = debug;
      state.consoleLimit = opts.consoleLimit || 0;
      if (!opts.allowEval) lockdown();
      return fn(parseJSON(inputJson));
    },
    // Timers exist only once a timer global was touched.
    tick(now) {
      const timers = cache.get('internal/timers');
      return timers === undefined ? -1 : timers.exports.tick(now);
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
