// XLSX.read: the host tokenises the .xlsx (bridge/xlsx.py, op xlsx.read); this
// module builds SheetJS's workbook from it with SheetJS's own helpers, following
// parse_ws_xml_data / parse_ws_xml of xlsx 0.18.5 step by step (key order included).
(function (module, exports, require, host) {
  'use strict';
  const core = require('vendor/xlsx-core');
  const bridge = require('internal/bridge');
  // node/buffer only for string input (a Uint8Array/Buffer needs none of it).
  const buffer = () => require('node/buffer').Buffer;
  const { utils, SSF } = core.XLSX;
  const DEFAULTS = [
    ['cellNF', false], ['cellHTML', true], ['cellFormula', true], ['cellStyles', false],
    ['cellText', true], ['cellDates', false], ['sheetStubs', false], ['sheetRows', 0, 'n'],
    ['bookDeps', false], ['bookSheets', false], ['bookProps', false], ['bookFiles', false],
    ['bookVBA', false], ['password', ''], ['WTF', false],
  ];

  function fixOpts(o) {
    for (const [k, d, t] of DEFAULTS) {
      if (o[k] === undefined) o[k] = d;
      else if (t === 'n') o[k] = Number(o[k]);
    }
  }

  function toBytes(data, o) {
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    switch (o.type) {
      case 'base64': return buffer().from(String(data), 'base64');
      case 'binary': case 'string':
        if (typeof data === 'string') return buffer().from(data, o.type === 'string' ? 'utf8' : 'latin1');
        break;
      case 'buffer': case 'array':
        if (data instanceof Uint8Array) return data;
        if (Array.isArray(data)) return Uint8Array.from(data);
        if (typeof data === 'string') return buffer().from(data, 'latin1');
        break;
      case 'file': throw new Error('xlsx.read: there is no file system in the code-block sandbox');
      default: break;
    }
    if (data instanceof Uint8Array) return data;
    if (typeof data === 'string') return buffer().from(data, 'base64');
    if (Array.isArray(data)) return Uint8Array.from(data);
    throw new Error('Unsupported data type ' + typeof data);
  }

  function isZip(b) { return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4B && b[2] < 9 && b[3] < 9; }

  function read(data, opts) {
    const o = opts || {};
    // readSync's defaults: a Buffer is 'buffer', another Uint8Array 'array', else base64
    if (!o.type && !(data instanceof ArrayBuffer)) {
      o.type = data instanceof Uint8Array ? (buffer().isBuffer(data) ? 'buffer' : 'array') : 'base64';
    }
    if (o.type === 'file') throw new Error('xlsx.read: there is no file system in the code-block sandbox');
    // type 'string': SheetJS's bstrify (UTF-8 bytes if anything is beyond ASCII)
    const bytes = o.type === 'string' && typeof data === 'string'
      ? buffer().from(data, /[^\x00-\x7F]/.test(data) ? 'utf8' : 'latin1') : toBytes(data, o);
    // Anything but a zip (CSV, TSV, text) is SheetJS's own readSync (vendor/xlsx-text).
    if (!isZip(bytes)) return require('vendor/xlsx-text').readSync(data, o);
    if (o.cellStyles) { o.cellNF = true; o.sheetStubs = true; }
    fixOpts(o);
    const raw = JSON.parse(bridge.call('xlsx.read', bytes, {
      sheets: o.sheets === undefined ? null : o.sheets, cellFormula: o.cellFormula,
      bookSheets: o.bookSheets || o.bookProps,
    }));
    return build(raw, o);
  }

  function build(raw, o) {
    core.make_ssf();
    const ssfopts = {};
    if (o.dateNF) ssfopts.dateNF = o.dateNF;
    core.set_ssfopts(ssfopts);
    for (const id of Object.keys(raw.fmts)) {
      let j = parseInt(id, 10);
      if (!(j > 0)) continue;
      const tbl = core.table_fmt();
      if (j > 0x188) { for (j = 0x188; j > 0x3c; --j) if (tbl[j] == null) break; }
      SSF.load(raw.fmts[id], j);
    }
    const styles = { CellXf: raw.xfs === null ? undefined : raw.xfs.map((n) => (n === null ? {} : { numFmtId: n })) };
    const strs = raw.sst.map((x) => sharedString(x.trim(), o));
    // SheetJS's own workbook parser: Workbook as in Node; sets ssfopts.date1904
    const Workbook = core.parse_wb_xml(raw.wbxml, o);
    const Sheets = {};
    for (let i = 0; i < raw.names.length; ++i) {
      const name = raw.names[i];
      const rs = raw.sheets[i];
      if (rs === null) continue;
      // SheetJS's safe_parse_sheet: a sheet that fails to parse is left out (thrown with WTF).
      try {
        if (rs.error !== undefined) throw new Error(rs.error);
        const ws = sheet(rs, o, strs, styles, Object.assign({}, ssfopts));
        Sheets[name] = ws;
        // safe_parse_sheet: legacy comments (threaded ones are not read here)
        for (const text of rs.comments) {
          const comments = core.parse_comments_xml(text, o);
          if (comments && comments.length) core.sheet_insert_comments(ws, comments, false);
        }
        if (rs.sview !== null) views(Workbook, rs.sview);
      } catch (e) { if (o.WTF) throw e; }
    }
    // parse_zip: extended properties are read only next to core ones
    let props = {};
    if (raw.core !== null) {
      props = core.parse_core_props(raw.core);
      if (raw.ext !== null) core.parse_ext_props(raw.ext, props, o);
    }
    if (o.bookSheets) return { SheetNames: raw.names.slice() };
    if (o.bookProps) return { Props: props, Custprops: {} };
    props.Worksheets = raw.names.length;
    props.SheetNames = raw.names.slice();
    return { Workbook, Props: props, Sheets, SheetNames: raw.names.slice() };
  }

  // parse_ws_xml_sheetviews: the first <sheetView> of each sheet read sets Views[0]
  function views(wb, tag) {
    if (!wb.Views) wb.Views = [{}];
    if (!wb.Views[0]) wb.Views[0] = {};
    if (+tag.zoomScale) wb.Views[0].zoom = +tag.zoomScale;
    if (core.parsexmlbool(tag.rightToLeft)) wb.Views[0].RTL = true;
  }

  // parse_si of a plain `<t>text</t>` whose text neither unescapexml nor escapehtml would
  // change is {t: text, r: x, h: text}; anything else goes to SheetJS's parse_si (its
  // regular expressions cost ~20-40 us per string here).
  const PLAIN_SI = /^<t(?: [^>]*)?>([^<>&'"\u0000-\u001f]*)<\/t>/;
  function sharedString(x, o) {
    const m = PLAIN_SI.exec(x);
    if (m === null || m[1].indexOf('_x') >= 0) return core.parse_si(x, o);
    const z = { t: m[1], r: x };
    if (o.cellHTML) z.h = m[1];
    return z;
  }

  const DIM = /^\w*:\w*$/;
  // What SheetJS's escapehtml rewrites (decregex, \n, htmlcharegex): without any, h === v.
  const HTML_SPECIAL = /[&<>'"\u0000-\u001f]/;
  // The `_xHHHH_` escapes of SheetJS's unescapexml (expat has decoded the entities).
  const CODE = /_x([\da-fA-F]{4})_/ig;
  const fromCode = (m, c) => String.fromCharCode(parseInt(c, 16));
  const unx = (s) => (s !== null && s.indexOf('_x') >= 0 ? s.replace(CODE, fromCode) : s);

  // SheetJS's safe_format (cellStyles aside). SSF.format costs ~20-60 us per call in
  // QuickJS (it re-parses the format each time), so within one sheet the text of a
  // (format, value) pair is computed once: same inputs, same text, as SheetJS.
  function format(p, fmtid, o, ssfopts, memo) {
    const table = core.table_fmt();
    if (o.cellNF) p.z = table[fmtid];
    if (p.t === 'z' || o.cellText === false) return;
    if (table[fmtid] == null) SSF.load(core.SSFImplicit[fmtid] || 'General', fmtid);
    try {
      if (p.t === 'e') p.w = p.w || core.BErr[p.v];
      else if (fmtid === 0) {
        if (p.t === 'n') p.w = (p.v | 0) === p.v ? p.v.toString(10) : text(memo, 0, p.v, ssfopts);
        else if (p.t === 'd') {
          const dd = core.datenum(p.v);
          p.w = (dd | 0) === dd ? dd.toString(10) : text(memo, 0, dd, ssfopts);
        } else if (p.v === undefined) return;
        else p.w = typeof p.v === 'string' ? p.v : SSF.format(0, p.v, ssfopts);
      } else if (p.t === 'd') p.w = text(memo, fmtid, core.datenum(p.v), ssfopts);
      else p.w = typeof p.v === 'number' ? text(memo, fmtid, p.v, ssfopts) : SSF.format(fmtid, p.v, ssfopts);
    } catch (e) { if (o.WTF) throw e; }
  }

  function text(memo, fmtid, v, ssfopts) {
    const key = fmtid + ':' + v;
    let w = memo.get(key);
    if (w === undefined) { w = SSF.format(fmtid, v, ssfopts); memo.set(key, w); }
    return w;
  }

  function sheet(raw, o, strs, styles, ssfopts) {
    const s = o.dense ? [] : {};
    const guess = { s: { r: 2000000, c: 2000000 }, e: { r: 0, c: 0 } };
    if (raw.dim && DIM.test(raw.dim)) {
      const d = core.safe_decode_range(raw.dim);
      if (d.s.r <= d.e.r && d.s.c <= d.e.c && d.s.r >= 0 && d.s.c >= 0) s['!ref'] = utils.encode_range(d);
    }
    cells(raw.cells, s, o, strs, styles, guess, ssfopts);
    if (raw.hlinks !== null) {
      const h = raw.hlinks;
      core.parse_ws_xml_hlinks(s, h.tags, core.parse_rels(h.rels === null ? undefined : h.rels, h.path));
    }
    if (raw.margins) {
      const m = {};
      for (const k of ['left', 'right', 'top', 'bottom', 'header', 'footer']) if (raw.margins[k]) m[k] = parseFloat(raw.margins[k]);
      s['!margins'] = m;
    }
    if (!s['!ref'] && guess.e.c >= guess.s.c && guess.e.r >= guess.s.r) s['!ref'] = utils.encode_range(guess);
    if (o.sheetRows > 0 && s['!ref']) {
      const t = core.safe_decode_range(s['!ref']);
      if (o.sheetRows <= +t.e.r) {
        t.e.r = o.sheetRows - 1;
        if (t.e.r > guess.e.r) t.e.r = guess.e.r;
        if (t.e.r < t.s.r) t.s.r = t.e.r;
        if (t.e.c > guess.e.c) t.e.c = guess.e.c;
        if (t.e.c < t.s.c) t.s.c = t.e.c;
        s['!fullref'] = s['!ref'];
        s['!ref'] = utils.encode_range(t);
      }
    }
    const merges = raw.merges.filter((m) => /^[A-Z0-9:]+$/.test(m)).map((m) => core.safe_decode_range(m));
    if (merges.length > 0) s['!merges'] = merges;
    return s;
  }

  // Records (bridge/xlsx_sheet.py `_row`): -(row + 1) starts a row, then per cell
  // col, t, v (the <is> payload for inlineStr), s, extra (0 or [r, f, f@t, f@ref, f@si]),
  // 0 standing for an absent value.
  function cells(list, s, o, strs, styles, guess, ssfopts) {
    const doFormat = Array.isArray(styles.CellXf);
    const stubs = !!o.sheetStubs;
    const arrayf = [];
    const sharedf = [];
    const memo = new Map();
    const colNames = [];
    let tagr = 0;
    let suffix = '';
    let skipRow = false;
    for (let k = 0; k < list.length;) {
      if (list[k] < 0) { // parse_ws_xml_data's row: sheetRows, the guessed range
        tagr = -list[k++] - 1;
        skipRow = !!(o.sheetRows && o.sheetRows < tagr);
        if (!skipRow) {
          if (guess.s.r > tagr - 1) guess.s.r = tagr - 1;
          if (guess.e.r < tagr - 1) guess.e.r = tagr - 1;
        }
        suffix = String(tagr);
        continue;
      }
      const tagc = list[k];
      const t = list[k + 1] === 0 ? null : list[k + 1];
      const rawv = list[k + 2];
      const sidx = list[k + 3] === 0 ? null : list[k + 3];
      const x = list[k + 4];
      k += 5;
      if (skipRow) continue;
      const ref = x !== 0 && x[0] !== 0 ? x[0]
        : tagc >= 0 ? (colNames[tagc] || (colNames[tagc] = utils.encode_col(tagc))) + suffix
          : utils.encode_cell({ r: tagr - 1, c: tagc });
      const v = t === 'inlineStr' || rawv === 0 ? null : unx(rawv);
      const f = x === 0 || x[1] === 0 ? null : unx(x[1]);
      const ftype = x === 0 ? 0 : x[2];
      const fsi = x === 0 ? 0 : x[4];
      const p = { t: '' };
      if (v !== null && v !== '') p.v = v;
      if (o.cellFormula) {
        if (f !== null && f !== '') {
          p.f = f.replace(/\r\n/g, '\n');
          if (!o.xlfn) p.f = core._xlfn(p.f);
          if (ftype === 'array') {
            p.F = x[3] === 0 ? undefined : x[3];
            if (p.F.indexOf(':') > -1) arrayf.push([core.safe_decode_range(p.F), p.F]);
          } else if (ftype === 'shared') {
            sharedf[parseInt(fsi, 10)] = [null, o.xlfn ? f : core._xlfn(f), ref];
          }
        } else if (f !== null && fsi !== 0 && sharedf[fsi]) {
          const sf = sharedf[fsi];
          p.f = core.shift_formula_xlsx(sf[1], sf[2], ref);
        }
        if (arrayf.length) {
          const at = utils.decode_cell(ref);
          for (const a of arrayf) {
            if (at.r >= a[0].s.r && at.r <= a[0].e.r && at.c >= a[0].s.c && at.c <= a[0].e.c) p.F = a[1];
          }
        }
      }
      if (t === null && p.v === undefined) {
        if (p.f || p.F) { p.v = 0; p.t = 'n'; } else if (!stubs) continue; else p.t = 'z';
      } else p.t = t || 'n';
      if (guess.s.c > tagc) guess.s.c = tagc;
      if (guess.e.c < tagc) guess.e.c = tagc;
      switch (p.t) {
        case 'n':
          if (p.v == '' || p.v == null) { if (!stubs) continue; p.t = 'z'; } else p.v = parseFloat(p.v);
          break;
        case 's':
          if (typeof p.v === 'undefined') { if (!stubs) continue; p.t = 'z'; } else {
            const sstr = strs[parseInt(p.v, 10)];
            if (sstr === undefined) throw new TypeError("Cannot read properties of undefined (reading 't')");
            p.v = sstr.t; p.r = sstr.r;
            if (o.cellHTML) p.h = sstr.h;
          }
          break;
        case 'str':
          p.t = 's'; p.v = p.v != null ? p.v : '';
          if (o.cellHTML) p.h = HTML_SPECIAL.test(p.v) ? core.escapehtml(p.v) : p.v;
          break;
        case 'inlineStr': {
          // the text of a plain <is><t>, or [XML] for SheetJS's parse_si
          const inl = rawv;
          p.t = 's';
          if (typeof inl === 'string') {
            p.v = unx(inl);
            if (o.cellHTML) p.h = HTML_SPECIAL.test(p.v) ? core.escapehtml(p.v) : p.v;
          } else {
            const sstr = Array.isArray(inl) ? core.parse_si(inl[0]) : null;
            if (sstr) { p.v = sstr.t; if (o.cellHTML) p.h = sstr.h; } else p.v = '';
          }
          break;
        }
        case 'b': p.v = core.parsexmlbool(p.v); break;
        case 'd':
          if (o.cellDates) p.v = core.parseDate(p.v, 1);
          else { p.v = core.datenum(core.parseDate(p.v, 1)); p.t = 'n'; }
          break;
        case 'e':
          if (!o || o.cellText !== false) p.w = p.v;
          p.v = core.RBErr[p.v];
          break;
        default: break;
      }
      let fmtid = 0;
      if (doFormat && sidx !== null) {
        const cf = styles.CellXf[sidx];
        if (cf != null && cf.numFmtId != null) fmtid = cf.numFmtId;
      }
      format(p, fmtid, o, ssfopts, memo);
      if (o.cellDates && doFormat && p.t == 'n' && SSF.is_date(core.table_fmt()[fmtid])) { p.t = 'd'; p.v = core.numdate(p.v); }
      if (o.dense) {
        const at = utils.decode_cell(ref);
        if (!s[at.r]) s[at.r] = [];
        s[at.r][at.c] = p;
      } else s[ref] = p;
    }
  }

  module.exports = { read };
})
