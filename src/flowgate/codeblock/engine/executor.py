"""Engine: runs one code block on a fresh context, off the event loop.

Where QuickJS runs (the one documented place): on native engine threads owned
by the binding (`_quickjs.Executor`). They never take the GIL: the event loop
submits a job, a thread takes a pre-warmed context from `_quickjs.Pool` (whose
own native thread builds contexts ahead of demand and frees spent ones), runs
it, and signals an eventfd that this loop watches; finished jobs are drained
in batches on the loop thread. A script waiting on a timer holds no thread:
the job comes back with its wake-up time and the loop re-submits it then.

The warmer also loads the runtime modules recent executions used into each
context it builds (`engine/preload.py` decides which, from the code texts).

Host operations (`host.call`, see `flowgate.codeblock.bridge`) run on the engine
thread that asks, with the GIL; asynchronous ones (fetch) run on this loop, and
an execution waiting for them sleeps here like a timer wait, woken when one ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sys
import time
from dataclasses import dataclass
from typing import Any

import orjson

from flowgate.codeblock.bridge import Bridge, import_ops_in_background
from flowgate.codeblock.bridge.fetch import make_fetch_service
from flowgate.codeblock.engine._quickjs import EngineError, Executor, Pool, engine_version
from flowgate.codeblock.engine.bundle import CompiledRuntime, compile_runtime
from flowgate.codeblock.engine.preload import PreloadPolicy
from flowgate.codeblock.engine.preload_npm import set_known_modules
from flowgate.codeblock.limits import CodeLimits

#: (kind, payload, console_json, execution_ms) of an ended execution.
Finished = tuple[str, str | None, str | None, float]

#: Native stack an engine thread needs beyond the JS stack limit itself.
_THREAD_STACK_MARGIN = 2 * 1024 * 1024

#: GIL switch interval while an engine runs (CPython's default is 5 ms). An engine
#: thread making a host call waits for the GIL; with the loop thread busy, it got it
#: only when the interval forced a switch: 2,000 calls took 880 ms at 5 ms and 24 ms
#: at 1 ms (a host op is ~5 us when the loop is idle). Measured in docs/benchmarks.md.
_SWITCH_INTERVAL_S = 0.001


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the harness reported. `kind` is one of: ok, undefined, error, timeout,
    memory, stuck, console_limit, internal."""

    kind: str
    payload: str | None
    console_json: str | None
    #: wall time from the moment an engine thread started it (queueing excluded)
    #: to its end, timer waits included.
    execution_ms: float


