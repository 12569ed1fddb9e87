"""`String.prototype.localeCompare` as Node 20 (ICU, CLDR root collation) orders the strings
`pinyin.compare` compares: TONE-style pinyin joined by commas, plus any non-Chinese text.

QuickJS has no ICU (its `localeCompare` compares code points: `'ā' > 'b'`), and Python has
no UCA collator in the standard library, so this is a three-level UCA approximation that is
exact for what pinyin produces (ASCII, Latin letters with pinyin's tone marks, `ü`) and close
elsewhere:
- primary: ASCII in ICU's order (spaces < punctuation < symbols < digits < letters,
  case-insensitive, taken from Node), then other punctuation/symbols before digits and other
  letters after Latin by code point (Han after Latin, by code point, as UCA's implicit
  weights order the main Han block); control and format characters are ignored;
- secondary: the combining marks of the NFD form, in DUCET's order (acute < grave < breve
  < circumflex < caron < ring < diaeresis < double acute < tilde < dot above < macron);
- tertiary: lower case < upper case, a compatibility form (full width) after its plain one.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Printable ASCII in Node 20's `localeCompare` order; a letter pair shares its weight.
ASCII_ORDER = (
    " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789"
    "aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ"
)
_PRIMARY: dict[str, int] = {}
for _ch in ASCII_ORDER:
    _low = _ch.lower()
    _PRIMARY[_ch] = _PRIMARY[_low] if _low in _PRIMARY else len(_PRIMARY) + 1
_DIGIT0 = _PRIMARY["0"]
_LETTERS_END = 0x200
#: DUCET secondary order of the common Latin combining marks.
_MARKS = {
    m: i + 2
    for i, m in enumerate("\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0304")
}

Weights = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


@lru_cache(maxsize=4096)
def _char(ch: str) -> tuple[list[tuple[int, int]], list[int], int]:
    """(primary weights, secondary weights, tertiary weight) of one character."""
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return [], [], 0
    nfkd = unicodedata.normalize("NFKD", ch)
    compat = 2 if nfkd != unicodedata.normalize("NFD", ch) else 0
    primaries: list[tuple[int, int]] = []
    secondaries: list[int] = []
    tertiary = compat
    for cp in nfkd:
        if unicodedata.category(cp).startswith("M"):
            secondaries.append(_MARKS.get(cp, 0x100 + ord(cp)))
            continue
        if cp in _PRIMARY:
            primaries.append((_PRIMARY[cp], 0))
        elif unicodedata.category(cp)[0] in "PSZ":
            primaries.append((_DIGIT0 - 1, ord(cp)))
        else:
            primaries.append((_LETTERS_END, ord(cp)))
        secondaries.append(1)
        if cp.isupper():
            tertiary |= 1
    return primaries, secondaries, tertiary


def _weights(text: str) -> Weights:
    primaries: list[tuple[int, int]] = []
    secondaries: list[int] = []
    tertiaries: list[int] = []
    for ch in text:
        p, s, t = _char(ch)
        primaries.extend(p)
        secondaries.extend(s)
        if p:
            tertiaries.append(t)
    flat = tuple(w for pair in primaries for w in pair)
    return flat, tuple(secondaries), tuple(tertiaries)


def compare_keys(a: str, b: str) -> int:
    """-1, 0 or 1, as `a.localeCompare(b)` in Node 20 (see the module docstring)."""
    wa, wb = _weights(a), _weights(b)
    return (wa > wb) - (wa < wb)
