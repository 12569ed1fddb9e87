// URL and URLSearchParams with WHATWG URL Standard semantics, as in Node 20.
// The implementation is whatwg-url, bundled with its dependencies (and a few
// source patches towards Node's behaviour) by `make assets` into
// vendor/url-impl; see the "Choices" section of docs/runtime-modules.md.
// This module adds what Node has on top: its member order and its
// console.log / util.inspect output.
(function (module, exports, require, host) {
  'use strict';
  const { URL, URLSearchParams } = require('vendor/url-impl');
  const { getOwnPropertyDescriptor, getOwnPropertyDescriptors, getPrototypeOf, defineProperty } =
    Object;
  const { apply, deleteProperty, ownKeys } = Reflect;
  const $Symbol = Symbol;
  const arrayPush = Array.prototype.push;
  const arrayJoin = Array.prototype.join;
  const strReplace = String.prototype.replace;
  const searchParamsEntries = URLSearchParams.prototype.entries;
  const customInspect = $Symbol.for('nodejs.util.inspect.custom');
  const COLORS = /\u001b\[\d\d?m/g;

  // Node lists the prototype members in its own order (Object.keys, for...in).
  function reorder(proto, order) {
    const descriptors = getOwnPropertyDescriptors(proto);
    const names = [...order];
    for (const key of ownKeys(proto)) {
      if (key !== 'constructor' && !names.includes(key)) names.push(key);
    }
    for (const name of names) if (name in descriptors) deleteProperty(proto, name);
    for (const name of names) if (name in descriptors) defineProperty(proto, name, descriptors[name]);
  }

  // ------------------------------------------------- util.inspect (Node's)
  function getConstructorOf(obj) {
    while (obj) {
      const descriptor = getOwnPropertyDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '') {
        return descriptor.value;
      }
      obj = getPrototypeOf(obj);
    }
    return null;
  }
  // internal/inspect passes itself as the third argument, like Node's.
  const inspectFn = (given) => (typeof given === 'function' ? given : require('internal/inspect').inspect);

  const URL_FIELDS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
    'pathname', 'search', 'searchParams', 'hash'];
  const inspectURL = {
    [customInspect](depth, opts) {
      if (typeof depth === 'number' && depth < 0) return this;
      const constructor = getConstructorOf(this) || URL;
      const obj = { __proto__: { constructor } };
      for (const field of URL_FIELDS) obj[field] = this[field];
      return `${constructor.name} ${inspectFn(arguments[2])(obj, opts)}`;
    },
  }[customInspect];

  const inspectSearchParams = {
    [customInspect](recurseTimes, ctx) {
      if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
      const inspect = inspectFn(arguments[2]);
      const separator = ', ';
      const innerOpts = { ...ctx };
      if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
      const output = [];
      let length = -separator.length;
      for (const [name, value] of apply(searchParamsEntries, this, [])) {
        const item = `${inspect(name, innerOpts)} => ${inspect(value, innerOpts)}`;
        apply(arrayPush, output, [item]);
        length += apply(strReplace, item, [COLORS, '']).length + separator.length;
      }
      if (length > ctx.breakLength) {
        return `${this.constructor.name} {\n  ${apply(arrayJoin, output, [',\n  '])} }`;
      }
      if (output.length) return `${this.constructor.name} { ${apply(arrayJoin, output, [separator])} }`;
      return `${this.constructor.name} {}`;
    },
  }[customInspect];

  // whatwg-url keeps an iterator's { target, kind, index } (index counting
  // pairs) under an own Symbol('internal').
  const sampleIterator = new URLSearchParams().keys();
  const iteratorInternal = ownKeys(sampleIterator).find(
    (key) => typeof key === 'symbol' && key.description === 'internal');
  const toStringTag = $Symbol.toStringTag;
  const inspectIterator = {
    [customInspect](recurseTimes, ctx) {
      const internal = this[iteratorInternal];
      if (internal === undefined) return this;
      const inspect = inspectFn(arguments[2]);
      const innerOpts = { ...ctx };
      if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
      const output = [];
      let index = 0;
      for (const [name, value] of apply(searchParamsEntries, internal.target, [])) {
        if (index++ < internal.index) continue;
        const item = internal.kind === 'key' ? name : internal.kind === 'value' ? value : [name, value];
        apply(arrayPush, output, [item]);
      }
      const strings = [];
      for (const item of output) apply(arrayPush, strings, [inspect(item, innerOpts)]);
      const multiline = inspect(output, innerOpts).includes('\n');
      const body = multiline ? `\n  ${apply(arrayJoin, strings, [',\n  '])}` : ` ${apply(arrayJoin, strings, [', '])}`;
      return `${this[toStringTag]} {${body} }`;
    },
  }[customInspect];

  // Node's symbol-keyed members come first: inspect.custom, then the tag.
  function addInspect(proto, fn) {
    const symbols = ownKeys(proto).filter((key) => typeof key === 'symbol');
    const descriptors = getOwnPropertyDescriptors(proto);
    for (const symbol of symbols) deleteProperty(proto, symbol);
    defineProperty(proto, customInspect, { value: fn, writable: true, enumerable: false, configurable: true });
    for (const symbol of symbols) defineProperty(proto, symbol, descriptors[symbol]);
  }

  reorder(URL.prototype, [
    'toString', 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
    'pathname', 'search', 'searchParams', 'hash', 'toJSON',
  ]);
  reorder(URLSearchParams.prototype, [
    'size', 'append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'entries', 'forEach', 'keys',
    'values', 'toString',
  ]);
  addInspect(URL.prototype, inspectURL);
  addInspect(URLSearchParams.prototype, inspectSearchParams);
  addInspect(getPrototypeOf(sampleIterator), inspectIterator);

  module.exports = { URL, URLSearchParams };
})
