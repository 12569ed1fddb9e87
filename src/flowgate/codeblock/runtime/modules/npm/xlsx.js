// require('xlsx'): SheetJS 0.18.5's API. SSF and utils are SheetJS's own code
// (vendor/xlsx-core, extracted from the package by assets/modules/xlsx.mjs);
// read/write of .xlsx files go through the host (bridge/xlsx.py), loaded on first
// use (npm/xlsx_read, npm/xlsx_write). See docs/libraries/xlsx.md.
(function (module, exports, require, host) {
  'use strict';
  const core = require('vendor/xlsx-core');
  const XLSX = core.XLSX;
  const api = {
    version: XLSX.version,
    SSF: XLSX.SSF,
    utils: XLSX.utils,
    read(data, opts) { return require('npm/xlsx_read').read(data, opts); },
    write(wb, opts) { return require('npm/xlsx_write').write(wb, opts); },
    readFile() { throw new Error('xlsx.readFile: there is no file system in the code-block sandbox'); },
    writeFile() { throw new Error('xlsx.writeFile: there is no file system in the code-block sandbox'); },
  };
  api.writeXLSX = function writeXLSX(wb, opts) {
    const o = Object.assign({}, opts || {});
    o.bookType = 'xlsx';
    return api.write(wb, o);
  };
  module.exports = api;
})
