"""Running one generation task: the upstream call(s) and the retry policy of the contract.

Durable markers make a restart safe. Before an upstream call that could be billed, the
attempt is recorded (`dispatched`); an attempt that finds its predecessor's marker still set
knows that call may have reached the upstream (the process died mid-call) and applies the
ambiguous-outcome policy instead of calling again. A video task stores the upstream task id
as soon as it has it, so a restarted worker resumes polling rather than creating a second one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from flowgate.generation.models import ModelRoute, ModelTable, RouteKind
from flowgate.generation.results import ResultStore
from flowgate.generation.retry import backoff_s
from flowgate.generation.upstream.base import (
    ErrorCode,
    GenerationInput,
    Phase,
    UpstreamError,
    VideoStatus,
)
from flowgate.generation.upstream.client import UpstreamClient
from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import Finish, Job
from flowgate.jobs.worker import JobContext
from flowgate.security.secrets import SecretBox, SecretError

GENERATE_KIND = "generate"
_MAX_POLL_FAILURES = 60
MAX_VIDEO_BYTES = 512 * 1024 * 1024


def failed(
    code: str, message: str, *, raw: str | None = None, state: dict[str, Any] | None = None
) -> Finish:
    return Finish(
        JobStatus.FAILED, error_code=code, error_message=message, error_raw=raw, state=state
    )


class GenerationRunner:
    def __init__(
        self,
        table: ModelTable,
        client: UpstreamClient,
        results: ResultStore,
        secrets: SecretBox,
        server_key: Callable[[], str | None],
    ) -> None:
        self.table = table
        self.client = client
        self.results = results
        self.secrets = secrets
        self.server_key = server_key

    async def handle(self, job: Job, ctx: JobContext) -> Finish:
        route = self.table.resolve(job.payload["model"])
        if route is None:
            return failed(
                ErrorCode.INVALID_REQUEST, f"model {job.payload['model']!r} is no longer configured"
            )
        key = self._api_key(job)
        if key is None:
            return failed(
                ErrorCode.INVALID_API_KEY,
                "no upstream API key: send `apiKey` or configure UPSTREAM_API_KEY",
            )
        req = GenerationInput(
            model=job.payload["model"],
            upstream_model=route.upstream_name(job.payload["model"]),
            prompt=job.payload.get("prompt", ""),
            api_key=key,
            image_urls=tuple(job.payload.get("imageUrls") or ()),
            image_size=job.payload.get("imageSize"),
        )
        if route.kind is RouteKind.VIDEO:
            return await self._video(job, ctx, route, req)
        return await self._image(job, ctx, route, req)

    def _api_key(self, job: Job) -> str | None:
        if job.secret:
            try:
                return self.secrets.decrypt(job.secret)
            except SecretError:
                return None
        return self.server_key()

    async def _dispatch(self, job: Job, ctx: JobContext, route: ModelRoute) -> Finish | None:
        """Before a call that may be billed: apply the ambiguous-outcome policy if the previous
        attempt died mid-call, else record (durably) that this attempt is about to send."""
        marked = job.state.get("dispatched")
        if marked == job.attempts:
            return None  # recorded at submit, in the commit that created the task
        if marked is not None and (not route.retry_ambiguous or job.attempts > route.max_attempts):
            return self._ambiguous_predecessor(job)
        await ctx.checkpoint(
            {**job.state, "dispatched": job.attempts},
            {"type": "upstream_call", "attempt": job.attempts},
        )
        return None

    def _ambiguous_predecessor(self, job: Job) -> Finish:
        """The previous attempt sent a call and never learnt its outcome (process died)."""
        return failed(
            ErrorCode.UPSTREAM_AMBIGUOUS,
            "the worker running this task stopped while its upstream call was in flight; "
            "not retried, to avoid paying twice (set retry_ambiguous on the model to allow it)",
            state={**job.state, "dispatched": None},
        )

    async def _image(
        self, job: Job, ctx: JobContext, route: ModelRoute, req: GenerationInput
    ) -> Finish:
        verdict = await self._dispatch(job, ctx, route)
        if verdict is not None:
            return verdict
        try:
            image = await self.client.generate_image(route, req)
        except UpstreamError as exc:
            return self._on_error(ctx.job, route, exc)
        url = image.url
        if image.data is not None:
            url = await self.results.save(image.data, image.mime_type)
        state = {**ctx.job.state, "dispatched": None}
        return Finish(
            JobStatus.COMPLETED, result={"imageUrl": url}, state=state, event={"imageUrl": url}
        )

    def _on_error(self, job: Job, route: ModelRoute, exc: UpstreamError) -> Finish:
        state = {**job.state, "dispatched": None}
        retry = False
        if exc.phase is Phase.PRE_ACCEPTANCE:
            retry = job.attempts < route.max_attempts
        elif exc.phase is Phase.AMBIGUOUS:
            retry = route.retry_ambiguous and job.attempts < route.max_attempts
        elif exc.phase is Phase.RETRY_ONCE and not job.state.get("retriedOnce"):
            state["retriedOnce"] = True
            return Finish(
                JobStatus.QUEUED,
                retry_at=time.time(),
                error_code=exc.code,
                error_message=exc.message,
                error_raw=exc.raw,
                state=state,
            )
        if retry:
            delay = backoff_s(job.attempts, retry_after=exc.retry_after)
            return Finish(
                JobStatus.QUEUED,
                retry_at=time.time() + delay,
                error_code=exc.code,
                error_message=exc.message,
                error_raw=exc.raw,
                state=state,
            )
        return failed(exc.code, exc.message, raw=exc.raw, state=state)

    async def _video(
        self, job: Job, ctx: JobContext, route: ModelRoute, req: GenerationInput
    ) -> Finish:
        upstream_id = job.state.get("upstreamId")
        if not upstream_id:
            verdict = await self._dispatch(job, ctx, route)
            if verdict is not None:
                return verdict
            try:
                upstream_id = await self.client.create_video(route, req)
            except UpstreamError as exc:
                return self._on_error(ctx.job, route, exc)
            await ctx.checkpoint(
                {**ctx.job.state, "dispatched": None, "upstreamId": upstream_id},
                {"type": "upstream_accepted", "upstreamTaskId": upstream_id},
            )
        return await self._poll(ctx, route, upstream_id, req.api_key)

    async def _poll(self, ctx: JobContext, route: ModelRoute, upstream_id: str, key: str) -> Finish:
        failures = 0
        while True:
            try:
                status = await self.client.poll_video(route, upstream_id, key)
                failures = 0
            except UpstreamError as exc:
                if exc.phase is Phase.TERMINAL or failures >= _MAX_POLL_FAILURES:
                    return failed(exc.code, exc.message, raw=exc.raw, state=ctx.job.state)
                failures += 1  # polling is idempotent: keep trying until the deadline
                await asyncio.sleep(route.poll_interval_s)
                continue
            verdict = await self._on_status(ctx, status, key)
            if verdict is not None:
                return verdict
            await asyncio.sleep(route.poll_interval_s)

    async def _on_status(self, ctx: JobContext, status: VideoStatus, key: str) -> Finish | None:
        if status.state == "completed" and status.url:
            url = status.url
            if status.extra.get("download_auth") == "bearer":
                try:
                    data, mime = await self.client.fetch_result(url, key, max_bytes=MAX_VIDEO_BYTES)
                except UpstreamError as exc:
                    if exc.phase is Phase.TERMINAL:
                        return failed(exc.code, exc.message, raw=exc.raw, state=ctx.job.state)
                    return None  # poll again, then fetch again
                url = await self.results.save(data, mime)
            return Finish(
                JobStatus.COMPLETED,
                result={"videoUrl": url},
                state={**ctx.job.state, "progress": 100},
                event={"videoUrl": url},
            )
        if status.state == "failed":
            return failed(
                ErrorCode.UPSTREAM_ERROR,
                status.error or "the upstream reported the video task failed",
                raw=status.raw,
                state=ctx.job.state,
            )
        if status.progress is not None and status.progress != ctx.job.state.get("progress"):
            await ctx.checkpoint(
                {**ctx.job.state, "progress": status.progress},
                {"type": "progress", "progress": status.progress},
            )
        return None
