"""Following a job's changes: wake-ups in-process, polling for changes made elsewhere.

Changes committed by this process wake followers at once (the store calls `notify`). Changes
made by another process (another worker of the same server, or another instance) are found
by reading the job's event log every `poll_s`, so no change is ever missed, only delayed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import AsyncIterator

from flowgate.jobs.store.base import Event, JobStore

TERMINAL_EVENTS = frozenset({"completed", "failed", "canceled"})


class EventHub:
    def __init__(self, store: JobStore, *, poll_s: float = 0.5) -> None:
        self._store = store
        self._poll_s = poll_s
        self._waiters: defaultdict[str, set[asyncio.Event]] = defaultdict(set)

    def notify(self, job_id: str) -> None:
        waiters = self._waiters.get(job_id)
        if waiters:
            for waiter in waiters:
                waiter.set()

    async def follow(self, job_id: str, after_seq: int = 0) -> AsyncIterator[Event]:
        """Every event after `after_seq`, in order, ending after a terminal one."""
        waiter = asyncio.Event()
        self._waiters[job_id].add(waiter)
        try:
            seq = after_seq
            while True:
                waiter.clear()
                for event in await self._store.events_since(job_id, seq):
                    seq = event.seq
                    yield event
                    if event.type in TERMINAL_EVENTS:
                        return
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.wait(), self._poll_s)
        finally:
            waiters = self._waiters.get(job_id)
            if waiters is not None:
                waiters.discard(waiter)
                if not waiters:
                    del self._waiters[job_id]

    async def wait_terminal(self, job_id: str, timeout_s: float) -> bool:
        """True once the job reached a terminal state, False when `timeout_s` passed first."""
        try:
            async with asyncio.timeout(timeout_s):
                async for _ in self.follow(job_id):
                    pass
        except TimeoutError:
            return False
        return True
