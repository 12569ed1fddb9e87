"""Workbooks for the xlsx tests: written by openpyxl (as real-world files are) and
by hand (the parts openpyxl never writes: cached formula values, shared formulas,
inline and rich strings, array formulas, date1904), all as base64 for `input`."""

from __future__ import annotations

import base64
import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.hyperlink import Hyperlink


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def openpyxl_book() -> str:
    """Several sheets: dates and times, number formats, booleans, errors, merges, gaps."""
    wb = Workbook()
    ws = wb.create_sheet("Orders", 0)
    wb.remove(wb.worksheets[1])
    ws.append(["id", "customer", "amount", "ordered", "paid", "note"])
    for i in range(1, 31):
        ws.append(
            [
                i,
                f"客户 {i % 4}" if i % 3 else f"Cust & <{i}>",
                i * 10.5 if i % 5 else -i / 3,
                dt.datetime(2024, 1, i % 28 + 1, i % 24, 30),
                i % 2 == 0,
                None if i % 4 else "#N/A",
            ]
        )
    ws["C2"].number_format = "#,##0.00"
    ws["C3"].number_format = "0.0%"
    ws["C4"].number_format = '"$"#,##0.00_);[Red]("$"#,##0.00)'
    ws["D5"].number_format = "yyyy-mm-dd hh:mm:ss"
    ws["D6"] = dt.date(1999, 12, 31)
    ws["D7"] = dt.time(13, 45, 10)
    ws["F8"] = "=SUM(C2:C4)"
    ws["H1"] = "merged title"
    ws.merge_cells("H1:J2")
    ws["H1"].alignment = Alignment(horizontal="center")
    ws["B3"].hyperlink = "https://example.com/a?b=1&c=2"
    ws["B4"].hyperlink = Hyperlink(ref="B4", location="Lookup!A1", tooltip="go")
    ws["K5"].hyperlink = "mailto:x@example.com"
    ws["A2"].comment = Comment("first\nnote & <b>", "Ann")
    ws["M50"].comment = Comment("on an empty cell", "Bob")
    ws["A40"] = "after a gap"
    ws["B40"] = 1e-7
    ws["C40"] = 123456789012
    ws["D40"] = 2.5e20
    second = wb.create_sheet("Empty")
    del second
    third = wb.create_sheet("Lookup")
    third.append(["k", "v"])
    third.append(["a", 1])
    third.append(["b", True])
    third.sheet_view.zoomScale = 150
    third.sheet_view.rightToLeft = True
    wb.defined_names["Rate"] = DefinedName("Rate", attr_text="Lookup!$B$2")
    hidden = wb.create_sheet("Hidden")
    hidden["A1"] = "secret"
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return b64(out.getvalue())


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def handmade_book(sheet_xml: str, sst: list[str] | None = None, date1904: bool = False) -> str:
    """A minimal .xlsx around one sheet's <sheetData>... (and optional raw <si> items)."""
    parts: dict[str, str] = {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + (
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                if sst is not None
                else ""
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0"?><workbook {_NS} {_R}>'
            + ('<workbookPr date1904="1"/>' if date1904 else "")
            + '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_REL}/worksheet" '
            'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{_REL}/styles" Target="styles.xml"/>'
            + (
                f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
                if sst is not None
                else ""
            )
            + "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<?xml version="1.0"?><styleSheet {_NS}><numFmts count="2">'
            '<numFmt numFmtId="164" formatCode="0.000"/><numFmt numFmtId="165" '
            'formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>'
            '<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs></styleSheet>'
        ),
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {_NS} {_R}>{sheet_xml}</worksheet>',
    }
    if sst is not None:
        parts["xl/sharedStrings.xml"] = (
            f'<?xml version="1.0"?><sst {_NS} count="{len(sst)}" uniqueCount="{len(sst)}">'
            + "".join(f"<si>{item}</si>" for item in sst)
            + "</sst>"
        )
    return zip_b64(parts)


def zip_b64(parts: dict[str, str], method: int = zipfile.ZIP_DEFLATED) -> str:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return b64(out.getvalue())


FORMULA_SHEET = (
    '<dimension ref="A1:E6"/><sheetData>'
    '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2.5</v></c>'
    '<c r="C1"><f>A1+B1</f><v>3.5</v></c><c r="D1" t="str"><f>"x"&amp;A1</f><v>x1</v></c>'
    '<c r="E1" t="b"><f>A1&gt;0</f><v>1</v></c></row>'
    '<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">A1*2</f><v>2</v></c>'
    '<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C2" s="1"><v>3.14159</v></c>'
    '<c r="D2" s="2"><v>45000.75</v></c><c r="E2" s="3"><v>0.125</v></c></row>'
    '<row r="3"><c r="A3"><f t="shared" si="0"/><v>4</v></c><c r="B3" t="inlineStr">'
    '<is><t>inline &amp; text</t></is></c><c r="C3" t="s"><v>0</v></c>'
    '<c r="D3" t="s"><v>1</v></c><c r="E3"><f>_xlfn.CONCAT("a","b")</f><v>0</v></c></row>'
    '<row r="4"><c r="A4"><f t="shared" si="0"/><v>8</v></c><c r="B4" t="d"><v>2024-02-29T12:00:00</v></c>'
    '<c r="C4" t="s"><v>2</v></c><c r="D4"/><c r="E4" t="e"><v>#N/A</v></c></row>'
    '<row r="5"><c r="A5" t="inlineStr"><is><r><rPr><b/></rPr><t>rich</t></r><r><t> inline</t></r></is></c>'
    '<c r="B5" t="inlineStr"><is><t>a_x000D_b "q" \'s\'</t></is></c><c r="C5" t="inlineStr"><is>'
    '<t>ph</t><rPh sb="0" eb="1"><t>x</t></rPh></is></c><c r="D5" t="inlineStr"><is/></c>'
    '<c r="E5" t="inlineStr"><is>  <t xml:space="preserve"> sp </t></is></c></row>'
    '<row r="6"><c r="A6"><f t="array" ref="A6:B6">{1,2}</f><v>1</v></c><c r="B6"><v>2</v></c>'
    '<c r="C6"><f>NOVALUE()</f></c><c r="D6" t="str"><f>CHAR(13)</f><v>a_x000D_b</v></c></row>'
    '</sheetData><mergeCells count="1"><mergeCell ref="C6:E6"/></mergeCells>'
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
)
FORMULA_SST = [
    "<t>plain</t>",
    "  <t>padded item</t>  ",
    '<r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> tail</t></r>',
    "<t>with &lt;tags&gt; &amp; émoji 😀</t>",
]
