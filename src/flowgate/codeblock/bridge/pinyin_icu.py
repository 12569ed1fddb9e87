"""`segment: true` of `require('pinyin')`: Node's `Intl.Segmenter('zh-Hans-CN', {granularity:
'word'})` (ICU's word break iterator) reduced to what the pinyin algorithm sees.

The pinyin algorithm joins every segment that does not start with a Chinese character into
the surrounding non-Chinese text, so only the cuts inside runs of CJK characters matter.
ICU cuts such a run (a maximal run of `[[:Han:][:Hiragana:][:Katakana:]ー...]`, the set of
its CJK break engine) by dynamic programming over its dictionary `cjdict`: the split with the
least total cost, a word costing its dictionary value and an unknown character 255
(`CjkBreakEngine::divideUpDictionaryRange`, word mode, with its Katakana run costs and NFKC
mapping). The dictionary is ICU's own trie, taken from the Node binary by
`assets/pinyin-icu-data.py` (`data/pinyin-icu-78.2.bin.gz`, 1.6 MB; licence in
`data/pinyin-icu-LICENSE.txt`); this module walks it as ICU's `UCharsTrie` does (the format
is documented in ICU's `ucharstrie.h`). Loaded once per process on first use: ~2 MB in memory.
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
import struct
import sys
import threading
import unicodedata
from array import array
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "pinyin-icu-78.2.bin.gz"

# UCharsTrie node encoding (ucharstrie.h).
_MAX_BRANCH_LINEAR = 5
_MIN_LINEAR_MATCH = 0x30
_MIN_VALUE_LEAD = 0x40
_NODE_TYPE_MASK = 0x3F
_VALUE_IS_FINAL = 0x8000
_MIN_TWO_UNIT_VALUE_LEAD = 0x4000
_THREE_UNIT_VALUE_LEAD = 0x7FFF
_MIN_TWO_UNIT_NODE_VALUE_LEAD = 0x4040
_THREE_UNIT_NODE_VALUE_LEAD = 0x7FC0
_MIN_TWO_UNIT_DELTA_LEAD = 0xFC00
_THREE_UNIT_DELTA_LEAD = 0xFFFF

_MAX_WORD = 20  # code units one dictionary lookup reads
_MAX_STEPS = 1 << 17  # transitions cached beyond the root (~15 MB at most)
_UNKNOWN_COST = 255
_KATAKANA_COSTS = (8192, 984, 408, 240, 204, 252, 300, 372, 480)
_MAX_KATAKANA_GROUP = 20
_INF = 0xFFFFFFFF


def _is_katakana(cp: int) -> bool:
    return (0x30A1 <= cp <= 0x30FE and cp != 0x30FB) or 0xFF66 <= cp <= 0xFF9F


def _fragments(run: str) -> list[tuple[int, str]]:
    """`run` cut before every character that starts an NFKC segment, as ICU normalises
    it (a half-width voiced mark, NFKC U+3099, joins the character before it)."""
    out: list[tuple[int, str]] = []
    for k, ch in enumerate(run):
        norm = unicodedata.normalize("NFKC", ch)
        if out and norm and unicodedata.combining(norm[0]):
            out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((k, ch))
    return out


class Dictionary:
    """ICU's cjdict: a UCharsTrie with a cost per word."""

    def __init__(self, trie: array[int]) -> None:
        self.t = trie
        #: first code unit -> where the root's transition leads (the root is a branch over
        #: ~20k characters: a binary search 15 levels deep, the bulk of a lookup's cost).
        #: At most one entry per BMP code point.
        self.root: dict[int, tuple[int, int, int]] = {}
        #: (node position, code unit) -> the same, for the other nodes; bounded.
        self.steps: dict[int, tuple[int, int, int]] = {}

    def _skip_value(self, pos: int) -> int:
        lead = self.t[pos] & 0x7FFF
        pos += 1
        if lead >= _MIN_TWO_UNIT_VALUE_LEAD:
            pos += 1 if lead < _THREE_UNIT_VALUE_LEAD else 2
        return pos

    def _read_value(self, pos: int, lead: int) -> int:
        if lead < _MIN_TWO_UNIT_VALUE_LEAD:
            return lead
        if lead < _THREE_UNIT_VALUE_LEAD:
            return ((lead - _MIN_TWO_UNIT_VALUE_LEAD) << 16) | self.t[pos]
        return (self.t[pos] << 16) | self.t[pos + 1]

    def _value_at(self, pos: int) -> int:
        lead = self.t[pos]
        if lead & _VALUE_IS_FINAL:
            return self._read_value(pos + 1, lead & 0x7FFF)
        if lead < _MIN_TWO_UNIT_NODE_VALUE_LEAD:
            return (lead >> 6) - 1
        if lead < _THREE_UNIT_NODE_VALUE_LEAD:
            return (((lead & 0x7FC0) - _MIN_TWO_UNIT_NODE_VALUE_LEAD) << 10) | self.t[pos + 1]
        return (self.t[pos + 1] << 16) | self.t[pos + 2]

    def _skip_node_value(self, pos: int, lead: int) -> int:
        if lead >= _MIN_TWO_UNIT_NODE_VALUE_LEAD:
            pos += 1 if lead < _THREE_UNIT_NODE_VALUE_LEAD else 2
        return pos

    def _jump(self, pos: int) -> int:
        """Past a jump delta, plus the delta."""
        delta = self.t[pos]
        pos += 1
        if delta >= _MIN_TWO_UNIT_DELTA_LEAD:
            if delta == _THREE_UNIT_DELTA_LEAD:
                delta = (self.t[pos] << 16) | self.t[pos + 1]
                pos += 2
            else:
                delta = ((delta - _MIN_TWO_UNIT_DELTA_LEAD) << 16) | self.t[pos]
                pos += 1
        return pos + delta

    def _skip_delta(self, pos: int) -> int:
        delta = self.t[pos]
        if delta >= _MIN_TWO_UNIT_DELTA_LEAD:
            return pos + (3 if delta == _THREE_UNIT_DELTA_LEAD else 2)
        return pos + 1

    def _branch(self, pos: int, length: int, unit: int) -> tuple[int, int]:
        """Follow `unit` out of a branch node: (result, position), result 0 no match,
        1 no value, 2 final value, 3 intermediate value."""
        t = self.t
        if length == 0:
            length = t[pos]
            pos += 1
        length += 1
        while length > _MAX_BRANCH_LINEAR:
            if unit < t[pos]:
                length >>= 1
                pos = self._jump(pos + 1)
            else:
                length -= length >> 1
                pos = self._skip_delta(pos + 1)
        while length > 1:
            if unit == t[pos]:
                pos += 1
                node = t[pos]
                if node & _VALUE_IS_FINAL:
                    return 2, pos
                pos += 1
                if node < _MIN_TWO_UNIT_VALUE_LEAD:
                    delta = node
                elif node < _THREE_UNIT_VALUE_LEAD:
                    delta = ((node - _MIN_TWO_UNIT_VALUE_LEAD) << 16) | t[pos]
                    pos += 1
                else:
                    delta = (t[pos] << 16) | t[pos + 1]
                    pos += 2
                pos += delta
                node = t[pos]
                return (3 - (node >> 15) if node >= _MIN_VALUE_LEAD else 1), pos
            length -= 1
            pos = self._skip_value(pos + 1)
        if unit == t[pos]:
            pos += 1
            node = t[pos]
            return (3 - (node >> 15) if node >= _MIN_VALUE_LEAD else 1), pos
        return 0, -1

    def matches(self, cps: list[int], start: int) -> list[tuple[int, int]]:
        """(length in code points, cost) of every dictionary word starting at `start`,
        shortest first (`UCharsDictionaryMatcher::matches`, at most 20 code units)."""
        t = self.t
        out: list[tuple[int, int]] = []
        pos, remaining = 0, -1
        for k in range(start, len(cps)):
            unit = cps[k]  # a code point above U+FFFF never equals a unit: no match
            if remaining >= 0:
                if unit != t[pos]:
                    break
                pos += 1
                remaining -= 1
                node = t[pos]
                result = 3 - (node >> 15) if remaining < 0 and node >= _MIN_VALUE_LEAD else 1
            else:
                result, pos, remaining = self._step(pos, unit)
                if result == 0:
                    break
            if result >= 2:
                out.append((k - start + 1, self._value_at(pos)))
                if result == 2:
                    break
            if k - start + 1 >= _MAX_WORD:
                break
        return out

    def _step(self, pos: int, unit: int) -> tuple[int, int, int]:
        """`_next_impl`, through the transition caches."""
        if pos == 0:
            step = self.root.get(unit)
            if step is None:
                step = self.root[unit] = self._next_impl(0, unit)
            return step
        key = (pos << 16) | unit
        step = self.steps.get(key)
        if step is None:
            if len(self.steps) >= _MAX_STEPS:
                self.steps.clear()
            step = self.steps[key] = self._next_impl(pos, unit)
        return step

    def _next_impl(self, pos: int, unit: int) -> tuple[int, int, int]:
        """(result, position, remaining linear-match length) after `unit` from a node."""
        t = self.t
        node = t[pos]
        pos += 1
        while True:
            if node < _MIN_LINEAR_MATCH:
                result, pos = self._branch(pos, node, unit)
                return result, pos, -1
            if node < _MIN_VALUE_LEAD:
                length = node - _MIN_LINEAR_MATCH
                if unit != t[pos]:
                    return 0, -1, -1
                pos += 1
                length -= 1
                nxt = t[pos]
                result = 3 - (nxt >> 15) if length < 0 and nxt >= _MIN_VALUE_LEAD else 1
                return result, pos, length
            if node & _VALUE_IS_FINAL:
                return 0, -1, -1
            pos = self._skip_node_value(pos, node)
            node &= _NODE_TYPE_MASK


