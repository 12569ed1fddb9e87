"""Bridge ops: the .xlsx container and its XML for `require('xlsx')` (SheetJS 0.18.5 API).

Why on the host: SheetJS's own parser (regexes over the XML, JS inflate) takes ~145 ms
for a 1,000-row sheet in QuickJS against ~2 ms here with zipfile + expat
(docs/libraries/xlsx.md). The ops only tokenise: they hand the JS side
(`modules/npm/xlsx_read.js`) each cell's raw attributes and texts, and it builds
SheetJS's cell objects with SheetJS's own code (`vendor/xlsx-core`), so types,
dates, formats and formulas follow the real package.

Bounds: the file (`MAX_FILE`), every part and their sum once inflated (`MAX_PART`
for sheets and shared strings, `MAX_TREE` for the parts parsed into a tree, `MAX_TOTAL`;
read with a bounded `read`, never trusting the sizes the zip declares: a zip bomb stops
at the cap), and the number of cells (`MAX_CELLS`, ~0.5 s of work here, and about what
an execution's memory holds as cell objects). Sheets are parsed as a stream, one row at
a time, so the host's memory follows the result, not the XML's tree. DTDs are refused
(no entity expansion of any kind).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

import orjson

from flowgate.codeblock.bridge.registry import BridgeError, op
from flowgate.codeblock.bridge.xlsx_sheet import read_sheet

MAX_FILE = 32 * 1024 * 1024
MAX_PART = 32 * 1024 * 1024
MAX_TREE = 4 * 1024 * 1024
MAX_TOTAL = 64 * 1024 * 1024
MAX_ENTRIES = 10_000

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SST_SPLIT_OPEN = re.compile(r"<(?:\w+:)?(?:si|sstItem)>")
_SST_SPLIT_CLOSE = re.compile(r"</(?:\w+:)?(?:si|sstItem)>")
_SST_BODY = re.compile(r"<(?:\w+:)?sst([^>]*)>([\s\S]*)</(?:\w+:)?sst>")


class _Budget:
    """Inflated bytes left for this read (the zip-bomb guard), and the entries by name."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.left = MAX_TOTAL
        entries = zf.infolist()
        if len(entries) > MAX_ENTRIES:
            raise BridgeError(f"xlsx: more than {MAX_ENTRIES} files in the zip", type="RangeError")
        self.index: dict[str, zipfile.ZipInfo] = {}
        for info in entries:  # the first of two same names wins, as in SheetJS's lookup
            self.index.setdefault(info.filename.lower(), info)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _part(zf: zipfile.ZipFile, name: str, budget: _Budget, limit: int = MAX_TREE) -> str | None:
    """The text of a part (case-insensitive name, as SheetJS), bounded; None if absent."""
    name = name.lstrip("/")
    info = budget.index.get(name.lower())
    if info is None:
        return None
    cap = min(limit, budget.left)
    try:
        with zf.open(info) as fh:
            data = fh.read(cap + 1)
    except Exception as exc:  # untrusted bytes: any failure here is the file's
        raise BridgeError(f"Corrupted zip : {exc}") from None
    if len(data) > cap:
        raise BridgeError(
            f"xlsx: {name} is larger than {cap} bytes once inflated", type="RangeError"
        )
    budget.left -= len(data)
    return data.decode("utf-8", "replace")


def _has(budget: _Budget, name: str) -> bool:
    return name.lstrip("/").lower() in budget.index


def _xml(text: str, name: str) -> ET.Element:
    if "<!DOCTYPE" in text[:4096] or "<!ENTITY" in text:
        raise BridgeError(f"xlsx: {name}: DTDs are not supported")
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise BridgeError(f"xlsx: {name}: malformed XML ({exc})") from None


def _rels(zf: zipfile.ZipFile, path: str, budget: _Budget) -> dict[str, tuple[str, str]]:
    """Id -> (type suffix, absolute target) of a part's relationships."""
    base, _, leaf = path.rpartition("/")
    text = _part(zf, f"{base}/_rels/{leaf}.rels" if base else f"_rels/{leaf}.rels", budget)
    out: dict[str, tuple[str, str]] = {}
    if text is None:
        return out
    for el in _xml(text, f"{path} relationships"):
        target = el.get("Target", "")
        if el.get("TargetMode") == "External":
            continue
        full = target.lstrip("/") if target.startswith("/") else _join(base, target)
        out[el.get("Id", "")] = (el.get("Type", "").rsplit("/", 1)[-1], full)
    return out


