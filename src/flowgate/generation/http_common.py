"""Shared by both APIs' routes: reading a bounded body, and rendering ApiError in either
dialect from one decorator, so an endpoint body is only the happy path."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from flowgate.generation.errors import ApiError, unavailable
from flowgate.generation.service import GenerationService
from flowgate.http.responses import JSONResponse, read_limited
from flowgate.jobs.store.base import StoreUnavailable

Endpoint = Callable[[Request], Awaitable[Response]]


def service_of(request: Request) -> GenerationService:
    service: GenerationService = request.app.state.generation
    return service


async def read_body(request: Request) -> bytes:
    limit: int = request.app.state.settings.max_request_bytes
    body = await read_limited(request.scope, request.receive, limit)
    if body is None:
        raise ApiError(
            413, "payload_too_large", f"request body is over {limit} bytes (MAX_REQUEST_BYTES)"
        )
    return body


def api_endpoint(dialect: str) -> Callable[[Endpoint], Endpoint]:
    """Render ApiError (and a store outage) as the compatible or the native error body."""

    def wrap(fn: Endpoint) -> Endpoint:
        @functools.wraps(fn)
        async def endpoint(request: Request) -> Response:
            try:
                return await fn(request)
            except StoreUnavailable as exc:
                return render_error(unavailable(str(exc)), dialect)
            except ApiError as exc:
                return render_error(exc, dialect)

        return endpoint

    return wrap


def render_error(exc: ApiError, dialect: str) -> Response:
    body: dict[str, Any] = exc.compat_body() if dialect == "compat" else exc.native_body()
    return JSONResponse(body, status_code=exc.status, headers=exc.headers)
