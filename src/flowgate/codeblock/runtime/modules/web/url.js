// URL and URLSearchParams with WHATWG URL Standard semantics, as in Node 20.
// The implementation is whatwg-url, bundled with its dependencies by
// `make assets` (assets/build.mjs) into vendor/url-impl; see the "Choices"
// section of docs/runtime-modules.md for why, and for what differs from Node.
(function (module, exports, require, host) {
  'use strict';
  module.exports = require('vendor/url-impl');
})
