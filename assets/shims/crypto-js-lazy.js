// The object `require('crypto-js')` returns: crypto-js's one core instance
// (vendor/crypto-js/core, shared with every `crypto-js/<file>` module), with a
// lazy accessor for each member the package's index.js would have added, so a
// script pays only for the algorithm files it touches.
//
// Node's object has every member of index.js; here, a member not yet loaded is
// an enumerable, configurable accessor in Node's key order. Reading it loads
// its file (which assigns the member: the setter turns it into the plain data
// property Node has, in place, keeping key order); a namespace that a file
// creates (`C.mode = {}` in cipher-core) gets accessors for its own members
// when it is assigned. A file only ever adds members (checked at build time by
// assets/modules/crypto-js.mjs), so loading order cannot change any value.
'use strict';

const defineProperty = Object.defineProperty;
const hasOwn = Object.hasOwn;

/**
 * @param C        the core CryptoJS object
 * @param members  [[key, file, children | null], ...] in Node's key order;
 *                 children (same shape) for a namespace object
 * @param load     file -> loads vendor/crypto-js/<file>
 */
function install(C, members, load) {
  const loading = new Set();
  function lazy(obj, key, file, children) {
    if (hasOwn(obj, key)) {
      if (children !== null) each(obj[key], children);
      return;
    }
    defineProperty(obj, key, {
      enumerable: true,
      configurable: true,
      get() {
        // While `file` runs, its own members read as undefined (as in Node
        // before the assignment), never as a second load of the file.
        if (loading.has(file)) return undefined;
        loading.add(file);
        try {
          load(file);
        } finally {
          loading.delete(file);
        }
        const desc = Object.getOwnPropertyDescriptor(obj, key);
        return desc !== undefined && 'value' in desc ? desc.value : undefined;
      },
      set(value) {
        defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
        if (children !== null && value !== null && typeof value === 'object') each(value, children);
      },
    });
  }
  function each(obj, list) {
    for (let i = 0; i < list.length; i++) lazy(obj, list[i][0], list[i][1], list[i][2]);
  }
  each(C, members);
  return C;
}

module.exports = { install };
