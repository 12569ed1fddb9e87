// require('timers/promises'): Node 20's lib/timers/promises.js (MIT) over the
// sandbox timers (internal/timers, bounded by the execution's time limit).
// `ref: false` is accepted and changes nothing: a code block's run ends when
// its function settles, not when the timer queue empties.
(function (module, exports, require, host) {
  'use strict';
  const timers = require('internal/timers').api;
  const { makeError, validateNumber, validateObject, validateBoolean, validateAbortSignal,
    AbortError } = require('node/util_errors');
  const PromiseCtor = Promise;
  const PromiseReject = (e) => PromiseCtor.reject(e);
  const kEmptyObject = Object.freeze({ __proto__: null });
  const kScheduler = Symbol('kScheduler');

  function validate(after, options, checkDelay) {
    if (checkDelay && typeof after !== 'undefined') validateNumber(after, 'delay');
    validateObject(options, 'options');
    if (typeof options?.signal !== 'undefined') validateAbortSignal(options.signal, 'options.signal');
    if (typeof options?.ref !== 'undefined') validateBoolean(options.ref, 'options.ref');
  }

  // A one-shot timer as a promise, cancelled (AbortError) by options.signal.
  function schedule(start, clear, value, options) {
    const { signal } = options;
    if (signal?.aborted) return PromiseReject(new AbortError(undefined, { cause: signal.reason }));
    let oncancel;
    const ret = new PromiseCtor((resolve, reject) => {
      const handle = start(() => resolve(value));
      if (signal) {
        oncancel = () => {
          clear(handle);
          reject(new AbortError(undefined, { cause: signal?.reason }));
        };
        signal.addEventListener('abort', oncancel, { __proto__: null });
      }
    });
    return oncancel !== undefined ? ret.finally(() => signal.removeEventListener('abort', oncancel)) : ret;
  }

  function setTimeout(after, value, options = kEmptyObject) {
    try {
      validate(after, options, true);
    } catch (err) {
      return PromiseReject(err);
    }
    return schedule((fn) => timers.setTimeout(fn, after), timers.clearTimeout, value, options);
  }

  function setImmediate(value, options = kEmptyObject) {
    try {
      validate(undefined, options, false);
    } catch (err) {
      return PromiseReject(err);
    }
    return schedule((fn) => timers.setImmediate(fn), timers.clearImmediate, value, options);
  }

  async function* setInterval(after, value, options = kEmptyObject) {
    validate(after, options, true);
    const { signal } = options;
    if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
    let onCancel;
    let interval;
    try {
      let notYielded = 0;
      let callback;
      interval = timers.setInterval(() => {
        notYielded++;
        if (callback) {
          callback();
          callback = undefined;
        }
      }, after);
      if (signal) {
        onCancel = () => {
          timers.clearInterval(interval);
          if (callback) {
            callback(PromiseReject(new AbortError(undefined, { cause: signal.reason })));
            callback = undefined;
          }
        };
        signal.addEventListener('abort', onCancel, { __proto__: null, once: true });
      }
      while (!signal?.aborted) {
        if (notYielded === 0) await new PromiseCtor((resolve) => { callback = resolve; });
        for (; notYielded > 0; notYielded--) yield value;
      }
      throw new AbortError(undefined, { cause: signal?.reason });
    } finally {
      timers.clearInterval(interval);
      signal?.removeEventListener('abort', onCancel);
    }
  }

  class Scheduler {
    constructor() {
      throw makeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    }
    yield() {
      if (!this[kScheduler]) throw makeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Scheduler');
      return setImmediate();
    }
    wait(delay, options) {
      if (!this[kScheduler]) throw makeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Scheduler');
      return setTimeout(delay, undefined, options);
    }
  }

  module.exports = {
    setTimeout,
    setImmediate,
    setInterval,
    scheduler: Reflect.construct(function () { this[kScheduler] = true; }, [], Scheduler),
  };
})
