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
 * lazy(obj, key, file, children): an accessor for member `key` of `obj`, which
 * `file` adds; children: null, or a function installing the members of the
 * namespace object once it is assigned. The facade calls it once per member
 * (generated code, in Node's key order): measured, a JSON table walked at load
 * cost ~60 us more per execution than the calls.
 *
 * @param load  file -> loads vendor/crypto-js/<file>
 */
function installer(load) {
  const loading = new Set();
  return function lazy(obj, key, file, children) {
    if (hasOwn(obj, key)) {
      if (children !== null) children(obj[key]);
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
        if (children !== null && value !== null && typeof value === 'object') children(value);
      },
    });
  };
}

module.exports = { installer };
