// Node's coded errors and argument validators as `buffer` uses them
// (lib/internal/errors.js, lib/internal/validators.js): the same classes,
// `code`s and message wording, so code that branches on `err.code` or prints
// `err.message` sees what Node 20 gives. Loaded by node/buffer; the message
// builders reach internal/inspect only when an error is actually raised.
(function (module, exports, require, host) {
  'use strict';
  const ArrayIsArray = Array.isArray;
  const StringCtor = String;
  const NumberIsInteger = Number.isInteger;
  const MathAbs = Math.abs;
  const defineProperty = Object.defineProperty;
  const CLASS_RE = /^([A-Z][a-z0-9]*)+$/;
  const K_TYPES = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint',
    'symbol'];
  let inspectFn;
  const inspect = (v, o) => (inspectFn || (inspectFn = require('internal/inspect').inspect))(v, o);

  /**
   * An error of class `Base` with Node's own `code` property and a
   * `toString()` showing `Name [CODE]: message`, as Node's NodeError builds
   * (the instance's constructor stays the plain `Base`, as in Node).
   */
  function makeError(Base, code, message) {
    const err = new Base(message);
    defineProperty(err, 'toString', {
      value() { return `${this.name} [${code}]: ${this.message}`; },
      writable: true, configurable: true, enumerable: false,
    });
    err.code = code;
    return err;
  }

  // What Node prints after "Received" (determineSpecificType).
  function received(value) {
    if (value == null) return `${value}`;
    if (typeof value === 'function') return `function ${value.name}`;
    if (typeof value === 'object') {
      const ctor = value.constructor;
      if (ctor && ctor.name) return `an instance of ${ctor.name}`;
      return `${inspect(value, { depth: -1 })}`;
    }
    let inspected = inspect(value, { colors: false });
    if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
    return `type ${typeof value} (${inspected})`;
  }

  function joinOr(list, prefixMany, prefixOne) {
    if (list.length > 2) {
      return `${prefixMany}${list.slice(0, -1).join(', ')}, or ${list[list.length - 1]}`;
    }
    if (list.length === 2) return `${prefixMany}${list[0]} or ${list[1]}`;
    return `${prefixOne}${list[0]}`;
  }

  function expectedText(expected) {
    const types = [];
    const instances = [];
    const other = [];
    for (const value of ArrayIsArray(expected) ? expected : [expected]) {
      if (K_TYPES.includes(value)) types.push(value.toLowerCase());
      else if (CLASS_RE.test(value)) instances.push(value);
      else other.push(value);
    }
    if (instances.length > 0) {
      const pos = types.indexOf('object');
      if (pos !== -1) { types.splice(pos, 1); instances.push('Object'); }
    }
    let msg = '';
    if (types.length > 0) {
      msg += joinOr(types, 'one of type ', 'of type ');
      if (instances.length > 0 || other.length > 0) msg += ' or ';
    }
    if (instances.length > 0) {
      // Node words two instances "an instance of A or B" (no "one of").
      msg += joinOr(instances, 'an instance of ', 'an instance of ');
      if (other.length > 0) msg += ' or ';
    }
    if (other.length > 0) {
      if (other.length > 1) msg += joinOr(other, 'one of ', '');
      else msg += (other[0].toLowerCase() !== other[0] ? 'an ' : '') + other[0];
    }
    return msg;
  }

  function invalidArgType(name, expected, actual) {
    let msg = 'The ';
    if (name.endsWith(' argument')) msg += `${name} `;
    else msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
    msg += `must be ${expectedText(expected)}. Received ${received(actual)}`;
    return makeError(TypeError, 'ERR_INVALID_ARG_TYPE', msg);
  }

  function invalidArgValue(name, value, reason = 'is invalid') {
    let inspected = inspect(value);
    if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
    const type = name.includes('.') ? 'property' : 'argument';
    return makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${type} '${name}' ${reason}. Received ${inspected}`);
  }

  function addNumericalSeparator(val) {
    let res = '';
    let i = val.length;
    const start = val[0] === '-' ? 1 : 0;
    for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
    return `${val.slice(0, i)}${res}`;
  }

  function outOfRange(str, range, input) {
    let text;
    if (NumberIsInteger(input) && MathAbs(input) > 2 ** 32) {
      text = addNumericalSeparator(StringCtor(input));
    } else if (typeof input === 'bigint') {
      text = StringCtor(input);
      if (input > 2n ** 32n || input < -(2n ** 32n)) text = addNumericalSeparator(text);
      text += 'n';
    } else {
      text = inspect(input);
    }
    return makeError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "${str}" is out of range. It must be ${range}. Received ${text}`);
  }

  const bufferOutOfBounds = (name) => makeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS',
    name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
  // Node formats the encoding with util.format's %s (-0, 1n, {} and [ 1 ] as inspected).
  const unknownEncoding = (enc) => makeError(TypeError, 'ERR_UNKNOWN_ENCODING',
    typeof enc === 'string' ? `Unknown encoding: ${enc}` : require('internal/inspect').format('Unknown encoding: %s', enc));
  const invalidBufferSize = (suffix) => makeError(RangeError, 'ERR_INVALID_BUFFER_SIZE',
    `Buffer size must be a multiple of ${suffix}`);
  const missingArgs = (name) => makeError(TypeError, 'ERR_MISSING_ARGS', `The "${name}" argument must be specified`);

  function validateNumber(value, name, min, max) {
    if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
    if ((min != null && value < min) || (max != null && value > max) ||
        ((min != null || max != null) && value !== value)) {
      throw outOfRange(name, `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}` +
        `${max != null ? `<= ${max}` : ''}`, value);
    }
  }

  function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
    if (!NumberIsInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }

  module.exports = {
    makeError, invalidArgType, invalidArgValue, outOfRange, bufferOutOfBounds, unknownEncoding,
    invalidBufferSize, missingArgs, validateNumber, validateInteger, received,
  };
})
