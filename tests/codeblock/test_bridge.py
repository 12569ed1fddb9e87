"""The host bridge itself: value conversion both ways, error mapping, limits,
and asynchronous operations (concurrency, cancellation, deadline)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from structlog.testing import capture_logs

from flowgate.codeblock.bridge import Bridge
from flowgate.codeblock.bridge.io import ExecutionIO
from flowgate.codeblock.bridge.registry import ASYNC_OPS, OPS, BridgeError, async_op, op
from flowgate.codeblock.engine import _quickjs
from flowgate.codeblock.engine.bundle import BOOTSTRAP, CompiledRuntime, compile_runtime
from flowgate.codeblock.engine.executor import Engine
from flowgate.codeblock.limits import CodeLimits
from tests.codeblock.conftest import EngineRunner

IN_FLIGHT: dict[str, int] = {"now": 0, "max": 0}


def _echo(*args: Any) -> list[Any]:
    return list(args)


def _types(*args: Any) -> list[str]:
    return [type(a).__name__ for a in args]


def _fail(kind: str) -> None:
    if kind == "range":
        raise BridgeError("bad value", code="ERR_OUT_OF_RANGE", type="RangeError")
    if kind == "dom":
        raise BridgeError("no", type="DOMException", name="OperationError")
    raise ValueError("a secret detail that must not reach the script")


def _unsupported() -> object:
    return object()


async def _sleep(io: ExecutionIO, seconds: float, value: Any) -> Any:
    IN_FLIGHT["now"] += 1
    IN_FLIGHT["max"] = max(IN_FLIGHT["max"], IN_FLIGHT["now"])
    try:
        await asyncio.sleep(seconds)
    finally:
        IN_FLIGHT["now"] -= 1
    if value == "raise":
        raise BridgeError("it failed", code="ERR_TEST", type="TypeError")
    return value


@pytest.fixture(scope="module", autouse=True)
def _test_ops() -> Iterator[None]:
    op("t.echo")(_echo)
    op("t.types")(_types)
    op("t.fail")(_fail)
    op("t.unsupported")(_unsupported)
    async_op("t.sleep")(_sleep)
    yield
    for name in ["t.echo", "t.types", "t.fail", "t.unsupported"]:
        OPS.pop(name)
    ASYNC_OPS.pop("t.sleep")


def _exposing_runtime() -> CompiledRuntime:
    """The real runtime, but with the internal module loader visible to the test's code."""
    base = compile_runtime()
    source = BOOTSTRAP.read_text("utf-8").replace(
        "delete globalThis.__flowgate_host__;", "globalThis.__load = (n) => load(n);"
    )
    boot = _quickjs.compile_script(source, "bootstrap.js", True)
    return CompiledRuntime(boot, base.modules, base.module_names)


class BridgeRunner(EngineRunner):
    async def _make(self) -> Any:
        from flowgate.codeblock.service import CodeBlockService

        engine = Engine(self.limits, _exposing_runtime())
        engine.start()
        return CodeBlockService(self.limits, engine, workers=1)


@pytest.fixture(scope="module")
def bridge_js() -> Iterator[BridgeRunner]:
    runner = BridgeRunner(CodeLimits(execution_timeout_ms=3000, runtime_pool_size=2))
    yield runner
    runner.close()


PRELUDE = "const { call } = __load('internal/bridge'); const io = __load('internal/io');\n"


def run(runner: BridgeRunner, code: str, input: dict[str, Any] | None = None) -> dict[str, Any]:
    return runner.run(PRELUDE + code, input)


def test_values_cross_both_ways(bridge_js: BridgeRunner) -> None:
    code = """
    const u8 = new Uint8Array([1, 2, 3, 4, 5]);
    const r = call('t.echo', null, undefined, true, false, 0, -7, 2 ** 53, 1.5, -0, NaN, 2 ** 60,
      12345678901234567890123n, 'héllo \\u{1F600}', u8.subarray(1, 3), u8.buffer,
      new DataView(u8.buffer, 2, 2), [1, [2, { a: 'b' }]], { x: 1, y: [true] });
    return r.map((v) => v instanceof Uint8Array ? ['u8', Array.from(v), v.buffer.byteLength]
      : typeof v === 'bigint' ? ['big', String(v)] : typeof v === 'number' && isNaN(v) ? 'nan' : v);
    """
    assert run(bridge_js, code)["result"] == [
        None, None, True, False, 0, -7, 2**53, 1.5, 0, "nan", 1152921504606847000,
        ["big", "12345678901234567890123"], "héllo \U0001f600", ["u8", [2, 3], 2],
        ["u8", [1, 2, 3, 4, 5], 5], ["u8", [3, 4], 2], [1, [2, {"a": "b"}]], {"x": 1, "y": [True]},
    ]  # fmt: skip
    types = run(bridge_js, "return call('t.types', 1, 1.5, 2n, 'a', new Uint16Array(2), {}, [])")
    assert types["result"] == ["int", "float", "int", "str", "bytes", "dict", "list"]


def test_lone_surrogates_survive_the_round_trip(bridge_js: BridgeRunner) -> None:
    code = (
        "const s = 'a\\uD800b\\uDFFF'; const r = call('t.echo', s)[0]; return [r === s, r.length]"
    )
    assert run(bridge_js, code)["result"] == [True, 4]


def test_unsupported_arguments_are_type_errors(bridge_js: BridgeRunner) -> None:
    for arg in ["() => 1", "Symbol('s')", "new Proxy({}, {})", "[1, () => 2]"]:
        out = run(bridge_js, f"call('t.echo', {arg})")
        assert out["error"]["type"] == "TypeError", arg


