// The captured `console`: entries go to the harness state (returned with
// "debug": true), formatted like Node's util.format, capped by MAX_CONSOLE_BYTES.
(function (module, exports, require, host) {
  'use strict';
  const state = require('internal/state');
  const ReflectApply = Reflect.apply;
  const StringCtor = String;
  const ErrorCtor = Error;
  let groupIndent = '';
  const counts = new Map();
  const labels = new Map();

  function safeString(x) {
    try { return StringCtor(x); } catch (e) { return Object.prototype.toString.call(x); }
  }
  function formatArgs(args) {
    let fmt;
    try {
      fmt = require('internal/inspect').format;
    } catch (e) {
      fmt = (...a) => a.map((x) => (typeof x === 'string' ? x : safeString(x))).join(' ');
    }
    return ReflectApply(fmt, undefined, args); // no spread: immune to a replaced array iterator
  }
  function emit(level, args) {
    if (!state.capturing) return;
    let message = formatArgs(args);
    if (groupIndent) message = groupIndent + message.split('\n').join('\n' + groupIndent);
    state.consoleBytes += message.length + level.length;
    if (state.consoleBytes > state.consoleLimit) {
      state.consoleViolation = true;
      state.capturing = false;
      throw new RangeError(
        `console output exceeded the limit of ${state.consoleLimit} characters (MAX_CONSOLE_BYTES)`);
    }
    const captured = state.captured;
    captured[captured.length] = { level, message };
  }
  function timeReport(label, extra, end) {
    const key = StringCtor(label);
    const started = labels.get(key);
    if (started === undefined) {
      emit('warn', [`Warning: No such label '${key}' for console.time${end ? 'End' : 'Log'}()`]);
      return;
    }
    if (end) labels.delete(key);
    const ms = host.now() - started;
    emit('log', [`${key}: ${ms < 1000 ? ms.toFixed(3) + 'ms' : (ms / 1000).toFixed(3) + 's'}`, ...extra]);
  }

  module.exports = {
    log(...a) { emit('log', a); },
    info(...a) { emit('info', a); },
    debug(...a) { emit('debug', a); },
    warn(...a) { emit('warn', a); },
    error(...a) { emit('error', a); },
    trace(...a) {
      const stack = (new ErrorCtor().stack || '').replace(/\n$/, '');
      emit('trace', ['Trace' + (a.length ? ': ' + formatArgs(a) : '') + '\n' + stack]);
    },
    dir(obj, options) {
      if (!state.capturing) return;
      const { inspect } = require('internal/inspect');
      emit('log', ['%s', inspect(obj, { customInspect: false, ...(options || {}) })]);
    },
    dirxml(...a) { emit('log', a); },
    table(...a) { emit('log', a); },
    assert(cond, ...a) {
      if (cond) return;
      if (!a.length) return emit('error', ['Assertion failed']);
      const head = typeof a[0] === 'string' ? a[0] : formatArgs([a[0]]);
      emit('error', ['Assertion failed: ' + head, ...a.slice(1)]);
    },
    count(label = 'default') {
      const key = StringCtor(label);
      const n = (counts.get(key) || 0) + 1;
      counts.set(key, n);
      emit('log', [`${key}: ${n}`]);
    },
    countReset(label = 'default') { counts.delete(StringCtor(label)); },
    time(label = 'default') { labels.set(StringCtor(label), host.now()); },
    timeLog(label = 'default', ...a) { timeReport(label, a, false); },
    timeEnd(label = 'default') { timeReport(label, [], true); },
    group(...a) { if (a.length) emit('log', a); groupIndent += '  '; },
    groupCollapsed(...a) { if (a.length) emit('log', a); groupIndent += '  '; },
    groupEnd() { groupIndent = groupIndent.slice(0, -2); },
    clear() {},
  };
})
