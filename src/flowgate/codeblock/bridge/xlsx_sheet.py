"""Worksheet XML -> the flat cell records `modules/npm/xlsx_read.js` builds cells from.

Part of the `xlsx.read` op (bridge/xlsx.py). A sheet up to `TREE_SHEET` characters is
parsed into a tree (fastest: ~10 ms of CPU for 1,000 x 5 cells); a larger one as a
stream, each <row> dropped once turned into records, so the host's memory follows the
result rather than the XML's tree (~10x the text). `MAX_CELLS` bounds the work (~0.5 s)
and the result (about what an execution's memory holds as cell objects).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from flowgate.codeblock.bridge.registry import BridgeError

MAX_CELLS = 250_000
#: Sheets up to this many characters are parsed into a tree, larger ones streamed.
TREE_SHEET = 4 * 1024 * 1024


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ended(parser: ET.XMLPullParser[ET.Element]) -> Iterator[ET.Element]:
    for event in parser.read_events():
        yield cast(ET.Element, cast(Any, event)[1])


def _inline(el: ET.Element, q_t: str) -> str | list[str] | None:
    """An <is>: its text when it is one plain <t> (the common case: nothing to rebuild,
    no parse_si to run); else [its content as XML] for SheetJS's parse_si; None when
    empty (SheetJS's regular expression finds no content in `<is/>`)."""
    if len(el) == 0:
        return None
    if len(el) == 1 and el[0].tag == q_t and not (el.text or "").strip():
        return el[0].text or ""
    return ["".join(_serialize(child) for child in el)]


_QUOT = {'"': "&quot;"}


def _serialize(el: ET.Element) -> str:
    """XML of an element with local names only (parse_si's expressions expect `<r>`,
    `<t>`, not ElementTree's `<ns0:r xmlns:ns0=...>`)."""
    tag = _local(el.tag)
    attrs = "".join(f' {_local(k)}="{escape(v, _QUOT)}"' for k, v in el.attrib.items())
    inner = escape(el.text or "") + "".join(_serialize(c) + escape(c.tail or "") for c in el)
    return f"<{tag}{attrs}>{inner}</{tag}>" if inner else f"<{tag}{attrs}/>"


def read_sheet(text: str, name: str, opts: dict[str, Any], counter: list[int]) -> dict[str, Any]:
    """One worksheet: dimension, row numbers, flat cell records, merges, margins.

    A sheet up to `TREE_SHEET` characters is parsed into a tree (fastest: ~10 ms for
    1,000 x 5); a larger one as a stream, each <row> dropped once turned into records,
    so the host's memory follows the result rather than the XML's tree."""
    if "<!DOCTYPE" in text[:4096] or "<!ENTITY" in text:
        raise BridgeError(f"xlsx: {name}: DTDs are not supported")
    out: dict[str, Any] = {
        "dim": None,
        "cells": [],
        "merges": [],
        "margins": None,
        "sview": None,
    }
    formulas = opts.get("cellFormula", True) is not False
    state: dict[str, Any] = {"q": None, "row": 0}
    try:
        if len(text) <= TREE_SHEET:
            root = ET.fromstring(text)
            _elements((el for child in root for el in _flat(child)), out, state, formulas, counter)
            return out
        parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("end",))
        for i in range(0, len(text), 1 << 20):
            parser.feed(text[i : i + (1 << 20)])
            _elements(_ended(parser), out, state, formulas, counter)
        parser.close()
        _elements(_ended(parser), out, state, formulas, counter)
    except ET.ParseError as exc:
        raise BridgeError(f"xlsx: {name}: malformed XML ({exc})") from None
    return out


def _flat(child: ET.Element) -> Iterator[ET.Element]:
    """A tree's top-level element as the stream would end it: rows of sheetData, then it."""
    if _local(child.tag) in ("sheetData", "mergeCells", "sheetViews"):
        yield from child
    yield child


def _elements(
    elements: Iterable[ET.Element],
    out: dict[str, Any],
    state: dict[str, Any],
    formulas: bool,
    counter: list[int],
) -> None:
    for el in elements:
        q = state["q"]
        if q is None:  # the first element to end names the sheet's namespace
            tag = el.tag
            ns = tag[: tag.index("}") + 1] if tag.startswith("{") else ""
            q = state["q"] = tuple(ns + t for t in ("row", "c", "v", "f", "is", "t"))
        if el.tag == q[0]:
            r = el.get("r")
            state["row"] = int(r) if r is not None and r.isdigit() else state["row"] + 1
            _row(el, state["row"], q, formulas, out, counter)
            el.clear()
            continue
        tag = _local(el.tag)
        if tag == "dimension":
            out["dim"] = el.get("ref")
        elif tag == "mergeCell" and el.get("ref"):
            out["merges"].append(el.get("ref"))
        elif tag == "pageMargins":
            out["margins"] = dict(el.attrib)
        elif tag == "sheetView" and out["sview"] is None:  # SheetJS reads the first only
            out["sview"] = dict(el.attrib)


def _row(
    row: ET.Element,
    row_no: int,
    q: tuple[str, ...],
    formulas: bool,
    out: dict[str, Any],
    counter: list[int],
) -> None:
    """One <row> as records (the format `modules/npm/xlsx_read.js` reads):
    `-(row number + 1)`, then per cell `col, t, v, s, extra` with 0 for an absent
    value, `v` carrying the <is> payload of an inlineStr cell (`_inline`), and `extra`
    0 or `[r attribute if not the cell's own address, f, f@t, f@ref, f@si]`. Compact:
    the parsed array is most of a read's memory in the sandbox."""
    q_c, q_v, q_f, q_is, q_t = q[1], q[2], q[3], q[4], q[5]
    counter[0] += len(row)
    if counter[0] > MAX_CELLS:
        raise BridgeError(f"xlsx: more than {MAX_CELLS} cells", type="RangeError")
    cells = out["cells"]
    cells.append(-(row_no + 1))
    add = cells.extend
    suffix = str(row_no)
    col = -1
    for c in row:
        if c.tag != q_c:
            continue
        get = c.get
        ref = get("r")
        col = _col(ref) if ref else col + 1
        t = get("t")
        v: Any = 0
        extra: Any = 0
        for sub in c:
            st = sub.tag
            if st == q_v:
                if t != "inlineStr":
                    v = sub.text or ""
            elif st == q_f:
                if formulas:
                    extra = [0, sub.text or "", sub.get("t") or 0, sub.get("ref") or 0]
                    extra.append(sub.get("si") or 0)
            elif st == q_is and t == "inlineStr":
                v = _inline(sub, q_t)
        if ref is not None and (col < 0 or ref != _colname(col) + suffix):
            extra = extra or [0, 0, 0, 0, 0]
            extra[0] = ref
        add((col, t or 0, v, get("s") or 0, extra))


_COLNAMES: list[str] = []


def _colname(col: int) -> str:
    """SheetJS's encode_col, cached (a sheet has few columns)."""
    if col < 0:
        return ""
    while len(_COLNAMES) <= min(col, 16383):
        n, name = len(_COLNAMES) + 1, ""
        while n:
            n, rem = divmod(n - 1, 26)
            name = chr(65 + rem) + name
        _COLNAMES.append(name)
    return _COLNAMES[col] if col < len(_COLNAMES) else ""


def _col(ref: str) -> int:
    idx = 0
    for ch in ref:
        cc = ord(ch) - 64
        if cc < 1 or cc > 26:
            break
        idx = 26 * idx + cc
    return idx - 1
