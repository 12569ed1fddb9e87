"""Video routes of the simulator: the unified task API and the OpenAI-style `/v1/videos`.

A task advances one step per poll (not per second), so tests are fast and deterministic:
it is "not done" for `video_polls` polls (default 2, `[sim:video_slow=N]`), then done. The
unified API rotates through status synonyms the way the aggregator's mixed backends do
(`pending`, `queued`, `processing`, `in_progress`, `running`; `succeeded`/`completed`/
`success`; `failed`/`error`) and reports progress as a `"45%"` string; the OpenAI style uses
OpenAI's own words and an integer progress.
"""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from flowgate.testing.sim_core import (
    MP4,
    SimCall,
    VideoTask,
    active,
    api_error,
    check_auth,
    file_url,
    new_id,
    parse_modes,
    prelude,
    state_of,
)

_WAITING = ("pending", "queued", "processing", "in_progress", "running")
_DONE = ("succeeded", "completed", "success")
_FAILED = ("failed", "error")
OPENAI_SIZES = {"720x1280", "1280x720", "1024x1792", "1792x1024"}
_FAIL_REASON = "The video was blocked by the content moderation system (moderation_blocked)"


async def _create(request: Request, style: str) -> tuple[VideoTask | None, Response | None]:
    try:
        body = await request.json()
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    prompt, model = str(body.get("prompt") or ""), str(body.get("model") or "")
    images = body.get("images") if style == "unified" else body.get("input_reference")
    detail = {k: body.get(k) for k in ("size", "aspect_ratio", "seconds")} | {"images": images}
    early = await prelude(request, model, prompt, detail)
    if early is not None:
        return None, early
    if not prompt.strip() or not model:
        return None, api_error(400, "model and prompt are required", "invalid_request_error", "")
    size = body.get("size")
    if style == "openai" and size is not None and size not in OPENAI_SIZES:
        message = f"Invalid size {size!r}; supported: {sorted(OPENAI_SIZES)}"
        return None, api_error(400, message, "invalid_request_error", "invalid_value")
    prefix = f"{model}:task_" if style == "unified" else "video_"
    task = VideoTask(new_id(prefix), style, model, prompt, parse_modes(prompt))
    state_of(request).videos[task.id] = task
    return task, None


async def unified_create(request: Request) -> Response:
    task, early = await _create(request, "unified")
    if task is None:
        return early or Response(status_code=500)
    now_ms = int(time.time() * 1000)
    return JSONResponse({"id": task.id, "status": "pending", "status_update_time": now_ms})


async def openai_create(request: Request) -> Response:
    task, early = await _create(request, "openai")
    if task is None:
        return early or Response(status_code=500)
    return JSONResponse(_openai_object(request, task, "queued", 0))


def _poll_prelude(request: Request, task_id: str) -> tuple[VideoTask | None, Response | None]:
    """Polls are recorded and authenticated but never held, and only `poll_*` modes apply."""
    state = state_of(request)
    task = state.videos.get(task_id)
    model, prompt = (task.model, task.prompt) if task else ("", "")
    state.calls.append(SimCall(request.method, request.url.path, model, prompt, {"id": task_id}))
    denied = check_auth(request)
    if denied is not None:
        return None, denied
    if task is None:
        return None, api_error(404, f"task {task_id} not found", "invalid_request_error", "")
    if active(state, task.modes, "poll_error", task.id):
        return None, api_error(500, "query failed, please retry", "upstream_error", "")
    task.polls += 1
    return task, None


def _phase(request: Request, task: VideoTask) -> tuple[str, int]:
    """("waiting" | "unknown" | "done" | "failed", progress) for this poll."""
    modes = task.modes
    if "video_fail" in modes:
        return ("waiting", 10) if task.polls <= 1 else ("failed", 10)
    if "video_unknown" in modes and task.polls <= 3:
        return "unknown", 5 * task.polls
    polls = int(float(modes.get("video_slow") or state_of(request).video_polls))
    if task.polls <= polls:
        return "waiting", min(99, 100 * task.polls // (polls + 1))
    return "done", 100


async def unified_query(request: Request) -> Response:
    task, early = _poll_prelude(request, request.query_params.get("id", ""))
    if task is None:
        return early or Response(status_code=500)
    phase, progress = _phase(request, task)
    body: dict[str, Any] = {
        "id": task.id,
        "status": _unified_word(phase, task),
        "progress": f"{progress}%",
        "video_url": None,
        "enhanced_prompt": task.prompt,
        "status_update_time": int(time.time() * 1000),
    }
    if phase == "done":
        body["video_url"] = file_url(request, task.id.split(":")[-1] + ".mp4")
    if phase == "failed":
        body["fail_reason"] = _FAIL_REASON
    return JSONResponse(body)


def _unified_word(phase: str, task: VideoTask) -> str:
    salt = sum(task.id.encode())
    if phase == "unknown":
        return ("", "unknown", "VIDEO_STAGE_7")[task.polls % 3]
    if phase == "waiting":
        return _WAITING[(task.polls - 1) % len(_WAITING)]
    return _DONE[salt % len(_DONE)] if phase == "done" else _FAILED[salt % len(_FAILED)]


async def openai_retrieve(request: Request) -> Response:
    task, early = _poll_prelude(request, request.path_params["video_id"])
    if task is None:
        return early or Response(status_code=500)
    phase, progress = _phase(request, task)
    status = {"waiting": "in_progress", "unknown": "", "done": "completed"}.get(phase, "failed")
    if phase == "waiting" and task.polls == 1:
        status = "queued"
    return JSONResponse(_openai_object(request, task, status, progress))


def _openai_object(request: Request, task: VideoTask, status: str, progress: int) -> Any:
    done = status == "completed"
    obj: dict[str, Any] = {
        "id": task.id,
        "object": "video",
        "model": task.model,
        "status": status,
        "progress": progress,
        "created_at": task.created,
        "completed_at": int(time.time()) if done else None,
        "expires_at": int(time.time()) + 3600 if done else None,
        "size": "720x1280",
        "seconds": "8",
        "quality": "standard",
        "video_url": None,
        "error": None,
    }
    if done and "video_no_url" not in task.modes:
        obj["video_url"] = file_url(request, task.id + ".mp4")
    if status == "failed":
        obj["error"] = {"code": "moderation_blocked", "message": _FAIL_REASON}
    return obj


async def openai_content(request: Request) -> Response:
    """OpenAI's `GET /v1/videos/{id}/content`: the MP4 itself, with the key, once done."""
    task, early = _poll_prelude(request, request.path_params["video_id"])
    if task is None:
        return early or Response(status_code=500)
    task.polls -= 1  # fetching the content is not a status poll
    if _phase(request, task)[0] != "done":
        return api_error(404, "video is not ready", "invalid_request_error", "not_found")
    return Response(MP4, media_type="video/mp4")
