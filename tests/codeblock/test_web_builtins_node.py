"""Differential against Node 20: atob/btoa, event-loop ordering of timers and microtasks,
and the shape of the web crypto helpers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

BASE64_CASES = [
    "return btoa('hello')",
    "return atob('aGVsbG8=')",
    "return atob(' aGVs bG8= ')",
    "return atob('aGVsbG8')",
    "return [btoa(''), atob('')]",
    "return btoa(String.fromCharCode(...Array.from({length: 256}, (_, i) => i)))",
    "try { btoa('\\u0100') } catch (e) { return [e.name, e.constructor.name, e.code] }",
    "try { atob('a') } catch (e) { return [e.name, e.constructor.name, e.code] }",
    "try { atob('a===') } catch (e) { return [e.name, e.code] }",
    "try { atob('!!!!') } catch (e) { return [e.name, e.code] }",
    "return [atob(null), btoa(undefined), btoa(12)]",
    "try { atob() } catch (e) { return [e.name, e.constructor.name] }",
]


@pytest.mark.parametrize("code", BASE64_CASES)
def test_base64_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    ours, theirs = run_js(code), node.run(code)
    assert ours["success"] == theirs["success"]
    if theirs["success"]:
        assert ours["result"] == theirs["result"]
    else:
        assert ours["error"]["type"] == theirs["error"]["type"]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=64), noise=st.text(max_size=12))
def test_base64_round_trips_and_junk_match_node(
    run_js: RunJs, node: NodeOracle, data: bytes, noise: str
) -> None:
    code = """
    const s = String.fromCharCode(...input.bytes);
    const out = [btoa(s), atob(btoa(s)) === s];
    try { out.push(atob(input.noise)); } catch (e) { out.push(e.name); }
    return out;
    """
    inp = {"bytes": list(data), "noise": noise}
    assert run_js(code, inp)["result"] == node.run(code, inp)["result"]


ORDERING = [
    """
    const log = [];
    setTimeout(() => log.push('timeout0'), 0);
    setTimeout(() => log.push('timeout1'), 1);
    Promise.resolve().then(() => log.push('then'));
    queueMicrotask(() => log.push('micro'));
    (async () => { log.push('async-sync'); await null; log.push('async-after'); })();
    log.push('sync');
    await new Promise(r => setTimeout(r, 20));
    return log;
    """,
    """
    const log = [];
    setTimeout(() => { log.push('a'); queueMicrotask(() => log.push('a-micro')); }, 5);
    setTimeout(() => { log.push('b'); Promise.resolve().then(() => log.push('b-then')); }, 5);
    setTimeout(() => log.push('c'), 10);
    await new Promise(r => setTimeout(r, 30));
    return log;
    """,
    """
    const log = [];
    let n = 0;
    const id = setInterval(() => { log.push('tick' + n); if (++n === 4) clearInterval(id); }, 3);
    const t = setTimeout(() => log.push('cancelled'), 2);
    clearTimeout(t);
    await new Promise(r => setTimeout(r, 40));
    return log;
    """,
    """
    const order = [];
    await Promise.all([3, 1, 2].map(ms => new Promise(r => setTimeout(() => { order.push(ms); r(); }, ms * 5))));
    return order;
    """,
    """
    const t = setTimeout(() => {}, 5);
    return [typeof t, typeof t.ref, typeof t.unref, typeof t.hasRef, typeof t.refresh,
            t.hasRef(), typeof t[Symbol.toPrimitive], typeof setImmediate(() => {})];
    """,
    "return [typeof setTimeout(() => {}, 'abc'), setTimeout.length >= 0]",
    "try { setTimeout(null) } catch (e) { return [e.name, e.code] }",
]


@pytest.mark.parametrize("code", ORDERING)
def test_event_loop_ordering_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    ours, theirs = run_js(code), node.run(code)
    assert ours["success"] == theirs["success"], (ours, theirs)
    if theirs["success"]:
        assert ours["result"] == theirs["result"]
    else:
        assert ours["error"]["type"] == theirs["error"]["type"]
        assert ours["error"].get("code") == theirs["error"].get("code")


CRYPTO = [
    "return [typeof crypto, typeof crypto.getRandomValues, typeof crypto.randomUUID]",
    "const a = new Uint32Array(4); return [crypto.getRandomValues(a) === a, a.length]",
    "return crypto.randomUUID().length",
    "return /^[0-9a-f-]{36}$/.test(crypto.randomUUID())",
    # the first UUIDs of a context and the later ones are written by two code paths
    "const ids = Array.from({ length: 60 }, () => crypto.randomUUID()); return [new Set(ids).size,"
    " ids.every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u))]",
    "try { crypto.getRandomValues(new Float64Array(1)) } catch (e) { return [e.name, e.constructor.name] }",
    "try { crypto.getRandomValues(new Uint8Array(65537)) } catch (e) { return [e.name, e.constructor.name] }",
    "return crypto.getRandomValues(new Uint8Array(65536)).length",
    "return crypto.getRandomValues(new BigInt64Array(2)).length",
]


@pytest.mark.parametrize("code", CRYPTO)
def test_web_crypto_shape_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert run_js(code)["result"] == node.run(code)["result"]