def test_nesting_and_size_limits(bridge_js: BridgeRunner) -> None:
    deep = run(bridge_js, "let a = []; for (let i = 0; i < 100; i++) a = [a]; call('t.echo', a)")
    assert deep["error"]["type"] == "RangeError"
    assert "nested" in deep["error"]["message"]
    big = "const b = new Uint8Array(64 << 20); call('t.echo', [b, b, b, b, b])"
    assert run(bridge_js, big)["error"]["type"] in {"RangeError", "MemoryLimitError"}


@pytest.mark.host_bug_expected
def test_errors_keep_class_code_and_name(bridge_js: BridgeRunner) -> None:
    code = """
    const out = [];
    for (const kind of ['range', 'dom', 'bug']) {
      try { call('t.fail', kind); } catch (e) {
        out.push([e.constructor.name, e.name, e.code ?? null, e.message, e instanceof Error]);
      }
    }
    try { call('no.such.op'); } catch (e) { out.push([e.name, e.code]); }
    return out;
    """
    first, second, third, unknown = run(bridge_js, code)["result"]
    assert first == ["RangeError", "RangeError", "ERR_OUT_OF_RANGE", "bad value", True]
    assert second[:2] == ["DOMException", "OperationError"]
    assert third[2] == "ERR_FLOWGATE_INTERNAL"
    assert "secret" not in json.dumps(third)
    assert unknown == ["Error", "ERR_UNKNOWN_OP"]
    assert run(bridge_js, "call('t.unsupported')")["error"]["type"] == "RuntimeError"


def test_async_ops_run_concurrently(bridge_js: BridgeRunner) -> None:
    IN_FLIGHT["max"] = 0
    code = """
    const ops = [0.3, 0.3, 0.3].map((s, i) => io.start('t.sleep', [s, i]).promise);
    return await Promise.all(ops);
    """
    assert run(bridge_js, code)["result"] == [0, 1, 2]
    assert IN_FLIGHT["max"] == 3


def test_async_errors_and_cancel(bridge_js: BridgeRunner) -> None:
    code = """
    const out = [];
    try { await io.start('t.sleep', [0, 'raise']).promise; } catch (e) { out.push([e.name, e.code]); }
    const slow = io.start('t.sleep', [30, 'late']);
    io.cancel(slow.id);
    out.push(io.pendingCount());
    try { await io.start('no.such', []).promise; } catch (e) { out.push(e.code); }
    return out;
    """
    assert run(bridge_js, code)["result"] == [["TypeError", "ERR_TEST"], 0, "ERR_UNKNOWN_OP"]
    assert IN_FLIGHT["now"] == 0 or IN_FLIGHT["now"] == 1  # the cancelled sleep may still unwind


def test_pending_async_op_ends_at_the_deadline(bridge_js: BridgeRunner) -> None:
    out = run(bridge_js, "return await io.start('t.sleep', [30, 1]).promise")
    assert out["error"]["type"] == "TimeoutError"


def test_host_calls_unavailable_without_a_bridge() -> None:
    limits = dataclasses.replace(CodeLimits(), runtime_pool_size=0)
    pool = _quickjs.Pool(_exposing_runtime().bootstrap, compile_runtime().modules, 0)
    ctx = pool.take()
    result = ctx.run("return __load('internal/bridge').call('t.echo', 1)", "{}", "{}", 5.0, 0)
    ctx.close()
    pool.close()
    assert not isinstance(result, float)
    assert result[0] == "error"
    assert "unavailable" in (result[1] or "")
    assert limits.runtime_pool_size == 0


@pytest.mark.host_bug_expected
def test_internal_errors_log_no_detail() -> None:
    """The exception's message may quote arguments (tokens in URLs, key bytes)."""
    with capture_logs() as logs:
        ok, payload = Bridge()(1, "t.fail", ("bug",))
    assert not ok
    assert "secret" not in json.dumps(payload)
    assert logs == [
        {
            "event": "bridge_op_failed",
            "log_level": "error",
            "op": "t.fail",
            "error_type": "ValueError",
            "where": logs[0]["where"],
        }
    ]
    assert logs[0]["where"].startswith("test_bridge.py:")
    assert "secret" not in json.dumps(logs)


@pytest.mark.host_bug_expected
def test_dispatcher_never_raises() -> None:
    bridge = Bridge()
    assert bridge(1, "io.start", ("x", [])) == (
        False,
        {"type": "Error", "message": "asynchronous host operations are unavailable here"},
    )
    ok, payload = bridge(1, "t.fail", ("bug",))
    assert not ok
    assert payload["code"] == "ERR_FLOWGATE_INTERNAL"
    assert bridge(1, "io.take", ()) == (True, [])


def test_crypto_ops_import_on_first_use() -> None:
    """A worker does not import the crypto op modules before it answers `/health`;
    an op asked for first imports its module (and the background import races safely)."""
    script = """
import sys
from flowgate.codeblock.bridge import Bridge, import_ops_in_background
assert "flowgate.codeblock.bridge.keys" not in sys.modules
assert "flowgate.codeblock.bridge.hashes" not in sys.modules
ok, value = Bridge()(1, "hash.digest", ("sha256", b"abc", None))
assert ok, value
assert value.hex().startswith("ba7816bf"), value
import_ops_in_background(0.0)
ok, value = Bridge()(1, "keys.nonexistent", ())
assert not ok and value["code"] == "ERR_UNKNOWN_OP", value
assert "flowgate.codeblock.bridge.keys" in sys.modules
print("ok")
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
