"""What every JobStore backend must do: idempotent submit, leases, fencing, retries,
cancellation, reclaim, listing, events, retention."""

from __future__ import annotations

import asyncio
import time

import pytest

from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import Claim, Finish, JobConflict, JobStore, Limits, ListQuery
from tests.jobs.conftest import spec


def claim(owner: str = "w1", n: int = 10, lease_s: float = 30.0, **kw: object) -> Claim:
    return Claim(kind="generate", owner=owner, n=n, lease_s=lease_s, **kw)  # type: ignore[arg-type]


async def test_submit_is_idempotent_and_conflicts_on_other_payload(store: JobStore) -> None:
    job, created = await store.submit(spec("a"))
    assert created and job.status is JobStatus.QUEUED and job.version == 1
    again, created_again = await store.submit(spec("a"))
    assert not created_again and again.id == "a" and again.created_at == job.created_at
    with pytest.raises(JobConflict):
        await store.submit(spec("a", extra=1))


async def test_concurrent_duplicate_submits_create_one_job(store: JobStore) -> None:
    results = await asyncio.gather(*(store.submit(spec("dup")) for _ in range(50)))
    assert sum(created for _, created in results) == 1
    assert {job.id for job, _ in results} == {"dup"}


async def test_claim_leases_each_job_once_and_counts_attempts(store: JobStore) -> None:
    for i in range(5):
        await store.submit(spec(f"j{i}"))
    first = await store.claim(claim("w1", n=3))
    second = await store.claim(claim("w2", n=10))
    assert len(first) == 3 and len(second) == 2
    assert not {j.id for j in first} & {j.id for j in second}
    assert all(j.status is JobStatus.RUNNING and j.attempts == 1 for j in first + second)
    assert await store.claim(claim("w3")) == []


async def test_claim_respects_model_and_key_capacity(store: JobStore) -> None:
    for i in range(4):
        await store.submit(spec(f"a{i}", model="slow", key="k1"))
        await store.submit(spec(f"b{i}", model="fast", key="k2"))
    # SQLite applies the free capacity the worker counted; Redis applies the caps across
    # instances. With nothing else running both mean the same.
    caps = Limits(models={"slow": 1}, key=2)
    got = await store.claim(
        claim(n=10, model_capacity={"slow": 1}, default_key_capacity=2, limits=caps)
    )
    models = [j.model for j in got]
    assert models.count("slow") == 1 and models.count("fast") == 2


async def test_finish_is_fenced_against_a_reclaimed_zombie(store: JobStore) -> None:
    await store.submit(spec("z"))
    (zombie,) = await store.claim(claim("old", lease_s=0.01))
    await asyncio.sleep(0.05)
    assert await store.reclaim_expired() == 1
    (fresh,) = await store.claim(claim("new"))
    assert fresh.attempts == 2
    assert not await store.finish(zombie, Finish(JobStatus.COMPLETED, result={"by": "zombie"}))
    assert not await store.checkpoint(zombie, {"x": 1})
    assert await store.finish(fresh, Finish(JobStatus.COMPLETED, result={"by": "fresh"}))
    done = await store.get("z")
    assert (
        done is not None and done.result == {"by": "fresh"} and done.status is JobStatus.COMPLETED
    )
    assert not await store.finish(fresh, Finish(JobStatus.FAILED, error_code="late"))


async def test_retry_requeues_with_delay_and_keeps_state(store: JobStore) -> None:
    await store.submit(spec("r"))
    (job,) = await store.claim(claim())
    retry = Finish(
        JobStatus.QUEUED,
        retry_at=time.time() + 0.3,
        error_code="upstream_unavailable",
        state={"k": 1},
    )
    assert await store.finish(job, retry)
    assert await store.claim(claim()) == []
    await asyncio.sleep(0.35)
    (again,) = await store.claim(claim())
    assert (
        again.attempts == 2
        and again.state == {"k": 1}
        and again.error_code == "upstream_unavailable"
    )


async def test_cancel_queued_and_running(store: JobStore) -> None:
    await store.submit(spec("q"))
    canceled = await store.cancel("q")
    assert canceled is not None and canceled.status is JobStatus.CANCELED
    assert await store.claim(claim()) == []
    await store.submit(spec("run"))
    (_job,) = await store.claim(claim("w"))
    flagged = await store.cancel("run")
    assert flagged is not None and flagged.status is JobStatus.RUNNING and flagged.cancel_requested
    assert await store.heartbeat("w", 30) == {"run"}
    assert await store.cancel("missing") is None


