"""Buffer against Node 20 on generated cases: decoding and encoding in every
encoding, write(), indexOf/lastIndexOf/includes, fill, copy and compare. Each
hypothesis example sends a batch of cases to one script per engine."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.test_node_buffer_helpers import (
    UNDEFINED,
    assert_same,
    js_bytes,
    js_num,
    js_str,
    loop_code,
)
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

FUZZ = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BATCH = 30

ENCODINGS = [
    "utf8", "utf-8", "UTF8", "hex", "HEX", "base64", "base64url", "latin1", "binary",
    "ascii", "ucs2", "ucs-2", "utf16le", "utf-16le", "Utf16LE",
]  # fmt: skip
encodings = st.sampled_from(ENCODINGS)
maybe_encoding = st.one_of(encodings, st.just(UNDEFINED), st.sampled_from(["", "nope", "utf16"]))

# Text that stresses each encoding: any code unit (lone surrogates included),
# hex-ish and base64-ish text with junk, latin1 and astral characters.
any_units = st.text(st.characters(codec=None, categories=None), max_size=12)
hexish = st.text(st.sampled_from("0123456789abcdefABCDEFxz \u0141\u00e9"), max_size=16)
base64ish = st.text(
    st.sampled_from("ABCDEFabcdefXYZxyz0189+/-_=  \n\t*.\u00e9\u0141\u3000"), max_size=20
)
texts = st.one_of(any_units, hexish, base64ish, st.text(max_size=10))
small_bytes = st.binary(max_size=24)

offsets = st.one_of(
    st.integers(-3, 30),
    st.sampled_from([0, 1, 2, 2**31, -(2**31) - 1, 1e20]),
    st.sampled_from([UNDEFINED, None, "1", "x", True]),
    st.floats(-5, 30).map(js_num),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), -0.0]).map(js_num),
)


# Lengths that allocate: no 2 GiB buffers.
small_offsets = st.one_of(
    st.integers(-3, 30),
    st.sampled_from([UNDEFINED, None, "1", "x", True]),
    st.floats(-5, 30).map(js_num),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), -0.0]).map(js_num),
)


def batch_of(case: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(case, min_size=1, max_size=BATCH)


def check(run_js: RunJs, node: NodeOracle, body: str, cases: list[Any]) -> None:
    assert_same(run_js, node, loop_code(body), {"cases": cases})


decode_cases = st.tuples(small_bytes.map(js_bytes), maybe_encoding, offsets, offsets)


@FUZZ
@given(cases=batch_of(decode_cases))
def test_to_string_matches_node(run_js: RunJs, node: NodeOracle, cases: list[Any]) -> None:
    check(
        run_js,
        node,
        "const [b, e, s, t] = DA(c); return [...[b.toString(e, s, t)].map((x) => [...x].map((ch) => ch.charCodeAt(0)))]",
        cases,
    )


encode_cases = st.tuples(texts.map(js_str), maybe_encoding)


@FUZZ
@given(cases=batch_of(encode_cases))
def test_from_string_and_byte_length_match_node(
    run_js: RunJs, node: NodeOracle, cases: list[Any]
) -> None:
    body = "const [s, e] = DA(c); return [Buffer.from(s, e), Buffer.byteLength(s, e), Buffer.isEncoding(e)]"
    check(run_js, node, body, cases)


@FUZZ
@given(cases=batch_of(st.tuples(small_bytes.map(js_bytes), encodings)))
def test_round_trips_match_node(run_js: RunJs, node: NodeOracle, cases: list[Any]) -> None:
    body = """const [b, e] = DA(c); const s = b.toString(e);
    return [Buffer.from(s, e), Buffer.from(s, e).equals(b), [...s].length]"""
    check(run_js, node, body, cases)


write_cases = st.tuples(
    st.integers(0, 12),
    texts.map(js_str),
    st.lists(st.one_of(offsets, maybe_encoding), max_size=3),
)


@FUZZ
@given(cases=batch_of(write_cases))
def test_write_matches_node(run_js: RunJs, node: NodeOracle, cases: list[Any]) -> None:
    body = """const [n, s, rest] = c; const b = Buffer.alloc(n, 0xee);
    const w = b.write(D(s), ...DA(rest)); return [w, b]"""
    check(run_js, node, body, cases)


haystacks = st.binary(max_size=16).map(lambda b: bytes(x % 4 + 0x61 if x < 200 else x for x in b))
needles = st.one_of(
    st.integers(-300, 600),
    st.floats(allow_nan=True).map(js_num),
    st.text(st.sampled_from("abcd\u00e9\ud800\u0161"), max_size=3).map(js_str),
    st.binary(max_size=3).map(lambda b: js_bytes(bytes(x % 5 + 0x60 for x in b))),
    st.sampled_from(["6162", "YWI=", "YQ"]).map(js_str),
)
search_cases = st.tuples(
    haystacks.map(js_bytes),
    st.sampled_from(["indexOf", "lastIndexOf", "includes"]),
    needles,
    st.lists(st.one_of(offsets, maybe_encoding), max_size=2),
)


@FUZZ
@given(cases=batch_of(search_cases))
def test_search_matches_node(run_js: RunJs, node: NodeOracle, cases: list[Any]) -> None:
    body = "const [h, m, v, rest] = c; return D(h)[m](D(v), ...DA(rest))"
    check(run_js, node, body, cases)


fill_values = st.one_of(
    st.integers(-300, 600),
    st.floats(allow_nan=True).map(js_num),
    texts.map(js_str),
    st.binary(max_size=4).map(js_bytes),
    st.sampled_from([True, None, UNDEFINED]),
)
fill_cases = st.tuples(
    st.integers(0, 12), fill_values, st.lists(st.one_of(offsets, maybe_encoding), max_size=3)
)


@FUZZ
@given(cases=batch_of(fill_cases))
def test_fill_and_alloc_match_node(run_js: RunJs, node: NodeOracle, cases: list[Any]) -> None:
    body = """const [n, v, rest] = c; const b = Buffer.alloc(n, 0xee);
    const r = b.fill(D(v), ...DA(rest)); return [r === b, b, R(() => Buffer.alloc(n, D(v), D(rest[0])))]"""
    check(run_js, node, body, cases)


copy_cases = st.tuples(
    small_bytes.map(js_bytes),
    st.integers(0, 12),
    st.lists(offsets, max_size=3),
    st.lists(offsets, max_size=4),
)


@FUZZ
@given(cases=batch_of(copy_cases))
def test_copy_compare_slice_match_node(run_js: RunJs, node: NodeOracle, cases: list[Any]) -> None:
    body = """const [s, n, copyArgs, cmpArgs] = c; const src = D(s); const t = Buffer.alloc(n, 0x2e);
    return [R(() => [src.copy(t, ...DA(copyArgs)), t]), R(() => src.compare(t, ...DA(cmpArgs))),
      R(() => t.compare(src, ...DA(cmpArgs))), R(() => [src.slice(...DA(copyArgs)), src.subarray(...DA(copyArgs))]),
      Buffer.compare(src, t), src.equals(t)]"""
    check(run_js, node, body, cases)


@FUZZ
@given(
    cases=batch_of(
        st.tuples(st.lists(st.binary(max_size=6).map(js_bytes), max_size=4), small_offsets)
    )
)
def test_concat_matches_node(run_js: RunJs, node: NodeOracle, cases: list[Any]) -> None:
    body = "const [list, n] = c; return [Buffer.concat(DA(list)), R(() => Buffer.concat(DA(list), D(n)))]"
    check(run_js, node, body, cases)
