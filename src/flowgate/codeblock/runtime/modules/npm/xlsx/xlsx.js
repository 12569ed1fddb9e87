// require('xlsx/xlsx.js'): the package's main file, i.e. require('xlsx').
(function (module, exports, require) {
  module.exports = require('npm/xlsx');
})
