"""Errors of the generation API, each with its HTTP status and machine-readable `code`.

One exception type carries both renderings: the compatible API's flat
`{"success": false, "error": msg, "errorCode": code}` and the native API's
`{"error": {"code", "message"}}`, so endpoints raise and never format errors themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flowgate.generation.upstream.base import ErrorCode

# HTTP status of a task that ended with each error code (compatible sync endpoint).
STATUS_BY_CODE: dict[str, int] = {
    ErrorCode.INVALID_REQUEST: 400,
    ErrorCode.INVALID_API_KEY: 401,
    ErrorCode.CONTENT_REJECTED: 422,
    ErrorCode.NO_IMAGE: 502,
    ErrorCode.UPSTREAM_ERROR: 502,
    ErrorCode.UPSTREAM_UNAVAILABLE: 502,
    ErrorCode.UPSTREAM_AMBIGUOUS: 502,
    ErrorCode.TIMEOUT: 504,
    ErrorCode.CANCELED: 409,
    ErrorCode.INTERNAL: 500,
}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})

    def compat_body(self) -> dict[str, Any]:
        return {"success": False, "error": self.message, "errorCode": self.code, **self.extra}

    def native_body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, **self.extra}}


def invalid(message: str) -> ApiError:
    return ApiError(400, ErrorCode.INVALID_REQUEST, message)


def not_found(task_id: str) -> ApiError:
    return ApiError(404, "not_found", "Task not found", extra={"status": "not_found"})


def queue_full(retry_after: int) -> ApiError:
    return ApiError(
        429,
        "queue_full",
        "too many tasks are waiting; retry later",
        headers={"Retry-After": str(retry_after)},
    )


def unavailable(message: str) -> ApiError:
    return ApiError(503, "store_unavailable", message, headers={"Retry-After": "5"})
