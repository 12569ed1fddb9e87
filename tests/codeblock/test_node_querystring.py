"""Differential against Node 20: require('querystring')."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

# parse results have a null prototype: JSON.stringify them, and report the prototype.
PARSE = (
    "const qs = require('querystring'); const P = (...a) => { const o = qs.parse(...a); "
    "return [Object.getPrototypeOf(o) === null, JSON.stringify(o)]; };\n"
)

CASES = [
    "return P('a=1&b=2&a=3&c&=d&e=')",
    "return P('a%20b=c+d&x=%E2%82%AC&bad=%E0%A4%A&pct=%&h=%zz')",
    "return P('a:1;b:2', ';', ':')",
    "return P('a==b&&c=d&&e', '&&', '==')",
    "return P('a=1&b=2&c=3', null, null, {maxKeys: 2})",
    "return P('a=1&b=2&c=3', null, null, {maxKeys: 0})",
    "return P('a=1&b=2&c=3', null, null, {maxKeys: -5})",
    "return P('k=%zz%41', null, null, {decodeURIComponent: (s) => s.toUpperCase()})",
    "return P('k=v', null, null, {decodeURIComponent: () => { throw new Error('x') }})",
    "return P('__proto__=1&constructor=2&hasOwnProperty=3')",
    "return [P(''), P(null), P(5), P('&&&'), P('==='), P('&=&')]",
    "return P('a=%C3%A9&b=%C3&c=%FF%FE&d=%F0%9F%98%80')",
    "return P('a+b=c+d', '+')",
    "return P('a&b', '&', '&')",
    "return P('x=1&x=2&x=3')",
    "return P('a=1,b=2', ',')",
    "return P('a=1&b=2', 5, 6)",
    "return qs.stringify({a: [1, 2], b: 'x y', c: true, d: null, e: undefined, f: NaN, g: 1e21, "
    "h: 10n, i: {}, j: -0, k: Infinity})",
    "return [qs.stringify({a: 1, b: 2}, ';', ':'), qs.stringify({a: []}), qs.stringify({'': ''}), qs.stringify('str'), "
    "qs.stringify(null), qs.stringify([1, 2])]",
    "return qs.stringify({'\u00fc': '\u20ac\U0001f600', 'sp ace': \"!'()*-._~\"})",
    "return qs.stringify({a: 'b c', d: 1}, null, null, {encodeURIComponent: (s) => `<${s}>`})",
    "try { qs.stringify({a: '\\ud800'}) } catch (e) { return [e.name, e.code, e.message] }",
    "try { return qs.escape('\\udc00x') } catch (e) { return [e.name, e.code, e.message] }",
    "try { return qs.escape('x\\ud800') } catch (e) { return [e.name, e.code, e.message] }",
    "return qs.escape('\\ud83d\\ude00 <>\"#%{}|\\\\^`')",
    "return [qs.escape(5), qs.escape({toString() { return 'a b' }}), qs.escape(null), qs.escape(undefined)]",
    "return [qs.unescape('%41%zz+%'), qs.unescape('a+b', true), qs.unescape('%E0%A4%A'), qs.unescape('%C3%28')]",
    "return [qs.encode === qs.stringify, qs.decode === qs.parse, Object.keys(qs)]",
    "const b = qs.unescapeBuffer('%41%zz+%C3%A9'); return [Buffer.isBuffer(b), b.toString('hex'), "
    "qs.unescapeBuffer('a+b', true).toString(), qs.unescapeBuffer('%').toString('hex')]",
    # the Node oracle is one long-lived process: module state is restored after mutating it
    "const orig = qs.unescape; qs.unescape = (s) => s.toUpperCase(); "
    "try { return P('a=b%20c') } finally { qs.unescape = orig }",
    "const orig = qs.escape; qs.escape = (s) => `[${s}]`; "
    "try { return qs.stringify({a: 'b'}) } finally { qs.escape = orig }",
]


@pytest.mark.parametrize("code", CASES)
def test_querystring_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, PARSE + code)


TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("&=;:+%20AFaf ?#/\\")),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=24,
)
SEP = st.sampled_from([None, "&", ";", "&&", ",", "=&", "ab"])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=TEXT, sep=SEP, eq=st.sampled_from([None, "=", ":", "==", "x"]), max_keys=st.integers(-1, 4)
)
def test_parse_random_strings(
    run_js: RunJs, node: NodeOracle, text: str, sep: str | None, eq: str | None, max_keys: int
) -> None:
    code = (
        PARSE + "return [P(input.text, input.sep, input.eq), P(input.text, input.sep, input.eq, "
        "{maxKeys: input.maxKeys}), qs.unescape(input.text), qs.unescape(input.text, true)]"
    )
    inp = {"text": text, "sep": sep, "eq": eq, "maxKeys": max_keys}
    assert_same(run_js, node, code, inp)


KEYS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)
VALUES = st.one_of(
    KEYS,
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
    st.lists(KEYS, max_size=3),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(obj=st.dictionaries(KEYS, VALUES, max_size=5), sep=SEP, eq=st.sampled_from([None, "=", ":"]))
def test_stringify_round_trip_random_objects(
    run_js: RunJs, node: NodeOracle, obj: dict[str, object], sep: str | None, eq: str | None
) -> None:
    code = (
        PARSE + "const s = qs.stringify(input.obj, input.sep, input.eq); "
        "return [s, P(s, input.sep, input.eq), Object.keys(input.obj).map((k) => qs.escape(k))]"
    )
    assert_same(run_js, node, code, {"obj": obj, "sep": sep, "eq": eq})
