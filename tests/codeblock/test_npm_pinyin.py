"""require('pinyin') against Node 20's pinyin@4.0.0 (with @node-rs/jieba 1.10.4): the module's
shape, every style x heteronym x segment x group combination (and surname mode) over the
corpus of test_npm_pinyin_corpus.py, option parsing, compact, compare, bad input, limits.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.codeblock.test_npm_pinyin_corpus import CORPUS, HETERONYMS, NAMES, SENTENCES
from tests.node_oracle import NodeOracle

STYLES = [0, 1, 2, 3, 4, 5, 6]
#: `segment` values: off, Intl.Segmenter (`true`), the oracle's segmenter, and segmenters
#: Node's package falls back from (not installed next to it: the whole text is one segment).
SEGMENTS = [False, True, "Intl.Segmenter", "@node-rs/jieba", "nodejieba", "segmentit", 1]
MAP_CORPUS = (
    "const { default: pinyin } = require('pinyin');\n"
    "return input.corpus.map((t) => pinyin(t, input.opts));"
)


def test_module_shape(run_js: RunJs, node: NodeOracle) -> None:
    code = """
    const m = require('pinyin');
    const p = m.default;
    const inst = new m.Pinyin();
    return {
      type: typeof m, keys: Object.keys(m), esm: m.__esModule, own: Object.getOwnPropertyNames(m).sort(),
      same: [p === m.pinyin, m.compare === p.compare, typeof m.compact, typeof m.Pinyin],
      fn: [typeof p, p.name, p.length, Object.keys(p), p.compare.name, p.compact.name],
      constants: Object.keys(p).filter((k) => /^(STYLE|MODE)_/.test(k)).map((k) => [k, p[k]]),
      instance: Object.keys(inst).map((k) => [k, inst[k]]),
      viaInstance: [inst.pinyin('重庆'), inst.compact([['a', 'b'], ['c']]), inst.compare('啊', '吧')],
      compactFn: [m.compact.name, m.compact.length, m.compact([['zhōng', 'zhòng'], ['xīn']])],
      inspect: [require('util').inspect(p), require('util').inspect(inst)],
      base: [Object.getPrototypeOf(m.Pinyin).name, inst instanceof m.Pinyin],
    };
    """
    assert_same(run_js, node, code)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("heteronym", [False, True])
def test_corpus_unsegmented_and_surname(
    run_js: RunJs, node: NodeOracle, style: int, heteronym: bool
) -> None:
    for opts in (
        {"style": style, "heteronym": heteronym},
        {"style": style, "heteronym": heteronym, "mode": "surname"},
        {"style": style, "heteronym": heteronym, "mode": "SURNAME", "segment": "@node-rs/jieba"},
    ):
        assert_same(run_js, node, MAP_CORPUS, {"corpus": CORPUS, "opts": opts})


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("heteronym", [False, True])
@pytest.mark.parametrize("group", [False, True])
def test_corpus_segmented(
    run_js: RunJs, node: NodeOracle, style: int, heteronym: bool, group: bool
) -> None:
    for segment in SEGMENTS:
        opts = {"style": style, "heteronym": heteronym, "segment": segment, "group": group}
        assert_same(run_js, node, MAP_CORPUS, {"corpus": CORPUS, "opts": opts})


@pytest.mark.parametrize(
    "opts",
    [
        {"heteronym": True, "compact": True},
        {"heteronym": True, "compact": True, "style": "normal"},
        {"heteronym": True, "compact": True, "segment": "@node-rs/jieba", "group": True},
        {"heteronym": True, "compact": True, "mode": "surname"},
        {"compact": True},
    ],
)
def test_compact(run_js: RunJs, node: NodeOracle, opts: dict[str, object]) -> None:
    corpus = [t for t in HETERONYMS + NAMES if len(t) <= 8]
    assert_same(run_js, node, MAP_CORPUS, {"corpus": [*corpus, "", "abc"], "opts": opts})


def test_option_values(run_js: RunJs, node: NodeOracle) -> None:
    """Styles and modes by name, number, numeric string or anything `String()` maps;
    options that are not objects; unknown values fall back to TONE / normal."""
    code = """
    const { default: pinyin } = require('pinyin');
    const styles = ['tone', 'TONE', '1', 'tone2', 'TONE2', 'to3ne', 'TO3NE', '5', 'initials', '3',
      'first_letter', 'FIRST_LETTER', 'normal', '0', 'passport', 'PASSPORT', '6', 'Tone2', 'x',
      null, undefined, 2, 6, 7, -0, 2.0, true, [5], { toString() { return 'passport'; } },
      pinyin.STYLE_TO3NE, pinyin.STYLE_FIRST_LETTER];
    const modes = ['surname', 'SURNAME', 'Surname', 1, pinyin.MODE_SURNAME, 'normal', null];
    const text = '单田芳在重庆银行当行长，长大了lǘ绿';
    return {
      styles: styles.map((style) => pinyin(text, { style, heteronym: true })),
      modes: modes.map((mode) => pinyin(text, { mode })),
      opts: [null, undefined, 0, 'x', true, [], () => 1].map((o) => pinyin(text, o)),
      truthy: [pinyin(text, { heteronym: 1, group: 'y', segment: '@node-rs/jieba', compact: 0 }),
        pinyin(text, { segment: '', group: true }), pinyin(text, { segment: 0, heteronym: 'yes' })],
    };
    """
    assert_same(run_js, node, code)


def test_option_reads(run_js: RunJs, node: NodeOracle) -> None:
    """Options are read in the package's order and number of times (getters see it)."""
    code = """
    const { default: pinyin } = require('pinyin');
    const log = [];
    const opts = {};
    for (const [k, v] of [['segment', 'nodejieba'], ['style', 'tone2'], ['mode', 'normal'],
      ['heteronym', true], ['group', true], ['compact', true]]) {
      Object.defineProperty(opts, k, { get() { log.push(k); return v; } });
    }
    const out = pinyin('重庆行', opts);
    return { out, log, none: (log.length = 0, pinyin(5, opts), log.slice()) };
    """
    assert_same(run_js, node, code)


