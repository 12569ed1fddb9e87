"""Differential against Node 20: require('qs') 6.17.1 (vendor/qs, vendor/qs-impl)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

QS = "const qs = require('qs');\n"

SHAPE = [
    "return [require('qs/package.json'), require('qs/package.json').version]",
    "return [Object.keys(qs), Object.keys(qs.formats), qs.formats.default, qs.formats.RFC1738, "
    "typeof qs.formats.formatters.RFC3986]",
    "return [qs.parse.name, qs.parse.length, qs.stringify.name, qs.stringify.length]",
    # qs has no `exports` map: every lib/ file is public, and they are the same objects.
    "return [qs.parse === require('qs/lib/parse'), qs.stringify === require('qs/lib/stringify.js'), "
    "require('qs/lib/index') === qs, require('qs/lib') === qs, qs.formats === require('qs/lib/formats'), "
    "Object.keys(require('qs/lib/utils')).sort()]",
    "const u = require('qs/lib/utils'); return [u.merge({a: 1}, {b: 2}), u.encode('a b&ü'), "
    "u.decode('a%20b+c'), u.isRegExp(/x/), u.compact([1, undefined, 2]), u.combine([1], 2)]",
]

PARSE = [
    "return qs.parse('a[b][c]=1&a[d][]=2&a[d][]=3&e=%20x+y&f[0]=a&f[1]=b&g[]=&h')",
    "return [qs.parse('a.b.c=1&d[e]=2', {allowDots: true}), qs.parse('a%2Eb=1', {allowDots: true, "
    "decodeDotInKeys: true}), qs.parse('a.b=1')]",
    "return [qs.parse('a[1]=b&a[30]=c', {arrayLimit: 20}), qs.parse('a[1]=b&a[30]=c'), "
    "qs.parse('a[0]=x&a[5]=y'), qs.parse('a[]=1&a[]=2&a[]=3', {arrayLimit: 1})]",
    "return [qs.parse('a[b][c][d][e][f][g]=1'), qs.parse('a[b][c][d]=1', {depth: 1}), "
    "qs.parse('a[b][c]=1', {depth: 0}), qs.parse('a[b]=1', {depth: false})]",
    "return [qs.parse('utf8=%E2%9C%93&a=%C3%B8', {charsetSentinel: true, charset: 'iso-8859-1'}), "
    "qs.parse('utf8=%26%2310003%3B&a=%F8', {charsetSentinel: true}), "
    "qs.parse('a=%26%239786%3B', {charset: 'iso-8859-1', interpretNumericEntities: true}), "
    "qs.parse('a=%F8', {charset: 'iso-8859-1'})]",
    "return [qs.parse('a=1,2', {comma: true}), qs.parse('?a=1', {ignoreQueryPrefix: true}), "
    "qs.parse('a[]=1&a[]=2', {parseArrays: false}), qs.parse('a=b;c=d', {delimiter: ';'}), "
    "qs.parse('a=b;c=d,e=f', {delimiter: /[;,]/}), qs.parse('a&b=', {strictNullHandling: true})]",
    "return [qs.parse('a=1&a=2&a=3'), qs.parse('a=1&a=2', {duplicates: 'first'}), "
    "qs.parse('a=1&a=2', {duplicates: 'last'}), qs.parse('a=1&b=2&c=3', {parameterLimit: 2})]",
    "return [qs.parse('a[__proto__][b]=1&constructor=2'), qs.parse('a[hasOwnProperty]=1'), "
    "qs.parse('a[hasOwnProperty]=1', {allowPrototypes: true}), "
    "JSON.stringify(qs.parse('a[b]=1', {plainObjects: true}))]",
    "return [qs.parse({a: 'b', 'c[d]': 'e'}), qs.parse(''), qs.parse(null), qs.parse('=x&y'), "
    "qs.parse('a[]=', {allowEmptyArrays: true}), qs.parse('%E0%A4%A=1&%zz=2')]",
    "return qs.parse('a=b', {decoder: (s, dec, cs, type) => type + ':' + dec(s)})",
    "return [qs.parse('a[b]c=1'), qs.parse('a[b][=1'), qs.parse('[a]=1&[]=2'), qs.parse('a]b[=1')]",
]

STRINGIFY = [
    "return qs.stringify({a: {b: [1, 2], c: 'x y'}, d: null, e: undefined, f: true, g: ''})",
    "return ['indices', 'brackets', 'repeat', 'comma'].map((arrayFormat) => "
    "qs.stringify({a: [1, 2, 3], b: [[4]], c: []}, {arrayFormat}))",
    "return [qs.stringify({a: [1, 2]}, {arrayFormat: 'comma', commaRoundTrip: true}), "
    "qs.stringify({a: [1]}, {arrayFormat: 'comma', commaRoundTrip: true}), "
    "qs.stringify({a: [1, 2]}, {indices: false})]",
    "return [qs.stringify({a: {b: 'ü ä'}}, {encodeValuesOnly: true}), qs.stringify({a: {b: 'ü'}}, "
    "{encode: false}), qs.stringify({'a b': {'c&': 'd='}}), qs.stringify({a: 'b c'}, "
    "{format: 'RFC1738'})]",
    "return [qs.stringify({a: {b: {c: 1}}}, {allowDots: true}), qs.stringify({'a.b': {'c.d': 1}}, "
    "{allowDots: true, encodeDotInKeys: true}), qs.stringify({a: []}, {allowEmptyArrays: true})]",
    "return [qs.stringify({a: 'b'}, {charsetSentinel: true}), qs.stringify({a: '☺ é'}, "
    "{charset: 'iso-8859-1'}), qs.stringify({a: 'é'}, {charset: 'iso-8859-1', "
    "charsetSentinel: true})]",
    "return [qs.stringify({a: new Date(0)}), qs.stringify({a: new Date(5)}, {serializeDate: "
    "(d) => d.getTime()}), qs.stringify({a: [{b: 1}, {c: 2}]}), qs.stringify({a: 1n, b: -0, "
    "c: NaN, d: Symbol.iterator.description})]",
    "return [qs.stringify({a: 'b', c: 'd'}, {sort: (x, y) => y.localeCompare(x)}), "
    "qs.stringify({a: 1, b: {c: 2, d: 3}}, {filter: ['b', 'c']}), qs.stringify({a: 1, b: 2}, "
    "{filter: (p, v) => (p === 'b' ? undefined : v)})]",
    "return [qs.stringify({a: null, b: ''}, {strictNullHandling: true}), qs.stringify({a: null, "
    "b: 1}, {skipNulls: true}), qs.stringify({a: 1}, {addQueryPrefix: true}), "
    "qs.stringify({a: 1, b: 2}, {delimiter: ';'})]",
    "return [qs.stringify({a: 'b'}, {encoder: (s, def, cs, type) => type + def(s)}), "
    "qs.stringify('abc'), qs.stringify(null), qs.stringify([1, 2]), qs.stringify({a: [,'x']})]",
]

ERRORS = [
    "const a = {b: 1}; a.self = a; qs.stringify({a})",
    "const a = [1]; a.push(a); qs.stringify({a}, {arrayFormat: 'brackets'})",
    "qs.parse('a[b][c][d]=1', {depth: 1, strictDepth: true})",
    "qs.parse('a[]=1&a[]=2&a[]=3', {arrayLimit: 1, throwOnLimitExceeded: true})",
    "qs.parse('a=1&b=2', {parameterLimit: 1, throwOnLimitExceeded: true})",
    "qs.stringify({a: {b: {c: 1}}}, {depth: 1})",
    "qs.parse('a=b', {decoder: 'nope'})",
    "qs.parse('a=b', {charset: 'utf-16'})",
    "qs.stringify({a: 1}, {encoder: 5})",
    "qs.stringify({a: 1}, {format: 'RFC0'})",
    "qs.stringify({a: [1]}, {arrayFormat: 'nope'})",
    "qs.parse('a=b', {duplicates: 'all'})",
    "qs.parse('a.b=1', {allowDots: false, decodeDotInKeys: true})",
]


@pytest.mark.parametrize("code", SHAPE + PARSE + STRINGIFY)
def test_qs_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, QS + code)


@pytest.mark.parametrize("code", ERRORS)
def test_qs_errors_and_option_checks_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    caught = (
        f"try {{ {code}; return 'no error' }} catch (e) "
        "{ return [e.constructor.name, e.name, e.message, e.code] }"
    )
    assert_same(run_js, node, QS + caught)


def test_cyclic_object_is_a_range_error(run_js: RunJs, node: NodeOracle) -> None:
    code = (
        QS + "const a = {x: {y: {}}}; a.x.y.z = a.x; try { qs.stringify(a) } catch (e) "
        "{ return [e instanceof RangeError, e.name, e.message] }"
    )
    ours = assert_same(run_js, node, code)
    assert ours["result"] == [True, "RangeError", "Cyclic object value"]


def test_shared_non_cyclic_objects_are_fine(run_js: RunJs, node: NodeOracle) -> None:
    code = QS + "const s = {v: 1}; return qs.stringify({a: s, b: [s, s], c: {d: s}})"
    assert_same(run_js, node, code)


def test_subpaths_node_does_not_have_are_missing(run_js: RunJs) -> None:
    out = run_js("return require('qs/lib/nope')")
    assert out["error"]["code"] == "MODULE_NOT_FOUND"
    out = run_js("return require('qs/../qs')")
    assert out["error"]["code"] == "MODULE_NOT_FOUND"


KEY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("ab.[]=&%+ _-")),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    min_size=1,
    max_size=5,
)
LEAF = st.one_of(KEY, st.integers(-1000, 1000), st.booleans(), st.none(), st.just(""))
TREE = st.recursive(
    LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(KEY, inner, min_size=1, max_size=3)
    ),
    max_leaves=10,
)
OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "arrayFormat": st.sampled_from(["indices", "brackets", "repeat", "comma"]),
        "allowDots": st.booleans(),
        "encodeValuesOnly": st.booleans(),
        "encode": st.booleans(),
        "strictNullHandling": st.booleans(),
        "skipNulls": st.booleans(),
        "format": st.sampled_from(["RFC1738", "RFC3986"]),
        "charset": st.sampled_from(["utf-8", "iso-8859-1"]),
        "charsetSentinel": st.booleans(),
        "allowEmptyArrays": st.booleans(),
    },
)
SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(obj=st.dictionaries(KEY, TREE, max_size=4), opts=OPTIONS)
def test_round_trip_random_objects(
    run_js: RunJs, node: NodeOracle, obj: dict[str, Any], opts: dict[str, Any]
) -> None:
    code = (
        QS + "const s = qs.stringify(input.obj, input.opts); const o = input.opts; "
        "return [s, qs.parse(s, {allowDots: o.allowDots, strictNullHandling: "
        "o.strictNullHandling, charset: o.charset, charsetSentinel: o.charsetSentinel, "
        "comma: o.arrayFormat === 'comma', allowEmptyArrays: o.allowEmptyArrays, depth: 10})]"
    )
    assert_same(run_js, node, code, {"obj": obj, "opts": opts})


QUERY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("ab[]=&;.,%2EF0+?#")),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=30,
)


PARSE_OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "depth": st.one_of(st.integers(0, 6), st.just(False)),
        "arrayLimit": st.integers(-1, 25),
        "allowDots": st.booleans(),
        "decodeDotInKeys": st.booleans(),
        "comma": st.booleans(),
        "parseArrays": st.booleans(),
        "allowPrototypes": st.booleans(),
        "plainObjects": st.booleans(),
        "duplicates": st.sampled_from(["combine", "first", "last"]),
        "ignoreQueryPrefix": st.booleans(),
        "strictNullHandling": st.booleans(),
        "allowEmptyArrays": st.booleans(),
        "charset": st.sampled_from(["utf-8", "iso-8859-1"]),
        "charsetSentinel": st.booleans(),
        "interpretNumericEntities": st.booleans(),
        "parameterLimit": st.integers(1, 5),
        "strictDepth": st.booleans(),
    },
)


@SETTINGS
@given(text=QUERY, opts=PARSE_OPTIONS)
def test_parse_random_query_strings(
    run_js: RunJs, node: NodeOracle, text: str, opts: dict[str, Any]
) -> None:
    code = (
        QS + "const T = (f) => { try { return JSON.stringify(f()) } catch (e) "
        "{ return [e.constructor.name, e.message] } };\n"
        "return [T(() => qs.parse(input.text)), T(() => qs.parse(input.text, input.opts)), "
        "T(() => qs.parse(input.text, {charset: 'iso-8859-1', delimiter: /[&;]/}))]"
    )
    assert_same(run_js, node, code, {"text": text, "opts": opts})
