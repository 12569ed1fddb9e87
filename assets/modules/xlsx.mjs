// xlsx (SheetJS) 0.18.5: only its pure-JS number formatting (SSF) and `utils` are
// bundled, extracted from the package's own xlsx.js; reading and writing the .xlsx
// container and XML is done on the host (bridge/xlsx.py), because the real
// parser takes ~145 ms for a 1,000-row sheet in QuickJS (docs/libraries/xlsx.md).
//
// xlsx.js is one function, make_xlsx_lib, whose declarations sit at column 0. The
// extraction takes the declarations reachable from ROOTS (identifier closure over
// the column-0 `function X` / `var X` blocks; the embedded CFB and CRC32 modules
// are one block each), in source order, so the code that runs is SheetJS's own.
import fs from 'node:fs';
import path from 'node:path';

const CORE_ROOTS = [
  'parse_wb_xml', 'parse_ws_xml_hlinks', 'parse_rels', 'parse_comments_xml', 'sheet_insert_comments',
  'utils', 'SSF', 'make_ssf', 'SSF_load_table', 'SSFImplicit', 'parse_si', 'safe_format', 'numdate',
  'datenum', 'parseDate', '_xlfn', 'shift_formula_xlsx', 'RBErr', 'BErr', 'escapehtml', 'fmt_is_date',
  'dup', 'parsexmlbool', 'safe_decode_range', 'parse_core_props', 'parse_ext_props',
];
// The writer: SheetJS's own XML for every part; the host only zips the parts.
const WRITE_ROOTS = ['write_zip_xlsx', 'check_wb', 'fix_write_opts', 'dup'];
// `var` statements at column 0 inside function bodies (xlsx.js is not uniformly
// indented): part of the enclosing function, never blocks of their own.
const INNER = new Set(['o', 'names', 'end', 'arr']);
// Names not followed: local variables that share a top-level name, and declarations
// only reached through code paths the sandbox does not offer.
const SKIP = new Set([
  ...INNER, 'props', 'strs', 'utils', 'ReadShift', 'WriteShift', 'prep_blob', 'parse_xls_props',
  'new_raw_buf', '_data',
]);
// Replaced declarations: the host returns decoded text (no UTF-8 byte strings);
// Node's build has the codepage tables, of which sheet_to_txt only needs UTF-16LE;
// the writer collects [path, text] parts for the host instead of building a zip.
const REPLACE = {
  utf8read: 'function utf8read(x) { return x; }\n',
  utf8write: 'var utf8write = function (s) { return unescape(encodeURIComponent(s)); };\n',
  $cptable: 'var $cptable = { utils: { encode: function (cp, s) {\n' +
    '  var o = ""; for (var i = 0; i < s.length; ++i) { var c = s.charCodeAt(i);' +
    ' o += String.fromCharCode(c & 255, c >> 8); } return o; } } };\n',
  zip_new: 'function zip_new() { return []; }\n',
  zip_add_file: 'function zip_add_file(zip, path, content) { zip.push([path, content]); }\n',
  crypto_CreatePasswordVerifier_Method1: 'function crypto_CreatePasswordVerifier_Method1() {\n' +
    '  throw new Error("xlsx: sheet protection passwords are not supported in the code-block sandbox"); }\n',
};

// Plain-text input (CSV, TSV, PRN, UTF-16 text): SheetJS's own readSync dispatch and
// PRN parser; every other file format it sniffs is refused (STUBS), zip files never
// reach it (the host reads those).
const TEXT_ROOTS = ['readSync'];
const stub = (name, what) => `function ${name}() { throw new Error(${JSON.stringify(
  `Unsupported file: ${what} files are not supported in the code-block sandbox`)}); }\n`;
const TEXT_REPLACE = {
  // Node's values (Buffer exists there, and process.versions.node)
  has_buf: 'var has_buf = true;\n',
  utf8read: null, // the real one: text input arrives as byte strings
  $cptable: 'var $cptable = { utils: {\n' +
    '  decode: function (cp, d) { var B = require("buffer").Buffer;\n' +
    '    var b = typeof d === "string" ? B.from(d, "latin1") : B.from(d);\n' +
    '    if (cp === 1200) return b.toString("utf16le"); if (cp === 65001) return b.toString("utf8");\n' +
    '    if (cp === 28591 || cp === 1252) return b.toString("latin1");\n' +
    '    throw new Error("xlsx: codepage " + cp + " is not supported in the code-block sandbox"); },\n' +
    '  encode: function (cp, s) { var o = ""; for (var i = 0; i < s.length; ++i) {\n' +
    '    var c = s.charCodeAt(i); o += String.fromCharCode(c & 255, c >> 8); } return o; } } };\n',
  read_cfb: stub('read_cfb', 'XLS/CFB'),
  CFB: `var CFB = { read: ${stub('cfb', 'XLS/CFB').trim()} };\n`,
  parse_xlscfb: stub('parse_xlscfb', 'XLS (BIFF)'),
  parse_xlml: stub('parse_xlml', 'XML/HTML spreadsheet'),
  read_wb_ID: stub('read_wb_ID', 'SYLK'),
  read_zip: stub('read_zip', 'ZIP'),
  read_binary: stub('read_binary', 'file'),
  DIF: `var DIF = { to_workbook: ${stub('dif', 'DIF').trim()} };\n`,
  WK_: `var WK_ = { to_workbook: ${stub('wk', 'Lotus')} };\n`,
  DBF: `var DBF = { to_workbook: ${stub('dbf', 'DBF')} };\n`,
  RTF: `var RTF = { to_workbook: ${stub('rtf', 'RTF')} };\n`,
};

