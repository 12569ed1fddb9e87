"""`JobStore` on Redis: many stateless instances share one server (scale-out mode).

Built on Redis' own primitives (see docs/architecture.md, "Scale-out on Redis"):
- a hash per job is the status record every instance reads;
- per kind, a Streams consumer group is the queue, and a consumer's pending entries are its
  leases: heartbeats re-claim them (`XCLAIM … JUSTID` resets their idle time), and every
  instance takes over entries idle for a whole lease with `XAUTOCLAIM`;
- every change is one Lua script (atomic submit/dedupe, fenced finish using Redis' clock);
- a delay sorted set holds retries, promoted by whichever instance claims next;
- per-model and per-key limits are lease-scored sorted-set semaphores; jobs of a saturated
  group wait in a list and come back when a slot frees;
- changes are published per job, so an event stream follows a job run on another instance.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import orjson
import structlog
from redis import exceptions as rx
from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.commands.core import AsyncScript

from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import (
    MAX_CLAIM,
    Claim,
    Event,
    Finish,
    Job,
    JobConflict,
    JobSpec,
    Limits,
    ListQuery,
    StoreUnavailable,
    decode_cursor,
    encode_cursor,
)
from flowgate.jobs.store.redis_codec import (
    decode_event,
    decode_job,
    finish_args,
    load_scripts,
    spec_args,
)

log = structlog.get_logger("flowgate.jobs.redis")
Listener = Callable[[str], None]
T = TypeVar("T")
# Redis down, restarting (loading its data), read-only replica, out of memory: all mean
# "cannot store tasks right now", which clients see as a 503, never as lost work.
_UNAVAILABLE = (rx.ConnectionError, rx.TimeoutError, rx.BusyLoadingError, rx.ReadOnlyError)
_REFUSED = (rx.OutOfMemoryError,)
_UNAVAILABLE_REPLIES = ("OOM ", "MISCONF", "LOADING", "READONLY", "MASTERDOWN", "NOREPLICAS")
LIST_SCAN_CAP = 20_000
RECLAIM_BATCH = 256
CONSUMER_IDLE_S = 3600.0


def _limits_json(limits: Limits) -> bytes:
    return orjson.dumps(
        {"models": dict(limits.models), "default_model": limits.default_model, "key": limits.key}
    )


class RedisJobStore:
    backend = "redis"

    def __init__(
        self,
        url: str,
        *,
        namespace: str = "flowgate",
        lease_s: float = 30.0,
        max_connections: int = 64,
    ) -> None:
        self._url = url
        self.namespace = namespace
        self.prefix = f"{namespace}:"
        self.lease_s = lease_s
        self._max_connections = max_connections
        self._redis: Redis | None = None
        self._scripts: dict[str, AsyncScript] = {}
        self._listeners: list[Listener] = []
        # Jobs this process holds, per owner: what its heartbeats re-claim.
        self._held: defaultdict[str, set[str]] = defaultdict(set)
        self._pubsub: PubSub | None = None
        self._watching: Counter[str] = Counter()
        self._reader: asyncio.Task[None] | None = None

    # --- lifecycle ---------------------------------------------------------------
    async def open(self) -> None:
        pool = BlockingConnectionPool.from_url(
            self._url,
            max_connections=self._max_connections,
            timeout=10,
            socket_timeout=10,
            socket_connect_timeout=5,
            health_check_interval=30,
            retry=Retry(ExponentialBackoff(cap=0.5, base=0.05), 1),
            retry_on_error=[rx.ConnectionError],
        )
        self._redis = Redis(connection_pool=pool)
        self._scripts = {
            name: self._redis.register_script(body) for name, body in load_scripts().items()
        }
        self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        self._reader = asyncio.create_task(self._read_changes(), name="redis-changes")

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._pubsub is not None:
            with contextlib.suppress(*_UNAVAILABLE):
                await self._pubsub.aclose()  # type: ignore[no-untyped-call, unused-ignore]  # typed from redis-py 8
        if self._redis is not None:
            await self._redis.aclose()
            await self._redis.connection_pool.disconnect()
        self._redis = self._pubsub = self._reader = None

    @property
    def redis(self) -> Redis:
        if self._redis is None:
            raise StoreUnavailable("the task store is closed")
        return self._redis

    async def _io(self, call: Awaitable[T]) -> T:
        try:
            return await call
        except _UNAVAILABLE as exc:
            raise StoreUnavailable(f"Redis is unreachable: {type(exc).__name__}") from None
        except _REFUSED as exc:
            raise StoreUnavailable(f"Redis refused the write: {str(exc)[:80]}") from None
        except rx.ResponseError as exc:
            if str(exc).startswith(_UNAVAILABLE_REPLIES):
                raise StoreUnavailable(f"Redis refused the write: {str(exc)[:80]}") from None
            raise

    async def command(self, *args: Any) -> Any:
        return await self._io(self.redis.execute_command(*args))  # type: ignore[no-untyped-call]

    async def _run(self, script: str, *args: Any) -> Any:
        return await self._io(self._scripts[script](keys=[], args=[self.prefix, *args]))

    async def ping(self) -> bool:
        try:
            return bool(await self._io(self.redis.ping()))
        except StoreUnavailable:
            return False

    # --- change notifications ------------------------------------------------------
    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _changed(self, *job_ids: str) -> None:
        for job_id in job_ids:
            for listener in self._listeners:
                listener(job_id)

    async def watch(self, job_id: str) -> None:
        """Hear about changes to `job_id` made by any instance (while someone follows it)."""
        self._watching[job_id] += 1
        if self._watching[job_id] == 1 and self._pubsub is not None:
            with contextlib.suppress(*_UNAVAILABLE):
                await self._pubsub.subscribe(f"{self.prefix}c:{job_id}")

    async def unwatch(self, job_id: str) -> None:
        self._watching[job_id] -= 1
        if self._watching[job_id] <= 0:
            del self._watching[job_id]
            if self._pubsub is not None:
                with contextlib.suppress(*_UNAVAILABLE):
                    await self._pubsub.unsubscribe(f"{self.prefix}c:{job_id}")

    async def _read_changes(self) -> None:
        """Followers also poll, so a message missed during a Redis outage only delays them."""
        assert self._pubsub is not None
        channel_prefix = len(f"{self.prefix}c:")
        keepalive = f"{self.prefix}c:~"
        while True:
            try:
                if not self._pubsub.subscribed:
                    await self._pubsub.subscribe(keepalive)
                message = await self._pubsub.get_message(timeout=1.0)
            except (*_UNAVAILABLE, OSError):
                await asyncio.sleep(0.5)
                continue
            if message is not None and message.get("type") == "message":
                self._changed(message["channel"].decode()[channel_prefix:])

    # --- submit / read -------------------------------------------------------------
    async def submit(self, spec: JobSpec) -> tuple[Job, bool]:
        limits = _limits_json(spec.limits) if spec.limits is not None else b""
        token = secrets.token_hex(8)
        outcome, flat = await self._run("submit", limits, *spec_args(spec), token)
        job = decode_job(flat)
        assert job is not None
        if outcome == b"conflict":
            raise JobConflict(f"id {spec.id!r} already exists with a different request")
        created = outcome == b"created"
        if created:
            if job.lease_owner is not None and job.lease_owner == spec.lease_owner:
                self._held[job.lease_owner].add(job.id)
            self._changed(job.id)
        return job, created

    async def get(self, job_id: str) -> Job | None:
        return decode_job(await self.command("HGETALL", f"{self.prefix}j:{job_id}"))

    async def list_jobs(self, query: ListQuery) -> tuple[list[Job], str | None]:
        base = f"{self.prefix}i:{query.kind}"
        if query.parent_id is not None:
            index = f"{base}:p:{query.parent_id}"
        elif query.status is not None:
            index = f"{base}:s:{query.status}"
        elif query.model is not None:
            index = f"{base}:m:{query.model}"
        else:
            index = base
        score, cursor_id = "", ""
        if query.cursor:
            created, cursor_id = decode_cursor(query.cursor)
            score = repr(created)
        rows, last_score, last_id, capped = await self._run(
            "list",
            index,
            score,
            cursor_id,
            query.limit,
            str(query.status or ""),
            query.model or "",
            query.parent_id or "",
            LIST_SCAN_CAP,
        )
        jobs = [j for j in (decode_job(r) for r in rows) if j is not None]
        if len(jobs) > query.limit:
            jobs = jobs[: query.limit]
            return jobs, encode_cursor(jobs[-1].created_at, jobs[-1].id)
        if capped:  # the scan cap was reached before the page filled: go on from there
            return jobs, encode_cursor(float(last_score), last_id.decode())
        return jobs, None

    async def count(self, kind: str, status: JobStatus) -> int:
        return int(await self.command("ZCARD", f"{self.prefix}i:{kind}:s:{status}"))

    async def events_since(self, job_id: str, seq: int) -> list[Event]:
        raw = await self.command("ZRANGEBYSCORE", f"{self.prefix}e:{job_id}", f"({seq}", "+inf")
        return [decode_event(job_id, item) for item in raw]

    # --- state changes -------------------------------------------------------------
    async def cancel(self, job_id: str) -> Job | None:
        job = decode_job(await self._run("cancel", job_id))
        if job is not None:
            self._changed(job_id)
        return job

    async def claim(self, claim: Claim) -> list[Job]:
        n = min(claim.n, MAX_CLAIM)
        lease_ms = int(claim.lease_s * 1000)
        args = (claim.kind, claim.owner, n, lease_ms, _limits_json(claim.limits))
        rows = await self._run("claim", *args)
        jobs = [j for j in (decode_job(r) for r in rows) if j is not None]
        self._held[claim.owner].update(j.id for j in jobs)
        self._changed(*(j.id for j in jobs))
        return jobs

    async def heartbeat(self, owner: str, lease_s: float) -> set[str]:
        held = self._held.get(owner)
        if not held:
            return set()
        flat = await self._run("heartbeat", owner, int(lease_s * 1000), *sorted(held))
        to_cancel: set[str] = set()
        for verdict, raw_id in zip(flat[::2], flat[1::2], strict=True):
            job_id = raw_id.decode()
            if verdict == b"lost":
                held.discard(job_id)
            else:
                to_cancel.add(job_id)
        return to_cancel

    async def checkpoint(
        self, job: Job, state: dict[str, Any], event: dict[str, Any] | None = None
    ) -> bool:
        ok = await self._run(
            "checkpoint",
            job.id,
            job.lease_owner or "",
            job.attempts,
            orjson.dumps(state),
            str(event.get("type", "progress")) if event is not None else "",
            orjson.dumps(event) if event is not None else b"",
        )
        if ok:
            self._changed(job.id)
        return bool(ok)

    async def finish(self, job: Job, outcome: Finish) -> bool:
        ok = await self._run("finish", *finish_args(job, outcome))
        if job.lease_owner is not None:
            self._held[job.lease_owner].discard(job.id)
        if ok:
            self._changed(job.id, *(s.id for s in outcome.spawn))
        return bool(ok)

    async def release(self, owner: str) -> int:
        held = self._held.pop(owner, set())
        if not held:
            return 0
        count = int(await self._run("release", owner, *sorted(held)))
        self._changed(*held)
        return count

    # --- takeover ------------------------------------------------------------------
    async def _kinds(self) -> list[str]:
        return sorted(k.decode() for k in await self.command("SMEMBERS", f"{self.prefix}kinds"))

    async def reclaim_expired(self, dead_owners: frozenset[str] = frozenset()) -> int:
        """Entries idle for a whole lease (their holder stopped heartbeating), and every
        entry of an owner known to be dead, go back to the queue."""
        idle_ms = int(self.lease_s * 1000)
        total = 0
        for kind in await self._kinds():
            for lane in ("q", "d"):
                for owner in ("", *sorted(dead_owners)):
                    total += await self._reclaim_lane(kind, lane, idle_ms, owner)
        return total

    async def _reclaim_lane(self, kind: str, lane: str, idle_ms: int, owner: str) -> int:
        start, total = "0-0", 0
        for _ in range(1000):  # bounded: each pass handles RECLAIM_BATCH entries
            next_start, count = await self._run(
                "reclaim", kind, lane, idle_ms, start, RECLAIM_BATCH, owner
            )
            total += int(count)
            start = next_start.decode() if isinstance(next_start, bytes) else str(next_start)
            if start == "0-0":
                break
        return total

    async def running_owners(self) -> set[str]:
        owners: set[str] = set()
        for kind in await self._kinds():
            for lane in ("q", "d"):
                stream = f"{self.prefix}{lane}:{kind}"
                try:
                    consumers = await self._io(self.redis.xinfo_consumers(stream, "workers"))
                except rx.ResponseError:  # no such stream or group yet
                    continue
                owners.update(
                    c["name"].decode() for c in consumers if c["pending"] and c["name"] != b"reaper"
                )
        return owners

    async def purge(self, finished_before: float) -> int:
        """Finished jobs past retention, and consumers of long-gone processes."""
        removed = int(await self._run("purge", repr(finished_before), 5000))
        for kind in await self._kinds():
            for lane in ("q", "d"):
                stream = f"{self.prefix}{lane}:{kind}"
                await self._run("gc", stream, int(CONSUMER_IDLE_S * 1000))
        return removed
