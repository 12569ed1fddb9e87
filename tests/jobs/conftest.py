"""The JobStore contract suite runs against every backend (SQLite here; Redis joins it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from flowgate.jobs.store.base import JobSpec, JobStore
from flowgate.jobs.store.redis import RedisJobStore
from flowgate.jobs.store.sqlite import SqliteJobStore


@pytest.fixture(params=["sqlite", "redis"])
async def store(
    request: pytest.FixtureRequest, tmp_path: Path, redis_url: str, namespace: str
) -> AsyncIterator[JobStore]:
    backend: JobStore
    if request.param == "sqlite":
        backend = SqliteJobStore(tmp_path / "jobs.db")
    else:
        # Short takeover scan floor: the contract's leases are tens of milliseconds.
        backend = RedisJobStore(redis_url, namespace=namespace, lease_s=0.01)
    await backend.open()
    yield backend
    await backend.close()


def spec(
    job_id: str, *, kind: str = "generate", model: str = "m", key: str = "k", **payload: object
) -> JobSpec:
    body = {"n": job_id, **payload}
    return JobSpec(
        id=job_id,
        kind=kind,
        payload=body,
        payload_hash=repr(sorted(body.items())),
        model=model,
        key_id=key,
    )
