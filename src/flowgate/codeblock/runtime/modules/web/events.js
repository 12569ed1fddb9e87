// Event, EventTarget, AbortController and AbortSignal as in Node 20
// (lib/internal/event_target.js, lib/internal/abort_controller.js): one flat
// target (no tree), listeners in insertion order (listeners added during a
// dispatch run in that dispatch, as in Node), `once` / `signal` options
// (`passive` is accepted and, as in Node 20, changes nothing), `handleEvent` objects. An exception thrown by a listener is
// reported the way Node does: asynchronously, as an uncaught error (here: a
// rejected microtask), never to the dispatcher.
(function (module, exports, require, host) {
  'use strict';
  const { invalidArgType, missingArgs, illegalConstructor, invalidThis, withCode, enumerable, toStringTag, defineInspect } =
    require('web/common');
  const { defineProperty } = Object;
  const DOMExceptionCtor = DOMException;
  const StringCtor = String;
  const NumberCtor = Number;
  const MathMax = Math.max;
  const reportError = (err) => { Promise.reject(err); };
  const now = typeof host.now === 'function' ? () => host.now() : () => Date.now();
  const START = now();

  const NONE = 0;
  const AT_TARGET = 2;
  let trustNext = false; // set for the one Event built by the platform (abort)

  class Event {
    #type; #bubbles; #cancelable; #composed; #defaultPrevented = false; #timeStamp;
    #target = null; #dispatching = false; #stop = false; #propagationStopped = false; #trusted;
    constructor(type, options = undefined) {
      if (arguments.length === 0) throw missingArgs('type');
      if (options != null && typeof options !== 'object' && typeof options !== 'function') {
        throw invalidArgType('options', 'of type object', options);
      }
      this.#type = `${type}`;
      this.#bubbles = !!(options && options.bubbles);
      this.#cancelable = !!(options && options.cancelable);
      this.#composed = !!(options && options.composed);
      this.#timeStamp = MathMax(0, now() - START);
      this.#trusted = trustNext;
      trustNext = false;
    }
    static #check(e) { if (!(e !== null && typeof e === 'object' && #type in e)) throw invalidThis('Event'); return e; }
    initEvent(type, bubbles = false, cancelable = false) {
      Event.#check(this);
      if (arguments.length === 0) throw missingArgs('type');
      if (this.#dispatching) return;
      this.#type = `${type}`;
      this.#bubbles = !!bubbles;
      this.#cancelable = !!cancelable;
    }
    stopImmediatePropagation() { Event.#check(this); this.#propagationStopped = true; this.#stop = true; }
    preventDefault() { Event.#check(this); if (this.#cancelable) this.#defaultPrevented = true; }
    get target() { return Event.#check(this).#target; }
    get currentTarget() { return Event.#check(this).#dispatching ? this.#target : null; }
    get srcElement() { return Event.#check(this).#target; }
    get type() { return Event.#check(this).#type; }
    get cancelable() { return Event.#check(this).#cancelable; }
    get defaultPrevented() { return Event.#check(this).#cancelable && this.#defaultPrevented; }
    get timeStamp() { return Event.#check(this).#timeStamp; }
    composedPath() { return Event.#check(this).#dispatching ? [this.#target] : []; }
    get returnValue() { return !Event.#check(this).defaultPrevented; }
    get bubbles() { return Event.#check(this).#bubbles; }
    get composed() { return Event.#check(this).#composed; }
    get eventPhase() { return Event.#check(this).#dispatching ? AT_TARGET : NONE; }
    get cancelBubble() { return Event.#check(this).#propagationStopped; }
    set cancelBubble(v) { if (v) Event.#check(this).#propagationStopped = true; }
    stopPropagation() { Event.#check(this).#propagationStopped = true; }
    get isTrusted() { return Event.#check(this).#trusted; }

    // Used by EventTarget#dispatchEvent only.
    static _begin(e, target) {
      if (!(e !== null && typeof e === 'object' && #type in e)) throw invalidArgType('event', 'an instance of Event', e);
      if (e.#dispatching) throw withCode(new Error(`The event "${e.#type}" is already being dispatched`), 'ERR_EVENT_RECURSION');
      e.#target = target;
      e.#dispatching = true;
    }
    static _stopped(e) { return e.#stop; }
      static _end(e) { e.#dispatching = false; }
  }
  for (const [k, v] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
    defineProperty(Event, k, { value: v, enumerable: true });
  }
  enumerable(Event.prototype, ['initEvent', 'stopImmediatePropagation', 'preventDefault', 'target', 'currentTarget',
    'srcElement', 'type', 'cancelable', 'defaultPrevented', 'timeStamp', 'composedPath', 'returnValue', 'bubbles',
    'composed', 'eventPhase', 'cancelBubble', 'stopPropagation', 'isTrusted']);
  toStringTag(Event.prototype, 'Event');
  defineInspect(Event.prototype, 'Event', (e) => ({ type: e.type, defaultPrevented: e.defaultPrevented,
    cancelable: e.cancelable, timeStamp: e.timeStamp }));
  const { _begin, _stopped, _end } = Event;
  delete Event._begin; delete Event._stopped; delete Event._end;

  function flag(options, name) {
    return options !== null && typeof options === 'object' ? !!options[name] : false;
  }
  function validateListener(listener) {
    if (typeof listener === 'function' || (listener !== null && typeof listener === 'object' &&
        typeof listener.handleEvent === 'function')) return true;
    if (listener == null) return false;
    if (typeof listener === 'object') return true; // handleEvent is looked up at dispatch time
    throw invalidArgType('listener', 'an instance of EventListener', listener);
  }

  class EventTarget {
    #listeners = new Map(); // type -> array of {listener, capture, once, passive, removed}
    static #check(t) { if (!(t !== null && typeof t === 'object' && #listeners in t)) throw invalidThis('EventTarget'); return t; }
    addEventListener(type, listener, options = undefined) {
      EventTarget.#check(this);
      if (arguments.length < 2) throw missingArgs('type', 'listener');
      if (!validateListener(listener)) return;
      const capture = typeof options === 'boolean' ? options : flag(options, 'capture');
      const signal = options !== null && typeof options === 'object' ? options.signal : undefined;
      if (signal !== undefined && !(signal instanceof AbortSignal)) {
        throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
      }
      if (signal !== undefined && signal.aborted) return;
      type = StringCtor(type);
      let list = this.#listeners.get(type);
      if (list === undefined) this.#listeners.set(type, list = []);
      for (let i = 0; i < list.length; i++) {
        if (list[i].listener === listener && list[i].capture === capture) return;
      }
      const entry = { listener, capture, once: flag(options, 'once'), passive: flag(options, 'passive'), removed: false };
      list.push(entry);
      if (signal !== undefined) {
        signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture }), { once: true });
      }
    }
    removeEventListener(type, listener, options = undefined) {
      EventTarget.#check(this);
      if (arguments.length < 2) throw missingArgs('type', 'listener');
      const capture = typeof options === 'boolean' ? options : flag(options, 'capture');
      const list = this.#listeners.get(StringCtor(type));
      if (list === undefined) return;
      for (let i = 0; i < list.length; i++) {
        if (list[i].listener === listener && list[i].capture === capture) {
          list[i].removed = true;
          list.splice(i, 1);
          return;
        }
      }
    }
    dispatchEvent(event) {
      EventTarget.#check(this);
      if (arguments.length === 0) throw missingArgs('event');
      _begin(event, this);
      try {
        const list = this.#listeners.get(event.type);
        if (list !== undefined) this.#run(list, event);
      } finally {
        _end(event);
      }
      return !event.defaultPrevented;
    }
    static _listeners(t, type) {
      const list = EventTarget.#check(t).#listeners.get(type);
      return list === undefined ? [] : list.map((e) => e.listener);
    }
    #run(list, event) {
      // Walk by identity, so removals before the cursor do not skip anyone
      // and additions at the end are reached (as Node's linked list does).
      const seen = new Set();
      for (let i = 0; i < list.length; i++) {
        const entry = list[i];
        if (_stopped(event)) break;
        if (seen.has(entry) || entry.removed) continue;
        seen.add(entry);
        if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
        try {
          const { listener } = entry;
          const result = typeof listener === 'function' ? listener.call(this, event)
            : listener.handleEvent(event);
          if (result !== undefined && result !== null && typeof result.then === 'function') {
            result.then(undefined, reportError);
          }
        } catch (err) {
          reportError(err);
        }
        // A removal shifted the array under the cursor: step back to the entry after this one.
        const at = list.indexOf(entry);
        if (at !== i) i = at === -1 ? i - 1 : at;
      }
    }
  }
  /** For node/events' getEventListeners(target, type): the listeners, in order. */
  function getEventListeners(target, type) {
    return EventTarget._listeners(target, `${type}`);
  }
  enumerable(EventTarget.prototype, ['addEventListener', 'removeEventListener', 'dispatchEvent']);
  toStringTag(EventTarget.prototype, 'EventTarget');

  // ------------------------------------------------------------ AbortSignal
  let creating = false;
  const timers = () => require('internal/timers').api;

  class AbortSignal extends EventTarget {
    #aborted = false; #reason = undefined; #onabort = null; #onabortListener = null;
    // AbortSignal.any: a composite signal follows the plain signals under its sources
    // (flattened, as Node does); a source aborts its dependents after its own event.
    #sources = null; #dependents = null;
    constructor() {
      if (!creating) throw illegalConstructor();
      creating = false;
      super();
    }
    static #check(s) { if (!(s !== null && typeof s === 'object' && #aborted in s)) throw invalidThis('AbortSignal'); return s; }
    get aborted() { return AbortSignal.#check(this).#aborted; }
    get reason() { return AbortSignal.#check(this).#reason; }
    throwIfAborted() { if (AbortSignal.#check(this).#aborted) throw this.#reason; }
    get onabort() { return AbortSignal.#check(this).#onabort; }
    set onabort(fn) {
      AbortSignal.#check(this);
      const value = typeof fn === 'function' || (fn !== null && typeof fn === 'object') ? fn : null;
      if (this.#onabortListener === null && value !== null) {
        this.#onabortListener = (e) => {
          const h = this.#onabort;
          if (typeof h === 'function') return h.call(this, e);
          return undefined;
        };
        this.addEventListener('abort', this.#onabortListener);
      }
      this.#onabort = value;
    }
    static abort(reason = new DOMExceptionCtor('This operation was aborted', 'AbortError')) {
      const s = newSignal();
      s.#aborted = true;
      s.#reason = reason;
      return s;
    }
    static timeout(delay) {
      if (typeof delay !== 'number') throw invalidArgType('delay', 'of type number', delay);
      if (!NumberCtor.isInteger(delay)) {
        throw withCode(new RangeError(`The value of "delay" is out of range. It must be an integer. Received ${delay}`), 'ERR_OUT_OF_RANGE');
      }
      if (delay < 0 || delay > 4294967295) {
        throw withCode(new RangeError(`The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ${delay}`), 'ERR_OUT_OF_RANGE');
      }
      const s = newSignal();
      // The execution ends when the code's promise settles: a pending timer never prolongs it.
      timers().setTimeout(() => {
        abortSignal(s, new DOMExceptionCtor('The operation was aborted due to timeout', 'TimeoutError'));
      }, delay);
      return s;
    }
    static any(signals) {
      if (!Array.isArray(signals)) throw invalidArgType('signals', 'an instance of Array', signals);
      for (let i = 0; i < signals.length; i++) {
        if (!(signals[i] instanceof AbortSignal)) throw invalidArgType(`signals[${i}]`, 'an instance of AbortSignal', signals[i]);
      }
      const s = newSignal();
      for (let i = 0; i < signals.length; i++) {
        if (signals[i].aborted) { s.#aborted = true; s.#reason = signals[i].reason; return s; }
      }
      s.#sources = [];
      for (let i = 0; i < signals.length; i++) {
        const from = signals[i].#sources === null ? [signals[i]] : signals[i].#sources;
        for (const source of from) {
          if (s.#sources.includes(source)) continue;
          s.#sources.push(source);
          (source.#dependents ||= []).push(s);
        }
      }
      return s;
    }
    static _abort(s, reason) {
      if (s.#aborted) return;
      s.#aborted = true;
      s.#reason = reason;
      trustNext = true;
      s.dispatchEvent(new Event('abort'));
      const dependents = s.#dependents;
      s.#dependents = null;
      if (dependents !== null) for (let i = 0; i < dependents.length; i++) abortSignal(dependents[i], reason);
    }
  }
  const abortSignal = AbortSignal._abort;
  delete AbortSignal._abort;
  function newSignal() { creating = true; return new AbortSignal(); }
  enumerable(AbortSignal.prototype, ['aborted', 'onabort']); // as Node 20 has them
  toStringTag(AbortSignal.prototype, 'AbortSignal');
  defineInspect(AbortSignal.prototype, 'AbortSignal', (sig) => ({ aborted: sig.aborted }));

  class AbortController {
    #signal = newSignal();
    get signal() {
      if (!(this !== null && typeof this === 'object' && #signal in this)) throw invalidThis('AbortController');
      return this.#signal;
    }
    abort(reason = new DOMExceptionCtor('This operation was aborted', 'AbortError')) {
      abortSignal(this.signal, reason);
    }
  }
  enumerable(AbortController.prototype, ['signal', 'abort']);
  toStringTag(AbortController.prototype, 'AbortController');
  defineInspect(AbortController.prototype, 'AbortController', (c) => ({ signal: c.signal }));

  module.exports = { Event, EventTarget, AbortSignal, AbortController, abortSignal, getEventListeners };
})
