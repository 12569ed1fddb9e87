"""The response envelope of the original service, built once for HTTP, `flowgate run` and tests."""

from __future__ import annotations

import time
from typing import Any

import orjson

from flowgate.codeblock.errors import CodeBlockError, ValidationError
from flowgate.codeblock.schemas import parse_request
from flowgate.codeblock.service import CodeBlockService, ExecutionReport
from flowgate.observability.ids import new_id, utc_timestamp


async def answer(
    service: CodeBlockService, body: bytes | None
) -> tuple[int, bytes, dict[str, str]]:
    """A request body (None: over the size cap) -> (status, JSON body, extra headers)."""
    started = time.perf_counter()
    report: ExecutionReport | None = None
    error: CodeBlockError | None = None
    debug = False
    try:
        if body is None:
            raise ValidationError(
                f"request body is over {service.limits.max_body_bytes} bytes "
                "(MAX_INPUT_SIZE + MAX_CODE_LENGTH as base64)"
            )
        request = parse_request(body, service.limits)
        debug = request.debug
        report = await service.run(request)
        error = report.error
    except CodeBlockError as exc:
        error = exc
    total_ms = (time.perf_counter() - started) * 1000
    service.record(report, error, total_ms)
    status, envelope = build_envelope(report, error, total_ms, debug)
    return status, orjson.dumps(envelope), (error.headers if error is not None else {})


def build_envelope(
    report: ExecutionReport | None, error: CodeBlockError | None, total_ms: float, debug: bool
) -> tuple[int, dict[str, Any]]:
    """(HTTP status, body); `result` and `console` are embedded as the engine's own JSON text."""
    body: dict[str, Any] = {"success": error is None}
    if error is None and report is not None and report.result_json is not None:
        body["result"] = orjson.Fragment(report.result_json)
    else:
        assert error is not None
        body["error"] = error.to_wire()
    body["timing"] = {
        "executionTime": round(report.execution_ms, 3) if report and report.execution_ms else 0.0,
        "totalTime": round(total_ms, 3),
    }
    body["timestamp"] = utc_timestamp()
    body["executionId"] = new_id()
    if debug and report is not None and report.console_json is not None:
        body["console"] = orjson.Fragment(report.console_json)
    return (200 if error is None else error.status), body
