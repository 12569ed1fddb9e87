// require('xlsx'): SheetJS 0.18.5's API. SSF and utils are SheetJS's own code
// (vendor/xlsx-core, extracted from the package by assets/modules/xlsx.mjs);
// read/write of .xlsx files go through the host (bridge/xlsx.py), loaded on first
// use (npm/xlsx_read, npm/xlsx_write). See docs/libraries/xlsx.md.
(function (module, exports, require, host) {
  'use strict';
  const core = require('vendor/xlsx-core');
  const XLSX = core.XLSX;

  function unsupported(name, why) {
    return function () { throw new Error(`xlsx.${name}: ${why} in the code-block sandbox`); };
  }
  const noFs = (name) => unsupported(name, 'there is no file system');
  const read = (data, opts) => require('npm/xlsx_read').read(data, opts);
  const write = (wb, opts) => require('npm/xlsx_write').write(wb, opts);
  function writeXLSX(wb, opts) {
    const o = Object.assign({}, opts || {});
    o.bookType = 'xlsx';
    return write(wb, o);
  }
  // Node's key order; what needs a file system, Node streams or the raw CFB/zip
  // containers is an error naming itself.
  module.exports = {
    version: XLSX.version,
    parse_xlscfb: unsupported('parse_xlscfb', 'XLS files are not supported'),
    parse_zip: unsupported('parse_zip', 'raw zip containers are not supported'),
    read,
    readFile: noFs('readFile'),
    readFileSync: noFs('readFileSync'),
    write,
    writeFile: noFs('writeFile'),
    writeFileSync: noFs('writeFileSync'),
    writeFileAsync: noFs('writeFileAsync'),
    utils: XLSX.utils,
    writeXLSX,
    writeFileXLSX: noFs('writeFileXLSX'),
    SSF: XLSX.SSF,
    stream: {
      to_json: unsupported('stream.to_json', 'Node streams are not available'),
      to_html: unsupported('stream.to_html', 'Node streams are not available'),
      to_csv: unsupported('stream.to_csv', 'Node streams are not available'),
      set_readable() {},
    },
    CFB: {
      read: unsupported('CFB.read', 'CFB containers are not supported'),
      write: unsupported('CFB.write', 'CFB containers are not supported'),
    },
  };
})
