"""Preloaded runtime modules: same results, same isolation, same memory limit; the policy."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from flowgate.codeblock.engine import _quickjs
from flowgate.codeblock.engine.bundle import compile_runtime
from flowgate.codeblock.engine.executor import Engine, Outcome
from flowgate.codeblock.engine.preload import (
    GROUP_MODULES,
    SCAN_CHARS,
    PreloadPolicy,
    groups_used,
    modules_of,
)
from flowgate.codeblock.limits import CodeLimits

#: Everything a policy could choose: every group at once.
ALL_MODULES = modules_of(GROUP_MODULES)

SCRIPTS = [
    "return typeof Buffer",
    "return Buffer.from('héllo wörld').toString('base64') + Buffer.from('aGk=', 'base64').toString('hex')",
    "const b = Buffer.alloc(8); b.writeUInt32BE(0xdeadbeef, 2); return [b.toJSON(), b.readUInt16LE(3)]",
    "return require('buffer').Buffer === Buffer && require('node:buffer').Buffer.poolSize",
    "try { Buffer.alloc(-1) } catch (e) { return [e.name, e.code, e.message] }",
    "const c = require('crypto'); const h = c.createHash('sha256').update(JSON.stringify(input)).digest('hex');"
    " return [h, c.createHmac('sha256', 'k').update(h).digest('base64')]",
    "const c = require('crypto'); return [Object.keys(c).length, typeof c.createCipheriv, c.getHashes().length]",
    "try { require('crypto').createHash('nope') } catch (e) { return [e.name, e.message] }",
    "const u = require('util'); return [u.format('%s %d %j', 'a', 42, {b: [1]}), u.inspect({a: {b: {c: {d: 1}}}}),"
    " u.types.isUint8Array(Buffer.alloc(1))]",
    "const { EventEmitter } = require('events'); const e = new EventEmitter(); let n = 0;"
    " e.on('x', v => n += v); e.emit('x', 2); return [n, e.listenerCount('x')]",
    "const u = new URL('https://user@example.com:8080/a/../b?q=1#f'); return [u.href, u.searchParams.get('q')]",
    "return Array.from(new TextEncoder().encode('é€'))",
    "const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('x'));"
    " return Buffer.from(d).toString('hex')",
    "return new Request('https://example.com/', {method: 'POST', body: 'x'}).method",
    "return Object.keys(globalThis).sort()",
    "return [Object.getOwnPropertyNames(Buffer.prototype).length, Object.getPrototypeOf(Buffer) === Uint8Array]",
    "return 1",
]

MUTATORS = [
    "require('buffer').Buffer.prototype.x = 1; Buffer.poolSize = 1; return 1",
    "Buffer.from = () => 'hacked'; require('crypto').createHash = null; return 1",
    "Object.defineProperty(require('util'), 'format', {value: () => 'hacked'}); return 1",
]
PROBE = (
    "return [Buffer.prototype.x, Buffer.poolSize, typeof Buffer.from('a'),"
    " typeof require('crypto').createHash, require('util').format('%s', 'ok')]"
)


def limits(memory_limit_mb: int = 64) -> CodeLimits:
    return CodeLimits(runtime_pool_size=4, executor_threads=1, memory_limit_mb=memory_limit_mb)


async def wait_ready(engine: Engine) -> None:
    """Until the pool holds a full set of warm contexts, so the next one is pre-warmed."""
    deadline = time.monotonic() + 10
    while True:
        stats = engine.pool_stats()
        if stats["ready"] >= stats["target"] or time.monotonic() > deadline:
            return
        await asyncio.sleep(0.002)


async def run_warm(engine: Engine, code: str) -> Outcome:
    await wait_ready(engine)
    return await engine.execute(code, b'{"a": [1, "x"]}')


@pytest.fixture
async def plain() -> AsyncIterator[Engine]:
    engine = Engine(limits(), adaptive_preload=False)
    engine.start()
    yield engine
    await engine.aclose()


@pytest.fixture
async def preloaded() -> AsyncIterator[Engine]:
    engine = Engine(limits(), adaptive_preload=False)
    engine.set_preload(ALL_MODULES)
    engine.start()
    yield engine
    stats = engine.pool_stats()
    # Every context the warmer built held the modules (none was built on demand).
    assert stats["createdOnDemand"] == 0, stats
    assert stats["preloaded"] == stats["created"] > 0, stats
    await engine.aclose()


async def test_preloaded_contexts_give_identical_results(plain: Engine, preloaded: Engine) -> None:
    for code in SCRIPTS:
        expected = await run_warm(plain, code)
        got = await run_warm(preloaded, code)
        assert expected.kind in ("ok", "error"), (code, expected)
        assert (got.kind, got.payload) == (expected.kind, expected.payload), code


async def test_a_mutated_preloaded_module_is_not_seen_by_the_next_execution(
    plain: Engine, preloaded: Engine
) -> None:
    expected = await run_warm(plain, PROBE)
    assert expected.payload == '[null,8192,"object","function","ok"]'
    for mutator in MUTATORS:
        assert (await run_warm(preloaded, mutator)).kind == "ok"
        assert (await run_warm(preloaded, PROBE)).payload == expected.payload, mutator


async def test_preloading_does_not_count_against_the_memory_limit() -> None:
    engine = Engine(limits(memory_limit_mb=16), adaptive_preload=False)
    engine.set_preload(ALL_MODULES)
    engine.start()
    try:
        # ~15 of the 16 MB: fits, as in a context that preloaded nothing.
        ok = await run_warm(engine, "return new Uint8Array(15 * 1024 * 1024).length")
        assert (ok.kind, ok.payload) == ("ok", str(15 * 1024 * 1024))
        over = await run_warm(engine, "return new Uint8Array(17 * 1024 * 1024).length")
        assert over.kind == "memory"
        assert engine.pool_stats()["preloaded"] > 0
    finally:
        await engine.aclose()


def test_pool_preload_holds_the_modules_and_checks_names() -> None:
    runtime = compile_runtime()
    bare = _quickjs.Pool(runtime.bootstrap, runtime.modules, 0)
    # A module that is missing is skipped; the others still load.
    full = _quickjs.Pool(runtime.bootstrap, runtime.modules, 1, preload=["no/such", "node/buffer"])
    try:
        deadline = time.monotonic() + 10
        while full.stats()["ready"] < 1 and time.monotonic() < deadline:
            time.sleep(0.002)
        assert full.stats()["preloaded"] >= 1
        base, context = bare.take(), full.take()
        assert context.memory_used > base.memory_used + 50_000
        base.close()
        context.close()
        for bad in (["a b"], [1], "node/buffer", None, ['x"y']):
            with pytest.raises((TypeError, ValueError)):
                full.set_preload(bad)  # type: ignore[arg-type]
        full.set_preload(())
    finally:
        bare.close()
        full.close()


def test_scan_maps_code_to_the_groups_it_loads() -> None:
    assert groups_used("return input.a + input.b") == frozenset()
    assert "buffer" in groups_used("return Buffer.from('x')")
    sign = groups_used("const c = require('node:crypto'); return c.createHmac('sha256', 'k')")
    assert {"require", "crypto", "crypto_hash", "buffer"} <= sign
    assert "crypto_cipher" not in sign
    assert groups_used("return require('assert')") == frozenset({"require"})
    assert "subtle" in groups_used("await crypto.subtle.digest('SHA-256', x)")
    # Only the start of the code is read.
    assert groups_used(" " * SCAN_CHARS + "Buffer") == frozenset()


def test_policy_turns_a_group_on_for_its_workload_and_off_as_it_decays() -> None:
    applied: list[tuple[str, ...]] = []
    policy = PreloadPolicy(applied.append)
    for _ in range(500):
        policy.observe("return input.a + input.b")
    assert policy.active == frozenset() and applied == []  # plain: nothing, never called
    for _ in range(100):
        policy.observe("return Buffer.from(input.s).toString('hex')")
    assert "buffer" in policy.active
    assert applied == [modules_of({"buffer"})]
    assert "node/buffer" in policy.modules
    # A minority above the threshold still counts; below it, the share decays away.
    for i in range(1000):
        policy.observe("return Buffer.alloc(1)" if i % 3 == 0 else "return 1")
    assert "buffer" in policy.active and len(applied) == 1
    for _ in range(400):
        policy.observe("return 1")
    assert policy.active == frozenset() and applied[-1] == ()
    assert policy.shares["buffer"] < 0.1


async def test_engine_applies_the_policy_to_its_pool() -> None:
    engine = Engine(limits())
    engine.start()
    try:
        for _ in range(60):
            outcome = await engine.execute("return Buffer.from('a').length", b"{}")
            assert outcome.payload == "1"
        assert engine.preload is not None and "buffer" in engine.preload.active
        await wait_ready(engine)
        assert engine.pool_stats()["preloaded"] > 0
        assert (await run_warm(engine, "return typeof Buffer")).payload == '"function"'
    finally:
        await engine.aclose()
