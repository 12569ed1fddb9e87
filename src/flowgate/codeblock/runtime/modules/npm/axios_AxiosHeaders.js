// vendor/axios-fetch (axios's fetch adapter, bundled apart and loaded only for
// `adapter: 'fetch'`) takes AxiosHeaders from the main bundle through this module, so
// that instanceof checks see one class (assets/modules/axios.mjs, 'runtime' map).
(function (module, exports, require) {
  'use strict';
  // (esbuild imports CommonJS from axios's ESM in Node mode: default = module.exports)
  module.exports = require('vendor/axios').AxiosHeaders;
})
