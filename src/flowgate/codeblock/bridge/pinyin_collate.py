"""`String.prototype.localeCompare` as Node 20 (ICU, CLDR root collation) orders the strings
`pinyin.compare` compares: TONE-style pinyin joined by commas, plus any non-Chinese text.

QuickJS has no ICU (its `localeCompare` compares code points: `'ā' > 'b'`), and Python has
no UCA collator in the standard library, so this is a three-level UCA approximation that is
exact for what pinyin produces (ASCII, Latin letters with pinyin's tone marks, `ü`) and close
elsewhere:
- primary: ASCII and common CJK punctuation in ICU's order (spaces < punctuation < symbols
  < digits < letters, case-insensitive, taken from Node: `ORDER`), then other punctuation and
  symbols before digits and other letters after Latin, by code point (Han after Latin, by code point, as UCA's implicit
  weights order the main Han block); control and format characters are ignored;
- secondary: the combining marks of the NFD form, in DUCET's order (acute < grave < breve
  < circumflex < caron < ring < diaeresis < double acute < tilde < dot above < macron);
- tertiary: the order inside an `ORDER` group (lower case < upper case, ASCII < full
  width), a compatibility form (NFKD) just after its plain one (`ｂ` < `B`).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Printable ASCII and common CJK/typographic punctuation in Node 20's `localeCompare` order,
#: one string per primary weight (`Intl.Collator` base-equal), tertiary order inside it.
#: Characters whose NFKD is several (`…` is `...`) are left to the NFKD path, as in ICU.
ORDER = [
    " \u3000", "_＿﹏", "-", "–", "—", ",，", "、﹑", ";；", ":：", "!！", "?？", ".", "。",
    "·", "'‘’", '"“”', "(（", ")）", "[", "]", "{", "}", "〈", "〉", "《", "》", "「", "」", "『",
    "』", "【", "】", "〔", "〕", "〖", "〗", "§", "¶", "@", "*", "/", "\\", "&", "#", "%", "‰",
    "†", "‡", "•", "′", "〃", "※", "`", "^", "°", "©", "®", "+", "±", "÷", "×", "<", "=",
    ">", "|", "~～", "々", "$", "£", "￥", "€", "0〇", "1", "2", "3", "4", "5", "6", "7", "8",
    "9", "aA", "bB", "cC", "dD", "eE", "fF", "gG", "hH", "iI", "jJ", "kK", "lL", "mM", "nN",
    "oO", "pP", "qQ", "rR", "sS", "tT", "uU", "vV", "wW", "xX", "yY", "zZ",
]  # fmt: skip
#: character -> (primary, tertiary)
_TABLE = {ch: (p + 1, t) for p, group in enumerate(ORDER) for t, ch in enumerate(group)}
_DIGIT0 = _TABLE["0"][0]
_LETTERS_END = len(ORDER) + 1
#: DUCET secondary order of the common Latin combining marks.
_MARKS = {
    m: i + 2
    for i, m in enumerate("\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0304")
}

Weights = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


@lru_cache(maxsize=4096)
def _char(ch: str) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(primary weights, secondary weights, tertiary weights) of one character."""
    if ch in _TABLE:
        primary, tertiary = _TABLE[ch]
        return [(primary, 0)], [1], [tertiary * 4]
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return [], [], []
    nfkd = unicodedata.normalize("NFKD", ch)
    compat = 1 if nfkd != unicodedata.normalize("NFD", ch) else 0
    primaries: list[tuple[int, int]] = []
    secondaries: list[int] = []
    tertiaries: list[int] = []
    for cp in nfkd:
        if unicodedata.category(cp).startswith("M"):
            secondaries.append(_MARKS.get(cp, 0x100 + ord(cp)))
            continue
        if cp in _TABLE:
            primary, tertiary = _TABLE[cp]
            primaries.append((primary, 0))
            tertiaries.append(tertiary * 4 + compat)
        else:
            group = _DIGIT0 - 1 if unicodedata.category(cp)[0] in "PSZ" else _LETTERS_END
            primaries.append((group, ord(cp)))
            tertiaries.append((4 if cp.isupper() else 0) + compat)
        secondaries.append(1)
    return primaries, secondaries, tertiaries


def _weights(text: str) -> Weights:
    primaries: list[tuple[int, int]] = []
    secondaries: list[int] = []
    tertiaries: list[int] = []
    for ch in text:
        p, s, t = _char(ch)
        primaries.extend(p)
        secondaries.extend(s)
        tertiaries.extend(t)
    flat = tuple(w for pair in primaries for w in pair)
    return flat, tuple(secondaries), tuple(tertiaries)


def compare_keys(a: str, b: str) -> int:
    """-1, 0 or 1, as `a.localeCompare(b)` in Node 20 (see the module docstring)."""
    wa, wb = _weights(a), _weights(b)
    return (wa > wb) - (wa < wb)
