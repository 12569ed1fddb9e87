"""Measure how often each candidate backend of `require('pinyin')` agrees with Node 20's
pinyin@4.0.0 (tests/node/node_modules, @node-rs/jieba 1.10.4 as its segmenter).

    .venv/bin/python assets/pinyin-agreement.py

Candidates: (b) `flowgate.codeblock.bridge.pinyin` (the package's algorithm and tables,
ported) and (a) `pypinyin` 0.55.0 with its own dictionaries and styles, put through the same
assembly (non-Chinese runs, segments, groups) so that only dictionaries and styles differ.
Corpus: tests/codeblock/test_npm_pinyin_corpus.py plus 400 seeded random texts built from
the package's phrases, characters and ASCII. Every option combination Node supports.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from pypinyin import Style
from pypinyin import pinyin as pypinyin
from pypinyin.pinyin_dict import pinyin_dict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.codeblock.test_npm_pinyin_corpus import CORPUS  # noqa: E402

from flowgate.codeblock.bridge import pinyin as port  # noqa: E402
from flowgate.codeblock.bridge import pinyin_icu  # noqa: E402
from flowgate.codeblock.bridge.pinyin_data import segmenter, tables  # noqa: E402

NODE = r"""
const { default: pinyin } = require('pinyin');
const { corpus, combos } = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = combos.map((o) => corpus.map((t) => { try { return pinyin(t, o); } catch (e) { return String(e); } }));
process.stdout.write(JSON.stringify(out));
"""
SEGMENTS = {False: "none", True: "intl", "@node-rs/jieba": "jieba", "nodejieba": "whole"}
PYPINYIN_STYLE = {0: Style.NORMAL, 1: Style.TONE, 2: Style.TONE3, 3: Style.INITIALS,
                  4: Style.FIRST_LETTER, 5: Style.TONE2, 6: Style.NORMAL}  # fmt: skip


def combos() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for style in (0, 1, 2, 3, 4, 5, 6):
        for heteronym in (False, True):
            out.append({"style": style, "heteronym": heteronym, "mode": "surname"})
            for segment, group in [(False, False)] + [
                (s, g) for s in (True, "@node-rs/jieba", "nodejieba") for g in (False, True)
            ]:
                out.append(
                    {"style": style, "heteronym": heteronym, "segment": segment, "group": group}
                )
    return out


def random_texts(n: int) -> list[str]:
    rng = random.Random(7)
    phrases, chars = sorted(tables().phrases), sorted(tables().chars)
    texts = []
    for _ in range(n):
        parts = [rng.choice(phrases) for _ in range(rng.randint(1, 4))]
        parts += [rng.choice(chars) for _ in range(rng.randint(0, 2))]
        parts += [rng.choice(["", " ", "，", "abc", "12", "。"]) for _ in range(2)]
        rng.shuffle(parts)
        texts.append("".join(parts))
    return texts


class PypinyinConverter(port.Converter):
    """The same assembly over pypinyin's dictionaries and styles (candidate a)."""

    def _py(self, text: str) -> list[list[str]]:
        style = PYPINYIN_STYLE[self.style]
        res = pypinyin(text, style=style, heteronym=self.heteronym, strict=True, errors="default")
        if self.style == 6:
            res = [[p.replace("v", "YU", 1).upper() for p in item] for item in res]
        return [list(dict.fromkeys(item)) for item in res]

    def single(self, han: str) -> list[str]:
        return self._py(han)[0] if ord(han) in pinyin_dict else [han]

    def phrase(self, word: str, units: list[str]) -> port.Pys:
        return self._py(word)


def ours(conv_cls: type[port.Converter], text: str, o: dict[str, Any]) -> Any:
    conv = conv_cls(o["style"], o["heteronym"], o.get("group", False))
    units = port._units(text)
    if o.get("mode") == "surname":
        return conv.surname(units) if conv_cls is port.Converter else conv.normal(units)
    seg = SEGMENTS[o.get("segment", False)]
    if seg == "none":
        return conv.normal(units)
    if seg == "whole":
        return conv.segmented([text])
    if seg == "intl":
        return conv.segmented(pinyin_icu.segmenter().cut(text))
    return conv.segmented(segmenter().cut(text))


def main() -> None:
    corpus = CORPUS + random_texts(400)
    cs = combos()
    proc = subprocess.run(
        ["node", "-e", NODE], input=json.dumps({"corpus": corpus, "combos": cs}),
        capture_output=True, text=True, check=True,
        env={"NODE_PATH": str(ROOT / "tests/node/node_modules"), "PATH": "/usr/bin:/usr/local/bin"},
    )  # fmt: skip
    node = json.loads(proc.stdout)
    for name, cls in (("b: port", port.Converter), ("a: pypinyin", PypinyinConverter)):
        by_seg: dict[str, list[int]] = {}
        for o, results in zip(cs, node, strict=True):
            key = "surname" if o.get("mode") else f"segment={o.get('segment', False)}"
            tally = by_seg.setdefault(key, [0, 0])
            for text, expected in zip(corpus, results, strict=True):
                got = json.loads(json.dumps(ours(cls, text, o)))
                tally[0] += got == expected
                tally[1] += 1
                if got != expected and name.startswith("b") and "-v" in sys.argv:
                    sys.stdout.write(f"{o} {text!r} {got} {expected}\n")
        total = [sum(t[0] for t in by_seg.values()), sum(t[1] for t in by_seg.values())]
        rates = {
            k: f"{a}/{n} ({100 * a / n:.1f}%)" for k, (a, n) in {**by_seg, "all": total}.items()
        }
        sys.stdout.write(f"{name} {rates}\n")


if __name__ == "__main__":
    main()
