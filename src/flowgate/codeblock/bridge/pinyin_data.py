"""Tables and segmenter behind `require('pinyin')`, loaded lazily, once per process.

Why here and not in JS: the npm package's dictionaries are ~2 MB of JSON (26k characters,
41k phrases); loading them into every fresh QuickJS context would cost far more than a
script's whole budget. The host loads them once (`data/pinyin-4.0.0.json.gz`, converted
from pinyin@4.0.0, MIT, by `assets/pinyin-data.mjs`): ~0.1 s.

`@node-rs/jieba` segmentation is jieba's algorithm over jieba's default dictionary;
`jieba` 0.42.1 (Python) ships the same `dict.txt`. Building its prefix dictionary takes
~0.6 s (plus ~0.15 s to import jieba), so the first pinyin op of a process starts a
background thread that builds it (`warm_up`), and a segmenting call waits for it only if
it comes first. jieba's own on-disk cache (a marshal file in the shared temp dir) is not
used: the host never reads a file that others can write.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).parent / "data" / "pinyin-4.0.0.json.gz"

#: jieba-rs's `RE_HAN_DEFAULT` (what @node-rs/jieba 1.10.4 cuts as one block): wider CJK
#: ranges than Python jieba's `[\u4E00-\u9FD5...]`.
_RE_HAN = re.compile(
    "([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002b73f"
    "\U0002b740-\U0002b81f\U0002b820-\U0002ceaf\U0002ceb0-\U0002ebef\U0002f800-\U0002fa1f"
    r"a-zA-Z0-9+#&\._%\-]+)"
)
_RE_SKIP = re.compile(r"(\r\n|\s)")
_RE_ENG = re.compile(r"[a-zA-Z0-9]")
_RE_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Tables:
    """The package's data: `chars` (code unit -> 'tone1,tone2'), `phrases` (word ->
    'a1,a2 b1': one group per character), `surnames` and `compound_surnames` (name -> one
    list of readings per character)."""

    chars: dict[str, str]
    phrases: dict[str, str]
    surnames: dict[str, list[list[str]]]
    compound_surnames: dict[str, list[list[str]]]


class Segmenter:
    """jieba's `cut(text, HMM=False)` as jieba-rs does it, over jieba's prefix dictionary."""

    def __init__(self) -> None:
        import jieba  # ~0.15 s: only here, never at import of this module

        tokenizer = jieba.Tokenizer()
        freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
        self.freq: dict[str, int] = freq
        self.log_total = math.log(total)

    def cut(self, text: str) -> list[str]:
        """Split `text` into words (non-Chinese runs come out as jieba-rs gives them; the
        pinyin algorithm joins adjacent non-Chinese words anyway). As @node-rs/jieba, which
        receives the text as UTF-8 from N-API, lone surrogates become U+FFFD."""
        text = _RE_LONE_SURROGATE.sub("\ufffd", text)
        words: list[str] = []
        for block in _RE_HAN.split(text):
            if not block:
                continue
            if _RE_HAN.fullmatch(block):
                words.extend(self._cut_dag(block))
                continue
            for part in _RE_SKIP.split(block):
                if _RE_SKIP.fullmatch(part):
                    words.append(part)
                else:
                    words.extend(part)
        return words

    def _cut_dag(self, block: str) -> list[str]:
        freq, n = self.freq, len(block)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for start in range(n - 1, -1, -1):
            best: tuple[float, int] | None = None
            end, frag = start, block[start]
            while end < n and frag in freq:
                if freq[frag]:
                    cand = (math.log(freq[frag]) - self.log_total + route[end + 1][0], end)
                    if best is None or cand > best:
                        best = cand
                end += 1
                frag = block[start : end + 1]
            if best is None:
                best = (math.log(1) - self.log_total + route[start + 1][0], start)
            route[start] = best
        words: list[str] = []
        buf, x = "", 0
        while x < n:
            y = route[x][1] + 1
            word = block[x:y]
            if y - x == 1 and _RE_ENG.match(word):
                buf += word
            else:
                if buf:
                    words.append(buf)
                    buf = ""
                words.append(word)
            x = y
        if buf:
            words.append(buf)
        return words


#: One lock per table, so that a call needing only the pinyin tables never waits for
#: the warm-up thread building jieba's dictionary.
_tables_lock = threading.Lock()
_segmenter_lock = threading.Lock()
_tables: Tables | None = None
_segmenter: Segmenter | None = None
_warming: threading.Thread | None = None


def tables() -> Tables:
    """The package's tables (loaded on first use, ~0.1 s)."""
    global _tables
    if _tables is None:
        with _tables_lock:
            if _tables is None:
                raw: dict[str, Any] = json.loads(gzip.decompress(DATA_FILE.read_bytes()))
                _tables = Tables(
                    raw["chars"], raw["phrases"], raw["surnames"], raw["compound_surnames"]
                )
    return _tables


def segmenter() -> Segmenter:
    """jieba's dictionary (built on first use or by `warm_up`, ~0.75 s)."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                _segmenter = Segmenter()
    return _segmenter


def _warm() -> None:
    from flowgate.codeblock.bridge import pinyin_icu  # imports this module: not at the top

    pinyin_icu.segmenter()
    segmenter()


def warm_up() -> None:
    """Start loading both segmenters in the background (once), so the first segmenting
    call of a process rarely waits for them (ICU's dictionary: ~0.05 s; jieba's: ~0.75 s)."""
    global _warming
    if _warming is not None or _segmenter is not None:
        return
    with _segmenter_lock:
        if _warming is not None or _segmenter is not None:
            return
        _warming = threading.Thread(target=_warm, name="flowgate-pinyin-warm-up", daemon=True)
        _warming.start()
