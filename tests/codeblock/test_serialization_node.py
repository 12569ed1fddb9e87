"""Differential: results are exactly what Node 20's JSON.stringify produces."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

CASES = [
    "return 1 / 3",
    "return [0.1 + 0.2, 1e21, 1e-7, -0, 2 ** 53 + 1, 5e-324, 1.7976931348623157e308]",
    "return [NaN, Infinity, -Infinity, undefined, null, () => 1, Symbol('s')]",
    "return {b: 1, a: 2, 10: 'x', 2: 'y', '-1': 'z', '01': 'w'}",
    "return new Date(Date.UTC(2020, 1, 29, 12, 30, 45, 123))",
    "return {d: new Date(NaN)}",
    "return 'line\\nbreak\\u2028\\u2029\"quote\"\\\\ tab\\t \\u0001 \\u001f'",
    "return '\\ud800 lone \\udfff surrogates \\ud83d\\ude00 pair'",
    "return {toJSON() { return {replaced: true} }}",
    "return [new Map([[1, 2]]), new Set([1]), /re/g, new Error('e')]",
    "return new Uint8Array([1, 2, 3])",
    "return Object.create({inherited: 1}, {own: {value: 2, enumerable: true}, hidden: {value: 3}})",
    "return {[Symbol('k')]: 1, s: 'v'}",
    "return [new Number(3), new String('s'), new Boolean(false)]",
    "class P { constructor() { this.x = 1; this.#y = 2 } #y; get z() { return 3 } } return new P()",
    "return Array(3)",
    "return 'é😀中文'",
    "return true",
    "return null",
    "return ''",
    "return {a: {b: {c: {d: {e: [1, [2, [3, [4]]]]}}}}}",
    "const o = {}; Object.defineProperty(o, 'x', {get() { return 'got' }, enumerable: true}); return o",
    "return Object.assign(Object.create(null), {n: 1})",
    "return [1.5e300 * 1.5e300, -1e-400, 123456789012345680000]",
    "return (12345.6789).toFixed(2) + ' ' + (0.000001234).toPrecision(2) + ' ' + (255).toString(16)",
]


@pytest.mark.parametrize("code", CASES)
def test_result_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    ours = run_js(code)
    theirs = node.run(code)
    assert ours["success"] == theirs["success"], (ours, theirs)
    if theirs["success"]:
        assert ours["result"] == theirs["result"]
        # Key order is part of the contract: compare the serialised text too.
        assert json.dumps(ours["result"]) == json.dumps(theirs["result"])


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=json_values)
def test_round_trip_of_arbitrary_json_matches_node(
    run_js: RunJs, node: NodeOracle, value: Any
) -> None:
    code = "return [input.v, JSON.stringify(input.v), typeof input.v]"
    ours = run_js(code, {"v": value})
    theirs = node.run(code, {"v": value})
    assert ours["result"] == theirs["result"]
    assert json.dumps(ours["result"]) == json.dumps(theirs["result"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(numbers=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=20))
def test_number_formatting_matches_node(
    run_js: RunJs, node: NodeOracle, numbers: list[float]
) -> None:
    literal = ", ".join(
        "NaN"
        if n != n
        else ("Infinity" if n == float("inf") else "-Infinity" if n == float("-inf") else repr(n))
        for n in numbers
    )
    code = f"const xs = [{literal}]; return [xs, xs.map(String), xs.map(x => x.toFixed(3)), xs.map(x => x.toExponential(4))]"
    assert run_js(code)["result"] == node.run(code)["result"]
