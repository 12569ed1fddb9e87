"""The worker runtime: claim jobs into free slots, run each as an asyncio task, keep leases
alive, act on cancellation, and stop gracefully.

Handlers are plain coroutines `(job, ctx) -> Finish`. Everything about durability lives here
and in the store: a handler never commits a terminal state itself, so every path (success,
failure, deadline, cancel, bug) ends in exactly one fenced `finish`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import structlog

from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import (
    MAX_CLAIM,
    Claim,
    Finish,
    Job,
    JobStore,
    JobStoreError,
    Limits,
)

log = structlog.get_logger("flowgate.jobs")
FINISH_RETRY_S = 600.0  # how long a finished job waits for the store to come back
CHECKPOINT_RETRY_S = 60.0


class LeaseLost(Exception):
    """Another worker owns the job now: stop touching it."""


class JobContext:
    """What a handler may do to its job while it runs: durable checkpoints."""

    def __init__(self, store: JobStore, job: Job) -> None:
        self._store = store
        self.job = job

    async def checkpoint(self, state: dict[str, Any], event: dict[str, Any] | None = None) -> None:
        """Rides out a short store outage; a long one means the lease is gone anyway."""
        try:
            stored = await retry_store(
                lambda: self._store.checkpoint(self.job, state, event), CHECKPOINT_RETRY_S
            )
        except JobStoreError:
            raise LeaseLost(self.job.id) from None
        if not stored:
            raise LeaseLost(self.job.id)
        self.job.state = state


async def retry_store(call: Callable[[], Awaitable[bool]], budget_s: float) -> bool:
    """`call()` until the store answers (with backoff), re-raising once `budget_s` is spent."""
    delay, deadline = 0.1, time.monotonic() + budget_s
    while True:
        try:
            return await call()
        except JobStoreError as exc:
            if time.monotonic() + delay > deadline:
                raise
            log.warning("store_retrying", error=str(exc))
        await asyncio.sleep(delay)
        delay = min(delay * 2, 2.0)


Handler = Callable[[Job, JobContext], Awaitable[Finish]]


@dataclass
class WorkerConfig:
    kind: str
    owner: str
    concurrency: int
    lease_s: float = 30.0
    poll_s: float = 0.25
    limits: Limits = field(default_factory=Limits)
    on_finish: Callable[[Job, Finish], None] = field(default=lambda _job, _out: None)
    # Applied to every outcome before it is stored, whoever produced it (handler, deadline,
    # cancel, crash): where a service attaches jobs to spawn atomically (callbacks).
    finalize: Callable[[Job, Finish], Finish] = field(default=lambda _job, out: out)


class Worker:
    def __init__(self, store: JobStore, handler: Handler, config: WorkerConfig) -> None:
        self.store = store
        self.handler = handler
        self.config = config
        self.running: dict[str, asyncio.Task[None]] = {}
        self._by_model: Counter[str] = Counter()
        self._by_key: Counter[str] = Counter()
        self._canceled: set[str] = set()
        self._reserved = 0
        self._wake = asyncio.Event()
        # Did the last claim find as much work as it asked for (or did someone say there is
        # more)? Only then does a freed slot trigger a claim at once; otherwise the poll
        # finds work submitted elsewhere, and a finished job costs no extra transaction.
        self._backlog = True
        self._stopping = False
        self._loops: list[asyncio.Task[None]] = []
        self.processed = 0

    def start(self) -> None:
        self._loops = [
            asyncio.create_task(self._claim_loop(), name=f"claim-{self.config.kind}"),
            asyncio.create_task(self._heartbeat_loop(), name=f"heartbeat-{self.config.kind}"),
        ]

    def wake(self) -> None:
        """New work may be available (an in-process submit): claim now, not at the next poll."""
        self._backlog = True
        self._wake.set()

    def reserve(self, model: str | None, key: str | None) -> bool:
        """Take a slot for a job this process is about to submit already claimed (`adopt`
        it after the commit, `unreserve` if the submit did not create it)."""
        if self._stopping or len(self.running) + self._reserved >= self.config.concurrency:
            return False
        m, k = model or "", key or ""
        if (
            self._by_model[m] >= self.config.limits.model(m)
            or self._by_key[k] >= self.config.limits.key
        ):
            return False
        self._reserved += 1
        self._by_model[m] += 1
        self._by_key[k] += 1
        return True

    def unreserve(self, model: str | None, key: str | None) -> None:
        self._reserved -= 1
        self._by_model[model or ""] -= 1
        self._by_key[key or ""] -= 1

    def adopt(self, job: Job) -> None:
        self._reserved -= 1
        self._by_model[job.model or ""] -= 1
        self._by_key[job.key_id or ""] -= 1
        self._spawn(job)

    def cancel_local(self, job_id: str) -> bool:
        task = self.running.get(job_id)
        if task is None:
            return False
        self._canceled.add(job_id)
        task.cancel()
        return True

    async def _claim_loop(self) -> None:
        while not self._stopping:
            free = self.config.concurrency - len(self.running) - self._reserved
            claimed: list[Job] = []
            if free > 0:
                try:
                    claimed = await self.store.claim(self._claim(free))
                except JobStoreError as exc:
                    log.warning("claim_failed", kind=self.config.kind, error=str(exc))
                    await asyncio.sleep(1.0)
            for job in claimed:
                self._spawn(job)
            if free > 0:
                self._backlog = len(claimed) >= min(free, MAX_CLAIM)
            if len(claimed) < free or free <= 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.config.poll_s)
                self._wake.clear()

    def _claim(self, free: int) -> Claim:
        limits = self.config.limits
        return Claim(
            kind=self.config.kind,
            owner=self.config.owner,
            n=free,
            lease_s=self.config.lease_s,
            model_capacity={m: limits.model(m) - n for m, n in self._by_model.items()},
            key_capacity={k: limits.key - n for k, n in self._by_key.items()},
            default_key_capacity=limits.key,
            limits=limits,
        )

    def _spawn(self, job: Job) -> None:
        model, key = job.model or "", job.key_id or ""
        self._by_model[model] += 1
        self._by_key[key] += 1
        task = asyncio.create_task(self._run(job), name=f"job-{job.id}")
        self.running[job.id] = task

        def done(_: asyncio.Task[None]) -> None:
            self.running.pop(job.id, None)
            self._canceled.discard(job.id)
            self._by_model[model] -= 1
            self._by_key[key] -= 1
            self.processed += 1
            if self._backlog:
                self._wake.set()

        task.add_done_callback(done)

    async def _run(self, job: Job) -> None:
        outcome = await self._outcome(job)
        if outcome is None:
            return
        outcome = self.config.finalize(job, outcome)
        if await self._store_outcome(job, outcome):
            self.config.on_finish(job, outcome)

    async def _store_outcome(self, job: Job, outcome: Finish) -> bool:
        """The result of a finished call is worth keeping through a store outage: retry until
        it is stored, or fenced out (the lease passed and another attempt took over)."""
        try:
            stored = await retry_store(lambda: self.store.finish(job, outcome), FINISH_RETRY_S)
        except JobStoreError as exc:
            log.error("finish_failed", job_id=job.id, error=str(exc))
            return False
        if not stored:
            log.info("finish_fenced_out", job_id=job.id, attempt=job.attempts)
        return stored

    async def _outcome(self, job: Job) -> Finish | None:
        """The handler's verdict, or the runtime's (deadline, cancel, bug); None = walk away."""
        ctx = JobContext(self.store, job)
        remaining = None if job.deadline is None else job.deadline - time.time()
        try:
            if remaining is not None and remaining <= 0:
                raise TimeoutError
            async with asyncio.timeout(remaining):
                return await self.handler(job, ctx)
        except TimeoutError:
            return Finish(
                JobStatus.FAILED,
                error_code="timeout",
                error_message="the task passed its deadline",
                state=ctx.job.state,
            )
        except LeaseLost:
            log.info("lease_lost", job_id=job.id)
            return None
        except asyncio.CancelledError:
            if job.id in self._canceled:
                return Finish(
                    JobStatus.CANCELED,
                    error_code="canceled",
                    error_message="canceled by the client",
                )
            raise  # shutdown: the lease is released and another attempt resumes
        except Exception:
            log.exception("handler_crashed", job_id=job.id, kind=job.kind)
            return Finish(
                JobStatus.FAILED,
                error_code="internal_error",
                error_message="internal error while running the task (logged)",
            )

    async def _heartbeat_loop(self) -> None:
        interval = max(0.2, self.config.lease_s / 3)
        while True:
            await asyncio.sleep(interval)
            if not self.running:
                continue
            try:
                to_cancel = await self.store.heartbeat(self.config.owner, self.config.lease_s)
            except JobStoreError as exc:
                log.warning("heartbeat_failed", error=str(exc))
                continue
            for job_id in to_cancel:
                self.cancel_local(job_id)

    async def stop(self, grace_s: float) -> None:
        """Stop claiming; give running jobs `grace_s` to finish; hand the rest back."""
        self._stopping = True
        self._wake.set()
        claim_loop, heartbeat = self._loops or (None, None)
        if claim_loop is not None:
            await asyncio.gather(claim_loop, return_exceptions=True)
        if self.running:
            await asyncio.wait(list(self.running.values()), timeout=grace_s)
        for task in list(self.running.values()):
            task.cancel()
        if self.running:
            await asyncio.wait(list(self.running.values()), timeout=5)
        if heartbeat is not None:
            heartbeat.cancel()
            await asyncio.gather(heartbeat, return_exceptions=True)
        with contextlib.suppress(JobStoreError):
            released = await self.store.release(self.config.owner)
            if released:
                log.info("leases_released", kind=self.config.kind, count=released)
