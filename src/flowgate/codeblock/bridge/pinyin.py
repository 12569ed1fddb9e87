"""Bridge ops behind `require('pinyin')`: a port of pinyin@4.0.0's algorithm (MIT,
https://github.com/hotoo/pinyin, `PinyinBase` in lib/cjs/pinyin.js) over its own tables.

The JS adapter (`modules/npm/pinyin.js`) reads the options exactly as the package does and
calls `pinyin.convert` with the normalised ones; `compact` stays in JS. Everything here
works on UTF-16 code units, as the package does (`hans[i]`, `charCodeAt`): an astral
character is two units that no table knows, so it is kept as text, and a segment of
several units that is not a phrase is split unit by unit (lone surrogates included, as
in Node; the bridge passes them through).

Why a port and not `pypinyin`: the package's own tables and rules agree with Node on
every case of the differential corpus; `pypinyin` (its own dictionaries, phrase rules and
style conversions) disagrees on a large share (docs/libraries/pinyin.md has the numbers).
"""

from __future__ import annotations

from functools import lru_cache

from flowgate.codeblock.bridge import pinyin_data, pinyin_icu
from flowgate.codeblock.bridge.pinyin_collate import compare_keys
from flowgate.codeblock.bridge.registry import BridgeError, op

#: Longest text (UTF-16 code units) one call converts: bounds the host's time per call
#: (measured at this size: ~0.2 s unsegmented, ~0.6 s segmented with group, on 2 busy cores).
MAX_TEXT = 100_000
#: Most pinyin strings one result may hold: `group` joins a phrase's heteronyms into every
#: combination (exponential in the phrase's length), which Node computes until it runs out
#: of memory.
MAX_STRINGS = 1_000_000

STYLE_NORMAL, STYLE_TONE, STYLE_TONE2, STYLE_INITIALS, STYLE_FIRST_LETTER = 0, 1, 2, 3, 4
STYLE_TO3NE, STYLE_PASSPORT = 5, 6
#: How `segment` was given: none, @node-rs/jieba, `true` (Intl.Segmenter: ICU's dictionary,
#: pinyin_icu.py), or a segmenter the oracle lacks (nodejieba, segmentit: the whole text is
#: one word).
SEGMENTS = ("none", "jieba", "intl", "whole")

PHONETIC_SYMBOL = {
    "ā": "a1", "á": "a2", "ǎ": "a3", "à": "a4", "ē": "e1", "é": "e2", "ě": "e3", "è": "e4",
    "ō": "o1", "ó": "o2", "ǒ": "o3", "ò": "o4", "ī": "i1", "í": "i2", "ǐ": "i3", "ì": "i4",
    "ū": "u1", "ú": "u2", "ǔ": "u3", "ù": "u4", "ü": "v0", "ǘ": "v2", "ǚ": "v3", "ǜ": "v4",
    "ń": "n2", "ň": "n3", "\ue7c7": "m2",
}  # fmt: skip
#: Initials in the package's order (two-letter ones before their one-letter prefix).
INITIALS = ("b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
            "zh", "ch", "sh", "z", "c", "s")  # fmt: skip

Pys = list[list[str]]


@lru_cache(maxsize=65536)
def to_fixed(py: str, style: int) -> str:
    """The package's `toFixed`: one TONE-style reading in `style`."""
    if style == STYLE_INITIALS:
        return next((i for i in INITIALS if py.startswith(i)), "")
    if style == STYLE_FIRST_LETTER:
        first = py[:1]
        return PHONETIC_SYMBOL[first][0] if first in PHONETIC_SYMBOL else first
    if style not in (STYLE_NORMAL, STYLE_PASSPORT, STYLE_TO3NE, STYLE_TONE2):
        return py
    out, tone = [], ""
    for ch in py:
        sym = PHONETIC_SYMBOL.get(ch)
        if sym is None:
            out.append(ch)
        elif style == STYLE_TO3NE:
            out.append(sym)
        else:  # RE_TONE2 = /([aeoiuvnm])([0-4])$/ always matches these two-letter values
            letter = sym[0]
            out.append(letter.replace("v", "YU", 1) if style == STYLE_PASSPORT else letter)
            tone = sym[1]
    text = "".join(out)
    if style == STYLE_PASSPORT:
        return text.upper()
    return text + tone if style == STYLE_TONE2 else text


