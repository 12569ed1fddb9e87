// Node-style timers, bounded by the execution's time limit (the C side never
// sleeps past the deadline). Loaded on first use of any timer global.
(function (module, exports, require, host) {
  'use strict';
  const { defineProperty } = Object;
  const call = Function.prototype.call.bind(Function.prototype.call);
  const MathMax = Math.max;
  const TIMEOUT_MAX = 2147483647;
  const timers = new Map(); // id -> {due, seq, fn, args, repeat, delay}
  let seq = 0;
  let ids = 0;

  class Timeout {
    constructor(id) { defineProperty(this, '_id', { value: id }); }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return true; }
    refresh() {
      const t = timers.get(this._id);
      if (t) { t.due = host.now() + t.delay; t.seq = ++seq; }
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
      const err = new TypeError(
        `The "callback" argument must be of type function. Received ${fn === null ? 'null' : typeof fn}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
  }
  function normalizeDelay(ms) {
    const d = Number(ms);
    return d >= 1 && d <= TIMEOUT_MAX ? Math.trunc(d) : 1;
  }
  function add(fn, delay, args, repeat, immediate) {
    checkCallback(fn);
    const id = ++ids;
    timers.set(id, { due: immediate ? -1 : host.now() + delay, seq: ++seq, fn, args, repeat, delay });
    return id;
  }
  function idOf(t) {
    if (t instanceof Timeout || t instanceof Immediate) return t._id;
    return typeof t === 'number' || typeof t === 'string' ? Number(t) : undefined;
  }
  function nextDue() {
    let due = -1;
    for (const t of timers.values()) if (due === -1 || t.due < due) due = MathMax(t.due, 0);
    return due;
  }
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
    if (best === undefined) return -1;
    if (best.due > now) return best.due;
    if (best.repeat) {
      best.due = now + best.delay;
      best.seq = ++seq;
    } else {
      timers.delete(bestId);
    }
    call(best.fn, undefined, ...best.args);
    return nextDue();
  }

  module.exports = {
    api: {
      setTimeout(fn, ms, ...args) { return new Timeout(add(fn, normalizeDelay(ms), args, false, false)); },
      setInterval(fn, ms, ...args) { return new Timeout(add(fn, normalizeDelay(ms), args, true, false)); },
      setImmediate(fn, ...args) { return new Immediate(add(fn, 0, args, false, true)); },
      clearTimeout(t) { timers.delete(idOf(t)); },
      clearInterval(t) { timers.delete(idOf(t)); },
      clearImmediate(t) { timers.delete(idOf(t)); },
    },
    tick,
  };
})
