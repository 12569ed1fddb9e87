// require('axios'): axios 1.21.1 as bundled into vendor/axios by assets/modules/axios.mjs
// (Node's platform, with the http adapter rebuilt on the host's fetch op:
// assets/shims/axios-http.js). See docs/libraries/axios.md.
(function (module, exports, require) {
  'use strict';
  module.exports = require('vendor/axios');
})
