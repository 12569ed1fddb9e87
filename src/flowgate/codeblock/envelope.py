"""The response envelope of the original service, built once for HTTP and for `flowgate run`."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

import orjson

from flowgate.codeblock.errors import CodeBlockError
from flowgate.codeblock.service import ExecutionReport


def _timestamp() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


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
    body["timestamp"] = _timestamp()
    body["executionId"] = secrets.token_hex(8)
    if debug and report is not None and report.console_json is not None:
        body["console"] = orjson.Fragment(report.console_json)
    return (200 if error is None else error.status), body
