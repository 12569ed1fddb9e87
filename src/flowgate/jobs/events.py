"""Following a job's changes: wake-ups in-process and from other instances, plus polling.

Changes committed by this process wake followers at once (the store calls `notify`); so do
changes other instances make to a watched job where the store can tell (Redis pub/sub).
Followers also read the job's event log every `poll_s`, so no change is ever missed (e.g. a
message lost during a Redis outage, or another SQLite process), only delayed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import AsyncIterator

from flowgate.jobs.store.base import Event, Job, JobStore

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
        waiter = await self._add(job_id)
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
            await self._discard(job_id, waiter)

    async def wait_terminal(self, job_id: str, timeout_s: float) -> Job | None:
        """The job once terminal, or as it is when `timeout_s` has passed (None: unknown).
        Reads the job itself, not its event log: one keyed read per wake-up."""
        waiter = await self._add(job_id)
        deadline = asyncio.get_running_loop().time() + timeout_s
        try:
            while True:
                waiter.clear()
                job = await self._store.get(job_id)
                remaining = deadline - asyncio.get_running_loop().time()
                if job is None or job.status.terminal or remaining <= 0:
                    return job
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.wait(), min(self._poll_s, remaining))
        finally:
            await self._discard(job_id, waiter)

    async def _add(self, job_id: str) -> asyncio.Event:
        """Registered before the first read, so a change between the two is not missed."""
        waiter = asyncio.Event()
        self._waiters[job_id].add(waiter)
        try:
            await self._store.watch(job_id)
        except BaseException:
            await self._discard(job_id, waiter, watched=False)
            raise
        return waiter

    async def _discard(self, job_id: str, waiter: asyncio.Event, *, watched: bool = True) -> None:
        waiters = self._waiters.get(job_id)
        if waiters is not None:
            waiters.discard(waiter)
            if not waiters:
                del self._waiters[job_id]
        if watched:
            await asyncio.shield(self._store.unwatch(job_id))
