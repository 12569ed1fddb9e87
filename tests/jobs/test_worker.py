"""The worker runtime: every path ends in exactly one fenced finish (or none when the lease
is lost or the process stops), limits hold, and stop() hands unfinished work back."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace

from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import Claim, Finish, Job, JobStore, Limits
from flowgate.jobs.worker import JobContext, Worker, WorkerConfig
from tests.jobs.conftest import spec

Handler = Callable[[Job, JobContext], Awaitable[Finish]]


def make_worker(store: JobStore, handler: Handler, **kw: object) -> Worker:
    config = WorkerConfig(
        kind="generate", owner="test-owner", concurrency=10, lease_s=2.0, poll_s=0.02
    )
    for key, value in kw.items():
        setattr(config, key, value)
    return Worker(store, handler, config)


async def wait_status(store: JobStore, job_id: str, status: JobStatus, timeout_s: float = 5) -> Job:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = await store.get(job_id)
        if job is not None and job.status is status:
            return job
        await asyncio.sleep(0.01)
    raise AssertionError(f"{job_id} never reached {status}: {await store.get(job_id)}")


async def test_success_crash_and_deadline(store: JobStore) -> None:
    async def handler(job: Job, ctx: JobContext) -> Finish:
        if job.id == "boom":
            raise RuntimeError("a bug")
        if job.id == "slow":
            await asyncio.sleep(10)
        await ctx.checkpoint({"seen": True})
        return Finish(JobStatus.COMPLETED, result={"ok": job.id})

    worker = make_worker(store, handler)
    worker.start()
    await store.submit(spec("fine"))
    await store.submit(spec("boom"))
    await store.submit(replace(spec("slow"), deadline=time.time() + 0.2))
    worker.wake()
    fine = await wait_status(store, "fine", JobStatus.COMPLETED)
    assert fine.result == {"ok": "fine"} and fine.state == {"seen": True}
    boom = await wait_status(store, "boom", JobStatus.FAILED)
    assert boom.error_code == "internal_error" and "a bug" not in (boom.error_message or "")
    slow = await wait_status(store, "slow", JobStatus.FAILED)
    assert slow.error_code == "timeout"
    await worker.stop(1)


async def test_cancel_local_and_cancel_via_heartbeat(store: JobStore) -> None:
    started = asyncio.Event()

    async def handler(job: Job, ctx: JobContext) -> Finish:
        started.set()
        await asyncio.sleep(30)
        return Finish(JobStatus.COMPLETED)

    worker = make_worker(store, handler, lease_s=0.6)
    worker.start()
    await store.submit(spec("c1"))
    await store.submit(spec("c2"))
    worker.wake()
    await started.wait()
    await asyncio.sleep(0.05)
    assert worker.cancel_local("c1")
    assert (await wait_status(store, "c1", JobStatus.CANCELED)).error_code == "canceled"
    await store.cancel("c2")  # as another process would: only the flag is set
    await wait_status(store, "c2", JobStatus.CANCELED, timeout_s=3)
    await worker.stop(1)


async def test_limits_and_graceful_stop_release(store: JobStore) -> None:
    running: set[str] = set()
    peak = 0

    async def handler(job: Job, ctx: JobContext) -> Finish:
        nonlocal peak
        running.add(job.id)
        peak = max(peak, len([j for j in running if j.startswith("m")]))
        try:
            await asyncio.sleep(0.3 if job.id.startswith("m") else 30)
        finally:
            running.discard(job.id)
        return Finish(JobStatus.COMPLETED)

    worker = make_worker(store, handler, limits=Limits(models={"limited": 2}, default_model=100))
    worker.start()
    for i in range(5):
        await store.submit(spec(f"m{i}", model="limited"))
    worker.wake()
    for i in range(5):
        await wait_status(store, f"m{i}", JobStatus.COMPLETED)
    assert peak == 2
    await store.submit(spec("long"))
    worker.wake()
    await wait_status(store, "long", JobStatus.RUNNING)
    await asyncio.sleep(0.05)
    await worker.stop(0.1)
    released = await store.get("long")
    assert (
        released is not None
        and released.status is JobStatus.QUEUED
        and released.lease_owner is None
    )


async def test_lost_lease_is_walked_away_from(store: JobStore) -> None:
    proceed = asyncio.Event()

    async def handler(job: Job, ctx: JobContext) -> Finish:
        await proceed.wait()
        await ctx.checkpoint({"late": True})
        return Finish(JobStatus.COMPLETED, result={"by": "zombie"})

    # One slot, held by the zombie: the worker cannot re-claim the job it lost.
    worker = make_worker(store, handler, lease_s=0.1, concurrency=1)
    worker._heartbeat_loop = lambda: asyncio.sleep(3600)  # type: ignore[method-assign]
    worker.start()
    await store.submit(spec("lost"))
    worker.wake()
    await wait_status(store, "lost", JobStatus.RUNNING)
    await asyncio.sleep(0.2)
    assert await store.reclaim_expired() == 1
    (taken,) = await store.claim(Claim(kind="generate", owner="other", n=1, lease_s=30))
    proceed.set()
    await asyncio.sleep(0.2)
    job = await store.get("lost")
    assert job is not None and job.status is JobStatus.RUNNING and job.lease_owner == "other"
    assert job.result is None and job.state == {} and job.attempts == taken.attempts == 2
    await worker.stop(0.5)
