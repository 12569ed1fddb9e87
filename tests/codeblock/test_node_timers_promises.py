"""Differential against Node 20: require('timers/promises')."""

from __future__ import annotations

import pytest

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

PRELUDE = "const tp = require('timers/promises');\n"
ERR = "catch (e) { return [e.name, e.code, e.message] }"

CASES = [
    "const log = []; await Promise.all([tp.setTimeout(6, 'a').then((v) => log.push(v)), "
    "tp.setImmediate('i').then((v) => log.push(v)), tp.setTimeout(1, 'b').then((v) => log.push(v))]); return log",
    "return [await tp.setTimeout(), await tp.setTimeout(1), await tp.setImmediate()]",
    "return await tp.setTimeout(0, {x: 1})",
    "const ac = new AbortController(); const p = tp.setTimeout(1000, 'x', {signal: ac.signal}); ac.abort(); "
    f"try {{ await p }} {ERR}",
    "const ac = new AbortController(); const p = tp.setImmediate('x', {signal: ac.signal}); ac.abort('why'); "
    "try { await p } catch (e) { return [e.name, e.code, e.cause] }",
    "try { await tp.setTimeout(1, 1, {signal: AbortSignal.abort()}) } catch (e) { return [e.name, String(e.cause)] }",
    f"try {{ await tp.setTimeout('x') }} {ERR}",
    f"try {{ await tp.setTimeout(1, 1, {{ref: 1}}) }} {ERR}",
    f"try {{ await tp.setTimeout(1, 1, null) }} {ERR}",
    f"try {{ await tp.setTimeout(1, 1, {{signal: {{}}}}) }} {ERR}",
    f"try {{ await tp.setImmediate(1, 5) }} {ERR}",
    "const p = tp.setTimeout('x'); return [p instanceof Promise, await p.catch((e) => e.code)]",
    "return await tp.setTimeout(1, 'v', {ref: false})",
    "const got = []; for await (const v of tp.setInterval(2, 'iv')) { got.push(v); if (got.length === 3) break; } "
    "return got",
    "const ac = new AbortController(); const it = tp.setInterval(2, 1, {signal: ac.signal}); await it.next(); "
    f"ac.abort(); try {{ await it.next() }} {ERR}",
    f"const it = tp.setInterval('x'); try {{ await it.next() }} {ERR}",
    "return [await tp.scheduler.wait(1), await tp.scheduler.yield(), Object.keys(tp)]",
    f"try {{ new tp.scheduler.constructor() }} {ERR}",
    f"try {{ tp.scheduler.wait.call({{}}, 1) }} {ERR}",
    "return [require('timers/promises') === require('node:timers/promises'), typeof tp.setInterval(1)[Symbol.asyncIterator]]",
]


@pytest.mark.parametrize("code", CASES)
def test_timers_promises_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, PRELUDE + code)
