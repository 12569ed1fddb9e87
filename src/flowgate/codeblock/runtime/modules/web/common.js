// Small helpers shared by the web platform modules (events, blob, fetch): Node's
// error shapes (`code` + message wording) without loading internal/inspect.
(function (module, exports, require, host) {
  'use strict';
  const { defineProperty } = Object;
  const StringCtor = String;

  function withCode(err, code) {
    defineProperty(err, 'code', { value: code, writable: true, enumerable: false, configurable: true });
    return err;
  }
  /** Node's `determineSpecificType`: how "Received ..." names a value. */
  function received(value) {
    if (value == null) return ` Received ${value}`;
    if (typeof value === 'function') return ` Received function ${value.name}`;
    if (typeof value === 'object') {
      const ctor = value.constructor;
      if (ctor && typeof ctor.name === 'string' && ctor.name !== '') return ` Received an instance of ${ctor.name}`;
      return ' Received [Object: null prototype]';
    }
    let shown;
    if (typeof value === 'string') {
      shown = value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value}'`;
    } else if (typeof value === 'bigint') {
      shown = `${value}n`;
    } else if (typeof value === 'symbol') {
      shown = StringCtor(value);
    } else {
      shown = Object.is(value, -0) ? '-0' : StringCtor(value);
    }
    if (shown.length > 25) shown = shown.slice(0, 25) + '...';
    return ` Received type ${typeof value} (${shown})`;
  }
  function invalidArgType(name, expected, value) {
    return withCode(new TypeError(`The "${name}" argument must be ${expected}.${received(value)}`),
      'ERR_INVALID_ARG_TYPE');
  }
  function missingArgs(...names) {
    let list;
    if (names.length === 1) list = `"${names[0]}" argument`;
    else if (names.length === 2) list = `"${names[0]}" and "${names[1]}" arguments`;
    else list = names.slice(0, -1).map((n) => `"${n}"`).join(', ') + `, and "${names[names.length - 1]}" arguments`;
    return withCode(new TypeError(`The ${list} must be specified`), 'ERR_MISSING_ARGS');
  }
  function illegalConstructor() {
    return withCode(new TypeError('Illegal constructor'), 'ERR_ILLEGAL_CONSTRUCTOR');
  }
  function invalidThis(type) {
    return withCode(new TypeError(`Value of "this" must be of type ${type}`), 'ERR_INVALID_THIS');
  }
  /** Make a prototype's accessors/methods enumerable, as WebIDL (and Node) define them. */
  function enumerable(proto, names) {
    for (let i = 0; i < names.length; i++) {
      const d = Object.getOwnPropertyDescriptor(proto, names[i]);
      if (d !== undefined) { d.enumerable = true; defineProperty(proto, names[i], d); }
    }
  }
  function toStringTag(proto, tag) {
    defineProperty(proto, Symbol.toStringTag, { value: tag, writable: false, enumerable: false, configurable: true });
  }

  const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
  /** console.log / util.inspect as Node shows these objects: `Name { field: value, ... }`. */
  function defineInspect(proto, name, fields) {
    defineProperty(proto, inspectSymbol, {
      value(depth, options, inspect) {
        if (typeof inspect !== 'function') return this;
        const shown = fields(this);
        if (depth < 0) return `${name} {}`;
        const text = inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 });
        return `${name} ${text.startsWith('[Object: null prototype] ') ? text.slice(25) : text}`;
      },
      writable: true, configurable: true, enumerable: false,
    });
  }

  module.exports = { defineInspect, withCode, received, invalidArgType, missingArgs, illegalConstructor, invalidThis,
    enumerable, toStringTag };
})
