"""Differential against Node 20: require('assert') and 'assert/strict' (messages, codes,
AssertionError properties)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same, run_both
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

# T(f): what f throws, as plain data (actual/expected through util.inspect).
PRELUDE = """const assert = require('assert'); const util = require('util');
// Errors as name + message: their stacks differ between engines.
const show = (v) => v instanceof Error ? [v.name, v.message] : util.inspect(v);
const T = (f) => { try { f(); return 'no-throw'; } catch (e) {
  return [e.name, e.code, e.message, e.generatedMessage, e.operator, show(e.actual), show(e.expected),
          e instanceof assert.AssertionError, String(e).split('\\n')[0]]; } };
const A = async (p) => { try { await p; return 'resolved'; } catch (e) {
  return [e.name, e.code, e.message, e.operator]; } };
"""

CASES = [
    "return T(() => assert.strictEqual(1, 2))",
    "return T(() => assert.strictEqual('a', 'b', 'custom'))",
    "return T(() => assert.strictEqual(1, 1))",
    "return T(() => assert.strictEqual(NaN, NaN))",
    "return T(() => assert.strictEqual(0, -0))",
    "return T(() => assert.strictEqual('a'.repeat(20), 'b'.repeat(20)))",
    "return T(() => assert.strictEqual('line1\\nline2', 'line1\\nline3'))",
    "return T(() => assert.strictEqual({a: 1}, {a: 1}))",
    "return T(() => assert.strictEqual([1, 2], [1, 3]))",
    "return T(() => assert.strictEqual(1n, 2n))",
    "return T(() => assert.strictEqual(null, undefined))",
    "return T(() => assert.strictEqual(1, 2, new TypeError('mine')))",
    "return T(() => assert.notStrictEqual(1, 1))",
    "return T(() => assert.notStrictEqual({}, {}))",
    "const o = {a: 1}; return T(() => assert.notStrictEqual(o, o))",
    "return T(() => assert.equal(1, '2'))",
    "return [T(() => assert.equal(1, '1')), T(() => assert.equal(null, undefined)), T(() => assert.equal(NaN, NaN))]",
    "return T(() => assert.notEqual(1, '1'))",
    "return T(() => assert(false))",
    "return T(() => assert.ok(0, 'zero'))",
    "return T(() => assert())",
    "return T(() => assert.ok(null))",
    "return T(() => assert.ok(''))",
    "return T(() => assert.ok(false, new RangeError('own')))",
    "return T(() => assert.deepStrictEqual({a: 1, b: [1, 2]}, {a: 1, b: [1, 3]}))",
    "return T(() => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]))",
    "return T(() => assert.deepStrictEqual(new Map([[1, 2]]), new Map([[1, 3]])))",
    "return T(() => assert.deepStrictEqual(new Set([1, 2]), new Set([1, 3])))",
    "return T(() => assert.deepStrictEqual({x: 'hello', y: {z: [1, 2, 3]}}, {x: 'hello', y: {z: [1, 2, 4]}, w: 1}))",
    "return T(() => assert.deepStrictEqual([1, 2, [3, 4]], [1, 2, [3, 5]]))",
    "return T(() => assert.deepStrictEqual({a: 1}, {a: 1}))",
    "return T(() => assert.deepStrictEqual(1, '1'))",
    "return T(() => assert.deepStrictEqual(new Date(0), new Date(1)))",
    "return T(() => assert.deepStrictEqual(/a/g, /a/i))",
    "return T(() => assert.deepStrictEqual(Object.create(null), {}))",
    "return T(() => assert.deepStrictEqual([1, , 3], [1, undefined, 3]))",
    "return T(() => assert.deepStrictEqual(new Error('a'), new Error('b')))",
    "return T(() => assert.deepStrictEqual({a: {b: {c: {d: 1}}}}, {a: {b: {c: {d: 2}}}}))",
    "return T(() => assert.deepStrictEqual(Array.from({length: 60}, (_, i) => i), "
    "Array.from({length: 60}, (_, i) => i === 30 ? -1 : i)))",
    "return T(() => assert.deepEqual({a: 1}, {a: '1'}))",
    "return T(() => assert.deepEqual({a: 1}, {a: 2}))",
    "return T(() => assert.deepEqual(new Set([1]), new Set(['1'])))",
    "return T(() => assert.deepEqual([1, 2], {0: 1, 1: 2}))",
    "return T(() => assert.notDeepStrictEqual({a: 1}, {a: 1}))",
    "return T(() => assert.notDeepEqual([1], ['1']))",
    "return T(() => assert.notDeepEqual({a: [1, 2]}, {a: [1, 2]}))",
    "return T(() => assert.throws(() => { throw new TypeError('x') }, TypeError))",
    "return T(() => assert.throws(() => {}))",
    "return T(() => assert.throws(() => {}, 'should throw'))",
    "return T(() => assert.throws(() => {}, TypeError))",
    "return T(() => assert.throws(() => { throw new Error('abc') }, /xyz/))",
    "return T(() => assert.throws(() => { throw new Error('abc') }, /abc/))",
    "return T(() => assert.throws(() => { throw new Error('abc') }, {message: 'abd'}))",
    "return T(() => assert.throws(() => { throw new Error('abc') }, {message: /b/, name: 'Error'}))",
    "return T(() => assert.throws(() => { throw new Error('abc') }, 'abc'))",
    "return T(() => assert.throws(() => { throw new RangeError('r') }, TypeError))",
    "return T(() => assert.throws(() => { throw new Error('v') }, (e) => e.message === 'w'))",
    "return T(() => assert.throws(() => { throw new Error('v') }, (e) => e.message === 'v'))",
    "return T(() => assert.throws(() => { throw 'str' }, {a: 1}))",
    "return T(() => assert.throws('notfn'))",
    "return T(() => assert.throws(() => { throw new Error('e') }, 5))",
    "return T(() => assert.throws(() => { throw new Error('e') }, {}))",
    "class MyErr extends Error {} return T(() => assert.throws(() => { throw new MyErr('m') }, MyErr))",
    "return T(() => assert.doesNotThrow(() => { throw new Error('inner') }))",
    "return T(() => assert.doesNotThrow(() => { throw new Error('inner') }, 'msg'))",
    "return T(() => assert.doesNotThrow(() => { throw new TypeError('t') }, RangeError))",
    "return T(() => assert.doesNotThrow(() => 1))",
    "return T(() => assert.match('abc', /x/))",
    "return T(() => assert.match('abc', /b/))",
    "return T(() => assert.match(5, /x/))",
    "return T(() => assert.match('abc', 'x'))",
    "return T(() => assert.doesNotMatch('abc', /b/))",
    "return T(() => assert.doesNotMatch('abc', /b/, 'my message'))",
    "return T(() => assert.fail())",
    "return T(() => assert.fail('boom'))",
    "return T(() => assert.fail(new TypeError('te')))",
    "return T(() => assert.fail(1, 2))",
    "return T(() => assert.fail(1, 2, undefined, '>'))",
    "return [T(() => assert.ifError(null)), T(() => assert.ifError(undefined))]",
    "return T(() => assert.ifError(new Error('bad')))",
    "return T(() => assert.ifError('str'))",
    "return T(() => assert.ifError(new TypeError('')))",
    "return T(() => assert.strictEqual(1))",
    "return T(() => assert.deepEqual())",
    "return T(() => assert.strict.equal(1, '1'))",
    "return T(() => assert.strict.deepEqual({a: 1}, {a: '1'}))",
    "return T(() => assert.strict(0))",
    "return [assert.strict.strict === assert.strict, require('assert/strict') === assert.strict, "
    "assert.strict.equal === assert.strictEqual, typeof assert.strict.AssertionError]",
    "return Object.keys(assert)",
    "return Object.keys(assert.strict)",
    "const e = new assert.AssertionError({actual: 1, expected: 2, operator: 'strictEqual'}); "
    "return [e.name, e.code, e.message, Object.keys(e), e.generatedMessage, String(e)]",
    "const e = new assert.AssertionError({message: 'm', actual: 'a', expected: 'b', operator: 'op'}); "
    "return [e.message, e.generatedMessage, e.actual, e.expected, e.operator]",
    "const e = new assert.AssertionError({actual: 1, expected: 2, operator: 'deepEqual'}); return e.message",
    "try { new assert.AssertionError(5) } catch (e) { return [e.code, e.message] }",
    "return T(() => assert.partialDeepStrictEqual === undefined ? 'absent' : 'present')",
    "const tracker = new assert.CallTracker(); const f = tracker.calls(() => 1, 2); f(); "
    "const r = tracker.report().map((x) => [x.message, x.actual, x.expected, x.operator]); "
    "return [r, T(() => tracker.verify()), (f(), T(() => tracker.verify())), tracker.getCalls(f).length]",
    "const tracker = new assert.CallTracker(); const f = tracker.calls(function named(a) { return a * 2 }); "
    "return [f(21), tracker.getCalls(f), T(() => tracker.calls(() => {}, -1)), T(() => tracker.getCalls(() => {}))]",
]


@pytest.mark.parametrize("code", CASES)
def test_assert_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, PRELUDE + code)


ASYNC_CASES = [
    "return await A(assert.rejects(Promise.reject(new Error('x')), /x/))",
    "return await A(assert.rejects(Promise.reject(new Error('x')), /y/))",
    "return await A(assert.rejects(Promise.resolve(1)))",
    "return await A(assert.rejects(async () => { throw new TypeError('t') }, TypeError))",
    "return await A(assert.rejects(() => 5))",
    "return await A(assert.rejects(5))",
    "return await A(assert.rejects(Promise.reject(new Error('e')), {message: 'f'}))",
    "return await A(assert.doesNotReject(Promise.reject(new Error('y'))))",
    "return await A(assert.doesNotReject(Promise.resolve(2)))",
    "return await A(assert.doesNotReject(async () => { throw new Error('z') }, 'msg'))",
    "return await A(assert.doesNotReject(() => 'not a promise'))",
]


@pytest.mark.parametrize("code", ASYNC_CASES)
def test_assert_async_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, PRELUDE + code)


def test_uncaught_assertion_error_envelope(run_js: RunJs, node: NodeOracle) -> None:
    """An AssertionError thrown out of the code block: same type, code and message."""
    code = "require('assert').strictEqual(1, 2)"
    ours, theirs = run_both(run_js, node, code)
    assert not ours["success"] and not theirs["success"]
    for key in ("type", "code", "message"):
        assert ours["error"][key] == theirs["error"][key]
    assert ours["error"]["code"] == "ERR_ASSERTION"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a=JSON_VALUES, b=JSON_VALUES)
def test_deep_equal_messages_random_values(
    run_js: RunJs, node: NodeOracle, a: object, b: object
) -> None:
    """deepStrictEqual/deepEqual/strictEqual on random JSON values: same outcome and message."""
    code = (
        PRELUDE
        + """
    const a = JSON.parse(input.a), b = JSON.parse(input.b);
    return [T(() => assert.deepStrictEqual(a, b)), T(() => assert.deepEqual(a, b)),
            T(() => assert.notDeepStrictEqual(a, b)), T(() => assert.strictEqual(a, b))];
    """
    )
    assert_same(run_js, node, code, {"a": json.dumps(a), "b": json.dumps(b)})
