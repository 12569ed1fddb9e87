"""Run the upstream simulator as a real process on loopback, and build client inputs."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import msgspec

from flowgate.generation.models import DEFAULT_MODELS, ModelRoute, ModelTable
from flowgate.generation.upstream.base import GenerationInput
from tests.servers import free_port, stop

KEY = "sk-test-0123456789abcdef"
TABLE = ModelTable(DEFAULT_MODELS)


@dataclass
class SimServer:
    """A `serve_simulator` process; `/_sim/*` helpers to inspect what it received."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def calls(self, path: str | None = None) -> list[dict[str, Any]]:
        body = httpx.get(f"{self.url}/_sim/calls", timeout=5).json()
        calls: list[dict[str, Any]] = body["calls"]
        assert body["count"] == len(calls)
        return [c for c in calls if path is None or c["path"] == path]

    def reset(self) -> None:
        httpx.post(f"{self.url}/_sim/reset", timeout=5).raise_for_status()


@contextlib.contextmanager
def start_simulator(log_dir: Path, delay_s: float = 0.0) -> Iterator[SimServer]:
    port = free_port()
    log_path = log_dir / "simulator.log"
    code = (
        "from flowgate.testing.simulator import serve_simulator; "
        f"serve_simulator('127.0.0.1', {port}, {delay_s})"
    )
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = SimServer(f"http://127.0.0.1:{port}", proc, log_path)
    try:
        _wait_ready(server)
        yield server
    finally:
        stop(proc)


def _wait_ready(server: SimServer, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"simulator exited early:\n{server.log_path.read_text()}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{server.url}/_sim/calls", timeout=1.0).status_code == 200:
                return
        time.sleep(0.05)
    raise RuntimeError(f"simulator did not start:\n{server.log_path.read_text()}")


def route_for(model: str, **changes: Any) -> ModelRoute:
    route = TABLE.resolve(model)
    assert route is not None, model
    return msgspec.structs.replace(route, **changes) if changes else route


def make_input(
    model: str,
    prompt: str,
    *,
    image_urls: tuple[str, ...] = (),
    image_size: str | None = None,
    api_key: str = KEY,
) -> GenerationInput:
    route = route_for(model)
    return GenerationInput(
        model=model,
        upstream_model=route.upstream_name(model),
        prompt=prompt,
        api_key=api_key,
        image_urls=image_urls,
        image_size=image_size,
    )