class Engine:
    """Owns the compiled runtime, the context pool and the engine threads of one process."""

    def __init__(
        self,
        limits: CodeLimits,
        runtime: CompiledRuntime | None = None,
        *,
        services: dict[str, Any] | None = None,
        adaptive_preload: bool = True,
    ) -> None:
        self.limits = limits
        #: the host bridge; `services` are what its async ops use (by default the
        #: SSRF-guarded fetch sender built from `limits`); closed by `aclose()`.
        self.bridge = Bridge(services if services is not None else default_services(limits))
        self._tokens = itertools.count(1)
        self.runtime = runtime or compile_runtime(allow_eval=limits.allow_eval)
        self.engine_version = engine_version()
        stack = limits.max_stack_kb * 1024
        self._memory = limits.memory_limit_mb * 1024 * 1024
        self._timeout_s = limits.execution_timeout_ms / 1000
        base = {"consoleLimit": limits.max_console_bytes}
        self._options = orjson.dumps(base)
        self._options_debug = orjson.dumps({**base, "debug": True})
        self._pool = Pool(self.runtime.bootstrap, self.runtime.modules, 0, stack)
        self._pool_size = limits.runtime_pool_size
        #: decides which runtime modules the warmer loads into each context from
        #: what recent executions used (engine/preload.py); None: never preload.
        self.preload: PreloadPolicy | None = (
            PreloadPolicy(self.set_preload) if adaptive_preload else None
        )
        set_known_modules(self.runtime.module_names)
        self._preload_modules: tuple[str, ...] = ()
        self._stack = stack
        self._executor: Executor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: dict[int, asyncio.Future[float | Finished | str]] = {}

    def start(self) -> None:
        """Bind to the running loop and begin pre-warming contexts."""
        self._ensure_started()

    def _ensure_started(self) -> Executor:
        if self._executor is None:
            loop = asyncio.get_running_loop()
            if self._pool_size:
                self._pool.close()
                self._pool = Pool(
                    self.runtime.bootstrap,
                    self.runtime.modules,
                    self._pool_size,
                    self._stack,
                    self._preload_modules,
                )
            self.bridge.loop = loop
            import_ops_in_background()
            sys.setswitchinterval(min(sys.getswitchinterval(), _SWITCH_INTERVAL_S))
            self._executor = Executor(
                self._pool,
                self.limits.executor_threads,
                self._stack + _THREAD_STACK_MARGIN,
                self.bridge,
            )
            loop.add_reader(self._executor.fileno(), self._on_done)
            self._loop = loop
        return self._executor

    def pool_stats(self) -> dict[str, int]:
        return self._pool.stats()

    def set_preload(self, modules: tuple[str, ...]) -> None:
        """Runtime modules every context the pool builds from now on already holds.

        Called by the adaptive policy when its choice changes; tests and tools may
        fix a set (with `adaptive_preload=False`, nothing else changes it).
        """
        self._preload_modules = tuple(modules)
        self._pool.set_preload(self._preload_modules)

    def close(self) -> None:
        """Idempotent: stop the engine threads, then free every context."""
        if self._executor is not None:
            if self._loop is not None and not self._loop.is_closed():
                self._loop.remove_reader(self._executor.fileno())
            self._executor.close()
            self._executor = None
        self._pool.close()
        for token in list(self.bridge.io):
            self.bridge.release(token)
        for waiter in self._waiters.values():
            if not waiter.done():
                waiter.cancel()
        self._waiters.clear()

    async def aclose(self) -> None:
        """`close()`, then release what the host operations held (HTTP connections)."""
        self.close()
        for service in self.bridge.services.values():
            closer = getattr(service, "aclose", None)
            if closer is not None:
                await closer()

    async def execute(self, code: str, input_json: bytes, *, debug: bool = False) -> Outcome:
        executor = self._ensure_started()
        if self.preload is not None:
            self.preload.observe(code)
        options = self._options_debug if debug else self._options
        token = next(self._tokens)
        # The time limit starts when an engine thread starts the job, not now.
        handle = executor.submit(code, input_json, options, self._timeout_s, self._memory, token)
        try:
            result = await self._wait(handle)
            while isinstance(result, float):
                # The script waits on a timer or a host operation (wake-up already
                # capped at its deadline): sleep on the loop, not in a thread.
                try:
                    await self._sleep(token, result)
                except asyncio.CancelledError:
                    executor.discard(handle)
                    raise
                executor.resume(handle)
                result = await self._wait(handle)
        finally:
            self.bridge.release(token)
        if isinstance(result, str):
            raise EngineError(result)
        return Outcome(*result)

    async def _sleep(self, token: int, wake_at: float) -> None:
        delay = max(0.0, wake_at - time.monotonic())
        io = self.bridge.io.get(token)
        if io is None:
            await asyncio.sleep(delay)
        else:
            await io.wait(delay)

    async def _wait(self, handle: int) -> float | Finished | str:
        assert self._loop is not None
        waiter = self._loop.create_future()
        self._waiters[handle] = waiter
        try:
            # A cancelled request must not abandon a running job: the job still
            # finishes (bounded by its deadline) and is drained normally.
            return await asyncio.shield(waiter)
        finally:
            if not waiter.done():
                waiter.add_done_callback(lambda _: None)

    def _on_done(self) -> None:
        assert self._executor is not None
        for handle, value in self._executor.drain():
            waiter = self._waiters.pop(handle, None)
            if waiter is None or waiter.cancelled():
                if isinstance(value, float):  # nobody will resume it
                    with contextlib.suppress(ValueError, RuntimeError):
                        self._executor.discard(handle)
                continue
            waiter.set_result(value)


def default_services(limits: CodeLimits) -> dict[str, Any]:
    """What the async host operations of a production engine use."""
    return {"fetch": make_fetch_service(limits)}
