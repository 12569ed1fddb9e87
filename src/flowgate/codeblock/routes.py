"""HTTP routes of the code-block service; `/execute` and `/flow/status` are aliases in the table."""

from __future__ import annotations

import time
from typing import Any

import orjson
from starlette.requests import Request
from starlette.routing import Route

from flowgate.codeblock.envelope import build_envelope
from flowgate.codeblock.errors import CodeBlockError, ValidationError
from flowgate.codeblock.schemas import parse_request
from flowgate.codeblock.service import CodeBlockService, ExecutionReport
from flowgate.codeblock.stats import SNAPSHOT, ExecutionStats
from flowgate.http.responses import JSONResponse, read_body
from flowgate.observability.snapshots import SnapshotBoard


def _service(request: Request) -> CodeBlockService:
    service: CodeBlockService = request.app.state.codeblock
    return service


async def execute(request: Request) -> JSONResponse:
    started = time.perf_counter()
    service = _service(request)
    report: ExecutionReport | None = None
    error: CodeBlockError | None = None
    debug = False
    body = await read_body(request, service.limits.max_body_bytes)
    try:
        if body is None:
            raise ValidationError(
                f"request body is over {service.limits.max_body_bytes} bytes "
                "(MAX_INPUT_SIZE + MAX_CODE_LENGTH as base64)"
            )
        valid = parse_request(body, service.limits)
        debug = valid.debug
        report = await service.run(valid)
        error = report.error
    except CodeBlockError as exc:
        error = exc
    total_ms = (time.perf_counter() - started) * 1000
    service.record(report, error, total_ms)
    return _render(report, error, total_ms, debug)


def _render(
    report: ExecutionReport | None, error: CodeBlockError | None, total_ms: float, debug: bool
) -> JSONResponse:
    status, body = build_envelope(report, error, total_ms, debug)
    headers = error.headers if error is not None else None
    return JSONResponse(orjson.dumps(body), status_code=status, headers=headers)


async def stats(request: Request) -> JSONResponse:
    service = _service(request)
    board: SnapshotBoard = request.app.state.snapshots
    parts = board.collect(SNAPSHOT, service.snapshot())
    return JSONResponse(ExecutionStats.merge(parts))


async def limits(request: Request) -> JSONResponse:
    service = _service(request)
    return JSONResponse({"limits": service.limits.describe(), "modules": _modules(service)})


def _modules(service: CodeBlockService) -> dict[str, Any]:
    return {
        "require": ["timers"],
        "globals": [
            "input",
            "console",
            "URL",
            "URLSearchParams",
            "TextEncoder",
            "TextDecoder",
            "atob",
            "btoa",
            "structuredClone",
            "queueMicrotask",
            "setTimeout",
            "clearTimeout",
            "setInterval",
            "clearInterval",
            "setImmediate",
            "clearImmediate",
            "crypto",
            "performance",
        ],
    }


routes = [
    Route("/flow/codeblock", execute, methods=["POST"]),
    Route("/execute", execute, methods=["POST"]),
    Route("/stats", stats, methods=["GET"]),
    Route("/flow/status", stats, methods=["GET"]),
    Route("/flow/limits", limits, methods=["GET"]),
]