function extract(source, ROOTS, extra = {}) {
  const replace = { ...REPLACE, ...extra };
  for (const k of Object.keys(replace)) if (replace[k] === null) delete replace[k];
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.startsWith('function make_xlsx_lib('));
  if (start < 0) throw new Error('xlsx.js: make_xlsx_lib not found');
  const declRe = /^(?:function\s+([A-Za-z_$][\w$]*)|var\s+([A-Za-z_$][\w$]*))/;
  const decls = [];
  // An IIFE module (`var PRN = (function() {` ... `})();`) is one block: its inner
  // column-0 declarations are its own. Nested ones (CFB's inflate) are counted.
  const opener = /^(\S.*)?\(function[\w$ ]*\(\)\s*\{\s*$/;
  const closer = /^(\}; ?)?\}\)\(\);/;
  for (let i = start + 1; i < lines.length; i++) {
    const m = declRe.exec(lines[i]);
    if (!m || INNER.has(m[2])) continue;
    const names = [m[1] || m[2]];
    // `var a = 1, b = 2;`: every declarator of the line names the block
    if (m[2]) for (const d of lines[i].matchAll(/, ?([A-Za-z_$][\w$]*) ?=(?!=)/g)) names.push(d[1]);
    decls.push({ name: names[0], names, from: i });
    if (m[2] && opener.test(lines[i])) {
      let depth = 1;
      let j = i;
      while (depth > 0 && ++j < lines.length) {
        if (closer.test(lines[j])) depth--;
        if (opener.test(lines[j])) depth++;
      }
      i = j;
    }
  }
  decls.forEach((d, k) => { d.to = k + 1 < decls.length ? decls[k + 1].from : lines.length; });
  const byName = new Map();
  for (const d of decls) for (const n of d.names) byName.set(n, [...(byName.get(n) ?? []), d]);
  const need = new Set();
  const queue = [...ROOTS];
  while (queue.length) {
    const name = queue.pop();
    if (need.has(name)) continue;
    if (!byName.has(name)) throw new Error(`xlsx.js: no declaration of ${name}`);
    need.add(name);
    if (replace[name]) continue;
    for (const d of byName.get(name)) {
      const text = lines.slice(d.from, d.to).join('\n').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const id of new Set(text.match(/[A-Za-z_$][\w$]*/g))) {
        if (byName.has(id) && !need.has(id) && !SKIP.has(id)) queue.push(id);
      }
    }
  }
  const done = new Set();
  const parts = [];
  for (const d of decls) {
    if (!d.names.some((n) => need.has(n))) continue;
    if (replace[d.name]) {
      if (!done.has(d.name)) parts.push(replace[d.name]);
      done.add(d.name);
      continue;
    }
    parts.push(lines.slice(d.from, d.to).join('\n'));
  }
  return parts.join('\n');
}

export default async function xlsxModules({ here }) {
  const dir = path.join(here, 'node_modules', 'xlsx');
  const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const source = fs.readFileSync(path.join(dir, 'xlsx.js'), 'utf8');
  const body = extract(source, CORE_ROOTS);
  // Written next to the package so the bundle's metafile names it (licence copied).
  const file = path.join(dir, 'flowgate-core.js');
  fs.writeFileSync(file, [
    '/* Extracted from xlsx.js by assets/modules/xlsx.mjs (generated; do not edit). */',
    `var XLSX = { version: ${JSON.stringify(version)} };`,
    body,
    'XLSX.utils = utils;',
    'XLSX.SSF = SSF;',
    'module.exports = { XLSX: XLSX, make_ssf: make_ssf, SSF_load_table: SSF_load_table,',
    '  SSFImplicit: SSFImplicit, parse_si: parse_si, safe_format: safe_format, numdate: numdate,',
    '  datenum: datenum, parseDate: parseDate, _xlfn: _xlfn, shift_formula_xlsx: shift_formula_xlsx,',
    '  RBErr: RBErr, BErr: BErr, parsexmlbool: parsexmlbool, safe_decode_range: safe_decode_range,',
    '  parse_core_props: parse_core_props, parse_ext_props: parse_ext_props, parse_wb_xml: parse_wb_xml,',
    '  parse_ws_xml_hlinks: parse_ws_xml_hlinks, parse_rels: parse_rels,',
    '  parse_comments_xml: parse_comments_xml, sheet_insert_comments: sheet_insert_comments, escapehtml: escapehtml, fmt_is_date: fmt_is_date, dup: dup,',
    '  table_fmt: function () { return table_fmt; },',
    '  set_ssfopts: function (o) { _ssfopts = o; } };',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'flowgate-write.js'), [
    '/* Extracted from xlsx.js by assets/modules/xlsx.mjs (generated; do not edit). */',
    extract(source, WRITE_ROOTS),
    'module.exports = { write_zip_xlsx: write_zip_xlsx, check_wb: check_wb, fix_write_opts: fix_write_opts,',
    '  dup: dup };',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'flowgate-text.js'), [
    '/* Extracted from xlsx.js by assets/modules/xlsx.mjs (generated; do not edit). */',
    extract(source, TEXT_ROOTS, TEXT_REPLACE),
    'module.exports = { readSync: readSync };',
    '',
  ].join('\n'));
  return [
    { name: 'xlsx-text', source: "module.exports = require('./node_modules/xlsx/flowgate-text.js');\n" },
    { name: 'xlsx-core', source: "module.exports = require('./node_modules/xlsx/flowgate-core.js');\n" },
    { name: 'xlsx-write', source: "module.exports = require('./node_modules/xlsx/flowgate-write.js');\n" },
  ];
}
