"""How a task looks on the wire: the compatible status body, the native task object, and
the callback body. All three are built from the stored job, so every instance renders the
same task the same way. None of them contains the upstream key or the callback URL's query."""

from __future__ import annotations

import time
from typing import Any

from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import Job


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    whole = int(ts)
    return (
        time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{int((ts - whole) * 1000):03d}Z"
    )


def _media(job: Job) -> dict[str, Any]:
    result = job.result or {}
    return {k: result[k] for k in ("imageUrl", "videoUrl") if result.get(k)}


def compat_status(job: Job) -> dict[str, Any]:
    """The original's vocabulary: a running task is `processing`."""
    status = "processing" if job.status is JobStatus.RUNNING else str(job.status)
    body: dict[str, Any] = {
        "success": job.status is JobStatus.COMPLETED,
        "status": status,
        "taskId": job.id,
        **_media(job),
        "model": job.payload.get("model"),
        "createdAt": iso(job.created_at),
        "updatedAt": iso(job.updated_at),
        "attempts": job.attempts,
    }
    if job.status in (JobStatus.FAILED, JobStatus.CANCELED):
        body["error"] = job.error_message
        body["errorCode"] = job.error_code
    progress = job.state.get("progress")
    if progress is not None:
        body["progress"] = progress
    if job.payload.get("parentTaskId"):
        body["parentTaskId"] = job.payload["parentTaskId"]
    return body


def native_task(job: Job) -> dict[str, Any]:
    p = job.payload
    error = None
    if job.status in (JobStatus.FAILED, JobStatus.CANCELED) and job.error_code:
        error = {"code": job.error_code, "message": job.error_message, "upstreamRaw": job.error_raw}
    elif job.status is JobStatus.QUEUED and job.error_code:
        error = {
            "code": job.error_code,
            "message": job.error_message,
            "willRetryAt": iso(job.run_at),
        }
    return {
        "id": job.id,
        "object": "task",
        "status": str(job.status),
        "model": p.get("model"),
        "prompt": p.get("prompt"),
        "imageUrls": p.get("imageUrls") or [],
        "imageSize": p.get("imageSize"),
        "parentTaskId": p.get("parentTaskId"),
        "hasCallback": bool(p.get("callbackUrl")),
        "createdAt": iso(job.created_at),
        "updatedAt": iso(job.updated_at),
        "finishedAt": iso(job.finished_at),
        "deadline": iso(job.deadline),
        "attempts": job.attempts,
        "progress": job.state.get("progress"),
        "upstreamTaskId": job.state.get("upstreamId"),
        "cancelRequested": job.cancel_requested,
        "result": _media(job) or None,
        "error": error,
    }


def callback_body(
    job: Job,
    result: dict[str, Any] | None,
    status: JobStatus,
    error_code: str | None,
    error: str | None,
) -> dict[str, Any]:
    """`status` is `completed` or `failed` (a canceled task reports failed + errorCode
    `canceled`: the original's clients only know those two)."""
    body: dict[str, Any] = {"taskId": job.id}
    if job.payload.get("parentTaskId"):
        body["parentTaskId"] = job.payload["parentTaskId"]
    if status is JobStatus.COMPLETED:
        body["status"] = "completed"
        body.update({k: v for k, v in (result or {}).items() if k in ("imageUrl", "videoUrl")})
    else:
        body["status"] = "failed"
        body["error"] = error
        body["errorCode"] = error_code
    return body
