"""Start real `flowgate serve` processes on free loopback ports for HTTP-level tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class FlowgateServer:
    base_url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")


@contextlib.contextmanager
def start_server(
    data_dir: Path,
    *,
    workers: int = 1,
    env: dict[str, str] | None = None,
    log_name: str = "server.log",
    command: str = "serve",
) -> Iterator[FlowgateServer]:
    """`command` "worker" starts `flowgate worker` (its `/health` answers on the port)."""
    port = free_port()
    log_path = data_dir / log_name
    full_env = {**os.environ, "DATA_DIR": str(data_dir), "LOG_LEVEL": "info", **(env or {})}
    exe = Path(sys.executable).with_name("flowgate")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                str(exe),
                command,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers" if command == "serve" else "--processes",
                str(workers),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=full_env,
            start_new_session=True,
        )
    server = FlowgateServer(f"http://127.0.0.1:{port}", proc, log_path)
    try:
        _wait_healthy(server)
        yield server
    finally:
        stop(proc)


def kill_hard(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the whole server (main process and workers): a machine that lost power."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=5)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server (it stops its workers), then SIGKILL to whatever is left."""
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=5)


def _wait_healthy(server: FlowgateServer, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"flowgate serve exited early:\n{server.log()}")
        try:
            if httpx.get(f"{server.base_url}/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"flowgate serve did not become healthy:\n{server.log()}")
