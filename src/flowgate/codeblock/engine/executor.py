"""Engine: runs one code block on a fresh context, off the event loop.

Where QuickJS runs (the one documented place): on a small pool of engine
threads per worker process. The GIL is released while JS runs, so the event
loop keeps serving; a script waiting on a timer holds no thread, because the
binding returns the wake-up time and the event loop sleeps instead.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import orjson

from flowgate.codeblock.engine._quickjs import Context
from flowgate.codeblock.engine.bundle import CompiledRuntime, compile_runtime
from flowgate.codeblock.engine.pool import ContextPool, PoolStats
from flowgate.codeblock.limits import CodeLimits

#: Native stack an engine thread needs beyond the JS stack limit itself.
_THREAD_STACK_MARGIN = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the harness reported. `kind` is one of: ok, undefined, error, timeout,
    memory, stuck, console_limit, internal."""

    kind: str
    payload: str | None
    console_json: str | None
    execution_ms: float


@dataclass(slots=True)
class _Run:
    ctx: Context
    started: float
    deadline: float


class Engine:
    """Owns the compiled runtime, the context pool and the engine threads."""

    def __init__(self, limits: CodeLimits, runtime: CompiledRuntime | None = None) -> None:
        self.limits = limits
        self.runtime = runtime or compile_runtime()
        stack = limits.max_stack_kb * 1024
        self._pool = ContextPool(self.runtime, size=limits.runtime_pool_size, stack_size=stack)
        self._options = orjson.dumps(
            {"allowEval": limits.allow_eval, "consoleLimit": limits.max_console_bytes}
        )
        self._options_debug = orjson.dumps(
            {"allowEval": limits.allow_eval, "consoleLimit": limits.max_console_bytes, "debug": True}
        )
        needed = stack + _THREAD_STACK_MARGIN
        if needed > 8 * 1024 * 1024:
            # Threads inherit the size set at their creation; the pool creates them lazily,
            # so the setting stays for the process (virtual memory only).
            threading.stack_size(needed)
        self._threads = ThreadPoolExecutor(limits.executor_threads, thread_name_prefix="qjs")
        self._closed = False

    def start(self) -> None:
        self._pool.start()

    def pool_stats(self) -> PoolStats:
        return self._pool.stats()

    def close(self) -> None:
        """Idempotent: stop the engine threads, then free every context."""
        if self._closed:
            return
        self._closed = True
        self._threads.shutdown(wait=True, cancel_futures=True)
        self._pool.close()

    async def execute(self, code: str, input_json: bytes, *, debug: bool = False) -> Outcome:
        loop = asyncio.get_running_loop()
        options = self._options_debug if debug else self._options
        run, result = await loop.run_in_executor(self._threads, self._begin, code, input_json, options)
        while not isinstance(result, Outcome):
            # The script waits on a timer: sleep on the loop, not in a thread.
            await asyncio.sleep(max(0.0, min(result, run.deadline) - time.monotonic()))
            result = await loop.run_in_executor(self._threads, self._continue, run)
        return result

    def _begin(self, code: str, input_json: bytes, options: bytes) -> tuple[_Run, Outcome | float]:
        ctx = self._pool.take()
        started = time.monotonic()
        run = _Run(ctx, started, started + self.limits.execution_timeout_ms / 1000)
        ctx.start(code, input_json, options, run.deadline, self.limits.memory_limit_mb * 1024 * 1024)
        return run, self._continue(run)

    def _continue(self, run: _Run) -> Outcome | float:
        wake = run.ctx.step()
        if wake is not None:
            return wake
        kind, payload, console_json = run.ctx.finish()
        elapsed = (time.monotonic() - run.started) * 1000
        self._pool.give_back(run.ctx)
        return Outcome(kind, payload, console_json, elapsed)
