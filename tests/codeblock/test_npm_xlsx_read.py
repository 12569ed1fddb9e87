"""require('xlsx').read against Node 20 with xlsx 0.18.5: files written by SheetJS in
Node, by openpyxl, and by hand (cached formula values, shared/array formulas, inline
and rich strings, date1904); every read option scripts use; malformed input."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowgate.codeblock.bridge import xlsx_sheet
from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.codeblock.npm_xlsx_files import (
    FORMULA_SHEET,
    FORMULA_SST,
    handmade_book,
    openpyxl_book,
    zip_b64,
)
from tests.node_oracle import NodeOracle

# Everything a script can observe of a workbook: names, sheet keys in order, cells
# (lazily formatted `w` included), and the usual conversions.
DUMP = """
const XLSX = require('xlsx');
const wb = XLSX.read(input.data, Object.assign({type: 'base64'}, input.opts || {}));
const out = {props: wb.Props, names: wb.SheetNames, workbook: wb.Workbook, sheets: {}};
for (const name of wb.SheetNames) {
  const ws = wb.Sheets[name];
  if (!ws) { out.sheets[name] = null; continue; }
  const cells = {};
  for (const k of Object.keys(ws)) cells[k] = Array.isArray(ws[k]) || k[0] === '!' ? ws[k] : Object.assign({keys: Object.keys(ws[k])}, ws[k]);
  out.sheets[name] = {keys: Object.keys(ws), cells: JSON.parse(JSON.stringify(cells)),
    json: XLSX.utils.sheet_to_json(ws), aoa: XLSX.utils.sheet_to_json(ws, {header: 1, defval: null}),
    csv: XLSX.utils.sheet_to_csv(ws), text: XLSX.utils.sheet_to_json(ws, {raw: false, header: 'A'})};
}
return out;
"""

NODE_WRITTEN = """
const XLSX = require('xlsx');
const rows = [['id', 'name', 'amount', 'when', 'ok']];
for (let i = 0; i < input.n; i++) {
  rows.push([i, 'name ' + (i % 37), i * 1.25 - 3, new Date(Date.UTC(2024, 0, 1 + (i % 300), i % 24)), i % 3 === 0]);
}
const ws = XLSX.utils.aoa_to_sheet(rows, {cellDates: true});
ws.F2 = {t: 'n', v: 0.5, z: '0.00%'}; ws.G2 = {t: 'n', v: 4, f: 'A2+C2'}; ws.H2 = {t: 'e', v: 0x2A};
ws['!ref'] = XLSX.utils.encode_range({s: {r: 0, c: 0}, e: {r: input.n, c: 7}});
ws['!merges'] = [XLSX.utils.decode_range('F3:H4')];
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, ws, 'Data');
XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet([{a: 1, b: 'two'}, {a: null, c: true}]), 'Other');
return XLSX.write(wb, {type: 'base64', bookType: 'xlsx', bookSST: input.sst, compression: input.zip});
"""


def node_book(node: NodeOracle, n: int = 12, sst: bool = False, zip: bool = False) -> str:
    out = node.run(NODE_WRITTEN, {"n": n, "sst": sst, "zip": zip})
    assert out["success"], out
    data: str = out["result"]
    return data


def same(run_js: RunJs, node: NodeOracle, data: str, **opts: Any) -> dict[str, Any]:
    return assert_same(run_js, node, DUMP, {"data": data, "opts": opts})


@pytest.mark.parametrize("sst", [False, True])
@pytest.mark.parametrize("zip", [False, True])
def test_reads_what_node_wrote(run_js: RunJs, node: NodeOracle, sst: bool, zip: bool) -> None:
    same(run_js, node, node_book(node, sst=sst, zip=zip))


def test_streamed_sheets_read_the_same(
    run_js: RunJs, node: NodeOracle, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sheets over TREE_SHEET characters are parsed as a stream: force it on small files.
    monkeypatch.setattr(xlsx_sheet, "TREE_SHEET", 0)
    same(run_js, node, node_book(node, sst=True))
    same(run_js, node, handmade_book(FORMULA_SHEET, FORMULA_SST), cellNF=True)
    same(run_js, node, openpyxl_book())


@pytest.mark.parametrize(
    "opts",
    [
        {},
        {"cellDates": True},
        {"cellNF": True, "cellHTML": False},
        {"cellFormula": False, "cellText": False},
        {"sheetStubs": True},
        {"sheetRows": 5},
        {"sheets": "Lookup"},
        {"sheets": [0, "Hidden"]},
        {"dateNF": "yyyy/mm/dd", "cellDates": True},
        {"dense": True},
    ],
)
def test_reads_openpyxl_files(run_js: RunJs, node: NodeOracle, opts: dict[str, Any]) -> None:
    same(run_js, node, openpyxl_book(), **opts)


@pytest.mark.parametrize(
    "opts", [{}, {"cellDates": True, "cellNF": True}, {"sheetStubs": True}, {"xlfn": True}]
)
def test_formulas_cached_values_and_strings(
    run_js: RunJs, node: NodeOracle, opts: dict[str, Any]
) -> None:
    same(run_js, node, handmade_book(FORMULA_SHEET, FORMULA_SST), **opts)


def test_date1904_and_guessed_range(run_js: RunJs, node: NodeOracle) -> None:
    sheet = (
        '<dimension ref="B2"/><sheetData><row r="2"><c r="B2" s="2"><v>100</v></c>'
        '<c r="D2" s="2"><v>0.5</v></c></row><row r="5" spans="1:3"/><row r="7">'
        '<c r="A7" t="s"><v>0</v></c></row></sheetData>'
    )
    for opts in ({}, {"cellDates": True}):
        same(run_js, node, handmade_book(sheet, ["<t>x</t>"], date1904=True), **opts)


@pytest.mark.parametrize("opts", [{"bookSheets": True}, {"bookProps": True}])
def test_book_only_reads(run_js: RunJs, node: NodeOracle, opts: dict[str, Any]) -> None:
    code = "return require('xlsx').read(input.data, Object.assign({type: 'base64'}, input.opts));"
    assert_same(run_js, node, code, {"data": openpyxl_book(), "opts": opts})


def test_input_types(run_js: RunJs, node: NodeOracle) -> None:
    code = """
    const XLSX = require('xlsx');
    const buf = Buffer.from(input.data, 'base64');
    const reads = [XLSX.read(buf), XLSX.read(buf, {type: 'buffer'}), XLSX.read(input.data),
      XLSX.read(buf.toString('binary'), {type: 'binary'}), XLSX.read(new Uint8Array(buf), {type: 'array'}),
      XLSX.read(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length)), XLSX.read(new Uint8Array(buf))];
    return reads.map(wb => XLSX.utils.sheet_to_csv(wb.Sheets[wb.SheetNames[0]]));
    """
    assert_same(run_js, node, code, {"data": node_book(node)})


def test_thousand_rows(run_js: RunJs, node: NodeOracle) -> None:
    code = """
    const XLSX = require('xlsx');
    const wb = XLSX.read(input.data, {type: 'base64'});
    const ws = wb.Sheets.Data;
    const rows = XLSX.utils.sheet_to_json(ws);
    return {ref: ws['!ref'], n: rows.length, first: rows[0], last: rows[rows.length - 1],
      sum: rows.reduce((s, r) => s + r.amount, 0), w: Object.keys(ws).filter(k => k[0] !== '!').map(k => ws[k].w).join('|')};
    """
    assert_same(run_js, node, code, {"data": node_book(node, n=1000, sst=True)})


def test_formatted_text_is_stable_and_assignable(run_js: RunJs, node: NodeOracle) -> None:
    code = """
    const XLSX = require('xlsx');
    const wb = XLSX.read(input.data, {type: 'base64'});
    const c = wb.Sheets.S.D2, e = wb.Sheets.S.E2;
    const before = c.w; c.v = 1; const after = c.w; e.w = 'mine';
    return [before, after, e.w, Object.keys(e), JSON.stringify(e), 'w' in c, XLSX.utils.format_cell(c)];
    """
    assert_same(run_js, node, code, {"data": handmade_book(FORMULA_SHEET, FORMULA_SST)})


CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ERRORS = """
const XLSX = require('xlsx');
const data = input.raw === undefined ? input.data : Buffer.from(input.raw, 'base64');
try {
  const wb = XLSX.read(data, {type: input.raw === undefined ? 'base64' : 'buffer'});
  return wb.SheetNames;
} catch (e) { return {error: e.constructor.name, message: e.message}; }
"""


@pytest.mark.parametrize(
    "raw",
    [
        "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==",  # an empty zip
        zip_b64({"hello.txt": "not a workbook"}),
        zip_b64({"[Content_Types].xml": f"<Types xmlns='{CT}'/>"}),
        zip_b64({"[Content_Types].xml": "<Types/>"}),
        zip_b64(
            {"[Content_Types].xml": f"<Types xmlns='{CT}'/>", "xl/workbook.xml": "<workbook/>"}
        ),
    ],
)
def test_malformed_zip_errors_match_node(run_js: RunJs, node: NodeOracle, raw: str) -> None:
    assert_same(run_js, node, ERRORS, {"raw": raw})


def test_truncated_zip_is_a_clear_error(run_js: RunJs) -> None:
    out = run_js(ERRORS, {"raw": "UEsDBAo="})  # Node: 'Unsupported ZIP file'
    assert out["result"] == {"error": "Error", "message": "Corrupted zip : File is not a zip file"}


TEXT = """
const XLSX = require('xlsx');
const src = input.text;
const reads = {
  string: XLSX.read(src, {type: 'string', ...input.opts}),
  binary: XLSX.read(Buffer.from(src).toString('binary'), {type: 'binary', ...input.opts}),
  base64: XLSX.read(Buffer.from(src).toString('base64'), {type: 'base64', ...input.opts}),
  buffer: XLSX.read(Buffer.from(src), {type: 'buffer', ...input.opts}),
  array: XLSX.read(new Uint8Array(Buffer.from(src)), {type: 'array', ...input.opts}),
  u8: XLSX.read(new Uint8Array(Buffer.from(src)), {...input.opts}),
  ab: XLSX.read(new Uint8Array(Buffer.from(src)).buffer, {...input.opts}),
  buf: XLSX.read(Buffer.from(src), {...input.opts}),
};
const out = {};
for (const k of Object.keys(reads)) {
  const wb = reads[k];
  out[k] = {names: wb.SheetNames, ws: wb.Sheets[wb.SheetNames[0]], json: XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], {header: 1})};
}
return out;
"""


@pytest.mark.parametrize(
    ("text", "opts"),
    [
        ('id,name,amount,when\n1,Ann,3.5,2024-01-31\n2,"B, b",-1e3,TRUE\n', {}),
        ("a;b;c\n1;2;3\n", {"FS": ";"}),
        ("a\tb\n1\t2\n", {}),
        ("\ufeffname,qty\nÄpfel,3\n李,4\n", {}),
        (" x,y\n1,2\n", {"raw": True}),
        ("d\n2024-02-29\n1/2/2023\n", {"cellDates": True, "dateNF": "yyyy-mm-dd"}),
        ("n\n0012\n1,234\n$5\n50%\n", {}),
    ],
)
def test_reads_text_files_as_node(
    run_js: RunJs, node: NodeOracle, text: str, opts: dict[str, Any]
) -> None:
    assert_same(run_js, node, TEXT, {"text": text, "opts": opts})


@pytest.mark.parametrize(
    "raw",
    [
        "0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAA",  # an OLE (XLS) header
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB",  # PNG
    ],
)
def test_other_formats_are_refused(run_js: RunJs, raw: str) -> None:
    out = run_js(ERRORS, {"raw": raw})
    assert out["result"]["error"] == "Error", out
    assert out["result"]["message"].split(":")[0] in (
        "Unsupported file",
        "PNG Image File is not a spreadsheet",
    ), out


def test_zip_bomb_is_bounded(run_js: RunJs) -> None:
    # ~70 KB deflated, 65 MiB inflated: refused at the per-part cap, never inflated whole.
    sheet = "<worksheet><sheetData>" + " " * (65 * 1024 * 1024) + "</sheetData></worksheet>"
    files = {
        "[Content_Types].xml": f"<Types xmlns='{CT}'/>",
        "_rels/.rels": RELS,
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}"><sheets><sheet name="S" r:id="rId1" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": WB_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }
    out = run_js(ERRORS, {"raw": zip_b64(files)})
    assert out["result"]["error"] == "RangeError", out
    assert "larger than" in out["result"]["message"], out


RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WB_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def test_cell_count_is_bounded(
    run_js: RunJs, node: NodeOracle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_sheet, "MAX_CELLS", 10)
    out = run_js(ERRORS, {"raw": node_book(node)})
    assert out["result"] == {"error": "RangeError", "message": "xlsx: more than 10 cells"}


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_corrupted_files_fail_cleanly(run_js: RunJs, data: st.DataObject) -> None:
    # Any byte flipped or cut: a result or an Error, never a host failure (see conftest).
    raw = bytearray(base64.b64decode(_SMALL))
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    out = run_js(ERRORS, {"raw": base64.b64encode(bytes(raw)).decode()})
    assert out["success"], out


_SMALL = handmade_book(FORMULA_SHEET, FORMULA_SST)