def test_not_a_string(run_js: RunJs, node: NodeOracle) -> None:
    """The package answers [] for anything but a primitive string (no error)."""
    code = """
    const { default: pinyin, compare } = require('pinyin');
    const values = [1, 0, null, undefined, {}, [], ['中'], new String('中'), true, 10n, Symbol('s')];
    return {
      out: values.map((v) => pinyin(v, { heteronym: true })),
      compare: [compare(1, '中'), compare('中', null), compare(null, undefined), compare('a', 2)],
    };
    """
    assert_same(run_js, node, code)


def test_lone_surrogates_and_astral(run_js: RunJs, node: NodeOracle) -> None:
    code = r"""
    const { default: pinyin } = require('pinyin');
    const texts = ['中\ud800文', '\udc00中', '中\ud840', '𠀀中𠀁', '中𠀀文', '\ud800\udc00'];
    const out = [];
    for (const segment of [false, true, '@node-rs/jieba', 'nodejieba']) {
      for (const group of [false, true]) {
        out.push(texts.map((t) => pinyin(t, { segment, group, heteronym: true })));
      }
      out.push(texts.map((t) => pinyin(t, { mode: 'surname' })));
    }
    return out;
    """
    assert_same(run_js, node, code)


def test_compare(run_js: RunJs, node: NodeOracle) -> None:
    """`compare` is `String(pinyin(a)).localeCompare(String(pinyin(b)))` (ICU order in Node)."""
    words = [
        *HETERONYMS[:30], *NAMES[:20], "啊", "阿", "安", "吧", "八", "爸", "把", "拔", "女", "绿",
        "律", "驴", "吕", "ABC", "abc", "Abc", "a b", "a-b", "a_b", "1", "10", "9", "", " ",
        "中a", "中A", "中1", "中,", "中。", "中文", "中", "zhong",
    ]  # fmt: skip
    code = """
    const { compare } = require('pinyin');
    const w = input.words;
    return w.map((a) => w.map((b) => compare(a, b)).join(''));
    """
    assert_same(run_js, node, code, {"words": words})


