"""Nothing one execution does is visible to the next: every mutation below is made by one
execution and looked for by many later ones (the pool hands out several contexts, so one
check per context would not be enough)."""

from __future__ import annotations

import pytest

from tests.codeblock.conftest import RunJs

POLLUTERS = [
    "Object.prototype.polluted = 'yes'",
    "Array.prototype.push = function () { return 'hijacked' }",
    "JSON.stringify = () => '\"hijacked\"'",
    "JSON.parse = () => ({hijacked: true})",
    "globalThis.leaked = 42",
    "var leakedVar = 1",
    "Math.random = () => 4",
    "String.prototype.toUpperCase = () => 'hijacked'",
    "Promise.prototype.then = function () { return 'hijacked' }",
    "Error.prototype.toString = () => 'hijacked'",
    "console.log = () => { throw new Error('hijacked console') }",
    "Object.defineProperty(globalThis, 'input', {value: 'hijacked'})",
    "setTimeout = () => 'hijacked'",
    "Symbol.for('shared').x = 1; globalThis[Symbol.for('k')] = 'leak'",
    "Object.freeze(Object.prototype)",
    "delete globalThis.URL",
]

PROBE = """
const a = [];
a.push(1);
return {
  polluted: ({}).polluted === undefined,
  push: a.length === 1,
  stringify: JSON.stringify({x: 1}) === '{"x":1}',
  parse: JSON.parse('{"y":2}').y === 2,
  leaked: typeof leaked === 'undefined' && typeof leakedVar === 'undefined',
  random: Math.random() < 1,
  upper: 'a'.toUpperCase() === 'A',
  input: input.probe === true,
  symbol: globalThis[Symbol.for('k')] === undefined,
  extensible: Object.isExtensible(Object.prototype),
  url: typeof URL === 'function',
  timers: typeof setTimeout(() => {}, 1) === 'object',
};
"""


@pytest.mark.parametrize("polluter", POLLUTERS)
def test_no_state_survives_an_execution(run_js: RunJs, polluter: str) -> None:
    run_js(polluter + "; return 1", debug=True)
    for _ in range(12):  # more than the pool size: every pre-warmed context is seen
        result = run_js(PROBE, {"probe": True}, debug=True)
        assert result["success"], result
        assert all(result["result"].values()), result["result"]


def test_pending_timers_die_with_their_execution(run_js: RunJs) -> None:
    run_js("globalThis.hits = 0; setInterval(() => { globalThis.hits++ }, 1); return 1")
    run_js("setTimeout(() => { Object.prototype.late = true }, 5); return 1")
    for _ in range(6):
        response = run_js(
            "await new Promise(r => setTimeout(r, 15)); return [typeof hits, ({}).late === undefined]"
        )
        assert response["result"] == ["undefined", True]


def test_console_output_does_not_leak_between_executions(run_js: RunJs) -> None:
    run_js("console.log('secret-1'); return 1", debug=True)
    assert run_js("return 1", debug=True)["console"] == []


def test_random_values_differ_between_executions(run_js: RunJs) -> None:
    seen = {run_js("return crypto.randomUUID()")["result"] for _ in range(20)}
    assert len(seen) == 20