def _join(base: str, target: str) -> str:
    parts = (base.split("/") if base else []) + target.split("/")
    stack: list[str] = []
    for part in parts:
        if part == "..":
            if stack:
                stack.pop()
        elif part not in ("", "."):
            stack.append(part)
    return "/".join(stack)


def _styles(text: str | None) -> tuple[dict[str, str], list[int | None] | None]:
    """Custom number formats (id -> code) and each cellXfs entry's numFmtId."""
    fmts: dict[str, str] = {}
    xfs: list[int | None] | None = None
    if text is None:
        return fmts, xfs
    root = _xml(text, "styles")
    for child in root:
        name = _local(child.tag)
        if name == "numFmts":
            for nf in child:
                if nf.get("numFmtId") is not None:
                    fmts[nf.get("numFmtId", "")] = nf.get("formatCode", "")
        elif name == "cellXfs":
            xfs = []
            for xf in child:
                raw = xf.get("numFmtId")
                xfs.append(int(raw) if raw is not None and raw.lstrip("-").isdigit() else None)
    return fmts, xfs


def _sst(text: str | None) -> list[str]:
    """The raw XML of each shared string item (SheetJS's own split, for `parse_si`)."""
    if text is None:
        return []
    m = _SST_BODY.search(text)
    if m is None:
        return []
    # untrimmed: the JS side trims as SheetJS does (String#trim, not str.strip)
    return _SST_SPLIT_CLOSE.split(_SST_SPLIT_OPEN.sub("", m.group(2)))


_MAIN_NS = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "http://schemas.microsoft.com/office/excel/2006/main",
    "http://schemas.microsoft.com/office/excel/2006/2",
)
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
}
_SST_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"}
_STYLE_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"}
_CORE_TYPES = {"application/vnd.openxmlformats-package.core-properties+xml"}
_EXT_TYPES = {"application/vnd.openxmlformats-officedocument.extended-properties+xml"}
_KINDS = (
    ("wb", _WORKBOOK_TYPES),
    ("sst", _SST_TYPES),
    ("style", _STYLE_TYPES),
    ("core", _CORE_TYPES),
    ("ext", _EXT_TYPES),
)


@op("xlsx.read")
def read(data: bytes, opts: dict[str, Any] | None = None) -> str:
    """A workbook's parts, as a JSON string (one JSON.parse beats building objects here).

    Parts are found as SheetJS's parse_zip finds them: workbook, shared strings and
    styles from [Content_Types].xml, sheets from the workbook's relationships."""
    if not isinstance(data, bytes):
        raise BridgeError("xlsx.read: data must be bytes", type="TypeError")
    if len(data) > MAX_FILE:
        raise BridgeError(f"xlsx: files over {MAX_FILE} bytes are not supported", type="RangeError")
    opts = opts if isinstance(opts, dict) else {}
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # untrusted bytes: any failure here is the file's
        raise BridgeError(f"Corrupted zip : {exc}") from None
    budget = _Budget(zf)
    with zf:
        ct_text = _part(zf, "[Content_Types].xml", budget)
        if ct_text is None:
            if _has(budget, "index.xml"):
                raise BridgeError("Unsupported NUMBERS 09 file")
            raise BridgeError("Unsupported ZIP file")
        ct = _xml(ct_text, "[Content_Types].xml")
        if not ct.tag.startswith("{" + _CT_NS + "}"):
            raise BridgeError(
                f"Unknown Namespace: {ct.tag[1:].split('}')[0] if '}' in ct.tag else ''}"
            )
        found: dict[str, str] = {}
        for el in ct:
            kind = el.get("ContentType", "")
            name = next((k for k, types in _KINDS if kind in types), None)
            if name and name not in found and _local(el.tag) == "Override":
                found[name] = el.get("PartName", "").lstrip("/")
        wb_path = found.get("wb") or "xl/workbook.xml"
        if not _has(budget, wb_path):
            if _has(budget, "xl/workbook.bin"):
                raise BridgeError(
                    "Unsupported file: XLSB workbooks are not supported in the code-block sandbox"
                )
            raise BridgeError("Could not find workbook")
        return _book(zf, wb_path, found, opts, budget)


