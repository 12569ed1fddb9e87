"""`flowgate serve` comes up healthy and goes down on SIGTERM (start-up time is measured by make bench)."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.servers import start_server


def test_health_answers_after_start(tmp_path: Path) -> None:
    with start_server(tmp_path, workers=1) as srv:
        body = httpx.get(srv.base_url + "/health").json()
    assert body["status"] == "healthy"
    assert body["codeblock"]["contextPool"]["target"] == 32


def test_sigterm_stops_the_server(tmp_path: Path) -> None:
    with start_server(tmp_path, workers=2) as srv:
        proc = srv.process
    assert proc.poll() is not None
