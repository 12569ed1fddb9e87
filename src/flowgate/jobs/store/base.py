"""The `JobStore` contract: what the services need from durable storage, and nothing else.

Two backends implement it (SQLite embedded, Redis scale-out); the services only ever see this
module. Every mutation of a running job is *fenced*: it names the lease owner and the attempt
number it was given at claim time, and the store applies it only if both still hold, so a
worker whose lease was taken over cannot overwrite the new owner's work.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import msgspec
import orjson

from flowgate.jobs.state import JobStatus


class JobStoreError(Exception):
    """Base of every store failure a caller may want to show a client."""


class JobConflict(JobStoreError):
    """The id exists with a different payload (idempotency key reused for another request)."""


class StoreUnavailable(JobStoreError):
    """The backend cannot be reached or written: a clear 503, never silent loss."""


class Job(msgspec.Struct, kw_only=True):
    """One job as stored. `payload` is the immutable input; `state` is the worker's durable
    checkpoint (e.g. an upstream task id); `result`/`error_*` are set at the end."""

    id: str
    kind: str
    status: JobStatus
    payload: dict[str, Any]
    payload_hash: str
    state: dict[str, Any] = msgspec.field(default_factory=dict)
    result: dict[str, Any] | None = None
    error_code: str | None = None
    error_message: str | None = None
    error_raw: str | None = None
    attempts: int = 0
    version: int = 0
    lease_owner: str | None = None
    lease_until: float | None = None
    run_at: float = 0.0
    deadline: float | None = None
    created_at: float = 0.0
    updated_at: float = 0.0
    finished_at: float | None = None
    cancel_requested: bool = False
    secret: bytes | None = None
    model: str | None = None
    key_id: str | None = None
    parent_id: str | None = None


UNLIMITED = 1 << 30
MAX_CLAIM = 256  # a store hands out at most this many jobs per claim


def encode_cursor(created_at: float, job_id: str) -> str:
    """List pages are ordered by (created_at, id) descending; the cursor is the last row's."""
    raw = orjson.dumps([created_at, job_id])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[float, str]:
    try:
        created, job_id = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return float(created), str(job_id)
    except (ValueError, TypeError) as exc:
        raise ValueError("cursor is not one this server issued") from exc


@dataclass(frozen=True)
class Limits:
    """Concurrency caps per limit group. The SQLite store leaves them to each process's worker
    (caps per process); the Redis store enforces them across every instance (shared
    lease-scored semaphores), which is the point of a global cap on an upstream key."""

    models: Mapping[str, int] = field(default_factory=dict)
    default_model: int = UNLIMITED
    key: int = UNLIMITED

    def model(self, name: str) -> int:
        return self.models.get(name, self.default_model)


@dataclass(frozen=True)
class JobSpec:
    """What a submit carries. `model`/`key_id` are the concurrency-limit groups."""

    id: str
    kind: str
    payload: dict[str, Any]
    payload_hash: str
    run_at: float | None = None
    deadline: float | None = None
    secret: bytes | None = None
    model: str | None = None
    key_id: str | None = None
    parent_id: str | None = None
    # Claim it in the same commit (the submitting process runs it: no queue round trip).
    lease_owner: str | None = None
    lease_s: float = 30.0
    # Initial durable state (e.g. a marker the claiming worker would otherwise write next).
    state: dict[str, Any] | None = None
    # Caps the submit-time claim must respect (a saturated group leaves the job queued).
    limits: Limits | None = None


@dataclass(frozen=True)
class Event:
    """A state change, numbered per job (`seq` = the job's version after the change)."""

    job_id: str
    seq: int
    at: float
    type: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Finish:
    """How a fenced `finish` ends an attempt: terminal status, or back to queued at `retry_at`."""

    status: JobStatus
    result: dict[str, Any] | None = None
    error_code: str | None = None
    error_message: str | None = None
    error_raw: str | None = None
    retry_at: float | None = None
    state: dict[str, Any] | None = None
    # Jobs created atomically with this finish (webhook deliveries): never lost in between.
    spawn: tuple[JobSpec, ...] = ()
    event: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ListQuery:
    kind: str
    status: JobStatus | None = None
    model: str | None = None
    parent_id: str | None = None
    limit: int = 50
    cursor: str | None = None  # opaque: the last page's position


@dataclass(frozen=True)
class Claim:
    """Which jobs a worker wants: `n` of `kind`, skipping saturated limit groups."""

    kind: str
    owner: str
    n: int
    lease_s: float
    model_capacity: dict[str, int] = field(default_factory=dict)  # free slots per model
    default_model_capacity: int = UNLIMITED
    key_capacity: dict[str, int] = field(default_factory=dict)
    default_key_capacity: int = UNLIMITED
    limits: Limits = field(default_factory=Limits)  # the caps themselves (global on Redis)


class JobStore(Protocol):
    """Async, safe to share across tasks of one event loop; backends own their connections."""

    backend: str

    async def open(self) -> None: ...
    async def close(self) -> None: ...
    async def ping(self) -> bool: ...

    async def submit(self, spec: JobSpec) -> tuple[Job, bool]:
        """Create the job, or return the existing one (created=False). Raises JobConflict when
        the id exists with a different payload hash."""
        ...

    def add_listener(self, listener: Callable[[str], None]) -> None:
        """Called on the loop with a job id after each change this process commits, and
        after changes other instances commit to a watched job."""
        ...

    async def watch(self, job_id: str) -> None:
        """Someone follows `job_id`: report changes made elsewhere too (where possible)."""
        ...

    async def unwatch(self, job_id: str) -> None: ...

    async def get(self, job_id: str) -> Job | None: ...
    async def list_jobs(self, query: ListQuery) -> tuple[list[Job], str | None]: ...
    async def count(self, kind: str, status: JobStatus) -> int: ...

    async def cancel(self, job_id: str) -> Job | None:
        """Queued: canceled at once. Running: `cancel_requested` set for its owner to act on."""
        ...

    async def claim(self, claim: Claim) -> list[Job]: ...

    async def heartbeat(self, owner: str, lease_s: float) -> set[str]:
        """Extend every lease `owner` holds; returns ids whose cancel was requested."""
        ...

    async def checkpoint(
        self, job: Job, state: dict[str, Any], event: dict[str, Any] | None = None
    ) -> bool:
        """Fenced update of the job's durable state; False when the lease is lost."""
        ...

    async def finish(self, job: Job, outcome: Finish) -> bool:
        """Fenced end of an attempt (terminal, or re-queued for a retry)."""
        ...

    async def release(self, owner: str) -> int:
        """Graceful shutdown: put every job `owner` still holds back in the queue."""
        ...

    async def reclaim_expired(self, dead_owners: frozenset[str] = frozenset()) -> int:
        """Re-queue running jobs whose lease expired, or whose owner is known dead."""
        ...

    async def running_owners(self) -> set[str]: ...
    async def events_since(self, job_id: str, seq: int) -> list[Event]: ...
    async def purge(self, finished_before: float) -> int: ...
