"""Video models: a task created once (paid, not idempotent), then polled (free, idempotent).

Two wire styles (`ModelRoute.video_api`):
- unified: `POST /v1/video/create` `{model, prompt, images, aspect_ratio}` → `{"id"}`;
  `GET /v1/video/query?id=` → `{"status", "progress"?, "video_url"?}`.
- openai: `POST /v1/videos` `{model, prompt, size, input_reference?}` → a video object
  `{"id", "object": "video", "status": "queued"}`; `GET /v1/videos/{id}` → the same object.
  The aggregator adds `video_url` when done; when it does not (OpenAI's own API), the result
  is OpenAI's `GET /v1/videos/{id}/content`, which needs the upstream key: the status then
  carries `extra={"download_auth": "bearer"}` so the caller fetches it with the key instead
  of handing that URL to a client.

Statuses are normalised (`normalize_state`): the aggregator mixes synonyms across models and
sometimes sends an empty/unknown status. Unknown means "still running", never "failed": a
paid task is only failed by an explicit failure or by its deadline. "Completed" without any
URL is also reported as running, so the deadline (not a missing field) decides.
"""

from __future__ import annotations

import math
import urllib.parse
from typing import Any, Literal

from flowgate.generation.models import ModelRoute, VideoApi
from flowgate.generation.upstream.base import (
    ErrorCode,
    GenerationInput,
    ImageSize,
    UpstreamCall,
    UpstreamError,
    VideoStatus,
    body_error,
    decode_json,
    parse_image_size,
    redact,
)

State = Literal["queued", "running", "completed", "failed"]

_STATES: dict[str, State] = {
    **dict.fromkeys(
        ("pending", "queued", "queue", "queueing", "queuing", "submitted", "waiting",
         "created", "not_start", "not_started", "new", "scheduled"),
        "queued",
    ),
    **dict.fromkeys(
        ("processing", "in_progress", "running", "generating", "started", "progress",
         "in_queue_processing"),
        "running",
    ),
    **dict.fromkeys(
        ("succeeded", "success", "successful", "succeed", "completed", "complete", "done",
         "finished", "finish"),
        "completed",
    ),
    **dict.fromkeys(
        ("failed", "failure", "fail", "error", "errored", "canceled", "cancelled",
         "rejected", "expired", "timeout", "timed_out", "aborted"),
        "failed",
    ),
}  # fmt: skip
_DONE_WORDS = {"completed", "succeeded", "success", "done", "finished"}
_FAIL_WORDS = {"failed", "failure", "error", "canceled", "cancelled", "rejected"}
# OpenAI's video sizes; a ratio-only imageSize picks the one of matching orientation.
_OPENAI_SIZES = {"16:9": "1280x720", "9:16": "720x1280"}
_OPENAI_EXTRA = {"1024x1792", "1792x1024"}  # sora-2-pro only; passed through when asked
_URL_KEYS = ("video_url", "videoUrl", "url", "output_url", "download_url")
_NESTS = ("data", "detail", "result", "output", "video")


def normalize_state(raw: object) -> State:
    """Any upstream status → one of four; unknown, empty or non-text → `running`."""
    if not isinstance(raw, str):
        return "running"
    key = raw.strip().lower().replace("-", "_").replace(" ", "_")
    if key in _STATES:
        return _STATES[key]
    words = set(key.split("_"))
    if words & _FAIL_WORDS:
        return "failed"
    if words & _DONE_WORDS:
        return "completed"
    return "running"


def parse_progress(raw: object) -> int | None:
    """`45`, `45.6`, `"45%"`, `"45"` → 0..100; anything else → None."""
    if isinstance(raw, bool) or raw is None:
        return None
    value: float
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = float(raw.strip().rstrip("%").strip())
        except ValueError:
            return None
    else:
        return None
    if not math.isfinite(value):
        return None
    return max(0, min(100, round(value)))


