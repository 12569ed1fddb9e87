"""require('xlsx').write: workbooks written in the sandbox, read back by Node 20's xlsx
0.18.5, must read exactly as the same workbook written by Node; text book types and
output types compare directly."""

from __future__ import annotations

from typing import Any

import pytest

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

BUILD = """
const XLSX = require('xlsx');
const rows = [['id', 'name', 'amount', 'when', 'ok', 'none']];
for (let i = 0; i < input.n; i++) {
  rows.push([i, i % 5 ? 'näme ' + (i % 7) : '<tag> & "q" 😀', i * 1.25 - 3,
    new Date(Date.UTC(2024, 0, 1 + i, i % 24)), i % 2 === 0, null]);
}
const ws = XLSX.utils.aoa_to_sheet(rows, {cellDates: input.cellDates});
ws.G1 = {t: 'e', v: 0x07}; ws.G2 = {t: 'n', v: 3, f: 'C2*2', z: '0.00%'};
ws.G3 = {t: 's', v: 'x', f: '"x"'}; ws.G4 = {t: 'n', v: 1, F: 'G4:G5', f: '{1;2}'}; ws.G5 = {t: 'n', v: 2, F: 'G4:G5'};
ws.H1 = {t: 'z'}; ws.A2.l = {Target: 'https://x.test/?a=1&b=2', Tooltip: 'tip'}; if (ws.B3) ws.B3.l = {Target: '#Other!A1'};
XLSX.utils.cell_add_comment(ws.A1, 'a note', 'me'); ws.H2 = {t: 'd', v: new Date(Date.UTC(1999, 11, 31)), z: 'yyyy-mm-dd'};
ws['!ref'] = 'A1:H' + (input.n + 2);
ws['!merges'] = [XLSX.utils.decode_range('A' + (input.n + 2) + ':C' + (input.n + 2))];
ws['!cols'] = [{wch: 12}, {wpx: 80}];
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, ws, 'Data');
XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet([{a: 1, b: 'two'}, {a: null, c: true}]), 'Other');
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Blank');
if (input.hidden) XLSX.utils.book_set_sheet_visibility(wb, 'Other', 1);
"""

READ_BACK = """
const XLSX = require('xlsx');
const wb = XLSX.read(input.data, {type: 'base64', cellNF: true, cellDates: true});
return {names: wb.SheetNames, hidden: wb.Workbook.Sheets.map(s => s.Hidden), props: wb.Props,
  sheets: wb.SheetNames.map(n => wb.Sheets[n])};
"""


def write_in(run: Any, opts: dict[str, Any], **build: Any) -> str:
    code = BUILD + f"return XLSX.write(wb, {{type: 'base64', bookType: 'xlsx', ...{opts!r}}});"
    out = run(code.replace("True", "true").replace("False", "false"), {"n": 8, **build})
    assert out["success"], out
    data: str = out["result"]
    return data


@pytest.mark.parametrize(
    "opts",
    [{}, {"bookSST": True}, {"compression": True}, {"cellDates": True}, {"bookType": "xlsm"}],
)
def test_node_reads_our_file_as_its_own(
    run_js: RunJs, node: NodeOracle, opts: dict[str, Any]
) -> None:
    ours = write_in(run_js, opts, cellDates=False, hidden=True)
    theirs = write_in(node.run, opts, cellDates=False, hidden=True)
    a = node.run(READ_BACK, {"data": ours})
    b = node.run(READ_BACK, {"data": theirs})
    assert a == b


def test_we_read_our_file_as_node_reads_it(run_js: RunJs, node: NodeOracle) -> None:
    data = write_in(run_js, {"bookSST": True}, cellDates=True, hidden=False)
    assert_same(run_js, node, READ_BACK, {"data": data})


@pytest.mark.parametrize(
    "tail",
    [
        "return XLSX.write(wb, {type: 'string', bookType: 'csv'});",
        "return XLSX.write(wb, {type: 'base64', bookType: 'csv', sheet: 'Other'});",
        "return XLSX.write(wb, {type: 'binary', bookType: 'csv', FS: ';'});",
        "return XLSX.write(wb, {type: 'buffer', bookType: 'csv'}).toString('hex');",
        "return XLSX.write(wb, {type: 'string', bookType: 'txt'});",
        "return XLSX.write(wb, {type: 'base64', bookType: 'txt'});",
        # Date cells are left out: QuickJS's Date#toString has no "(Coordinated Universal Time)"
        "delete ws.H2; return XLSX.write(wb, {type: 'string', bookType: 'html'});",
        "const ab = XLSX.write(wb, {type: 'array', bookType: 'csv'}); return [ab instanceof ArrayBuffer, ab.byteLength];",
        "const ab = XLSX.write(wb, {type: 'array', bookType: 'xlsx'}); return ab instanceof ArrayBuffer;",
        "const b = XLSX.write(wb, {type: 'buffer', bookType: 'xlsx'}); return [Buffer.isBuffer(b), b.slice(0, 2).toString()];",
        "const s = XLSX.write(wb, {type: 'binary', bookType: 'xlsx'}); return XLSX.utils.sheet_to_csv(XLSX.read(s, {type: 'binary'}).Sheets.Data);",
        "const s = XLSX.writeXLSX(wb, {type: 'base64'}); return XLSX.read(s).SheetNames;",
    ],
)
def test_output_types(run_js: RunJs, node: NodeOracle, tail: str) -> None:
    assert_same(run_js, node, BUILD + tail, {"n": 5, "cellDates": False})


ERROR = """
try { {body} } catch (e) { return {error: e.constructor.name, message: e.message}; }
return 'no error';
"""


@pytest.mark.parametrize(
    "body",
    [
        "XLSX.write(wb, {type: 'string', bookType: 'xlsx'});",
        "XLSX.write(wb, {bookType: 'xlsx'});",
        "XLSX.write(wb, {type: 'base64', bookType: 'nope'});",
        "XLSX.write(wb, {type: 'base64', bookType: 'csv', sheet: 'Missing'});",
        "XLSX.write({SheetNames: [], Sheets: {}}, {type: 'base64', bookType: 'xlsx'});",
        "XLSX.write({SheetNames: ['a'.repeat(40)], Sheets: {}}, {type: 'base64', bookType: 'xlsx'});",
        "XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[1]]), 'Data');",
        "XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[1]]), 'bad/name');",
        "const w = XLSX.utils.book_new(); XLSX.utils.book_append_sheet(w, XLSX.utils.aoa_to_sheet([['x'.repeat(32768)]]), 'S');"
        " XLSX.write(w, {type: 'base64', bookType: 'xlsx'});",
    ],
)
def test_write_errors(run_js: RunJs, node: NodeOracle, body: str) -> None:
    assert_same(run_js, node, BUILD + ERROR.replace("{body}", body), {"n": 2})


def test_unsupported_book_type_is_clear(run_js: RunJs) -> None:
    out = run_js(
        BUILD + ERROR.replace("{body}", "XLSX.write(wb, {type: 'base64', bookType: 'ods'});"),
        {"n": 1},
    )
    assert out["result"]["message"].startswith("xlsx.write: bookType 'ods' is not supported"), out


def test_default_book_type_reads_back(run_js: RunJs, node: NodeOracle) -> None:
    # Node writes XLSB without bookType; we write XLSX. Both read back the same.
    code = BUILD + (
        "const d = XLSX.write(wb, {type: 'base64'}); const r = XLSX.read(d);"
        " return r.SheetNames.map(n => XLSX.utils.sheet_to_json(r.Sheets[n], {header: 1}));"
    )
    assert_same(run_js, node, code, {"n": 4, "cellDates": False})
