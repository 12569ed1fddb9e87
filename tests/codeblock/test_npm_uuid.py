"""Differential against Node 20: require('uuid') 14.0.3 (vendor/uuid).

uuid 14 is an ES module; Node 20 (>= 20.19) gives `require()` its module namespace,
which vendor/uuid reproduces (assets/shims/module-namespace.js)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same, run_both
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

U = "const u = require('uuid');\n"
# Errors are compared in-script: class, name, message, code.
TRY = "const T = (f) => { try { return f() } catch (e) { return [e.constructor.name, e.name, e.message, e.code] } };\n"

SHAPE = [
    "return [require('uuid/package.json'), require('uuid/package.json') === "
    "require('uuid/package.json')]",
    "return [Object.keys(u), Reflect.ownKeys(u).map(String), typeof u.default, "
    "Object.prototype.toString.call(u), Object.getPrototypeOf(u) === null, u[Symbol.toStringTag]]",
    "return [Object.isSealed(u), Object.isFrozen(u), Object.isExtensible(u), "
    "Object.getOwnPropertyDescriptor(u, 'v4').writable, Object.getOwnPropertyDescriptor(u, 'v4')"
    ".configurable, Object.getOwnPropertyDescriptor(u, Symbol.toStringTag).enumerable, "
    "'default' in u, '__esModule' in u, require('util').types.isModuleNamespaceObject(u)]",
    # A namespace refuses assignment, deletion and new keys (silently in sloppy code).
    "u.v4 = 1; u.extra = 2; delete u.v1; return [typeof u.v4, u.extra, typeof u.v1, "
    "Reflect.set(u, 'v4', 1), Reflect.deleteProperty(u, 'v4'), "
    "Reflect.defineProperty(u, 'v4', {value: 1}), Reflect.defineProperty(u, 'v4', "
    "{enumerable: true, configurable: false}), Reflect.defineProperty(u, 'v4', {get() {}})]",
    "return [JSON.stringify(u), Object.entries(u).length, {...u}.NIL, require('uuid') === u]",
    # the functions keep uuid's own names (the bundle is built with `sourceNames`)
    "return Object.entries(u).filter(([, v]) => typeof v === 'function')"
    ".map(([k, v]) => [k, v.name, v.length])",
    # printed as Node prints a module namespace
    "return [require('util').inspect(u), require('util').inspect({ u }, { depth: 0 })]",
    "return [u.v3.DNS, u.v3.URL, u.v5.DNS, u.v5.URL, Object.keys(u.v3), Object.keys(u.v5)]",
    "return Object.keys(u).map((k) => [k, typeof u[k], typeof u[k] === 'function' ? "
    "[u[k].name, u[k].length] : u[k]])",
]

DETERMINISTIC = [
    "return [u.v3('hello', u.v3.DNS), u.v3('hello', u.v3.URL), u.v5('hello', u.v5.DNS), "
    "u.v5('https://example.com/', u.v5.URL), u.v3('', u.NIL), u.v5('', u.MAX)]",
    "return [u.v3('héllo wörld 😀', '6ba7b812-9dad-11d1-80b4-00c04fd430c8'), "
    "u.v5([1, 2, 3], u.v5.DNS), u.v5(new Uint8Array([255, 0]), u.parse(u.v5.URL)), "
    "u.v3('x', Array.from(u.parse(u.v3.DNS)))]",
    "return [Array.from(u.v5('x', u.v5.DNS, new Uint8Array(20), 2)), "
    "u.v3('x', u.v3.DNS, Array(16).fill(0), 0)]",
    "const o = {msecs: 1700000000000, nsecs: 5, clockseq: 0x1234, node: [1, 2, 3, 4, 5, 6]}; "
    "return [u.v1(o), u.v6(o), u.v1({msecs: 0, random: new Uint8Array(16)}), "
    "u.v1({msecs: new Date('2020-01-01').getTime(), random: Array(16).fill(0xff)}), "
    "u.v6({msecs: 1, nsecs: 9999, random: Array.from({length: 16}, (_, i) => i)})]",
    "return [u.v7({msecs: 1700000000000, seq: 42, random: Array.from({length: 16}, "
    "(_, i) => i * 7)}), u.v7({msecs: 0, random: Array(16).fill(0)}), u.v7({msecs: 2 ** 48 - 1, "
    "seq: 0xffffffff, random: Array(16).fill(0xff)}), u.v7({random: Array(16).fill(1), "
    "msecs: 5})]",
    "return [u.v4({random: Array.from({length: 16}, (_, i) => i * 13)}), "
    "u.v4({rng: () => Array(16).fill(0xaa)}), Array.from(u.v4({random: Array(16).fill(0)}, "
    "new Uint8Array(18), 1))]",
    "return [u.v1ToV6(u.v1({msecs: 1234567890123, nsecs: 42, clockseq: 7, node: [9, 8, 7, 6, 5, "
    "4]})), u.v6ToV1('1ee7c9e4-0000-6000-8000-000000000000'), u.v1ToV6(u.NIL), "
    "Array.from(u.v6ToV1(u.parse('1ee7c9e4-0000-6000-8000-000000000000')))]",
    "return [Array.from(u.parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8')), u.stringify(u.parse(u.NIL)),"
    " u.stringify([...Array(16).keys()].map((i) => i * 16 + i), 0), "
    "u.stringify([0, 0, ...u.parse(u.v5.URL)], 2), "
    "u.parse(u.MAX).constructor.name]",
    "return [u.validate(u.MAX), u.validate(u.NIL), u.validate('6BA7B810-9DAD-11D1-80B4-00C04FD430C8'),"
    " u.validate('6ba7b810-9dad-91d1-80b4-00c04fd430c8'), u.validate('6ba7b810-9dad-11d1-c0b4-"
    "00c04fd430c8'), u.validate(123), u.validate(), u.version(u.MAX), u.version(u.NIL), "
    "u.version('6ba7b810-9dad-81d1-80b4-00c04fd430c8')]",
]

ERRORS = [
    "u.parse('x')",
    "u.parse('6ba7b810-9dad-11d1-80b4-00c04fd430c')",
    "u.version('nope')",
    "u.stringify([1, 2, 3])",
    "u.stringify(new Uint8Array(16))",
    "u.v4({random: [1, 2]})",
    "u.v7({random: new Uint8Array(15)})",
    "u.v1({random: []})",
    "u.v3('a', 'bad')",
    "u.v5('a', [1, 2, 3])",
    "u.v3('a', u.v3.DNS, new Uint8Array(10), 0)",
    "u.v1(null, new Uint8Array(10), 0)",
    "u.v4(undefined, new Uint8Array(16), 1)",
    "u.v7({msecs: 1, random: Array(16).fill(0)}, [], -1)",
    "u.v1ToV6('not-a-uuid')",
]


@pytest.mark.parametrize("code", SHAPE + DETERMINISTIC)
def test_uuid_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, U + code)


@pytest.mark.parametrize("code", ERRORS)
def test_uuid_errors_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, U + TRY + f"return T(() => {code})")


RANDOM_SHAPES = (
    U + "const out = {};\n"
    "for (const [name, f] of [['v1', u.v1], ['v4', u.v4], ['v6', u.v6], ['v7', u.v7]]) {\n"
    "  const ids = Array.from({length: 20}, () => f());\n"
    "  out[name] = [ids.every(u.validate), [...new Set(ids.map(u.version))], "
    "[...new Set(ids.map((s) => '89ab'.includes(s[19])))], new Set(ids).size];\n"
    "}\n"
    "const a = u.v7(), b = u.v7(); out.v7order = a < b;\n"
    "out.v4buf = [u.v4({}, new Uint8Array(16)).length, typeof u.v4({})];\n"
    "return out"
)


def test_random_uuids_have_the_right_shape(run_js: RunJs, node: NodeOracle) -> None:
    ours, theirs = run_both(run_js, node, RANDOM_SHAPES)
    assert ours["result"] == theirs["result"]
    for name in ("v1", "v4", "v6", "v7"):
        assert ours["result"][name] == [True, [int(name[1])], [True], 20]
    assert ours["result"]["v7order"] is True


def test_v4_is_random_per_execution(run_js: RunJs) -> None:
    first = run_js(U + "return [u.v4(), u.v7(), u.v1()]")["result"]
    second = run_js(U + "return [u.v4(), u.v7(), u.v1()]")["result"]
    pattern = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    assert all(pattern.match(s) for s in first + second)
    assert set(first).isdisjoint(second)


def test_only_the_package_root_is_public(run_js: RunJs) -> None:
    for sub in ("uuid/dist/v4.js", "uuid/v4", "uuid/dist-node/index", "uuid/package"):
        assert run_js(f"return require('{sub}')")["error"]["code"] == "MODULE_NOT_FOUND"


SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BYTES16 = st.lists(st.integers(0, 255), min_size=16, max_size=16)


@SETTINGS
@given(
    name=st.one_of(st.text(max_size=20), st.lists(st.integers(0, 255), max_size=8)),
    namespace=st.one_of(st.sampled_from(["DNS", "URL"]), BYTES16),
)
def test_name_based_random(
    run_js: RunJs, node: NodeOracle, name: object, namespace: object
) -> None:
    code = (
        U + "const ns = typeof input.ns === 'string' ? u.v3[input.ns] : input.ns;\n"
        "const T = (f) => { try { return f() } catch (e) { return [e.name, e.message] } };\n"
        "return [T(() => u.v3(input.name, ns)), T(() => u.v5(input.name, ns)), "
        "T(() => u.v5(input.name, input.ns))]"
    )
    assert_same(run_js, node, code, {"name": name, "ns": namespace})


@SETTINGS
@given(
    msecs=st.integers(0, 2**48 - 1),
    nsecs=st.integers(0, 9999),
    clockseq=st.integers(0, 0x3FFF),
    node_id=st.lists(st.integers(0, 255), min_size=6, max_size=6),
    seq=st.integers(0, 2**32 - 1),
    random=BYTES16,
)
def test_time_based_with_explicit_options(
    run_js: RunJs,
    node: NodeOracle,
    msecs: int,
    nsecs: int,
    clockseq: int,
    node_id: list[int],
    seq: int,
    random: list[int],
) -> None:
    code = (
        U + "const i = input; const v1 = u.v1({msecs: i.msecs, nsecs: i.nsecs, clockseq: "
        "i.clockseq, node: i.node, random: i.random});\n"
        "return [v1, u.v6({msecs: i.msecs, nsecs: i.nsecs, random: i.random}), u.v1ToV6(v1), "
        "u.v6ToV1(u.v1ToV6(v1)), u.v7({msecs: i.msecs, seq: i.seq, random: i.random}), "
        "u.v7({msecs: i.msecs, random: i.random}), u.v4({random: i.random}), "
        "Array.from(u.parse(v1)), u.stringify(i.random.map((b, k) => k === 6 ? 0x40 | (b & 15) : "
        "k === 8 ? 0x80 | (b & 63) : b))]"
    )
    inp = {
        "msecs": msecs,
        "nsecs": nsecs,
        "clockseq": clockseq,
        "node": node_id,
        "seq": seq,
        "random": random,
    }
    assert_same(run_js, node, code, inp)


@SETTINGS
@given(
    text=st.one_of(st.text(alphabet="0123456789abcdefABCDEF-xg ", max_size=40), st.uuids().map(str))
)
def test_validate_version_parse_random_strings(run_js: RunJs, node: NodeOracle, text: str) -> None:
    code = (
        U + TRY + "return [u.validate(input.t), T(() => u.version(input.t)), "
        "T(() => Array.from(u.parse(input.t))), T(() => u.stringify(u.parse(input.t)))]"
    )
    assert_same(run_js, node, code, {"t": text})
