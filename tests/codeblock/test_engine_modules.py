"""The runtime-module table: lazy compile on first load (once per process, thread-safe),
remembered compile errors, binary-search lookup, and a start-up that compiles no module."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from flowgate.codeblock.engine import _quickjs
from flowgate.codeblock.engine.bundle import (
    BOOTSTRAP,
    CompiledRuntime,
    compile_runtime,
    read_modules,
)
from flowgate.codeblock.engine.executor import Engine, Outcome
from flowgate.codeblock.limits import CodeLimits

#: A module body big enough (~0.5 MB) that its compile takes a while: concurrent
#: first loads of it really overlap.
BIG = (
    "(function (module) {\n"
    + "".join(f"function f{i}(a) {{ return a + {i}; }}\n" for i in range(20_000))
    + "module.exports = { value: f19999(1), n: (globalThis.__n = (globalThis.__n || 0) + 1) };\n})"
)
BROKEN = "(function (module) {\n  module.exports = ;\n})"
ONCE = "(function (module) { module.exports = { value: 42 }; })"


def _exposing_bootstrap() -> bytes:
    """The real bootstrap, with the internal loader and the host object visible to test code."""
    source = BOOTSTRAP.read_text("utf-8").replace(
        "delete globalThis.__flowgate_host__;",
        "globalThis.__host = host; globalThis.__load = (n) => load(n);",
    )
    return _quickjs.compile_script(source, "bootstrap.js", True)


def _runtime(extra: dict[str, bytes | str]) -> CompiledRuntime:
    """The real modules plus `extra`, on a table of its own (its counters start at 0)."""
    table: dict[str, bytes | str] = {**read_modules(), **extra}
    return CompiledRuntime(_exposing_bootstrap(), _quickjs.ModuleTable(table), tuple(sorted(table)))


async def _run_all(
    runtime: CompiledRuntime,
    codes: list[str],
    *,
    threads: int = 1,
    preload: tuple[str, ...] = (),
) -> list[Outcome]:
    """Submit every code at once to one engine; the outcomes in order."""
    limits = CodeLimits(execution_timeout_ms=30_000, runtime_pool_size=2, executor_threads=threads)
    engine = Engine(limits, runtime, adaptive_preload=False)
    if preload:
        engine.set_preload(preload)
    engine.start()
    try:
        return list(await asyncio.gather(*(engine.execute(c, b"{}") for c in codes)))
    finally:
        await engine.aclose()


def _results(outcomes: list[Outcome]) -> list[Any]:
    assert all(o.kind == "ok" for o in outcomes), [o.payload for o in outcomes if o.kind != "ok"]
    return [json.loads(o.payload or "null") for o in outcomes]


def test_start_up_compiles_no_runtime_module() -> None:
    runtime = compile_runtime()
    stats = runtime.modules.stats()
    assert stats["modules"] == stats["lazy"] == len(runtime.module_names) == len(runtime.modules)
    assert (stats["compiled"], stats["failed"]) == (0, 0)
    vendor = [n for n in runtime.module_names if n.startswith("vendor/")]
    assert vendor and {runtime.modules.state(n) for n in vendor} == {"source"}

    async def boot_and_run_plain() -> Outcome:
        engine = Engine(CodeLimits(runtime_pool_size=2), runtime, adaptive_preload=False)
        engine.start()
        try:
            return await engine.execute("return input.a + 1", b'{"a": 1}')
        finally:
            await engine.aclose()

    # Booting contexts (the warmer) and a plain script load no module either.
    assert asyncio.run(boot_and_run_plain()).payload == "2"
    assert runtime.modules.stats()["compiled"] == 0


def test_a_vendor_module_is_compiled_on_its_first_use_only() -> None:
    runtime = _runtime({})
    assert runtime.modules.state("vendor/url-impl") == "source"
    code = "return [new URL('https://example.com/a/../b').href, __host.has('vendor/url-impl')]"
    outcomes = asyncio.run(_run_all(runtime, [code] * 3))
    assert _results(outcomes) == [["https://example.com/b", True]] * 3
    assert runtime.modules.state("vendor/url-impl") == "compiled"
    assert runtime.modules.stats()["failed"] == 0


def test_concurrent_first_loads_compile_once_and_agree() -> None:
    runtime = _runtime({"vendor/test/big": BIG})
    code = "const m = __load('vendor/test/big'); return [m.value, m.n]"
    # Four engine threads and the pool's warmer (preloading the same module) race
    # for the first load; every execution still gets its own fresh module instance.
    outcomes = asyncio.run(_run_all(runtime, [code] * 24, threads=4, preload=("vendor/test/big",)))
    assert _results(outcomes) == [[20_000, 1]] * 24
    stats = runtime.modules.stats()
    assert (stats["compiled"], stats["failed"]) == (1, 0)
    assert runtime.modules.state("vendor/test/big") == "compiled"


def test_lazy_module_body_runs_per_execution_from_one_compile() -> None:
    runtime = _runtime({"vendor/test/once": ONCE, "vendor/test/big": BIG})
    codes = [
        "return [__load('vendor/test/once').value, __load('vendor/test/big').n,"
        " __load('vendor/test/big') === __load('vendor/test/big')]"
    ] * 5
    for _ in range(2):  # a second engine on the same table: nothing to compile
        assert _results(asyncio.run(_run_all(runtime, codes))) == [[42, 1, True]] * 5
        assert runtime.modules.stats()["compiled"] == 2


def test_a_module_that_does_not_compile_fails_the_same_way_every_time() -> None:
    runtime = _runtime({"vendor/test/broken": BROKEN, "vendor/test/once": ONCE})
    code = """
    const out = [];
    for (let i = 0; i < 2; i++) {
      try { __load('vendor/test/broken'); out.push('loaded'); }
      catch (e) { out.push([e instanceof SyntaxError, e.name, e.message]); }
    }
    out.push(__load('vendor/test/once').value);
    return out;
    """
    results = _results(asyncio.run(_run_all(runtime, [code] * 3, threads=2)))
    first = results[0][0]
    assert first[:2] == [True, "SyntaxError"]
    assert "runtime module 'vendor/test/broken' does not compile" in first[2]
    assert "vendor/test/broken.js:2:" in first[2]  # where the parser stopped
    assert results == [[first, first, 42]] * 3
    stats = runtime.modules.stats()
    assert (stats["compiled"], stats["failed"]) == (1, 1)  # remembered, never retried
    assert runtime.modules.state("vendor/test/broken") == "failed"


def test_an_uncaught_compile_error_reaches_the_caller_as_a_syntax_error() -> None:
    runtime = _runtime({"vendor/test/broken": BROKEN})
    outcome = asyncio.run(_run_all(runtime, ["return __load('vendor/test/broken')"]))[0]
    assert outcome.kind == "error"
    error = json.loads(outcome.payload or "{}")
    assert (error["type"], error["name"]) == ("SyntaxError", "SyntaxError")
    assert "vendor/test/broken" in error["message"]


def test_has_finds_every_module_by_binary_search_without_compiling() -> None:
    names = [f"m/{i:04d}" for i in range(0, 2000, 2)]
    extra: dict[str, bytes | str] = {
        n: (ONCE if i % 2 else _quickjs.compile_script(ONCE, f"{n}.js"))
        for i, n in enumerate(names)
    }
    runtime = _runtime(extra)
    absent = ["m/0001", "m/1999", "m/2000", "m/", "m", "", "m/00000", "m/0000x", "vendor/test/x"]
    code = f"""
    const present = {json.dumps(names)}, absent = {json.dumps(absent)};
    return [present.every((n) => __host.has(n)), absent.filter((n) => __host.has(n)),
            __load('m/0000').value, __load('m/0002').value, __load('m/1998').value,
            __host.load('m/0001') === undefined]
    """
    assert _results(asyncio.run(_run_all(runtime, [code]))) == [[True, [], 42, 42, 42, True]]
    stats = runtime.modules.stats()
    # Only the source modules loaded were compiled (m/0002, m/1998; m/0000 is bytecode).
    assert stats["compiled"] == 2
    assert runtime.modules.state("m/0000") == "bytecode"
    assert runtime.modules.state("m/0002") == "compiled"
    assert runtime.modules.state("m/0006") == "source"
    assert runtime.modules.state("m/0001") is None


def test_module_table_checks_its_input() -> None:
    table = _quickjs.ModuleTable({"a": b"", "b": "1"})
    assert len(table) == 2
    with pytest.raises(RuntimeError):
        table.__init__({})  # type: ignore[misc]
    with pytest.raises(TypeError):
        _quickjs.ModuleTable({"a": 1})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        _quickjs.ModuleTable({1: "x"})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        table.state(1)  # type: ignore[arg-type]
    assert len(_quickjs.ModuleTable({})) == 0


def test_every_runtime_module_compiles() -> None:
    """Start-up no longer compiles the modules, so this is where a broken one shows up."""
    failures = []
    for name, source in read_modules().items():
        try:
            _quickjs.compile_script(source, f"{name}.js")
        except _quickjs.EngineError as e:
            failures.append(str(e))
    assert failures == []
