"""JSON responses rendered with orjson, and the error envelope shared by both services."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from flowgate.errors import FlowgateError


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        if isinstance(content, bytes):
            return content
        return orjson.dumps(content)


def error_response(error: FlowgateError, wire: dict[str, Any], **extra: Any) -> JSONResponse:
    return JSONResponse(
        {"success": False, "error": wire, **extra}, status_code=error.status, headers=error.headers
    )


async def read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None when it is larger than `limit` (checked before buffering it all)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
