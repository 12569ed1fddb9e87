// EventEmitter's removal and listing methods, events.once: Node 20's lib/events.js (MIT),
// split off from node/events to keep files small; node/events installs them
// at load (in Node's property order).
(function (module, exports, require, host) {
  'use strict';
  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const ArrayPrototypeSplice = uncurryThis(Array.prototype.splice);
  const ReflectOwnKeys = Reflect.ownKeys;

  const { invalidArgType, validateAbortSignal, AbortError } = require('node/util_errors');
  const ERR_INVALID_ARG_TYPE = invalidArgType;
  const kEmptyObject = Object.freeze({ __proto__: null });

  function eventTargetAgnosticRemoveListener(emitter, name, listener, flags) {
    if (typeof emitter.removeListener === 'function') {
      emitter.removeListener(name, listener);
    } else if (typeof emitter.removeEventListener === 'function') {
      emitter.removeEventListener(name, listener, flags);
    } else {
      throw ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
    }
  }

  function eventTargetAgnosticAddListener(emitter, name, listener, flags) {
    if (typeof emitter.on === 'function') {
      if (flags?.once) {
        emitter.once(name, listener);
      } else {
        emitter.on(name, listener);
      }
    } else if (typeof emitter.addEventListener === 'function') {
      emitter.addEventListener(name, listener, flags);
    } else {
      throw ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
    }
  }

  async function once(emitter, name, options = kEmptyObject) {
    const signal = options?.signal;
    validateAbortSignal(signal, 'options.signal');
    if (signal?.aborted)
      throw new AbortError(undefined, { cause: signal?.reason });
    return new Promise((resolve, reject) => {
      const errorListener = (err) => {
        emitter.removeListener(name, resolver);
        if (signal != null) {
          eventTargetAgnosticRemoveListener(signal, 'abort', abortListener);
        }
        reject(err);
      };
      const resolver = (...args) => {
        if (typeof emitter.removeListener === 'function') {
          emitter.removeListener('error', errorListener);
        }
        if (signal != null) {
          eventTargetAgnosticRemoveListener(signal, 'abort', abortListener);
        }
        resolve(args);
      };

      const opts = { __proto__: null, once: true };
      eventTargetAgnosticAddListener(emitter, name, resolver, opts);
      if (name !== 'error' && typeof emitter.once === 'function') {
        emitter.once('error', errorListener);
      }
      function abortListener() {
        eventTargetAgnosticRemoveListener(emitter, name, resolver);
        eventTargetAgnosticRemoveListener(emitter, 'error', errorListener);
        reject(new AbortError(undefined, { cause: signal?.reason }));
      }
      if (signal != null) {
        eventTargetAgnosticAddListener(
          signal, 'abort', abortListener, { __proto__: null, once: true });
      }
    });
  }

  function installListenerMethods(EventEmitter, kShapeMode, checkListener, arrayClone,
    hasEventListener) {
    function unwrapListeners(arr) {
      const ret = arrayClone(arr);
      for (let i = 0; i < ret.length; ++i) {
        const orig = ret[i].listener;
        if (typeof orig === 'function') ret[i] = orig;
      }
      return ret;
    }

    EventEmitter.prototype.removeListener =
      function removeListener(type, listener) {
      checkListener(listener);

      if (!hasEventListener(this, type))
        return this;

      const events = this._events;
      const list = events[type];

      if (list === listener || list.listener === listener) {
        this._eventsCount -= 1;

        if (this[kShapeMode]) {
          events[type] = undefined;
        } else if (this._eventsCount === 0) {
          this._events = { __proto__: null };
        } else {
          delete events[type];
          if (events.removeListener)
            this.emit('removeListener', type, list.listener || listener);
        }
      } else if (typeof list !== 'function') {
        let position = -1;

        for (let i = list.length - 1; i >= 0; i--) {
          if (list[i] === listener || list[i].listener === listener) {
            position = i;
            break;
          }
        }

        if (position < 0)
          return this;

        if (position === 0)
          list.shift();
        else {
          ArrayPrototypeSplice(list, position, 1);
        }

        if (list.length === 1)
          events[type] = list[0];

        if (events.removeListener !== undefined)
          this.emit('removeListener', type, listener);
      }

      return this;
    };

    EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

    EventEmitter.prototype.removeAllListeners =
      function removeAllListeners(type) {
      if (!hasEventListener(this))
        return this;
      const events = this._events;

      if (events.removeListener === undefined) {
        if (arguments.length === 0) {
          this._events = { __proto__: null };
          this._eventsCount = 0;
        } else if (events[type] !== undefined) {
          if (--this._eventsCount === 0)
            this._events = { __proto__: null };
          else
            delete events[type];
        }
        this[kShapeMode] = false;
        return this;
      }

      if (arguments.length === 0) {
        for (const key of ReflectOwnKeys(events)) {
          if (key === 'removeListener') continue;
          this.removeAllListeners(key);
        }
        this.removeAllListeners('removeListener');
        this._events = { __proto__: null };
        this._eventsCount = 0;
        this[kShapeMode] = false;
        return this;
      }

      const listeners = events[type];

      if (typeof listeners === 'function') {
        this.removeListener(type, listeners);
      } else if (listeners !== undefined) {
        for (let i = listeners.length - 1; i >= 0; i--) {
          this.removeListener(type, listeners[i]);
        }
      }

      return this;
    };

    function _listeners(target, type, unwrap) {
      if (!hasEventListener(target, type))
        return [];

      const evlistener = target._events[type];

      if (typeof evlistener === 'function')
        return unwrap ? [evlistener.listener || evlistener] : [evlistener];

      return unwrap ?
        unwrapListeners(evlistener) : arrayClone(evlistener);
    }

    EventEmitter.prototype.listeners = function listeners(type) {
      return _listeners(this, type, true);
    };

    EventEmitter.prototype.rawListeners = function rawListeners(type) {
      return _listeners(this, type, false);
    };

    EventEmitter.listenerCount = function(emitter, type) {
      if (typeof emitter.listenerCount === 'function') {
        return emitter.listenerCount(type);
      }
      return FunctionPrototypeCall(listenerCount, emitter, type);
    };

    EventEmitter.prototype.listenerCount = listenerCount;

    function listenerCount(type, listener) {
      const events = this._events;

      if (events !== undefined) {
        const evlistener = events[type];

        if (typeof evlistener === 'function') {
          if (listener != null) {
            return listener === evlistener || listener === evlistener.listener ? 1 : 0;
          }

          return 1;
        } else if (evlistener !== undefined) {
          if (listener != null) {
            let matching = 0;

            for (let i = 0, l = evlistener.length; i < l; i++) {
              if (evlistener[i] === listener || evlistener[i].listener === listener) {
                matching++;
              }
            }

            return matching;
          }

          return evlistener.length;
        }
      }

      return 0;
    }

    EventEmitter.prototype.eventNames = function eventNames() {
      return this._eventsCount > 0 ? ReflectOwnKeys(this._events) : [];
    };
  }

  module.exports = { installListenerMethods, once, eventTargetAgnosticAddListener, eventTargetAgnosticRemoveListener };
})