def test_segment_true_cjk_runs(run_js: RunJs, node: NodeOracle) -> None:
    """`segment: true` cuts runs of Han, Hiragana and Katakana with ICU's dictionary (Node's
    Intl.Segmenter): Japanese, Katakana runs (half width too), compatibility ideographs
    (NFKC), astral ideographs, runs longer than a dictionary word."""
    corpus = [
        "日本語のテキストとカタカナ", "コンピュータ", "ｶﾀｶﾅﾃｽﾄ", "中文和日本語", "金融機関",
        "我爱北京天安门广场", "豈更﨑崎", "𠀀中国𠀁人", "中华人民共和国中华人民共和国中华人民共和国",
        "アイウエオカキクケコサシスセソタチツテトナニヌネノ", "重庆ー行长", "〇々〆", "ｶﾞｷﾞ的ﾞ传ﾟ",
    ]  # fmt: skip
    for opts in ({"segment": True}, {"segment": True, "group": True, "heteronym": True}):
        assert_same(run_js, node, MAP_CORPUS, {"corpus": corpus, "opts": opts})


def test_limits(run_js: RunJs) -> None:
    """Text longer than 100,000 code units, or a result of more than 1,000,000 strings
    (group's combinations of heteronyms), is a RangeError; Node has no limit."""
    code = """
    const { default: pinyin } = require('pinyin');
    const errs = [];
    for (const [t, o] of [['中'.repeat(100001), {}], ['a'.repeat(100001), { segment: true }],
      ['重行长乐还'.repeat(8), { segment: 'nodejieba', group: true, heteronym: true }]]) {
      try { pinyin(t, o); errs.push(null); } catch (e) { errs.push([e.name, e.code, e.message]); }
    }
    return { errs, ok: pinyin('中'.repeat(100000)).length };
    """
    out = run_js(code)
    assert out["success"], out
    code_ = "ERR_FLOWGATE_PINYIN_LIMIT"
    assert out["result"]["errs"] == [
        ["RangeError", code_, "pinyin: the text is longer than 100000 characters"],
        ["RangeError", code_, "pinyin: the text is longer than 100000 characters"],
        ["RangeError", code_, "pinyin: the result would hold more than 1000000 strings"],
    ]
    assert out["result"]["ok"] == 100000


ALPHABET = "重行长乐还朝会觉都好中为调参差着得单曾解尉迟万俟令狐阿啊女绿ab1 ,，。\t😀〇カタｶﾞの"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=ALPHABET, max_size=12),
    style=st.sampled_from([*STYLES, "x"]),
    heteronym=st.booleans(),
    segment=st.sampled_from([False, True, "@node-rs/jieba", "nodejieba"]),
    group=st.booleans(),
    mode=st.sampled_from(["normal", "surname"]),
)
def test_random_texts(
    run_js: RunJs,
    node: NodeOracle,
    text: str,
    style: object,
    heteronym: bool,
    segment: object,
    group: bool,
    mode: str,
) -> None:
    opts = {
        "style": style,
        "heteronym": heteronym,
        "segment": segment,
        "group": group,
        "mode": mode,
    }
    assert_same(run_js, node, MAP_CORPUS, {"corpus": [text, *SENTENCES[:2]], "opts": opts})


def test_nothing_loaded_at_import() -> None:
    """Importing the op module (the server does it in the background after start-up) loads
    neither the tables nor jieba: they wait for the first pinyin op."""
    code = (
        "import sys\n"
        "import flowgate.codeblock.bridge.pinyin\n"
        "from flowgate.codeblock.bridge import pinyin_data\n"
        "assert 'jieba' not in sys.modules and pinyin_data._tables is None\n"
        "assert pinyin_data._segmenter is None and pinyin_data._warming is None\n"
        "from flowgate.codeblock.bridge import pinyin_icu\n"
        "assert pinyin_icu._segmenter is None\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


COLLATE_ALPHABET = (
    "".join(chr(i) for i in range(32, 127))
    + "āáǎàēéěèōóǒòīíǐìūúǔùüǘǚǜńňÀÉ“”‘’。、，：；！？《》（）…—·～￥ＡＢａｂ１αβ中国重行"
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pairs=st.lists(
        st.tuples(
            st.text(alphabet=COLLATE_ALPHABET, max_size=6),
            st.text(alphabet=COLLATE_ALPHABET, max_size=6),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_compare_random(run_js: RunJs, node: NodeOracle, pairs: list[tuple[str, str]]) -> None:
    """ICU's order (Node) against ours over ASCII, tone marks, CJK punctuation, full width."""
    code = (
        "const { compare } = require('pinyin'); return input.pairs.map(([a, b]) => compare(a, b));"
    )
    assert_same(run_js, node, code, {"pairs": pairs})