async def test_heartbeat_extends_leases(store: JobStore) -> None:
    await store.submit(spec("h"))
    (_job,) = await store.claim(claim("w", lease_s=0.2))
    await asyncio.sleep(0.1)
    await store.heartbeat("w", 5.0)
    await asyncio.sleep(0.15)
    assert await store.reclaim_expired() == 0
    current = await store.get("h")
    assert (
        current is not None
        and current.lease_until is not None
        and current.lease_until > time.time() + 4
    )


async def test_release_and_dead_owner_reclaim(store: JobStore) -> None:
    for i in range(3):
        await store.submit(spec(f"x{i}"))
    await store.claim(claim("dead", n=2))
    await store.claim(claim("leaving", n=1))
    assert await store.running_owners() == {"dead", "leaving"}
    assert await store.release("leaving") == 1
    assert await store.reclaim_expired(frozenset({"dead"})) == 2
    assert len(await store.claim(claim("next"))) == 3


async def test_list_filters_and_paginates_without_gaps(store: JobStore) -> None:
    for i in range(7):
        await store.submit(spec(f"p{i}", model="m1" if i % 2 else "m2"))
    seen: list[str] = []
    cursor = None
    while True:
        page, cursor = await store.list_jobs(ListQuery(kind="generate", limit=3, cursor=cursor))
        seen += [j.id for j in page]
        if cursor is None:
            break
    assert sorted(seen) == [f"p{i}" for i in range(7)] and len(seen) == 7
    m1, _ = await store.list_jobs(ListQuery(kind="generate", model="m1"))
    assert {j.id for j in m1} == {"p1", "p3", "p5"}
    with pytest.raises(ValueError, match="cursor"):
        await store.list_jobs(ListQuery(kind="generate", cursor="!!not-a-cursor"))


async def test_events_record_every_change_in_order(store: JobStore) -> None:
    await store.submit(spec("e"))
    (job,) = await store.claim(claim())
    await store.checkpoint(job, {"progress": 50}, {"type": "progress", "progress": 50})
    await store.finish(job, Finish(JobStatus.COMPLETED, result={"ok": True}))
    events = await store.events_since("e", 0)
    assert [e.type for e in events] == ["queued", "running", "progress", "completed"]
    assert [e.seq for e in events] == sorted(e.seq for e in events)
    assert [e.type for e in await store.events_since("e", events[1].seq)] == [
        "progress",
        "completed",
    ]


async def test_spawned_jobs_commit_with_the_finish(store: JobStore) -> None:
    await store.submit(spec("parent"))
    (job,) = await store.claim(claim())
    child = spec("parent:webhook:0", kind="webhook")
    assert await store.finish(job, Finish(JobStatus.COMPLETED, spawn=(child,)))
    stored = await store.get("parent:webhook:0")
    assert stored is not None and stored.kind == "webhook" and stored.status is JobStatus.QUEUED


async def test_finished_jobs_drop_their_secret_and_purge_after_retention(store: JobStore) -> None:
    from dataclasses import replace

    await store.submit(replace(spec("s"), secret=b"encrypted"))
    (job,) = await store.claim(claim())
    assert job.secret == b"encrypted"
    await store.finish(job, Finish(JobStatus.FAILED, error_code="x"))
    done = await store.get("s")
    assert done is not None and done.secret is None
    await store.submit(spec("keep"))
    assert await store.purge(time.time() + 1) == 1
    assert await store.get("s") is None and await store.get("keep") is not None
    assert await store.events_since("s", 0) == []


async def test_submit_already_claimed_by_its_submitter(store: JobStore) -> None:
    from dataclasses import replace

    job, created = await store.submit(replace(spec("own"), lease_owner="me", lease_s=30))
    assert created and job.status is JobStatus.RUNNING and job.attempts == 1
    assert job.lease_owner == "me" and await store.claim(claim("other")) == []
    assert [e.type for e in await store.events_since("own", 0)] == ["queued", "running"]
    assert await store.finish(job, Finish(JobStatus.COMPLETED, result={}))
