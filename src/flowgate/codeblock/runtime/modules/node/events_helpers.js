// events.on / getEventListeners / getMaxListeners /
// addAbortListener: Node 20's lib/events.js (MIT) second half, split off from
// node/events so that plain EventEmitter users do not load it. A factory
// taking what it shares with node/events.
(function (module, exports, require, host) {
  'use strict';
  const { invalidArgType, validateAbortSignal, validateFunction, validateNumber, AbortError, outOfRange } =
    require('node/util_errors');
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ArrayPrototypePush = Function.prototype.call.bind(Array.prototype.push);
  const ArrayPrototypePop = Function.prototype.call.bind(Array.prototype.pop);
  const ReflectApply = Reflect.apply;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const PromiseReject = Promise.reject.bind(Promise);
  const NumberMAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER;
  const SymbolAsyncIterator = Symbol.asyncIterator;
  const SymbolDispose = Symbol.dispose || Symbol.for('nodejs.dispose');
  const kWatermarkData = Symbol.for('nodejs.watermarkData');
  const kEmptyObject = Object.freeze({ __proto__: null });
  const { eventTargetAgnosticAddListener, eventTargetAgnosticRemoveListener } = require('node/events_listeners');
  const ERR_INVALID_ARG_TYPE = function (name, expected, actual) { return invalidArgType(name, expected, actual); };
  function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
    if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }
  // lib/internal/fixed_queue.js's interface over an array (queues here stay short).
  class FixedQueue {
    constructor() { this.items = []; this.head = 0; }
    isEmpty() { return this.head === this.items.length; }
    push(v) { this.items.push(v); }
    shift() {
      const v = this.items[this.head];
      this.items[this.head++] = undefined;
      if (this.head === this.items.length) { this.items = []; this.head = 0; }
      return v;
    }
  }
  function addAbortListener(signal, listener) {
    if (signal === undefined) throw ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
    validateAbortSignal(signal, 'signal');
    validateFunction(listener, 'listener');
    let removeEventListener;
    if (signal.aborted) {
      queueMicrotask(() => listener());
    } else {
      signal.addEventListener('abort', listener, { __proto__: null, once: true });
      removeEventListener = () => { signal.removeEventListener('abort', listener); };
    }
    return { __proto__: null, [SymbolDispose]() { removeEventListener?.(); } };
  }

  module.exports = function makeHelpers(_getMaxListeners, kMaxEventTargetListeners) {
    function getEventListeners(emitterOrTarget, type) {
      if (typeof emitterOrTarget.listeners === 'function') {
        return emitterOrTarget.listeners(type);
      }
      const webEvents = require('web/events');
      if (emitterOrTarget instanceof webEvents.EventTarget) {
        // web/events keeps its listeners private; it shares them through getEventListeners when it offers it.
        return typeof webEvents.getEventListeners === 'function' ? webEvents.getEventListeners(emitterOrTarget, type) : [];
      }
      throw ERR_INVALID_ARG_TYPE('emitter',
        ['EventEmitter', 'EventTarget'],
        emitterOrTarget);
    }

    function getMaxListeners(emitterOrTarget) {
      if (typeof emitterOrTarget?.getMaxListeners === 'function') {
        return _getMaxListeners(emitterOrTarget);
      } else if (emitterOrTarget?.[kMaxEventTargetListeners]) {
        return emitterOrTarget[kMaxEventTargetListeners];
      }

      throw ERR_INVALID_ARG_TYPE('emitter',
        ['EventEmitter', 'EventTarget'],
        emitterOrTarget);
    }

    const AsyncIteratorPrototype = ObjectGetPrototypeOf(
      ObjectGetPrototypeOf(async function* () {}).prototype);

    function createIterResult(value, done) {
      return { value, done };
    }

    function on(emitter, event, options = kEmptyObject) {
      const signal = options.signal;
      validateAbortSignal(signal, 'options.signal');
      if (signal?.aborted)
        throw new AbortError(undefined, { cause: signal?.reason });
      const highWatermark = options.highWaterMark ?? options.highWatermark ?? NumberMAX_SAFE_INTEGER;
      validateInteger(highWatermark, 'options.highWaterMark', 1);
      const lowWatermark = options.lowWaterMark ?? options.lowWatermark ?? 1;
      validateInteger(lowWatermark, 'options.lowWaterMark', 1);

      const unconsumedEvents = new FixedQueue();
      const unconsumedPromises = new FixedQueue();
      let paused = false;
      let error = null;
      let finished = false;
      let size = 0;

      const iterator = ObjectSetPrototypeOf({
        next() {
          if (size) {
            const value = unconsumedEvents.shift();
            size--;
            if (paused && size < lowWatermark) {
              emitter.resume();
              paused = false;
            }
            return PromiseResolve(createIterResult(value, false));
          }

          if (error) {
            const p = PromiseReject(error);
            error = null;
            return p;
          }

          if (finished) return closeHandler();

          return new Promise(function(resolve, reject) {
            unconsumedPromises.push({ resolve, reject });
          });
        },

        return() {
          return closeHandler();
        },

        throw(err) {
          if (!err || !(err instanceof Error)) {
            throw ERR_INVALID_ARG_TYPE('EventEmitter.AsyncIterator',
              'Error', err);
          }
          errorHandler(err);
        },
        [SymbolAsyncIterator]() {
          return this;
        },
        [kWatermarkData]: {
          get size() {
            return size;
          },
          get low() {
            return lowWatermark;
          },
          get high() {
            return highWatermark;
          },
          get isPaused() {
            return paused;
          },
        },
        }, AsyncIteratorPrototype);

      const { addEventListener, removeAll } = listenersController();
      addEventListener(emitter, event, function(...args) {
        return eventHandler(args);
      });
      if (event !== 'error' && typeof emitter.on === 'function') {
        addEventListener(emitter, 'error', errorHandler);
      }
      const closeEvents = options?.close;
      if (closeEvents?.length) {
        for (let i = 0; i < closeEvents.length; i++) {
          addEventListener(emitter, closeEvents[i], closeHandler);
        }
      }

      const abortListenerDisposable = signal ? addAbortListener(signal, abortListener) : null;

      return iterator;

      function abortListener() {
        errorHandler(new AbortError(undefined, { cause: signal?.reason }));
      }

      function eventHandler(value) {
        if (unconsumedPromises.isEmpty()) {
          size++;
          if (!paused && size > highWatermark) {
            paused = true;
            emitter.pause();
          }
          unconsumedEvents.push(value);
        } else unconsumedPromises.shift().resolve(createIterResult(value, false));
      }

      function errorHandler(err) {
        if (unconsumedPromises.isEmpty()) error = err;
        else unconsumedPromises.shift().reject(err);

        closeHandler();
      }

      function closeHandler() {
        abortListenerDisposable?.[SymbolDispose]();
        removeAll();
        finished = true;
        const doneResult = createIterResult(undefined, true);
        while (!unconsumedPromises.isEmpty()) {
          unconsumedPromises.shift().resolve(doneResult);
        }

        return PromiseResolve(doneResult);
      }
    }

    function listenersController() {
      const listeners = [];

      return {
        addEventListener(emitter, event, handler, flags) {
          eventTargetAgnosticAddListener(emitter, event, handler, flags);
          ArrayPrototypePush(listeners, [emitter, event, handler, flags]);
        },
        removeAll() {
          while (listeners.length > 0) {
            ReflectApply(eventTargetAgnosticRemoveListener, undefined, ArrayPrototypePop(listeners));
          }
        },
      };
    }

    return { addAbortListener, on, getEventListeners, getMaxListeners };
  };
})
