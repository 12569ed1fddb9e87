// require('lodash/lodash'): in Node the same module as require('lodash').
(function (module, exports, require, host) {
  'use strict';
  module.exports = require('npm/lodash');
})
