// require('events'): Node 20's lib/events.js (MIT), ported: primordials
// replaced by intrinsics captured at load, process.nextTick by util_errors.nextTick.
// Differences (docs/runtime-modules.md): the MaxListenersExceededWarning is
// dropped (Node prints it to stderr, which code blocks do not have), an
// unhandled 'error' event's stack is not enhanced, EventEmitterAsyncResource
// has no async_hooks behind it. Removal/listing methods and events.once live
// in node/events_listeners; on/getEventListeners/getMaxListeners/
// addAbortListener in node/events_helpers, loaded on first use.
(function (module, exports, require, host) {
  'use strict';

  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const ArrayPrototypeSlice = uncurryThis(Array.prototype.slice);
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectDefineProperties = Object.defineProperties;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ReflectApply = Reflect.apply;
  const SymbolFor = Symbol.for;
  const kRejection = SymbolFor('nodejs.rejection');

  const { inspect } = require('internal/inspect');
  const { nextTick, makeError, invalidArgType, validateAbortSignal, validateBoolean, validateFunction, validateNumber,
    validateString, AbortError } = require('node/util_errors');
  const kEmptyObject = Object.freeze({ __proto__: null });
  const ERR_INVALID_ARG_TYPE = function (name, expected, actual) { return invalidArgType(name, expected, actual); };
  const ERR_INVALID_THIS = function (type) {
    return makeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
  };
  const ERR_UNHANDLED_ERROR = function (err) {
    return makeError(Error, 'ERR_UNHANDLED_ERROR', err === undefined ? 'Unhandled error.' : `Unhandled error. (${err})`);
  };

  const kCapture = Symbol('kCapture');
  const kErrorMonitor = Symbol('events.errorMonitor');
  const kShapeMode = Symbol('shapeMode');
  const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
  const kMaxEventTargetListenersWarned =
    Symbol('events.maxEventTargetListenersWarned');

  // No async_hooks here: EventEmitterAsyncResource is an EventEmitter whose
  // async-resource members are inert.
  let EventEmitterAsyncResource;
  function lazyEventEmitterAsyncResource() {
    if (EventEmitterAsyncResource === undefined) {
      EventEmitterAsyncResource = class EventEmitterAsyncResource extends EventEmitter {
        constructor(options = undefined) {
          if (typeof options === 'string') options = undefined;
          else if (new.target === EventEmitterAsyncResource) validateString(options?.name, 'options.name');
          super(options);
        }
        emitDestroy() {}
        get asyncId() { return 0; }
        get triggerAsyncId() { return 0; }
        get asyncResource() { return { eventEmitter: this }; }
      };
    }
    return EventEmitterAsyncResource;
  }

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }
  module.exports = EventEmitter;
  let helpers;
  const lazyHelpers = () => helpers || (helpers = require('node/events_helpers')(_getMaxListeners, kMaxEventTargetListeners));
  EventEmitter.addAbortListener = function addAbortListener(signal, listener) {
    return lazyHelpers().addAbortListener(signal, listener);
  };
  // Assigned here for Node's key order; the async function itself is events_listeners' (below).
  EventEmitter.once = undefined;
  EventEmitter.on = function on(emitter, event, options = kEmptyObject) {
    return lazyHelpers().on(emitter, event, options);
  };
  EventEmitter.getEventListeners = function getEventListeners(emitterOrTarget, type) {
    return lazyHelpers().getEventListeners(emitterOrTarget, type);
  };
  EventEmitter.getMaxListeners = function getMaxListeners(emitterOrTarget) {
    return lazyHelpers().getMaxListeners(emitterOrTarget);
  };
  EventEmitter.EventEmitter = EventEmitter;

  EventEmitter.usingDomains = false;

  EventEmitter.captureRejectionSymbol = kRejection;
  ObjectDefineProperty(EventEmitter, 'captureRejections', {
    __proto__: null,
    get() {
      return EventEmitter.prototype[kCapture];
    },
    set(value) {
      validateBoolean(value, 'EventEmitter.captureRejections');

      EventEmitter.prototype[kCapture] = value;
    },
    enumerable: true,
  });

  ObjectDefineProperty(EventEmitter, 'EventEmitterAsyncResource', {
    __proto__: null,
    enumerable: true,
    get: lazyEventEmitterAsyncResource,
    set: undefined,
    configurable: true,
  });

  EventEmitter.errorMonitor = kErrorMonitor;

  ObjectDefineProperty(EventEmitter.prototype, kCapture, {
    __proto__: null,
    value: false,
    writable: true,
    enumerable: false,
  });

  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;

  let defaultMaxListeners = 10;
  let isEventTarget;

  function checkListener(listener) {
    validateFunction(listener, 'listener');
  }

  ObjectDefineProperty(EventEmitter, 'defaultMaxListeners', {
    __proto__: null,
    enumerable: true,
    get: function() {
      return defaultMaxListeners;
    },
    set: function(arg) {
      validateNumber(arg, 'defaultMaxListeners', 0);
      defaultMaxListeners = arg;
    },
  });

  function hasEventListener(self, type) {
    if (type === undefined)
      return self._events !== undefined;
    return self._events !== undefined && self._events[type] !== undefined;
  }

  ObjectDefineProperties(EventEmitter, {
    kMaxEventTargetListeners: {
      __proto__: null,
      value: kMaxEventTargetListeners,
      enumerable: false,
      configurable: false,
      writable: false,
    },
    kMaxEventTargetListenersWarned: {
      __proto__: null,
      value: kMaxEventTargetListenersWarned,
      enumerable: false,
      configurable: false,
      writable: false,
    },
  });

  EventEmitter.setMaxListeners =
    function(n = defaultMaxListeners, ...eventTargets) {
    validateNumber(n, 'setMaxListeners', 0);
    if (eventTargets.length === 0) {
      defaultMaxListeners = n;
    } else {
      if (isEventTarget === undefined) isEventTarget = (t) => t instanceof require('web/events').EventTarget;

      for (let i = 0; i < eventTargets.length; i++) {
        const target = eventTargets[i];
        if (isEventTarget(target)) {
          target[kMaxEventTargetListeners] = n;
          target[kMaxEventTargetListenersWarned] = false;
        } else if (typeof target.setMaxListeners === 'function') {
          target.setMaxListeners(n);
        } else {
          throw ERR_INVALID_ARG_TYPE(
            'eventTargets',
            ['EventEmitter', 'EventTarget'],
            target);
        }
      }
    }
  };

  EventEmitter.init = function(opts) {
    if (this._events === undefined ||
        this._events === ObjectGetPrototypeOf(this)._events) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
      this[kShapeMode] = false;
    } else {
      this[kShapeMode] = true;
    }

    this._maxListeners = this._maxListeners || undefined;

    if (opts?.captureRejections) {
      validateBoolean(opts.captureRejections, 'options.captureRejections');
      this[kCapture] = Boolean(opts.captureRejections);
    } else {
      this[kCapture] = EventEmitter.prototype[kCapture];
    }
  };

  function addCatch(that, promise, type, args) {
    if (!that[kCapture]) {
      return;
    }

    try {
      const then = promise.then;

      if (typeof then === 'function') {
        then.call(promise, undefined, function(err) {
          nextTick(emitUnhandledRejectionOrErr, that, err, type, args);
        });
      }
    } catch (err) {
      that.emit('error', err);
    }
  }

  function emitUnhandledRejectionOrErr(ee, err, type, args) {
    if (typeof ee[kRejection] === 'function') {
      ee[kRejection](err, type, ...args);
    } else {
      const prev = ee[kCapture];

      try {
        ee[kCapture] = false;
        ee.emit('error', err);
      } finally {
        ee[kCapture] = prev;
      }
    }
  }

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    validateNumber(n, 'setMaxListeners', 0);
    this._maxListeners = n;
    return this;
  };

  function _getMaxListeners(that) {
    if (that._maxListeners === undefined)
      return EventEmitter.defaultMaxListeners;
    return that._maxListeners;
  }

  EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
    return _getMaxListeners(this);
  };

  EventEmitter.prototype.emit = function emit(type, ...args) {
    let doError = (type === 'error');

    const events = this._events;
    if (events !== undefined) {
      if (doError && events[kErrorMonitor] !== undefined)
        this.emit(kErrorMonitor, ...args);
      doError = (doError && events.error === undefined);
    } else if (!doError)
      return false;

    if (doError) {
      let er;
      if (args.length > 0)
        er = args[0];
      if (er instanceof Error) {
        throw er; // Unhandled 'error' event
      }

      let stringifiedEr;
      try {
        stringifiedEr = inspect(er);
      } catch {
        stringifiedEr = er;
      }

      const err = ERR_UNHANDLED_ERROR(stringifiedEr);
      err.context = er;
      throw err; // Unhandled 'error' event
    }

    const handler = events[type];

    if (handler === undefined)
      return false;

    if (typeof handler === 'function') {
      const result = handler.apply(this, args);

      if (result !== undefined && result !== null) {
        addCatch(this, result, type, args);
      }
    } else {
      const len = handler.length;
      const listeners = arrayClone(handler);
      for (let i = 0; i < len; ++i) {
        const result = listeners[i].apply(this, args);

        if (result !== undefined && result !== null) {
          addCatch(this, result, type, args);
        }
      }
    }

    return true;
  };

  function _addListener(target, type, listener, prepend) {
    let m;
    let events;
    let existing;

    checkListener(listener);

    events = target._events;
    if (events === undefined) {
      events = target._events = { __proto__: null };
      target._eventsCount = 0;
    } else {
      if (events.newListener !== undefined) {
        target.emit('newListener', type,
          listener.listener ?? listener);

        events = target._events;
      }
      existing = events[type];
    }

    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
    } else {
      if (typeof existing === 'function') {
        existing = events[type] =
          prepend ? [listener, existing] : [existing, listener];
      } else if (prepend) {
        existing.unshift(listener);
      } else {
        existing.push(listener);
      }

      m = _getMaxListeners(target);
      if (m > 0 && existing.length > m && !existing.warned) {
        existing.warned = true;
        // Node prints a MaxListenersExceededWarning to stderr (process.emitWarning);
        // there is no stderr here, so it is dropped (`warned` is still set, as in Node).
      }
    }

    return target;
  }

  EventEmitter.prototype.addListener = function addListener(type, listener) {
    return _addListener(this, type, listener, false);
  };

  EventEmitter.prototype.on = EventEmitter.prototype.addListener;

  EventEmitter.prototype.prependListener =
    function prependListener(type, listener) {
    return _addListener(this, type, listener, true);
  };

  function onceWrapper() {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      if (arguments.length === 0)
        return this.listener.call(this.target);
      return this.listener.apply(this.target, arguments);
    }
  }

  function _onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }

  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);

    this.on(type, _onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.prependOnceListener =
    function prependOnceListener(type, listener) {
    checkListener(listener);

    this.prependListener(type, _onceWrap(this, type, listener));
    return this;
  };

  // removeListener/off/removeAllListeners/listeners/rawListeners/listenerCount/
  // eventNames live in node/events_listeners (a split for file size only).
  const listenersModule = require('node/events_listeners');
  listenersModule.installListenerMethods(EventEmitter, kShapeMode, checkListener, arrayClone, hasEventListener);
  EventEmitter.once = listenersModule.once;

  function arrayClone(arr) {
    switch (arr.length) {
      case 2: return [arr[0], arr[1]];
      case 3: return [arr[0], arr[1], arr[2]];
      case 4: return [arr[0], arr[1], arr[2], arr[3]];
      case 5: return [arr[0], arr[1], arr[2], arr[3], arr[4]];
      case 6: return [arr[0], arr[1], arr[2], arr[3], arr[4], arr[5]];
    }
    return ArrayPrototypeSlice(arr);
  }
})
