"""Pure-ASGI middleware: cheap on the hot path, and any scope they don't handle passes through.

RequestContextMiddleware gives every request an id (a client's `X-Request-ID` is
reused when it is sane), echoes it in the response, binds it to the log context,
and writes the access log when enabled.
"""

from __future__ import annotations

import re
import time

import structlog

from flowgate.observability.ids import new_id
from flowgate.types import ASGIApp, Message, Receive, Scope, Send

_SANE_ID = re.compile(rb"^[A-Za-z0-9._:\-]{1,128}$")
access_log = structlog.get_logger("flowgate.access")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, *, access_log_enabled: bool = False) -> None:
        self.app = app
        self.access_log_enabled = access_log_enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = None
        for name, value in scope["headers"]:
            if name == b"x-request-id" and _SANE_ID.match(value):
                request_id = value.decode("ascii")
                break
        request_id = request_id or new_id()
        scope.setdefault("state", {})["request_id"] = request_id
        header = (b"x-request-id", request_id.encode("ascii"))
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if self.access_log_enabled:
                access_log.info(
                    "request",
                    method=scope["method"],
                    path=scope["path"],
                    status=status,
                    ms=round((time.perf_counter() - started) * 1000, 3),
                )
            structlog.contextvars.unbind_contextvars("request_id")
