// Headers as undici (Node 20's fetch) has it: names are case-insensitive and
// iterate lower-cased in sorted order, values of one name combine with ", "
// (except set-cookie, which iterates value by value; getSetCookie), values are
// ByteStrings stripped of surrounding HTTP whitespace, errors worded as undici's.
(function (module, exports, require, host) {
  'use strict';
  const { enumerable, toStringTag, defineInspect } = require('web/common');
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const STRIP = /^[\t\n\r ]+|[\t\n\r ]+$/g;
  const BAD_VALUE = /[\0\r\n]/;
  const iteratorSymbol = Symbol.iterator;
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][iteratorSymbol]()));

  function argCount(where, needed, got) {
    if (got < needed) {
      throw new TypeError(`${where}: ${needed} argument${needed > 1 ? 's' : ''} required, but only ${got} found.`);
    }
  }
  function byteString(v) {
    const s = `${v}`;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 255) {
        throw new TypeError(`Cannot convert argument to a ByteString because the character at index ${i} has a value of ${c} which is greater than 255.`);
      }
    }
    return s;
  }
  function checkName(where, name) {
    const s = byteString(name);
    if (!TOKEN.test(s)) throw new TypeError(`${where}: "${s}" is an invalid header name.`);
    return s.toLowerCase();
  }
  function checkValue(where, value) {
    const s = byteString(value).replace(STRIP, '');
    if (BAD_VALUE.test(s)) throw new TypeError(`${where}: "${s}" is an invalid header value.`);
    return s;
  }

  class Headers {
    #map = new Map(); // lower-cased name -> array of values
    #names = new Map(); // lower-cased name -> the name as first given (sent as is, like undici)
    #guard = 'none';
    #sorted = null; // cached [name, value] list for iteration
    constructor(init = undefined) {
      if (init === undefined) return;
      fill(this, init);
    }
    static #check(h) { if (!(h !== null && typeof h === 'object' && #map in h)) throw new TypeError('Illegal invocation'); return h; }
    #mutable() {
      if (this.#guard === 'immutable') throw new TypeError('immutable');
      this.#sorted = null;
    }
    append(name, value) {
      Headers.#check(this);
      argCount('Headers.append', 2, arguments.length);
      name = byteString(name); // WebIDL converts both arguments before either is checked
      value = byteString(value);
      const n = checkName('Headers.append', name);
      const v = checkValue('Headers.append', value);
      this.#mutable();
      const list = this.#map.get(n);
      if (list === undefined) { this.#map.set(n, [v]); this.#names.set(n, `${name}`); } else list.push(v);
    }
    delete(name) {
      Headers.#check(this);
      argCount('Headers.delete', 1, arguments.length);
      const n = checkName('Headers.delete', name);
      this.#mutable();
      this.#map.delete(n);
      this.#names.delete(n);
    }
    get(name) {
      Headers.#check(this);
      argCount('Headers.get', 1, arguments.length);
      const list = this.#map.get(checkName('Headers.get', name));
      return list === undefined ? null : list.join(', ');
    }
    has(name) {
      Headers.#check(this);
      argCount('Headers.has', 1, arguments.length);
      return this.#map.has(checkName('Headers.has', name));
    }
    set(name, value) {
      Headers.#check(this);
      argCount('Headers.set', 2, arguments.length);
      name = byteString(name); // WebIDL converts both arguments before either is checked
      value = byteString(value);
      const n = checkName('Headers.set', name);
      const v = checkValue('Headers.set', value);
      this.#mutable();
      if (!this.#map.has(n)) this.#names.set(n, `${name}`);
      this.#map.set(n, [v]);
    }
    getSetCookie() {
      const list = Headers.#check(this).#map.get('set-cookie');
      return list === undefined ? [] : list.slice();
    }
    keys() { return new HeadersIterator(Headers.#check(this), 0); }
    values() { return new HeadersIterator(Headers.#check(this), 1); }
    entries() { return new HeadersIterator(Headers.#check(this), 2); }
    forEach(callback, thisArg = undefined) {
      Headers.#check(this);
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.");
      }
      const list = this.#list();
      for (let i = 0; i < list.length; i++) callback.call(thisArg, list[i][1], list[i][0], this);
    }
    #list() {
      if (this.#sorted !== null) return this.#sorted;
      const names = [...this.#map.keys()].sort();
      const out = [];
      for (const n of names) {
        const values = this.#map.get(n);
        if (n === 'set-cookie') for (const v of values) out.push([n, v]);
        else out.push([n, values.join(', ')]);
      }
      return (this.#sorted = out);
    }
    static _list(h) { return h.#list(); }
    static _freeze(h) { h.#guard = 'immutable'; return h; }
    /** [name as given, value] in insertion order: what goes on the wire. */
    static _wire(h) {
      const out = [];
      for (const [n, values] of h.#map) {
        const name = h.#names.get(n);
        if (n === 'set-cookie') for (const v of values) out.push([name, v]);
        else out.push([name, values.join(', ')]);
      }
      return out;
    }
  }
  const listOf = Headers._list;
  const freeze = Headers._freeze;
  const wireList = Headers._wire;
  delete Headers._list;
  delete Headers._freeze;
  delete Headers._wire;
  Headers.prototype[iteratorSymbol] = Headers.prototype.entries;
  enumerable(Headers.prototype, ['append', 'delete', 'get', 'has', 'set', 'getSetCookie', 'keys', 'values',
    'entries', 'forEach']);
  toStringTag(Headers.prototype, 'Headers');
  defineInspect(Headers.prototype, 'Headers', (h) => {
    const shown = { __proto__: null };
    for (const [k, v] of wireList(h)) shown[k] = k in shown ? `${shown[k]}, ${v}` : v;
    return shown;
  });

  // Live, as undici's: each step reads the current (sorted) list.
  class HeadersIterator {
    #target; #kind; #index = 0;
    constructor(target, kind) { this.#target = target; this.#kind = kind; }
    next() {
      if (!(this !== null && typeof this === 'object' && #target in this)) throw new TypeError('Illegal invocation');
      const list = listOf(this.#target);
      if (this.#index >= list.length) return { value: undefined, done: true };
      const [k, v] = list[this.#index++];
      return { value: this.#kind === 0 ? k : this.#kind === 1 ? v : [k, v], done: false };
    }
  }
  Object.setPrototypeOf(HeadersIterator.prototype, IteratorPrototype);
  Object.defineProperty(HeadersIterator.prototype, 'constructor', { value: undefined });
  delete HeadersIterator.prototype.constructor;
  enumerable(HeadersIterator.prototype, ['next']);
  toStringTag(HeadersIterator.prototype, 'Headers Iterator');

  const CONVERT = 'Headers constructor: Argument 1 could not be converted to one of: ' +
    'sequence<sequence<ByteString>>, record<ByteString, ByteString>.';
  /** Fill `headers` from a HeadersInit (sequence of pairs, record, or Headers). */
  function fill(headers, init) {
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) throw new TypeError(CONVERT);
    if (init instanceof Headers) { // undici copies the list itself: names as given, insertion order
      for (const [k, v] of wireList(init)) headers.append(k, v);
      return;
    }
    if (typeof init[iteratorSymbol] === 'function') {
      let i = 0;
      for (const pair of init) {
        if (pair === null || typeof pair !== 'object' || typeof pair[iteratorSymbol] !== 'function') {
          throw new TypeError(`Headers contructor: init[${i}] (${typeof pair === 'string' ? pair : String(pair)}) is not iterable.`);
        }
        const p = [...pair];
        if (p.length !== 2) throw new TypeError(`Headers constructor: expected name/value pair to be length 2, found ${p.length}.`);
        headers.append(p[0], p[1]);
        i++;
      }
      return;
    }
    for (const key of Reflect.ownKeys(init)) {
      if (typeof key !== 'string') continue;
      const d = Reflect.getOwnPropertyDescriptor(init, key);
      if (d !== undefined && d.enumerable) headers.append(key, init[key]);
    }
  }

  module.exports = { Headers, fill, freeze, listOf, wireList, byteString, TOKEN };
})
