// Describe a thrown value for the response: contract `type`, message, a stack
// with only the user's frames, and line/column relative to the user's code.
// Loaded only when an execution fails.
(function (module, exports, require, host) {
  'use strict';
  const StringCtor = String;
  const ErrorCtor = Error;
  const stringify = JSON.stringify;
  const BUILTINS = [[TypeError, 'TypeError'], [ReferenceError, 'ReferenceError'],
    [RangeError, 'RangeError'], [URIError, 'URIError'], [EvalError, 'EvalError'],
    [SyntaxError, 'SyntaxError']];
  const InternalErrorCtor = globalThis.InternalError;
  const DOMExceptionCtor = globalThis.DOMException;
  const FRAME = /^(\s*at (?:(.*?) \()?)code\.js:(\d+):(\d+)(\)?)$/;

  /** Raised when the code asks for something the sandbox forbids. */
  class SecurityError extends ErrorCtor {
    constructor(message) {
      super(message);
      this.name = 'SecurityError';
    }
  }

  // fetch() rejects as undici does, TypeError('fetch failed', { cause }), and axios
  // with an AxiosError whose cause is the refusal; when the guard refused the
  // destination the cause is a SecurityError (web/fetch.js, npm/axios), and an
  // uncaught one is reported as the contract's SecurityError.
  function causeOf(err) {
    try { return err.cause; } catch (e) { return undefined; }
  }
  function errorType(err) {
    if (err instanceof SecurityError) return 'SecurityError';
    if (err instanceof ErrorCtor && causeOf(err) instanceof SecurityError) return 'SecurityError';
    const message = typeof err.message === 'string' ? err.message : '';
    if (err instanceof RangeError && message === 'Maximum call stack size exceeded') return 'StackOverflowError';
    if (InternalErrorCtor && err instanceof InternalErrorCtor) {
      if (message.startsWith('stack overflow')) return 'StackOverflowError';
      if (message === 'out of memory') return 'MemoryLimitError';
      if (message === 'string too long') return 'RangeError'; // Node: "Invalid string length"
      return 'RuntimeError';
    }
    for (const [ctor, name] of BUILTINS) if (err instanceof ctor) return name;
    return 'RuntimeError';
  }
  // The engine numbers lines of the wrapper `(async function (input) {` as 1.
  function userStack(raw) {
    const frames = [];
    let line;
    let column;
    for (const frame of StringCtor(raw || '').split('\n')) {
      const m = FRAME.exec(frame);
      if (!m) continue;
      const l = Number(m[3]) - 1;
      if (l < 1) continue;
      if (line === undefined) { line = l; column = Number(m[4]); }
      frames[frames.length] = `${m[1]}code.js:${l}:${m[4]}${m[5]}`;
    }
    return { frames, line, column };
  }
  function safeString(v) {
    try { return StringCtor(v); } catch (e) { return Object.prototype.toString.call(v); }
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
  function describeError(err, type) {
    let name;
    let message;
    try { name = StringCtor(err.name); } catch (e) { name = 'Error'; }
    try { message = StringCtor(err.message); } catch (e) { message = ''; }
    const cause = causeOf(err);
    if (message === 'fetch failed' && cause instanceof ErrorCtor) {
      // Node prints the cause under an uncaught error; the envelope has only a message.
      try { message = `${message}: ${StringCtor(cause.message)}`; } catch (e) { /* keep it short */ }
    }
    const out = { type, name, message };
    const { frames, line, column } = userStack(err.stack);
    out.stack = `${name}: ${message}` + (frames.length ? '\n' + frames.join('\n') : '');
    if (line !== undefined) { out.line = line; out.column = column; }
    try {
      if (err.code !== undefined) out.code = StringCtor(err.code);
    } catch (e) { /* a throwing getter: no code */ }
    return out;
  }
  function describe(err) {
    if (DOMExceptionCtor && err instanceof DOMExceptionCtor) return describeError(err, 'RuntimeError');
    if (err === null || typeof err !== 'object' || !(err instanceof ErrorCtor)) {
      return { type: 'RuntimeError', message: thrownValueText(err) };
    }
    return describeError(err, errorType(err));
  }
  module.exports = { SecurityError, describe };
})