class IcuSegmenter:
    """Cuts text where `Intl.Segmenter` (word granularity) cuts runs of CJK characters."""

    def __init__(self) -> None:
        raw = gzip.decompress(DATA_FILE.read_bytes())
        (head_len,) = struct.unpack_from("<I", raw, 0)
        meta = json.loads(raw[4 : 4 + head_len])
        trie: array[int] = array("H")
        trie.frombytes(raw[4 + head_len :])
        if sys.byteorder == "big":  # ICU's data file (icudt78l) is little-endian
            trie.byteswap()
        self.dictionary = Dictionary(trie)
        self.starts = [r[0] for r in meta["cj_ranges"]]
        self.ends = [r[1] for r in meta["cj_ranges"]]

    def _in_set(self, cp: int) -> bool:
        i = bisect.bisect_right(self.starts, cp) - 1
        return i >= 0 and cp <= self.ends[i]

    def cut(self, text: str) -> list[str]:
        """Words: each CJK run cut as ICU does; every other character alone (the pinyin
        algorithm joins non-Chinese segments anyway)."""
        words: list[str] = []
        i, n = 0, len(text)
        while i < n:
            if not self._in_set(ord(text[i])):
                words.append(text[i])
                i += 1
                continue
            j = i + 1
            while j < n and self._in_set(ord(text[j])):
                j += 1
            run = text[i:j]
            cuts = self._divide(run)
            words.extend(run[a:b] for a, b in itertools.pairwise(cuts))
            i = j
        return words

    def _divide(self, run: str) -> list[int]:
        """Boundaries (offsets into `run`, 0 and len(run) included) of the cheapest split."""
        if unicodedata.is_normalized("NFKC", run):
            cps = [ord(c) for c in run]
            origin = list(range(len(run) + 1))
        else:
            cps, origin = [], []  # normalized code point -> offset in `run`
            for start, fragment in _fragments(run):
                for c in unicodedata.normalize("NFKC", fragment):
                    cps.append(ord(c))
                    origin.append(start)
            origin.append(len(run))
        prev = self._cheapest(cps)
        points = [len(cps)]
        while points[-1] > 0:
            points.append(prev[points[-1]])
        cuts: list[int] = []
        for p in reversed(points):
            if not cuts or origin[p] > cuts[-1]:
                cuts.append(origin[p])
        return cuts

    def _cheapest(self, cps: list[int]) -> list[int]:
        """`prev[i]`: where the last word of the cheapest split of `cps[:i]` starts."""
        n = len(cps)
        best = [0] + [_INF] * n
        prev = [-1] * (n + 1)

        prev_katakana = False
        for i in range(n):
            here = best[i]
            if here == _INF:
                continue
            found = self.dictionary.matches(cps, i)
            if not found or found[0][0] != 1:
                found.append((1, _UNKNOWN_COST))
            katakana = _is_katakana(cps[i])
            if katakana and not prev_katakana:
                k = 1
                while i + k < n and k < _MAX_KATAKANA_GROUP and _is_katakana(cps[i + k]):
                    k += 1
                if k < _MAX_KATAKANA_GROUP:  # after the dictionary words, as in ICU
                    found.append((k, _KATAKANA_COSTS[k] if k < len(_KATAKANA_COSTS) else 8192))
            for length, cost in found:
                if here + cost < best[i + length]:
                    best[i + length] = here + cost
                    prev[i + length] = i
            prev_katakana = katakana
        return prev


_lock = threading.Lock()
_segmenter: IcuSegmenter | None = None


def segmenter() -> IcuSegmenter:
    """The ICU dictionary (loaded on first use, ~0.1 s)."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                _segmenter = IcuSegmenter()
    return _segmenter
