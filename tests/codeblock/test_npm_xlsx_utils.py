"""XLSX.utils and XLSX.SSF on synthetic data, against Node 20 with xlsx 0.18.5 (they are
SheetJS's own code, extracted from the package: these pin the extraction)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

SETUP = """
const XLSX = require('xlsx');
const U = XLSX.utils;
const data = [
  {name: 'Ann', age: 31, joined: new Date(Date.UTC(2020, 1, 29, 12)), vip: true, score: 1234.5678},
  {name: 'Bob', age: null, joined: new Date(Date.UTC(1999, 11, 31)), vip: false},
  {name: '李雷', age: 0, extra: 'x,y"z', score: -0.000123},
  {},
  {name: 'Zed', age: 1e21, score: 0.1 + 0.2},
];
const aoa = [['a', 'b', 'c'], [1, 'two', true], [null, undefined, new Date(Date.UTC(2024, 6, 4))], [], [3.5, '', false]];
"""

CASES = [
    "return U.sheet_to_json(U.json_to_sheet(data));",
    "return U.sheet_to_json(U.json_to_sheet(data), {header: 1});",
    "return U.sheet_to_json(U.json_to_sheet(data), {header: 'A', defval: ''});",
    "return U.sheet_to_json(U.json_to_sheet(data), {header: ['n', 'a', 'j'], range: 1});",
    "return U.sheet_to_json(U.json_to_sheet(data), {raw: false, dateNF: 'yyyy-mm-dd'});",
    "return U.sheet_to_json(U.json_to_sheet(data), {blankrows: true, defval: null});",
    "return U.sheet_to_json(U.json_to_sheet(data), {rawNumbers: true, raw: false});",
    "return U.sheet_to_json(U.json_to_sheet(data), {range: 'B2:C4', header: 1});",
    "return U.json_to_sheet(data, {cellDates: true, header: ['score', 'name'], skipHeader: false});",
    "return U.json_to_sheet(data, {dateNF: 'dd/mm/yyyy', skipHeader: true});",
    "return U.aoa_to_sheet(aoa);",
    "return U.aoa_to_sheet(aoa, {cellDates: true, sheetStubs: true});",
    "const ws = U.aoa_to_sheet(aoa); U.sheet_add_aoa(ws, [[9, 8], [7]], {origin: 'B7'});"
    " U.sheet_add_aoa(ws, [['end']], {origin: -1}); return [ws, U.sheet_to_csv(ws)];",
    "const ws = U.json_to_sheet(data); U.sheet_add_json(ws, [{name: 'New', age: 5}], {origin: -1, skipHeader: true});"
    " return U.sheet_to_json(ws);",
    "return U.sheet_to_csv(U.aoa_to_sheet(aoa));",
    "return U.sheet_to_csv(U.aoa_to_sheet(aoa), {FS: '\\t', RS: '|', blankrows: false, strip: true});",
    "return U.sheet_to_csv(U.json_to_sheet(data), {forceQuotes: true});",
    "return U.sheet_to_txt(U.aoa_to_sheet(aoa));",
    "return U.sheet_to_html(U.aoa_to_sheet(aoa.slice(0, 2)), {id: 't', editable: true});",
    "return U.sheet_to_formulae(U.aoa_to_sheet(aoa));",
    "const wb = U.book_new(); U.book_append_sheet(wb, U.aoa_to_sheet(aoa));"
    " U.book_append_sheet(wb, U.aoa_to_sheet(aoa)); U.book_append_sheet(wb, U.aoa_to_sheet(aoa), 'Sheet1', true);"
    " U.book_set_sheet_visibility(wb, 1, 2); return wb;",
    "return [U.encode_cell({r: 0, c: 0}), U.encode_cell({r: 1048575, c: 16383}), U.decode_cell('$AB$12'),"
    " U.encode_range({s: {r: 0, c: 0}, e: {r: 9, c: 27}}), U.encode_range({r: 1, c: 1}, {r: 2, c: 2}),"
    " U.decode_range('A1:XFD1048576'), U.decode_range('C3'), U.encode_col(0), U.encode_col(701),"
    " U.encode_col(702), U.decode_col('ZZ'), U.encode_row(0), U.decode_row('10'), U.split_cell('$A$1')];",
    "const c = {t: 'n', v: 45000.5, z: 'yyyy-mm-dd hh:mm'}; return [U.format_cell(c), U.format_cell({t: 'n', v: 1, w: 'one'}),"
    " U.format_cell({t: 'e', v: 0x17}), U.format_cell({t: 'b', v: false}), U.format_cell(null), U.format_cell({t: 'z'})];",
    "const ws = U.aoa_to_sheet([[1, 2]]); U.cell_set_number_format(ws.A1, '0.00');"
    " U.cell_set_hyperlink(ws.B1, 'https://x.test', 'tip'); U.cell_add_comment(ws.A1, 'hi', 'me');"
    " U.sheet_set_array_formula(ws, 'C1:C2', 'A1:A2*2'); return ws;",
    "return [XLSX.version, Object.keys(XLSX), Object.keys(XLSX.SSF), Object.keys(U), U.consts];",
]


@pytest.mark.parametrize("case", CASES)
def test_utils(run_js: RunJs, node: NodeOracle, case: str) -> None:
    assert_same(run_js, node, SETUP + case)


SSF_CASES = [
    ("General", [0, 1, -1.5, 1234567.891, 1e-10, 123456789012345, 0.1 + 0.2, "text", True]),
    ("0.00", [0, 3.14159, -2.005, 1e10]),
    ("#,##0", [1234567.5, -1000, 0]),
    ("0%", [0.256, -1.5]),
    ("0.00E+00", [12345.678, 0.000123]),
    ("# ?/?", [1.25, -0.3333, 5]),
    ('"$"#,##0.00_);[Red]("$"#,##0.00)', [1234.5, -1234.5, 0]),
    ("yyyy-mm-dd hh:mm:ss", [45000.75, 1, 60, 61, 0.5]),
    ("m/d/yy", [45292, 45292.9999]),
    ("[h]:mm:ss", [1.5, 0.0416]),
    ("dddd, mmmm d, yyyy", [45000]),
    ("@", ["abc", 12]),
    ("0.0;(0.0);zero;@", [5, -5, 0, "t"]),
    ("[<100]0;[>=100]#,##0.0", [50, 150]),
    (14, [45000]),
    (22, [45000.5]),
    (4, [1234.5678]),
    (49, ["s", 3]),
]


@pytest.mark.parametrize(("fmt", "values"), SSF_CASES)
def test_ssf_format(run_js: RunJs, node: NodeOracle, fmt: object, values: list[object]) -> None:
    code = (
        "const XLSX = require('xlsx'); return input.values.map(v => { try { "
        "return XLSX.SSF.format(input.fmt, v); } catch (e) { return 'ERR ' + e.message; } });"
    )
    assert_same(run_js, node, code, {"fmt": fmt, "values": values})


def test_ssf_helpers(run_js: RunJs, node: NodeOracle) -> None:
    code = """
    const XLSX = require('xlsx');
    return [XLSX.SSF.is_date('yyyy-mm-dd'), XLSX.SSF.is_date('0.00'), XLSX.SSF.parse_date_code(45000.75),
      XLSX.SSF.parse_date_code(45000.75, {date1904: true}), XLSX.SSF.get_table()[14], XLSX.SSF.load('0.0000'),
      XLSX.SSF.format(XLSX.SSF.load('0.0000'), 2), XLSX.SSF.format('yyyy', new Date(Date.UTC(2001, 0, 1)))];
    """
    assert_same(run_js, node, code)


@settings(max_examples=30, deadline=None)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(
                st.none(),
                st.booleans(),
                st.integers(-(10**12), 10**12),
                st.floats(allow_nan=False, allow_infinity=False, width=32),
                st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
            ),
            max_size=5,
        ),
        max_size=6,
    )
)
def test_aoa_roundtrip_through_xlsx(
    run_js: RunJs, node: NodeOracle, rows: list[list[object]]
) -> None:
    code = """
    const XLSX = require('xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(input.rows), 'S');
    const back = XLSX.read(XLSX.write(wb, {type: 'base64', bookType: 'xlsx', bookSST: true}), {type: 'base64'});
    return [XLSX.utils.sheet_to_json(back.Sheets.S, {header: 1, raw: false}), XLSX.utils.sheet_to_csv(back.Sheets.S)];
    """
    assert_same(run_js, node, code, {"rows": rows})


def test_package_subpaths(run_js: RunJs, node: NodeOracle) -> None:
    code = """
    const main = require('xlsx');
    return ['xlsx/xlsx.js', 'xlsx/xlsx', 'xlsx/dist/xlsx.full.min.js', 'xlsx/dist/xlsx.full.min']
      .map(p => { const m = require(p); return [m.version, typeof m.read, typeof m.utils.sheet_to_json]; });
    """
    assert_same(run_js, node, code)
