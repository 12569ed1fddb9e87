"""ContextPool: fresh contexts made ahead of demand, spent ones freed off the request path.

A context serves exactly one execution (isolation by construction); what the
pool saves is the *latency* of building one (runtime + bootstrap) and of
tearing it down. One warmer thread does both, with the GIL released inside
the engine, and is woken whenever a context is taken or returned.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from flowgate.codeblock.engine._quickjs import Context
from flowgate.codeblock.engine.bundle import CompiledRuntime


@dataclass(slots=True)
class PoolStats:
    ready: int
    target: int
    created: int
    created_on_demand: int
    closed: int


class ContextPool:
    """Hands out never-used contexts; `aclose`-style `close()` is idempotent."""

    def __init__(self, runtime: CompiledRuntime, *, size: int, stack_size: int) -> None:
        self._runtime = runtime
        self._size = size
        self._stack_size = stack_size
        self._ready: deque[Context] = deque()
        self._spent: deque[Context] = deque()
        self._wake = threading.Condition()
        self._closed = False
        self._created = 0
        self._on_demand = 0
        self._freed = 0
        self._thread = threading.Thread(target=self._warm_loop, name="qjs-warmer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def new_context(self) -> Context:
        return Context(self._runtime.bootstrap, self._runtime.modules, self._stack_size)

    def take(self) -> Context:
        """A fresh context: from the pool when one is ready, else built now."""
        try:
            ctx = self._ready.popleft()
        except IndexError:
            self._on_demand += 1
            ctx = self.new_context()
        self._notify()
        return ctx

    def give_back(self, ctx: Context) -> None:
        """Hand a spent context to the warmer thread to free."""
        self._spent.append(ctx)
        self._notify()

    def stats(self) -> PoolStats:
        return PoolStats(len(self._ready), self._size, self._created, self._on_demand, self._freed)

    def close(self) -> None:
        with self._wake:
            if self._closed:
                return
            self._closed = True
            self._wake.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        for queue in (self._ready, self._spent):
            while queue:
                queue.popleft().close()

    def _notify(self) -> None:
        with self._wake:
            self._wake.notify()

    def _warm_loop(self) -> None:
        while True:
            with self._wake:
                while not self._closed and not self._spent and len(self._ready) >= self._size:
                    self._wake.wait()
                if self._closed:
                    return
            while self._spent:
                self._spent.popleft().close()
                self._freed += 1
            if len(self._ready) < self._size:
                self._ready.append(self.new_context())
                self._created += 1