def _units(text: str) -> list[str]:
    """`text` as UTF-16 code units (astral characters as their two surrogates)."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return list(text)
    raw = text.encode("utf-16-le", "surrogatepass")
    return [chr(int.from_bytes(raw[i : i + 2], "little")) for i in range(0, len(raw), 2)]


def _join(units: list[str]) -> str:
    """Code units back to a string, surrogate pairs re-joined into one character."""
    text = "".join(units)
    if all(ord(c) < 0xD800 or ord(c) > 0xDFFF for c in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


class Converter:
    """One conversion: `PinyinBase` with its options fixed."""

    def __init__(self, style: int, heteronym: bool, group: bool) -> None:
        self.tables = pinyin_data.tables()
        self.style, self.heteronym, self.group = style, heteronym, group
        self.count = 0

    def _push(self, out: Pys, item: list[str]) -> None:
        self._count(len(item))
        out.append(item)

    def _count(self, strings: int) -> None:
        self.count += strings
        if self.count > MAX_STRINGS:
            raise BridgeError(
                f"pinyin: the result would hold more than {MAX_STRINGS} strings",
                code="ERR_FLOWGATE_PINYIN_LIMIT",
                type="RangeError",
            )

    def single(self, han: str) -> list[str]:
        readings = self.tables.chars.get(han)
        if readings is None:
            return [_join([han])]
        pys = readings.split(",")
        if not self.heteronym:
            return [to_fixed(pys[0], self.style)]
        return list(dict.fromkeys(to_fixed(py, self.style) for py in pys))

    def normal(self, units: list[str]) -> Pys:
        pys: Pys = []
        nohans: list[str] = []
        for unit in units:
            if unit in self.tables.chars:
                if nohans:
                    self._push(pys, [_join(nohans)])
                    nohans = []
                self._push(pys, self.single(unit))
            else:
                nohans.append(unit)
        if nohans:
            self._push(pys, [_join(nohans)])
        return pys

    def phrase(self, word: str, units: list[str]) -> Pys:
        entry = self.tables.phrases.get(word)
        if entry is None:
            return [self.single(unit) for unit in units]
        items = [item.split(",") for item in entry.split(" ")]
        if self.heteronym:
            return [[to_fixed(py, self.style) for py in item] for item in items]
        return [[to_fixed(item[0], self.style)] for item in items]

    def combo(self, pys: Pys) -> list[str]:
        size = 1
        for item in pys:
            size *= max(len(item), 1)
            if size > MAX_STRINGS:
                self._count(size)  # raises
        result = pys[0]
        for item in pys[1:]:
            if result and item:
                result = [a + b for a in result for b in item]
            elif not result:
                result = item
        return result

    def segmented(self, words: list[str]) -> Pys:
        pys: Pys = []
        nohans: list[str] = []
        for word in words:
            units = _units(word)
            if units and units[0] in self.tables.chars:
                if nohans:
                    self._push(pys, [_join(nohans)])
                    nohans = []
                new = self.normal(units) if len(units) == 1 else self.phrase(word, units)
                if self.group:
                    self._push(pys, new[0] if len(new) == 1 else self.combo(new))
                else:
                    for item in new:
                        self._push(pys, item)
            else:
                nohans.extend(units)
        if nohans:
            self._push(pys, [_join(nohans)])
        return pys

    def surname(self, units: list[str]) -> Pys:
        result: Pys = []
        compound = self.tables.compound_surnames
        prefix, i, n = 0, 0, len(units)
        while i < n:
            two = _join(units[i : i + 2])
            if two in compound:
                if prefix <= i - 1:
                    self._single_surname(units[prefix:i], result)
                for item in compound[two]:
                    self._push(result, [to_fixed(py, self.style) for py in item])
                i += 2
                prefix = i
            i += 1
        self._single_surname(units[prefix:], result)
        return result

    def _single_surname(self, units: list[str], result: Pys) -> None:
        for unit in units:
            entry = self.tables.surnames.get(unit)
            if entry is None:
                self._push(result, self.single(unit))
                continue
            for item in entry:
                self._push(result, [to_fixed(py, self.style) for py in item])


def convert(
    text: str, style: int, surname: bool, segment: str, heteronym: bool, group: bool
) -> Pys:
    """`pinyin(text, options)` without `compact`."""
    units = _units(text)
    if len(units) > MAX_TEXT:
        raise BridgeError(
            f"pinyin: the text is longer than {MAX_TEXT} characters",
            code="ERR_FLOWGATE_PINYIN_LIMIT",
            type="RangeError",
        )
    conv = Converter(style, heteronym, group)
    if surname:
        return conv.surname(units)
    if segment == "none":
        return conv.normal(units)
    if segment == "whole":
        return conv.segmented([text])
    if segment == "intl":
        return conv.segmented(pinyin_icu.segmenter().cut(text))
    return conv.segmented(pinyin_data.segmenter().cut(text))


def _check(text: object, style: object, segment: object, flags: tuple[object, ...]) -> None:
    if not isinstance(text, str) or not isinstance(style, int) or isinstance(style, bool):
        raise BridgeError("pinyin: bad arguments", type="TypeError")
    if style not in range(7) or segment not in SEGMENTS:
        raise BridgeError("pinyin: bad arguments", type="TypeError")
    if not all(isinstance(flag, bool) for flag in flags):
        raise BridgeError("pinyin: bad arguments", type="TypeError")


@op("pinyin.convert")
def op_convert(
    text: object, style: object, surname: object, segment: object, heteronym: object, group: object
) -> Pys:
    """`pinyin.convert(text, style, surname, segment, heteronym, group)`."""
    _check(text, style, segment, (surname, heteronym, group))
    pinyin_data.warm_up()
    return convert(text, style, surname, segment, heteronym, group)  # type: ignore[arg-type]


@op("pinyin.compare")
def op_compare(a: object, b: object) -> int:
    """`pinyin.compare(a, b)`: `String(pinyin(a)).localeCompare(String(pinyin(b)))`."""
    pinyin_data.warm_up()
    keys = [
        ",".join(",".join(item) for item in convert(s, STYLE_TONE, False, "none", False, False))
        if isinstance(s, str)
        else ""
        for s in (a, b)
    ]
    return compare_keys(keys[0], keys[1])
