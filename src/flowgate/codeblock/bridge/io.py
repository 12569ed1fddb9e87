"""Asynchronous host operations of one execution (fetch, ...): truly concurrent.

A script that calls an async op gets a Promise at once; the coroutine runs on the
event loop while the script goes on (or waits, holding no engine thread: the job
returns to the loop like a timer wait). When a coroutine ends, its outcome is
queued here and the execution is resumed; the harness's `tick` takes the queue
(`io.take`) and settles the Promises. So `Promise.all` of three 1-second fetches
takes one second.

Thread rules: `start`, `cancel` and `take` run on an engine thread holding the
GIL; everything else runs on the loop thread. Shared state is a deque (atomic
append/popleft under the GIL) and tasks are only touched on the loop thread.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from functools import partial
from typing import Any

from flowgate.codeblock.bridge.registry import ASYNC_OPS, BridgeError, internal_error

#: (op id, fulfilled?, value or error payload)
Settled = tuple[int, bool, Any]


class ExecutionIO:
    """The in-flight async operations of one execution."""

    def __init__(self, loop: asyncio.AbstractEventLoop, services: dict[str, Any]) -> None:
        self._loop = loop
        #: per-engine helpers the async ops use (e.g. "fetch": the guarded HTTP sender).
        self.services = services
        #: per-execution counters the ops keep for their limits (e.g. requests made).
        self.counters: dict[str, int] = {}
        self._next_id = 0
        self._tasks: dict[int, asyncio.Task[Any]] = {}
        self._done: deque[Settled] = deque()
        self._ready = asyncio.Event()
        self._closed = False

    # ------------------------------------------------------ engine thread (GIL)

    def start(self, name: str, args: list[Any]) -> int:
        handler = ASYNC_OPS.get(name)
        if handler is None:
            raise BridgeError(f"unknown async host operation '{name}'", code="ERR_UNKNOWN_OP")
        self._next_id += 1
        op_id = self._next_id
        self._loop.call_soon_threadsafe(self._spawn, op_id, name, args)
        return op_id

    def cancel(self, op_id: int) -> None:
        self._loop.call_soon_threadsafe(self._cancel, op_id)

    def take(self) -> list[Settled]:
        out: list[Settled] = []
        while self._done:
            out.append(self._done.popleft())
        return out

    # ------------------------------------------------------------- loop thread

    def _spawn(self, op_id: int, name: str, args: list[Any]) -> None:
        if self._closed:
            return
        task = self._loop.create_task(ASYNC_OPS[name](self, *args))
        self._tasks[op_id] = task
        task.add_done_callback(partial(self._finished, op_id, name))

    def _cancel(self, op_id: int) -> None:
        task = self._tasks.get(op_id)
        if task is not None:
            task.cancel()

    def _finished(self, op_id: int, name: str, task: asyncio.Task[Any]) -> None:
        self._tasks.pop(op_id, None)
        if self._closed:
            return
        if task.cancelled():
            error = BridgeError("The operation was aborted", type="DOMException", name="AbortError")
            self._done.append((op_id, False, error.payload()))
        elif isinstance(exc := task.exception(), BridgeError):
            self._done.append((op_id, False, exc.payload()))
        elif exc is not None:
            try:
                raise exc
            except Exception:
                self._done.append((op_id, False, internal_error(name)))
        else:
            self._done.append((op_id, True, task.result()))
        self._ready.set()

    async def wait(self, delay: float) -> None:
        """Sleep until `delay` seconds pass or some operation settles."""
        if self._done:
            return
        self._ready.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._ready.wait(), delay)

    def close(self) -> None:
        """The execution ended: stop whatever it left running."""
        self._closed = True
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
        self._done.clear()
