// URL and URLSearchParams with WHATWG URL Standard semantics, as in Node 20.
// The implementation is whatwg-url, bundled with its dependencies (and a few
// source patches towards Node's behaviour) by `make assets` into
// vendor/url-impl; see the "Choices" section of docs/runtime-modules.md.
(function (module, exports, require, host) {
  'use strict';
  const { URL, URLSearchParams } = require('vendor/url-impl');
  const { getOwnPropertyDescriptors, defineProperty } = Object;
  const { deleteProperty, ownKeys } = Reflect;

  // Node lists the prototype members in its own order (Object.keys, for...in).
  function reorder(proto, order) {
    const descriptors = getOwnPropertyDescriptors(proto);
    const names = [...order];
    for (const key of ownKeys(proto)) {
      if (typeof key === 'string' && key !== 'constructor' && !names.includes(key)) names.push(key);
    }
    for (const name of names) if (name in descriptors) deleteProperty(proto, name);
    for (const name of names) if (name in descriptors) defineProperty(proto, name, descriptors[name]);
  }
  reorder(URL.prototype, [
    'toString', 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
    'pathname', 'search', 'searchParams', 'hash', 'toJSON',
  ]);
  reorder(URLSearchParams.prototype, [
    'size', 'append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'entries', 'forEach', 'keys',
    'values', 'toString',
  ]);

  module.exports = { URL, URLSearchParams };
})
