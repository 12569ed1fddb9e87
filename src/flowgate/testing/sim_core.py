"""Shared machinery of the upstream simulator: state, magic-word modes, auth, failure answers.

Every upstream-API handler runs `prelude()` first, in the order a real gateway would:
record the call → check the key (401) → refuse before acceptance (429/503) → hold the call
(global delay, `slow=`) → fail after acceptance (500/502/504, drop, hang, garbage).
"""

from __future__ import annotations

import asyncio
import re
import struct
import time
import uuid
import zlib
from dataclasses import asdict, dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_MODE_RE = re.compile(r"\[sim:([a-z0-9_]+)(?:=([0-9]+(?:\.[0-9]+)?))?\]")
_PRE_ACCEPTANCE = ("429", "503")
_POST_ACCEPTANCE = ("500", "502", "504", "drop", "hang", "garbage")
CALL_SCOPE_KEY = "flowgate.sim_call"


@dataclass
class SimCall:
    """One upstream-API request as the simulator saw it (never the key)."""

    method: str
    path: str
    model: str
    prompt: str
    detail: dict[str, Any] = field(default_factory=dict)
    # Wall-clock times (`time.time()`): when the call arrived, and when the last byte of its
    # answer was handed to the server (None until then). Benchmarks compare them with the
    # arrival of callbacks on the same machine.
    received_at: float = field(default_factory=time.time)
    answered_at: float | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class VideoTask:
    id: str
    style: str  # "unified" | "openai"
    model: str
    prompt: str
    modes: dict[str, str | None]
    created: int = field(default_factory=lambda: int(time.time()))
    polls: int = 0


@dataclass
class SimState:
    """Everything one simulator process remembers (workers=1, so it is consistent)."""

    delay_s: float = 0.0
    hang_s: float = 600.0
    video_polls: int = 2
    calls: list[SimCall] = field(default_factory=list)
    once: set[str] = field(default_factory=set)
    videos: dict[str, VideoTask] = field(default_factory=dict)

    def reset(self) -> None:
        self.calls.clear()
        self.once.clear()
        self.videos.clear()

    def first_time(self, mode: str, key: str) -> bool:
        """True only the first time `mode` is seen for `key` (a prompt or a task id)."""
        token = f"{mode}\x00{key}"
        if token in self.once:
            return False
        self.once.add(token)
        return True


def state_of(request: Request) -> SimState:
    state: SimState = request.app.state.sim
    return state


def parse_modes(prompt: str) -> dict[str, str | None]:
    """`[sim:name]` / `[sim:name=NUMBER]` words in the prompt → {name: value-or-None}."""
    return {m[1]: m[2] for m in _MODE_RE.finditer(prompt)}


def active(state: SimState, modes: dict[str, str | None], name: str, key: str) -> bool:
    """`name` is on when asked for, or `name_once` is and this is the first time for key."""
    if name in modes:
        return True
    return f"{name}_once" in modes and state.first_time(f"{name}_once", key)


def api_error(status: int, message: str, type_: str, code: str) -> JSONResponse:
    """The aggregator's (OpenAI-style) error body."""
    body = {"error": {"message": message, "type": type_, "code": code}}
    return JSONResponse(body, status_code=status)


def check_auth(request: Request) -> Response | None:
    header = request.headers.get("authorization", "")
    key = header[7:].strip() if header.lower().startswith("bearer ") else ""
    key = key or request.headers.get("x-goog-api-key", "")
    if not key:
        return api_error(401, "未提供令牌 (no token provided)", "new_api_error", "missing_token")
    if key == "bad-key" or key.startswith("sk-invalid"):
        return api_error(401, "无效的令牌 (invalid token)", "new_api_error", "invalid_api_key")
    return None


async def prelude(
    request: Request, model: str, prompt: str, detail: dict[str, Any] | None = None
) -> Response | None:
    """Record, authenticate and apply the failure modes; None means "answer normally"."""
    state = state_of(request)
    call = SimCall(request.method, request.url.path, model, prompt, detail or {})
    state.calls.append(call)
    request.scope[CALL_SCOPE_KEY] = call  # for `AnswerTimer` to stamp `answered_at`
    denied = check_auth(request)
    if denied is not None:
        return denied
    modes = parse_modes(prompt)
    for name in _PRE_ACCEPTANCE:
        if active(state, modes, name, prompt):
            return _failure(name, model)
    hold = state.delay_s + float(modes.get("slow") or 0)
    if hold > 0:
        await asyncio.sleep(hold)
    for name in _POST_ACCEPTANCE:
        if active(state, modes, name, prompt):
            return _failure(name, model, hang_s=state.hang_s)
    return None


def _failure(name: str, model: str, *, hang_s: float = 0.0) -> Response:
    if name == "429":
        response = api_error(
            429, "当前分组上游负载已饱和，请稍后再试 (rate limited)", "new_api_error", "rate_limit"
        )
        response.headers["Retry-After"] = "1"
        return response
    if name == "503":
        message = f"当前分组 default 下对于模型 {model} 无可用渠道 (no available channel)"
        return api_error(503, message, "new_api_error", "model_not_found")
    if name == "500":
        return api_error(500, "upstream internal error", "upstream_error", "internal_error")
    if name in ("502", "504"):
        title = "502 Bad Gateway" if name == "502" else "504 Gateway Time-out"
        html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
        return Response(html, status_code=int(name), media_type="text/html")
    if name == "drop":
        return DropResponse()
    if name == "hang":
        return HangResponse(hang_s)
    return Response(
        "<!DOCTYPE html><html><body>upstream busy</body></html>", media_type="text/html"
    )


class DropResponse(Response):
    """Announce a body, send a few bytes, then close: the client sees a protocol error."""

    def __init__(self) -> None:
        super().__init__(b"", status_code=200)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", b"4096")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b'{"id":', "more_body": True})


class HangResponse(Response):
    """Never answer (cheaply) until the client gives up: the client sees a read timeout."""

    def __init__(self, hang_s: float) -> None:
        super().__init__(b"", status_code=200)
        self.hang_s = hang_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def disconnected() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass

        try:
            await asyncio.wait_for(disconnected(), self.hang_s)
        except TimeoutError:
            await send({"type": "http.response.start", "status": 504, "headers": []})
            await send({"type": "http.response.body", "body": b""})


class AnswerTimer:
    """ASGI middleware: stamps `answered_at` on the request's `SimCall` (if `prelude` recorded
    one) once the last body message of its answer has been sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def timed_send(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                call = scope.get(CALL_SCOPE_KEY)
                if isinstance(call, SimCall):
                    call.answered_at = time.time()

        await self.app(scope, receive, timed_send)


def new_id(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:24]


def file_url(request: Request, name: str) -> str:
    return f"{str(request.base_url).rstrip('/')}/files/{name}"


def _png(width: int = 8, height: int = 8) -> bytes:
    """A valid, tiny, solid-colour RGB PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x33\x99\xcc" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = _png()
# An ISO-BMFF header ("ftyp") is enough for anything that sniffs it as MP4.
MP4 = struct.pack(">I", 24) + b"ftypisom" + b"\x00\x00\x02\x00isomiso2" + b"\x00" * 64
