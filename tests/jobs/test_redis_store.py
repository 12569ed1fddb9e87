"""What only the Redis backend promises: several instances (store objects with their own
connections) sharing one namespace — global limits, takeover of a silent instance's work,
cross-instance change notifications, namespaces that do not see each other, and clear
errors when Redis is unreachable."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import Claim, Finish, Limits, ListQuery, StoreUnavailable
from flowgate.jobs.store.redis import RedisJobStore
from tests.jobs.conftest import spec
from tests.redis_server import drop_namespace, new_namespace, own_redis
from tests.servers import free_port


@pytest.fixture
async def pair(
    redis_url: str, namespace: str
) -> AsyncIterator[tuple[RedisJobStore, RedisJobStore]]:
    """Two instances of one deployment; takeover scans entries idle for 0.2 s or more."""
    a = RedisJobStore(redis_url, namespace=namespace, lease_s=0.2)
    b = RedisJobStore(redis_url, namespace=namespace, lease_s=0.2)
    await a.open()
    await b.open()
    yield a, b
    await a.close()
    await b.close()


def claim(owner: str, n: int = 10, lease_s: float = 30.0, limits: Limits | None = None) -> Claim:
    return Claim(kind="generate", owner=owner, n=n, lease_s=lease_s, limits=limits or Limits())


async def test_limits_hold_across_instances_and_parked_jobs_return(
    pair: tuple[RedisJobStore, RedisJobStore],
) -> None:
    a, b = pair
    caps = Limits(models={"slow": 2}, key=3)
    for i in range(6):
        await a.submit(spec(f"s{i}", model="slow", key=f"k{i}"))
    got_a = await a.claim(claim("A", limits=caps))
    got_b = await b.claim(claim("B", limits=caps))
    assert len(got_a) == 2 and got_b == [], "the model cap is shared, not per instance"
    assert await a.count("generate", JobStatus.QUEUED) == 4, "parked jobs are still queued"
    assert await a.finish(got_a[0], Finish(JobStatus.COMPLETED))
    (next_job,) = await b.claim(claim("B", limits=caps))
    assert next_job.id == "s2", "a parked job comes back in order when a slot frees"
    # Keys: 3 per key across instances, whatever the model.
    for i in range(5):
        await b.submit(spec(f"k{i}", model=f"m{i}", key="shared"))
    assert (
        len(await a.claim(claim("A", limits=caps))) + len(await b.claim(claim("B", limits=caps)))
        == 3
    )


async def test_a_silent_instance_loses_its_jobs_to_another(
    pair: tuple[RedisJobStore, RedisJobStore],
) -> None:
    a, b = pair
    await a.submit(spec("held"))
    await a.submit(replace(spec("direct"), lease_owner="A", lease_s=0.2))
    (held,) = await a.claim(claim("A", lease_s=0.2))
    assert await b.reclaim_expired() == 0, "leases still running"
    await asyncio.sleep(0.35)  # A neither heartbeats nor finishes: as if SIGKILLed
    assert await b.reclaim_expired() == 2
    taken = await b.claim(claim("B"))
    assert sorted(j.id for j in taken) == ["direct", "held"]
    assert all(j.attempts == 2 for j in taken)
    assert not await a.finish(held, Finish(JobStatus.COMPLETED)), "the zombie is fenced out"
    assert await a.heartbeat("A", 30) == set()


async def test_heartbeats_keep_a_lease_past_the_takeover_scan(
    pair: tuple[RedisJobStore, RedisJobStore],
) -> None:
    a, b = pair
    await a.submit(spec("alive"))
    await a.claim(claim("A", lease_s=0.3))
    for _ in range(5):
        await asyncio.sleep(0.1)
        await a.heartbeat("A", 0.3)
        assert await b.reclaim_expired() == 0
    job = await b.get("alive")
    assert job is not None and job.lease_owner == "A" and job.status is JobStatus.RUNNING


async def test_a_dead_owner_is_taken_over_at_once(
    pair: tuple[RedisJobStore, RedisJobStore],
) -> None:
    a, b = pair
    await a.submit(spec("d1"))
    await a.claim(claim("A:dead"))
    assert await b.running_owners() == {"A:dead"}
    assert await b.reclaim_expired(frozenset({"A:dead"})) == 1
    job = await b.get("d1")
    assert job is not None and job.status is JobStatus.QUEUED
    assert await b.running_owners() == set()


async def test_changes_made_elsewhere_reach_watchers(
    pair: tuple[RedisJobStore, RedisJobStore],
) -> None:
    a, b = pair
    heard: list[str] = []
    twice = asyncio.Event()

    def listen(job_id: str) -> None:
        heard.append(job_id)
        if heard.count("w") >= 2:
            twice.set()

    b.add_listener(listen)
    await a.submit(spec("w"))
    await b.watch("w")
    await asyncio.sleep(0.05)  # the subscription is live
    (job,) = await a.claim(claim("A"))
    await a.finish(job, Finish(JobStatus.COMPLETED))
    await asyncio.wait_for(twice.wait(), 5)  # claim and finish, both made by instance A
    await b.unwatch("w")


async def test_retries_wait_in_the_delay_set_until_due(
    pair: tuple[RedisJobStore, RedisJobStore],
) -> None:
    a, b = pair
    await a.submit(spec("r"))
    (job,) = await a.claim(claim("A"))
    assert await a.finish(job, Finish(JobStatus.FAILED, retry_at=time.time() + 0.3))
    assert await b.claim(claim("B")) == []
    await asyncio.sleep(0.35)
    (again,) = await b.claim(claim("B"))
    assert again.id == "r" and again.attempts == 2


async def test_namespaces_do_not_see_each_other(redis_url: str, namespace: str) -> None:
    other_ns = new_namespace()
    mine = RedisJobStore(redis_url, namespace=namespace)
    other = RedisJobStore(redis_url, namespace=other_ns)
    await mine.open()
    await other.open()
    try:
        await mine.submit(spec("same-id"))
        assert await other.get("same-id") is None
        assert await other.claim(claim("X")) == []
        job, created = await other.submit(spec("same-id", extra=1))  # no conflict there
        assert created and job.payload == {"n": "same-id", "extra": 1}
        listed, _ = await mine.list_jobs(ListQuery(kind="generate"))
        assert [j.id for j in listed] == ["same-id"]
    finally:
        await mine.close()
        await other.close()
        drop_namespace(redis_url, other_ns)


async def test_unreachable_redis_is_a_clear_error_without_the_password() -> None:
    store = RedisJobStore(f"redis://:hunter2-secret@127.0.0.1:{free_port()}/0")
    await store.open()
    try:
        assert not await store.ping()
        with pytest.raises(StoreUnavailable) as info:
            await store.submit(spec("x"))
        assert "hunter2" not in str(info.value) and "unreachable" in str(info.value)
        with pytest.raises(StoreUnavailable):
            await store.get("x")
    finally:
        await store.close()


async def test_out_of_memory_is_reported_as_unavailable(tmp_path: Path) -> None:
    """With `maxmemory-policy noeviction` a full Redis refuses writes: a 503, never a loss.
    (A server of its own: shrinking the shared one would fail other tests meanwhile.)"""
    with own_redis(tmp_path) as server:
        store = RedisJobStore(server.url)
        await store.open()
        admin = aioredis.Redis.from_url(server.url)
        try:
            await store.submit(spec("fits"))
            await admin.config_set("maxmemory", 1)
            with pytest.raises(StoreUnavailable, match="refused"):
                await store.submit(spec("full"))
            await admin.config_set("maxmemory", 0)
            assert (await store.submit(spec("full")))[1], "accepted again once there is room"
        finally:
            await admin.aclose()
            await store.close()


async def test_purge_drops_silent_consumers_that_hold_nothing(
    pair: tuple[RedisJobStore, RedisJobStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    await a.submit(spec("p1"))
    await a.submit(spec("p2"))
    (done,) = await a.claim(claim("gone", n=1))
    await a.finish(done, Finish(JobStatus.COMPLETED))
    await b.claim(claim("holder", n=1))
    monkeypatch.setattr("flowgate.jobs.store.redis.CONSUMER_IDLE_S", 0.0)
    await asyncio.sleep(0.01)
    await b.purge(0.0)
    consumers = await b.redis.xinfo_consumers(f"{b.prefix}q:generate", "workers")
    assert [c["name"] for c in consumers] == [b"holder"], "the holder keeps its lease"
