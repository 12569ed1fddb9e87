"""The generation service: submit, read, cancel, wait, callbacks, and the workers behind them.

It owns every resource of the capability (store, HTTP clients, workers, maintenance loop) and
is built by `build_service(settings)`; routes only translate HTTP to these methods.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import secrets as pysecrets
import time
from dataclasses import dataclass
from typing import Any

import orjson
import structlog

from flowgate.generation.errors import ApiError, invalid, not_found, queue_full, unavailable
from flowgate.generation.models import ModelTable
from flowgate.generation.runner import GENERATE_KIND, GenerationRunner
from flowgate.generation.schemas import GenerateRequest
from flowgate.generation.upstream.base import ErrorCode
from flowgate.generation.views import callback_body
from flowgate.generation.webhooks.delivery import WEBHOOK_KIND, delivery_spec
from flowgate.jobs.events import EventHub
from flowgate.jobs.ownership import dead_local_owners
from flowgate.jobs.state import TERMINAL, JobStatus
from flowgate.jobs.store.base import (
    Finish,
    Job,
    JobConflict,
    JobSpec,
    JobStore,
    ListQuery,
    StoreUnavailable,
)
from flowgate.jobs.worker import Worker
from flowgate.security.secrets import SecretBox
from flowgate.security.ssrf import BlockedURL, EgressPolicy, check_url

log = structlog.get_logger("flowgate.generation")


@dataclass(frozen=True)
class ServiceLimits:
    max_queued: int
    lease_s: float
    grace_s: float
    retention_s: float
    sync_wait_s: float


class GenerationService:
    def __init__(
        self,
        *,
        store: JobStore,
        table: ModelTable,
        secrets: SecretBox,
        server_key: str | None,
        egress: EgressPolicy,
        limits: ServiceLimits,
    ) -> None:
        self.store = store
        self.table = table
        self.secrets = secrets
        self.server_key = server_key
        self.egress = egress
        self.limits = limits
        self.hub = EventHub(store)
        self.workers: list[Worker] = []
        self.generate_worker: Worker | None = None
        self.results: Any = None  # ResultStore, set by the builder
        self.runner: GenerationRunner | None = None
        self._queued_estimate = 0
        self._maintenance: asyncio.Task[None] | None = None
        self.started_at = time.time()

    # --- lifecycle ---------------------------------------------------------------
    async def start(self) -> None:
        await self.store.open()
        self.store.add_listener(self.hub.notify)
        try:
            await self._reclaim()
        except StoreUnavailable as exc:  # Redis down at start: serve 503s until it is back
            log.warning("store_unavailable_at_start", error=str(exc))
        for worker in self.workers:
            worker.start()
        self._maintenance = asyncio.create_task(self._maintain(), name="generation-maintenance")

    async def stop(self) -> None:
        if self._maintenance is not None:
            self._maintenance.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._maintenance
        await asyncio.gather(*(w.stop(self.limits.grace_s) for w in self.workers))
        await self.store.close()

    async def _reclaim(self) -> None:
        owners = await self.store.running_owners()
        count = await self.store.reclaim_expired(dead_local_owners(owners))
        if count:
            log.info("tasks_reclaimed", count=count)
            for worker in self.workers:
                worker.wake()

    async def _maintain(self) -> None:
        interval = max(0.5, min(5.0, self.limits.lease_s / 3))
        last_purge = 0.0
        while True:
            try:
                await self._reclaim()
                self._queued_estimate = await self.store.count(GENERATE_KIND, JobStatus.QUEUED)
                if time.monotonic() - last_purge > 300:
                    last_purge = time.monotonic()
                    await self._purge()
            except StoreUnavailable as exc:
                log.warning("maintenance_failed", error=str(exc))
            await asyncio.sleep(interval)

    async def _purge(self) -> None:
        removed = await self.store.purge(time.time() - self.limits.retention_s)
        files = await asyncio.to_thread(self.results.purge, self.limits.retention_s)
        if removed or files:
            log.info("retention_purge", tasks=removed, files=files)

    # --- submit ------------------------------------------------------------------
    async def submit(
        self, req: GenerateRequest, *, idempotency_key: str | None = None, strict: bool = False
    ) -> tuple[Job, bool]:
        """Durably store the task (committed before this returns). `strict` (native API):
        the same id with a different request is a 409; the compatible API returns the
        existing task, as the original's `taskId` contract says."""
        spec = self._spec(req, idempotency_key)
        worker = self.generate_worker
        if worker is not None and worker.reserve(spec.model, spec.key_id):
            # Claimed by us in the same commit, with attempt 1 already marked as about to
            # call upstream (saves the runner a commit; a crash before the call is then
            # treated as ambiguous: never a double charge, at worst a needless failure).
            owned = dataclasses.replace(
                spec,
                lease_owner=worker.config.owner,
                lease_s=worker.config.lease_s,
                state={"dispatched": 1},
                limits=worker.config.limits,
            )
            try:
                job, created = await self._store_new(owned, strict)
            except BaseException:
                worker.unreserve(spec.model, spec.key_id)
                raise
            if created and job.lease_owner == worker.config.owner:
                worker.adopt(job)
            else:  # existing, or left queued because a shared limit is saturated
                worker.unreserve(spec.model, spec.key_id)
                if created:
                    worker.wake()
            return job, created
        if self._queued_estimate >= self.limits.max_queued:
            raise queue_full(retry_after=5)
        job, created = await self._store_new(spec, strict)
        if created:
            self._queued_estimate += 1
            if worker is not None:
                worker.wake()
        return job, created

    async def _store_new(self, spec: JobSpec, strict: bool) -> tuple[Job, bool]:
        try:
            job, created = await self.store.submit(spec)
        except JobConflict as exc:
            if strict:
                raise ApiError(409, "idempotency_conflict", str(exc)) from None
            existing = await self.store.get(spec.id)
            if existing is None or existing.kind != GENERATE_KIND:
                raise ApiError(409, "idempotency_conflict", str(exc)) from None
            return existing, False
        except StoreUnavailable as exc:
            raise unavailable(str(exc)) from None
        if job.kind != GENERATE_KIND:
            raise ApiError(409, "idempotency_conflict", "that id names another kind of object")
        return job, created

    def _spec(self, req: GenerateRequest, idempotency_key: str | None) -> JobSpec:
        route = self.table.resolve(req.model)
        if route is None:
            raise invalid(
                f"unknown model {req.model!r}; available: {', '.join(self.table.names())}"
            )
        key = req.api_key or self.server_key
        if not key:
            raise ApiError(
                401,
                ErrorCode.INVALID_API_KEY,
                "`apiKey` is required (this server has no UPSTREAM_API_KEY)",
            )
        if req.callback_url:
            try:
                check_url(req.callback_url, self.egress)
            except BlockedURL as exc:
                raise invalid(f"callbackUrl refused: {exc.message}") from None
        payload = {
            "model": req.model,
            "prompt": req.prompt,
            "imageUrls": req.all_image_urls(),
            "imageSize": req.image_size,
            "parentTaskId": req.parent_task_id,
            "callbackUrl": req.callback_url,
        }
        digest = hashlib.sha256(orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)).hexdigest()
        now = time.time()
        return JobSpec(
            id=req.task_id or idempotency_key or f"task_{pysecrets.token_hex(12)}",
            kind=GENERATE_KIND,
            payload=payload,
            payload_hash=digest,
            deadline=now + route.deadline_s,
            secret=self.secrets.encrypt(req.api_key) if req.api_key else None,
            model=route.name,
            key_id=self.secrets.fingerprint(key),
        )

    # --- read / cancel / wait ----------------------------------------------------
    async def get(self, task_id: str) -> Job:
        try:
            job = await self.store.get(task_id)
        except StoreUnavailable as exc:
            raise unavailable(str(exc)) from None
        if job is None or job.kind != GENERATE_KIND:
            raise not_found(task_id)
        return job

    async def list_tasks(self, query: ListQuery) -> tuple[list[Job], str | None]:
        try:
            return await self.store.list_jobs(query)
        except ValueError as exc:
            raise invalid(str(exc)) from None

    async def cancel(self, task_id: str) -> Job:
        job = await self.get(task_id)
        if job.status in TERMINAL:
            return job
        updated = await self.store.cancel(task_id)
        if updated is None:
            raise not_found(task_id)
        if updated.status is JobStatus.CANCELED and updated.payload.get("callbackUrl"):
            outcome = Finish(
                JobStatus.CANCELED, error_code="canceled", error_message="canceled by the client"
            )
            for spec in self.finalize(updated, outcome).spawn:
                with contextlib.suppress(JobConflict):
                    await self.store.submit(spec)
        elif self.generate_worker is not None:
            self.generate_worker.cancel_local(task_id)
        return updated

    async def wait(self, task_id: str, timeout_s: float) -> Job:
        try:
            job = await self.hub.wait_terminal(task_id, timeout_s)
        except StoreUnavailable as exc:
            raise unavailable(str(exc)) from None
        if job is None or job.kind != GENERATE_KIND:
            raise not_found(task_id)
        return job

    # --- callbacks ---------------------------------------------------------------
    def finalize(self, job: Job, outcome: Finish) -> Finish:
        """Attach the callback delivery to a terminal outcome (stored in the same commit)."""
        url = job.payload.get("callbackUrl")
        if not url or outcome.status not in TERMINAL or outcome.retry_at is not None:
            return outcome
        body = callback_body(
            job, outcome.result, outcome.status, outcome.error_code, outcome.error_message
        )
        spec = delivery_spec(job.id, url, body, 0, msg_id=f"msg_{job.id}")
        return Finish(**{**outcome.__dict__, "spawn": (*outcome.spawn, spec)})

    async def deliveries(self, task_id: str) -> list[Job]:
        await self.get(task_id)
        jobs, _ = await self.store.list_jobs(
            ListQuery(kind=WEBHOOK_KIND, parent_id=task_id, limit=100)
        )
        return sorted(jobs, key=lambda j: j.created_at)

    async def replay(self, task_id: str) -> Job:
        job = await self.get(task_id)
        if not job.payload.get("callbackUrl"):
            raise ApiError(409, "no_callback", "this task has no callbackUrl")
        if job.status not in TERMINAL:
            raise ApiError(409, "not_finished", "the task has not finished yet; nothing to deliver")
        existing = await self.deliveries(task_id)
        body = callback_body(job, job.result, job.status, job.error_code, job.error_message)
        spec = delivery_spec(
            task_id, job.payload["callbackUrl"], body, len(existing), msg_id=f"msg_{job.id}"
        )
        created, _ = await self.store.submit(spec)
        for worker in self.workers:
            worker.wake()
        return created

    def health(self) -> dict[str, Any]:
        worker = self.generate_worker
        return {
            "backend": self.store.backend,
            "namespace": getattr(self.store, "namespace", None),
            "runsWorkers": bool(self.workers),
            "activeTasks": len(worker.running) if worker else 0,
            "totalProcessed": worker.processed if worker else 0,
            "queued": self._queued_estimate,
            "models": self.table.names(),
        }
