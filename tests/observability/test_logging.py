from __future__ import annotations

import json

import pytest
import structlog

from flowgate.observability.logging import configure_logging


def test_logs_are_json_with_secrets_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("info")
    structlog.contextvars.bind_contextvars(request_id="r-1")
    try:
        structlog.get_logger("t").info(
            "call",
            apiKey="sk-secret",
            body={"Authorization": "Bearer sk-secret", "nested": [{"token": "t0k"}]},
        )
    finally:
        structlog.contextvars.clear_contextvars()
    line = capsys.readouterr().out.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["request_id"] == "r-1" and record["event"] == "call"
    assert "sk-secret" not in line and "t0k" not in line
    assert record["apiKey"] == "[redacted]"
    assert record["body"]["Authorization"] == "[redacted]"
