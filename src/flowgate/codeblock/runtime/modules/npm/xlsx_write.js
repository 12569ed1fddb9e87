// XLSX.write: SheetJS 0.18.5's writeSync for the book types offered here. The XML
// of every .xlsx part is SheetJS's own (vendor/xlsx-write, extracted from the
// package); the host only builds the zip (op xlsx.zip), which SheetJS does in JS
// (CRC-32 and all) at a cost QuickJS makes high. CSV/TXT/HTML are SheetJS's utils.
(function (module, exports, require, host) {
  'use strict';
  const core = require('vendor/xlsx-core');
  const W = require('vendor/xlsx-write');
  const bridge = require('internal/bridge');
  const { Buffer } = require('node/buffer');
  const { utils } = core.XLSX;

  function toBinary(u8) { return Buffer.from(u8.buffer, u8.byteOffset, u8.length).toString('latin1'); }
  function s2ab(s) {
    const buf = new ArrayBuffer(s.length);
    const view = new Uint8Array(buf);
    for (let i = 0; i !== s.length; ++i) view[i] = s.charCodeAt(i) & 0xFF;
    return buf;
  }
  const utf8write = (s) => Buffer.from(s, 'utf8').toString('latin1');

  function writeString(out, o, bom) {
    const s = (bom || '') + out;
    switch (o.type) {
      case 'base64': return Buffer.from(s, 'utf8').toString('base64');
      case 'binary': return utf8write(s);
      case 'string': return out;
      case 'buffer': return Buffer.from(s, 'utf8');
      case 'file': throw new Error('xlsx.write: there is no file system in the code-block sandbox');
      default: throw new Error('Unrecognized type ' + o.type);
    }
  }

  function writeStxt(out, o) {
    switch (o.type) {
      case 'base64': return Buffer.from(out, 'latin1').toString('base64');
      case 'binary': case 'string': return out;
      case 'buffer': return Buffer.from(out, 'latin1');
      case 'file': throw new Error('xlsx.write: there is no file system in the code-block sandbox');
      default: throw new Error('Unrecognized type ' + o.type);
    }
  }

  function writeZip(wb, opts) {
    const o = W.dup(opts || {});
    const parts = W.write_zip_xlsx(wb, o);
    switch (o.type) {
      case 'base64': case 'binary': case 'buffer': break;
      case 'string': throw new Error("'string' output type invalid for '" + o.bookType + "' files");
      case 'file': throw new Error('xlsx.write: there is no file system in the code-block sandbox');
      default: throw new Error('Unrecognized type ' + o.type);
    }
    if (o.password) throw new Error('xlsx.write: encryption is not supported in the code-block sandbox');
    const u8 = bridge.call('xlsx.zip', parts, !!o.compression);
    if (o.type === 'buffer') return Buffer.from(u8.buffer, u8.byteOffset, u8.length);
    return o.type === 'base64' ? Buffer.from(u8.buffer, u8.byteOffset, u8.length).toString('base64') : toBinary(u8);
  }

  function write(wb, opts) {
    W.check_wb(wb);
    const o = W.dup(opts || {});
    if (o.cellStyles) { o.cellNF = true; o.sheetStubs = true; }
    if (o.type == 'array') {
      const zip = ['xlsx', 'xlsm', 'xlsb'].includes(o.bookType || 'xlsb');
      o.type = zip ? 'buffer' : 'binary';
      const out = write(wb, o);
      o.type = 'array';
      // the same bytes as SheetJS's s2ab(binary string), without a loop over them
      return zip ? out.buffer.slice(out.byteOffset, out.byteOffset + out.length) : s2ab(out);
    }
    let idx = 0;
    if (o.sheet) {
      idx = typeof o.sheet == 'number' ? o.sheet : wb.SheetNames.indexOf(o.sheet);
      if (!wb.SheetNames[idx]) throw new Error('Sheet not found: ' + o.sheet + ' : ' + (typeof o.sheet));
    }
    const ws = () => wb.Sheets[wb.SheetNames[idx]];
    const type = o.bookType || 'xlsb';
    switch (type) {
      case 'htm': case 'html': return writeString(utils.sheet_to_html(ws(), o), o);
      case 'txt': return writeStxt(utils.sheet_to_txt(ws(), o), o);
      case 'csv': return writeString(utils.sheet_to_csv(ws(), o), o, '\ufeff');
      // xlsb (SheetJS's default) is binary XLSB in Node; here it is written as XLSX.
      case 'xlsx': case 'xlsm': case 'xlsb': return writeZip(wb, Object.assign(o, { bookType: type === 'xlsb' ? 'xlsx' : type }));
      case 'xml': case 'xlml': case 'slk': case 'sylk': case 'dif': case 'dbf': case 'prn': case 'rtf':
      case 'eth': case 'fods': case 'wk1': case 'wk3': case 'biff2': case 'biff3': case 'biff4':
      case 'biff5': case 'biff8': case 'xla': case 'xls': case 'xlam': case 'numbers': case 'ods':
        throw new Error(`xlsx.write: bookType '${type}' is not supported in the code-block sandbox (xlsx, xlsm, csv, txt, html are)`);
      default: throw new Error('Unrecognized bookType |' + o.bookType + '|');
    }
  }

  module.exports = { write };
})
