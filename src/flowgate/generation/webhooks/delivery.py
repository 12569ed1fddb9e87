"""Callback delivery as a job kind of its own: durable, retried on the contract's schedule,
every attempt recorded on the delivery (visible from the task), replayable.

The delivery job is created in the same transaction that finishes its task, so a crash can
delay a callback but never lose it. Delivery is at-least-once; `webhook-id` is stable across
attempts and replays so receivers can drop duplicates.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import orjson
import structlog

from flowgate.generation.retry import webhook_delay_s
from flowgate.generation.webhooks import signing
from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import Finish, Job, JobSpec
from flowgate.jobs.worker import JobContext
from flowgate.security.ssrf import BlockedURL

WEBHOOK_KIND = "webhook"
log = structlog.get_logger("flowgate.webhooks")


def delivery_spec(task_id: str, url: str, body: dict[str, Any], n: int, *, msg_id: str) -> JobSpec:
    payload = {"url": url, "body": body, "msgId": msg_id, "taskId": task_id}
    return JobSpec(
        id=f"{task_id}:webhook:{n}",
        kind=WEBHOOK_KIND,
        payload=payload,
        payload_hash=f"webhook:{n}",
        parent_id=task_id,
    )


def describe(job: Job) -> dict[str, Any]:
    """A delivery as shown to clients (never the URL's query: it may carry a token)."""
    url = httpx.URL(job.payload["url"])
    return {
        "id": job.id,
        "webhookId": job.payload["msgId"],
        "url": f"{url.scheme}://{url.host}{':' + str(url.port) if url.port else ''}{url.path}",
        "status": {"queued": "pending", "running": "delivering"}.get(job.status, str(job.status)),
        "attempts": job.state.get("attempts", []),
        "nextAttemptAt": job.run_at if job.status is JobStatus.QUEUED else None,
    }


class WebhookDeliverer:
    def __init__(self, client: httpx.AsyncClient, secret: str) -> None:
        self._client = client
        self._secret = secret

    async def handle(self, job: Job, ctx: JobContext) -> Finish:
        attempts: list[dict[str, Any]] = list(job.state.get("attempts", []))
        record, delivered, retryable = await self._attempt(job)
        record["attempt"] = len(attempts) + 1
        attempts.append(record)
        state = {"attempts": attempts}
        log.info("webhook_attempt", delivery=job.id, **record)
        if delivered:
            return Finish(JobStatus.COMPLETED, result={"deliveredAt": record["at"]}, state=state)
        delay = webhook_delay_s(len(attempts)) if retryable else None
        message = record.get("error") or f"receiver answered HTTP {record.get('statusCode')}"
        if delay is None:
            return Finish(
                JobStatus.FAILED, error_code="webhook_failed", error_message=message, state=state
            )
        return Finish(
            JobStatus.QUEUED,
            retry_at=time.time() + delay,
            error_code="webhook_failed",
            error_message=message,
            state=state,
        )

    async def _attempt(self, job: Job) -> tuple[dict[str, Any], bool, bool]:
        """(record, delivered, worth retrying). Never keeps the receiver's body."""
        body = orjson.dumps(job.payload["body"])
        now = time.time()
        headers = signing.headers(self._secret, job.payload["msgId"], int(now), body)
        record: dict[str, Any] = {"at": now}
        started = time.perf_counter()
        try:
            response = await self._client.post(job.payload["url"], content=body, headers=headers)
        except BlockedURL as exc:
            record["error"] = f"callback URL refused: {exc.message}"
            return record, False, False
        except httpx.HTTPError as exc:
            record["error"] = f"{type(exc).__name__}: could not deliver"
            return record, False, True
        finally:
            record["durationMs"] = round((time.perf_counter() - started) * 1000, 1)
        record["statusCode"] = response.status_code
        if 300 <= response.status_code < 400:
            record["error"] = (
                f"receiver answered HTTP {response.status_code} (redirects are not followed)"
            )
        return record, 200 <= response.status_code < 300, True
