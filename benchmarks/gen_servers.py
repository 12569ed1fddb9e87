"""The generation benchmark's processes: the upstream simulator and `flowgate serve` with
SERVICES=generation, each in its own process group on 127.0.0.1, always stopped in `finally`."""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson

from gen_http import Conn, Req
from servers import HOST, ROOT, BenchError, Server, ServerSpec

FLOWGATE_BIN = ROOT / ".venv" / "bin" / "flowgate"
API_KEY = "sk-bench"
MODEL = "flux-schnell"
WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"flowgate-benchmark-webhook-key-01").decode()
# What every Flowgate of this benchmark runs with (besides its own DATA_DIR and upstream).
BASE_ENV = {
    "SERVICES": "generation",
    "SSRF_ALLOW_PRIVATE": "true",  # the upstream and callback receiver are on 127.0.0.1
    "ALLOW_HTTP_CALLBACKS": "true",
    "WEBHOOK_SECRET": WEBHOOK_SECRET,
    "SHUTDOWN_GRACE_SECONDS": "2",  # stops between measures need not wait for held calls
}


@dataclass
class Stack:
    """One measure's fresh simulator + fresh Flowgate (fresh DATA_DIR)."""

    sim: Server
    flowgate: Server
    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def port(self) -> int:
        return self.flowgate.port


def sim_spec(delay_s: float) -> ServerSpec:
    argv = (str(FLOWGATE_BIN), "simulate-upstream", "--host", HOST, "--port", "{port}")
    return ServerSpec("simulator", (*argv, "--delay", f"{delay_s:g}"), health_path="/_sim/calls")


def flowgate_spec(upstream: str, data_dir: Path, extra: dict[str, str]) -> ServerSpec:
    argv = (str(FLOWGATE_BIN), "serve", "--host", HOST, "--port", "{port}")
    env = {**BASE_ENV, "UPSTREAM_BASE_URL": upstream, "DATA_DIR": str(data_dir), **extra}
    return ServerSpec("flowgate", (*argv, "--workers", "{workers}"), env)


@contextlib.contextmanager
def started(spec: ServerSpec, workers: int, log_path: Path) -> Iterator[Server]:
    server = Server(spec, workers, log_path)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def fresh_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="flowgate-genbench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def stack(
    delay_s: float, workers: int, log_path: Path, extra: dict[str, str] | None = None
) -> Iterator[Stack]:
    """A fresh simulator (``--delay delay_s``) and a fresh Flowgate on a fresh DATA_DIR."""
    with (
        fresh_dir() as data_dir,
        started(sim_spec(delay_s), 1, log_path) as sim,
    ):
        spec = flowgate_spec(sim.url, data_dir, extra or {})
        with started(spec, workers, log_path) as flowgate:
            yield Stack(sim, flowgate, data_dir, spec.env)


@contextlib.contextmanager
def restarted(st: Stack, workers: int, log_path: Path) -> Iterator[Server]:
    """A new Flowgate on the same DATA_DIR and upstream; the old one must be dead."""
    spec = flowgate_spec(st.sim.url, st.data_dir, extra_of(st))
    with started(spec, workers, log_path) as server:
        st.flowgate = server
        yield server


def extra_of(st: Stack) -> dict[str, str]:
    skip = {*BASE_ENV, "UPSTREAM_BASE_URL", "DATA_DIR"}
    return {k: v for k, v in st.env.items() if k not in skip}


def kill_group(server: Server) -> None:
    """SIGKILL the server's whole process group: a machine that lost the process at once."""
    proc = server.proc
    if proc is None:
        raise BenchError("not started")
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired as exc:
        raise BenchError("the killed server did not exit within 10 s") from exc


def generate_body(prompt: str, callback: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"model": MODEL, "prompt": prompt, "apiKey": API_KEY}
    if callback:
        body["callbackUrl"] = callback
    return body


def sim_reset(sim: Server) -> None:
    """`POST /_sim/reset`: the simulator forgets its recorded calls."""
    httpx.post(f"{sim.url}/_sim/reset", timeout=10).raise_for_status()


async def get_json(port: int, path: str) -> dict[str, Any]:
    conn = Conn(HOST, port)
    try:
        r = await conn.request(Req("GET", path))
    finally:
        conn.close()
    if r.status != 200:
        raise BenchError(f"GET {path}: HTTP {r.status} {r.body[:200]!r}")
    data: dict[str, Any] = orjson.loads(r.body)
    return data


async def sim_calls(sim: Server) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = (await get_json(sim.port, "/_sim/calls"))["calls"]
    return calls


async def health(server: Server) -> dict[str, Any]:
    return await get_json(server.port, "/health")
