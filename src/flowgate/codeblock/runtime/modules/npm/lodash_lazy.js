// The lazy facade shared by require('lodash') and require('lodash/fp'): a Proxy
// over the library's function whose members load on first access.
//
// `names` holds every own enumerable key of the library in Node, in Node's
// order, space-separated and space-padded (a membership test is one indexOf, done
// once per name: a loaded member is then an own data property of the target).
// `load(name)` returns a member's value. `Object.keys`, `in` and
// `hasOwnProperty` answer for every member without loading any; a member not
// loaded yet reports an accessor descriptor (its getter loads it).
(function (module, exports, require, host) {
  'use strict';
  const ObjectHasOwn = Object.hasOwn;
  const defineProperty = Object.defineProperty;
  const { get: ReflectGet, set: ReflectSet, has: ReflectHas, ownKeys: ReflectOwnKeys,
    defineProperty: ReflectDefine, deleteProperty: ReflectDelete,
    getOwnPropertyDescriptor: ReflectDescriptor } = Reflect;
  const ProxyCtor = Proxy;
  const SetCtor = Set;

  function define(target, key, value) {
    defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  }

  // target: the library's function (its name and length are Node's); getPrototype:
  // what `lib.prototype` reads (the chain wrapper's prototype, loaded on demand).
  function lazyLibrary(target, names, load, getPrototype) {
    let deleted = null;
    let ordered = null; // built when something enumerates the library
    let table = null;
    function all() {
      if (ordered === null) {
        ordered = names.split(' ').filter((n) => n !== '');
        table = { __proto__: null };
        for (let i = 0; i < ordered.length; i++) table[ordered[i]] = true;
      }
      return ordered;
    }
    function known(key) {
      if (typeof key !== 'string') return false;
      if (deleted !== null && deleted[key] === true) return false;
      if (table !== null) return table[key] === true;
      return key.length > 0 && key.indexOf(' ') < 0 && names.indexOf(` ${key} `) >= 0;
    }
    function materialize(key) {
      return define(target, key, load(key));
    }
    const handler = {
      get(t, key, receiver) {
        if (key === 'prototype') return getPrototype();
        if (ObjectHasOwn(t, key)) return t[key];
        if (known(key)) return materialize(key);
        return ReflectGet(t, key, receiver);
      },
      set(t, key, value, receiver) {
        if (receiver === facade) {
          if (deleted !== null && typeof key === 'string') deleted[key] = false;
          if (!ObjectHasOwn(t, key) && known(key)) return ReflectDefine(t, key, {
            value, writable: true, enumerable: true, configurable: true });
          return ReflectSet(t, key, value, t);
        }
        return ReflectSet(t, key, value, receiver);
      },
      has(t, key) {
        return ObjectHasOwn(t, key) || known(key) || ReflectHas(t, key);
      },
      ownKeys(t) {
        const own = ReflectOwnKeys(t);
        const keys = [];
        for (let i = 0; i < own.length; i++) {
          if (own[i] === 'length' || own[i] === 'name' || own[i] === 'prototype') keys.push(own[i]);
        }
        const list = all();
        for (let i = 0; i < list.length; i++) {
          if (ObjectHasOwn(t, list[i]) || known(list[i])) keys.push(list[i]);
        }
        const listed = new SetCtor(keys);
        for (let i = 0; i < own.length; i++) if (!listed.has(own[i])) keys.push(own[i]);
        return keys;
      },
      getOwnPropertyDescriptor(t, key) {
        if (ObjectHasOwn(t, key) || !known(key)) return ReflectDescriptor(t, key);
        // Not loaded yet: `Object.keys(lib)` must not load every member to learn that it is
        // enumerable. (An accessor here would be no better: quickjs-ng reports a proxy's
        // accessor descriptor as a data descriptor whose value is undefined.)
        return { value: undefined, writable: true, enumerable: true, configurable: true };
      },
      defineProperty(t, key, desc) {
        if (!ObjectHasOwn(t, key) && known(key) && !('value' in desc) && !('get' in desc) &&
            !('set' in desc)) {
          materialize(key);
        }
        if (deleted !== null && typeof key === 'string') deleted[key] = false;
        return ReflectDefine(t, key, desc);
      },
      deleteProperty(t, key) {
        if (known(key)) (deleted ??= { __proto__: null })[key] = true;
        return ReflectDelete(t, key);
      },
    };
    const facade = new ProxyCtor(target, handler);
    return facade;
  }
  module.exports = lazyLibrary;
})
