// Node's coded errors (lib/internal/errors.js) for the pure-JS built-ins
// (util, events, assert, url, querystring, timers/promises): the same classes,
// `code`s and message wording, so code that branches on `err.code` or prints
// `err.message` sees what Node 20 gives.
(function (module, exports, require, host) {
  'use strict';
  const ArrayIsArray = Array.isArray;
  const StringCtor = String;
  const JSONStringify = JSON.stringify;
  const NumberIsInteger = Number.isInteger;
  const MathAbs = Math.abs;
  const classRegExp = /^[A-Z][a-zA-Z0-9]*$/;
  const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
  let inspectFn;
  const inspect = (v, o) => (inspectFn || (inspectFn = require('internal/inspect').inspect))(v, o);

  // Node's coded errors print as `Name [CODE]: message` (String(err)), while
  // err.constructor is still the base class: one hidden subclass per code
  // carries that toString.
  const coded = new Map();
  function codedPrototype(Base, code) {
    const key = `${Base.name} ${code}`;
    let proto = coded.get(key);
    if (proto === undefined) {
      proto = Object.create(Base.prototype, {
        constructor: { value: Base, writable: true, configurable: true },
        toString: { value: function toString() { return `${this.name} [${code}]: ${this.message}`; },
          writable: true, configurable: true },
      });
      coded.set(key, proto);
    }
    return proto;
  }
  // V8 renders `stack` with the name Node had set while capturing it
  // (`TypeError [ERR_X]: message`); our engine's stack is frames only, and
  // util.inspect would add a plain `TypeError: message` header. The frames of
  // the runtime's own modules are dropped (Node hides its internals from
  // coded errors too).
  const INTERNAL_FRAME = /^\s*at .*\((?:node|internal|web|vendor)\/[^)]*\)$/;
  function setStackHeader(err, header) {
    let frames;
    try { frames = err.stack; } catch { return; }
    if (typeof frames !== 'string' || !frames.startsWith('    at ')) return;
    const kept = frames.split('\n').filter((line) => line !== '' && !INTERNAL_FRAME.test(line));
    Object.defineProperty(err, 'stack', {
      value: kept.length ? `${header}\n${kept.join('\n')}` : header,
      writable: true, configurable: true, enumerable: false,
    });
  }
  /** An error of class `Base` with Node's `code` (enumerable, as in Node). */
  function makeError(Base, code, message, plain = false) {
    const err = new Base(message);
    if (!plain) Object.setPrototypeOf(err, codedPrototype(Base, code));
    err.code = code;
    setStackHeader(err, plain ? `${Base.name}: ${message}` : `${Base.name} [${code}]: ${message}`);
    return err;
  }

  function formatList(array, type = 'and') {
    switch (array.length) {
      case 0: return '';
      case 1: return `${array[0]}`;
      case 2: return `${array[0]} ${type} ${array[1]}`;
      case 3: return `${array[0]}, ${array[1]}, ${type} ${array[2]}`;
      default: return `${array.slice(0, -1).join(', ')}, ${type} ${array[array.length - 1]}`;
    }
  }

  // What Node prints after "Received" in type errors.
  function determineSpecificType(value) {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    const type = typeof value;
    switch (type) {
      case 'bigint': return `type bigint (${value}n)`;
      case 'number':
        if (value === 0) return 1 / value === -Infinity ? 'type number (-0)' : 'type number (0)';
        return `type number (${value})`;
      case 'boolean': return `type boolean (${value})`;
      case 'symbol': return `type symbol (${StringCtor(value)})`;
      case 'function': return `function ${value.name}`;
      case 'object':
        if (value.constructor && 'name' in value.constructor) return `an instance of ${value.constructor.name}`;
        return `${inspect(value, { depth: -1 })}`;
      case 'string':
        if (value.length > 28) value = `${value.slice(0, 25)}...`;
        if (value.indexOf("'") === -1) return `type string ('${value}')`;
        return `type string (${JSONStringify(value)})`;
      default: {
        let s = inspect(value, { colors: false });
        if (s.length > 28) s = `${s.slice(0, 25)}...`;
        return `type ${type} (${s})`;
      }
    }
  }

  function expectedList(expected) {
    const types = [];
    const instances = [];
    const other = [];
    for (const value of ArrayIsArray(expected) ? expected : [expected]) {
      if (kTypes.includes(value)) types.push(value.toLowerCase());
      else if (classRegExp.test(value)) instances.push(value);
      else other.push(value);
    }
    if (instances.length > 0) {
      const pos = types.indexOf('object');
      if (pos !== -1) { types.splice(pos, 1); instances.push('Object'); }
    }
    let msg = '';
    if (types.length > 0) {
      msg += `${types.length > 1 ? 'one of type' : 'of type'} ${formatList(types, 'or')}`;
      if (instances.length > 0 || other.length > 0) msg += ' or ';
    }
    if (instances.length > 0) {
      msg += `an instance of ${formatList(instances, 'or')}`;
      if (other.length > 0) msg += ' or ';
    }
    if (other.length > 1) msg += `one of ${formatList(other, 'or')}`;
    else if (other.length === 1) msg += (other[0].toLowerCase() !== other[0] ? 'an ' : '') + other[0];
    return msg;
  }

  function invalidArgType(name, expected, actual) {
    let msg = 'The ';
    if (name.endsWith(' argument')) msg += `${name} `;
    else msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
    msg += `must be ${expectedList(expected)}. Received ${determineSpecificType(actual)}`;
    return makeError(TypeError, 'ERR_INVALID_ARG_TYPE', msg);
  }

  function invalidArgValue(name, value, reason = 'is invalid', Base = TypeError) {
    let inspected = inspect(value);
    if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
    const type = name.includes('.') ? 'property' : 'argument';
    return makeError(Base, 'ERR_INVALID_ARG_VALUE', `The ${type} '${name}' ${reason}. Received ${inspected}`);
  }

  function addNumericalSeparator(val) {
    let res = '';
    let i = val.length;
    const start = val[0] === '-' ? 1 : 0;
    for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
    return `${val.slice(0, i)}${res}`;
  }

  function outOfRange(str, range, input) {
    let received;
    if (NumberIsInteger(input) && MathAbs(input) > 2 ** 32) {
      received = addNumericalSeparator(StringCtor(input));
    } else if (typeof input === 'bigint') {
      received = StringCtor(input);
      if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
      received += 'n';
    } else {
      received = inspect(input);
    }
    return makeError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "${str}" is out of range. It must be ${range}. Received ${received}`);
  }

  function validateFunction(value, name) {
    if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
  }
  function validateObject(value, name, nullable = false) {
    if (nullable && value === null) return;
    if (value === null || typeof value !== 'object' || ArrayIsArray(value)) {
      throw invalidArgType(name, 'Object', value);
    }
  }
  function validateString(value, name) {
    if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
  }
  function validateBoolean(value, name) {
    if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
  }
  function validateNumber(value, name, min, max) {
    if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
    if ((min != null && value < min) || (max != null && value > max) ||
        ((min != null || max != null) && value !== value)) {
      throw outOfRange(name, `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}` +
        `${max != null ? `<= ${max}` : ''}`, value);
    }
  }
  function validateAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw invalidArgType(name, 'AbortSignal', signal);
    }
  }

  /** Node's AbortError (lib/internal/errors.js): name 'AbortError', code 'ABORT_ERR'. */
  class AbortError extends Error {
    constructor(message = 'The operation was aborted', options = undefined) {
      super(message, options);
      this.code = 'ABORT_ERR';
      this.name = 'AbortError';
    }
  }

  // V8's decodeURIComponent says 'URI malformed' whatever the fault; QuickJS words each fault.
  const decodeURIComponentEngine = decodeURIComponent;
  const URIErrorCtor = URIError;
  function decodeURIComponentNode(s) {
    try {
      return decodeURIComponentEngine(s);
    } catch (e) {
      if (e instanceof URIErrorCtor) throw new URIErrorCtor('URI malformed');
      throw e;
    }
  }

  // process.nextTick for the ported modules: Node runs the tick queue once the
  // microtask queue is empty, before timers; the sandbox's setImmediate (the
  // first thing its loop runs after the microtasks) is the nearest equivalent.
  let immediate;
  function nextTick(fn, ...args) {
    if (immediate === undefined) immediate = require('internal/timers').api.setImmediate;
    immediate(fn, ...args);
  }

  module.exports = {
    nextTick, decodeURIComponentNode, makeError, setStackHeader, invalidArgType, invalidArgValue, outOfRange, determineSpecificType, formatList,
    validateFunction, validateObject, validateString, validateBoolean, validateNumber, validateAbortSignal,
    AbortError,
  };
})