def _book(
    zf: zipfile.ZipFile, wb_path: str, found: dict[str, str], opts: dict[str, Any], budget: _Budget
) -> str:
    wb_text = _part(zf, wb_path, budget) or ""
    wb = _xml(wb_text, "workbook")
    ns = wb.tag[1:].split("}")[0] if wb.tag.startswith("{") else ""
    if ns not in _MAIN_NS:
        raise BridgeError(f"Unknown Namespace: {ns}")
    rels = _rels(zf, wb_path, budget)
    sheets: list[dict[str, Any]] = []
    for child in wb:
        if _local(child.tag) == "sheets":
            for i, sh in enumerate(child):
                rid = sh.get(f"{{{_REL_NS}}}id") or sh.get("id") or ""
                target = rels.get(rid, ("", f"xl/worksheets/sheet{i + 1}.xml"))[1]
                sheets.append({"name": sh.get("name", ""), "path": target})
    wanted = opts.get("sheets")
    fmts, xfs = _styles(_part(zf, found["style"], budget) if "style" in found else None)
    sst = _sst(_part(zf, found["sst"], budget, MAX_PART) if "sst" in found else None)
    counter = [0]
    out_sheets: list[dict[str, Any] | None] = []
    for i, entry in enumerate(sheets):
        if not _selected(wanted, i, entry["name"]) or opts.get("bookSheets"):
            out_sheets.append(None)
            continue
        text = _part(zf, entry["path"], budget, MAX_PART) if entry["path"] else None
        if text is None:
            out_sheets.append({"error": f"missing part {entry['path']}"})
            continue
        try:
            sheet = read_sheet(text, entry["name"], opts, counter)
            sheet["hlinks"] = _hyperlinks(zf, entry["path"], text, budget)
            sheet["comments"] = [
                c
                for kind, target in _rels(zf, entry["path"], budget).values()
                if kind == "comments" and (c := _part(zf, target, budget, MAX_PART)) is not None
            ]
            out_sheets.append(sheet)
        except BridgeError as exc:
            if exc.type == "RangeError":
                raise
            out_sheets.append({"error": exc.message})
    result = {
        "names": [s["name"] for s in sheets],
        "wbxml": wb_text,  # for SheetJS's own parse_wb_xml (the `Workbook` object)
        "fmts": fmts,
        "xfs": xfs,
        "sst": sst,
        "sheets": out_sheets,
        # docProps as text: SheetJS's own parse_core_props / parse_ext_props read them
        "core": _part(zf, found["core"], budget) if "core" in found else None,
        "ext": _part(zf, found["ext"], budget) if "ext" in found else None,
    }
    return orjson.dumps(result).decode()


_SHEETDATA = re.compile(r"<(?:\w+:)?sheetData[^>]*>([\s\S]*)</(?:\w+:)?sheetData>")
_HLINK = re.compile(r"<(?:\w:)?hyperlink [^>]*>")


def _hyperlinks(zf: zipfile.ZipFile, path: str, text: str, budget: _Budget) -> Any:
    """SheetJS's inputs to parse_ws_xml_hlinks: the <hyperlink> tags after <sheetData>
    (its own regular expressions) and the sheet's relationships as text; None if none."""
    if "hyperlink" not in text:
        return None
    m = _SHEETDATA.search(text)
    tags = _HLINK.findall(text[m.end() :] if m else text)
    if not tags:
        return None
    base, _, leaf = path.rpartition("/")
    rels = _part(zf, f"{base}/_rels/{leaf}.rels", budget)
    return {"tags": tags, "rels": rels, "path": path}


def _selected(wanted: Any, index: int, name: str) -> bool:
    """SheetJS's `sheets` option: an index, a name (any case) or a list of them."""
    if wanted is None:
        return True
    items = wanted if isinstance(wanted, list) else [wanted]
    for w in items:
        if isinstance(w, bool):
            continue
        if isinstance(w, (int, float)) and w == index:
            return True
        if isinstance(w, str) and w.lower() == name.lower():
            return True
    return False


# The writer's op lives next door; importing it registers it with the `xlsx.` prefix.
from flowgate.codeblock.bridge import xlsx_write  # noqa: E402, F401