def create_call(route: ModelRoute, req: GenerationInput) -> UpstreamCall:
    size = parse_image_size(req.image_size)
    body: dict[str, Any] = {"model": req.upstream_model, "prompt": req.prompt}
    if route.video_api is VideoApi.OPENAI:
        pixels = _openai_size(size)
        if pixels:
            body["size"] = pixels
        if req.image_urls:
            body["input_reference"] = req.image_urls[0]
        return UpstreamCall("POST", "/v1/videos", json=body)
    body["images"] = list(req.image_urls)
    if size is not None:
        body["aspect_ratio"] = size.ratio
    return UpstreamCall("POST", "/v1/video/create", json=body)


def _openai_size(size: ImageSize | None) -> str | None:
    """OpenAI takes only its own four sizes: others map by orientation; square → default."""
    if size is None or size.pixels in _OPENAI_SIZES.values() or size.pixels in _OPENAI_EXTRA:
        return size.pixels if size else None
    if size.nearest(("1:1", "16:9", "9:16")) == "1:1":
        return None
    return _OPENAI_SIZES[size.nearest(("16:9", "9:16"))]


def parse_created(text: str) -> str:
    """The upstream task id; without one the (possibly billed) task cannot be followed."""
    obj = decode_json(text, "the video creation")
    for source in (obj, obj.get("data") if isinstance(obj, dict) else None):
        if isinstance(source, dict):
            for key in ("id", "task_id", "taskId"):
                value = source.get(key)
                if isinstance(value, str | int) and str(value):
                    return str(value)
    message = body_error(obj)
    raise UpstreamError(
        ErrorCode.UPSTREAM_ERROR,
        "the upstream did not return a video task id"
        + (f": {redact(message, limit=300)}" if message else ""),
        raw=redact(text),
    )


def poll_call(route: ModelRoute, upstream_id: str) -> UpstreamCall:
    if route.video_api is VideoApi.OPENAI:
        return UpstreamCall("GET", f"/v1/videos/{urllib.parse.quote(upstream_id, safe='')}")
    return UpstreamCall("GET", "/v1/video/query", params={"id": upstream_id})


def parse_status(route: ModelRoute, text: str, base_url: str, upstream_id: str) -> VideoStatus:
    obj = decode_json(text, "the video status")
    if not isinstance(obj, dict):
        return VideoStatus("running", raw=redact(text, limit=500))
    data = obj.get("data")
    inner: dict[str, Any] = data if isinstance(data, dict) else {}
    status = obj.get("status", inner.get("status"))
    state = normalize_state(status)
    progress = parse_progress(obj.get("progress", inner.get("progress")))
    raw = redact(text, limit=1000)
    if state == "failed":
        return VideoStatus("failed", progress, error=_failure_reason(obj), raw=raw)
    if state != "completed":
        return VideoStatus(state, progress, raw=raw)
    url = _find_url(obj)
    if url is not None:
        return VideoStatus("completed", 100, url=url, raw=raw)
    if route.video_api is VideoApi.OPENAI:
        content = f"{base_url}/v1/videos/{urllib.parse.quote(upstream_id, safe='')}/content"
        return VideoStatus(
            "completed", 100, url=content, raw=raw, extra={"download_auth": "bearer"}
        )
    return VideoStatus("running", progress, raw=raw, extra={"note": "completed without a URL"})


def _find_url(obj: dict[str, Any]) -> str | None:
    for source in (obj, *(obj.get(key) for key in _NESTS)):
        if isinstance(source, list) and source and isinstance(source[0], dict):
            source = source[0]
        if not isinstance(source, dict):
            continue
        for key in _URL_KEYS:
            value = source.get(key)
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                return value
    return None


def _failure_reason(obj: dict[str, Any]) -> str:
    for source in (obj, obj.get("data"), obj.get("detail")):
        if not isinstance(source, dict):
            continue
        message = body_error(source)
        if message:
            return redact(message, limit=500)
        for key in ("fail_reason", "failure_reason", "reason", "message"):
            if isinstance(source.get(key), str) and source[key]:
                return redact(source[key], limit=500)
    return "the upstream reported the video task as failed"
