"""Starting, watching and stopping the servers under test (all on 127.0.0.1)."""

from __future__ import annotations

import contextlib
import os
import resource
import shlex
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import httpx
import psutil

from seed import SEED_SCRIPTS

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address the benchmarks ever send traffic to
STARTUP_LIMIT_S = 30.0
HEALTH_POLL_S = 0.010
RSS_SAMPLE_S = 0.100


class BenchError(RuntimeError):
    """The benchmark cannot go on (a server did not start, wrong results, no wrk)."""


@dataclass(frozen=True)
class ServerSpec:
    """How to start one server. ``argv`` may contain ``{port}`` and ``{workers}``."""

    name: str
    argv: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)
    health_path: str = "/health"  # polled until 200 at start-up

    def command(self, port: int, workers: int) -> list[str]:
        return [a.format(port=port, workers=workers, host=HOST) for a in self.argv]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def tree_rss(proc: psutil.Process) -> int:
    """Sum of the RSS of a process and all its descendants, in bytes."""
    total = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in members:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def tree_cpu_s(proc: psutil.Process) -> float:
    """CPU seconds (user + system) used so far by a process and its live descendants."""
    total = 0.0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0.0
    for p in members:
        with contextlib.suppress(psutil.Error):
            t = p.cpu_times()
            total += t.user + t.system
    return total


def system_busy_s() -> float:
    """CPU seconds the whole machine has spent not idle (all cores)."""
    t = psutil.cpu_times()
    return float(sum(getattr(t, f, 0.0) for f in ("user", "nice", "system", "irq", "softirq")))


def rusage_s(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


class CpuMeter:
    """Who used the CPUs during a block, in cores (CPU seconds per second of wall time).

    ``server``: the server's process tree; ``wrk``: this script's children reaped
    meanwhile (wrk); ``bench``: this script itself (HTTP client, RSS sampler);
    ``other``: everything else on the machine, i.e. the noise of a shared machine.
    """

    def __init__(self, server_pid: int) -> None:
        self._proc = psutil.Process(server_pid)
        self.cores: dict[str, float] = {}

    def _now(self) -> tuple[float, float, float, float, float]:
        return (
            time.monotonic(),
            tree_cpu_s(self._proc),
            rusage_s(resource.RUSAGE_CHILDREN),
            rusage_s(resource.RUSAGE_SELF),
            system_busy_s(),
        )

    def __enter__(self) -> CpuMeter:
        self._start = self._now()
        return self

    def __exit__(self, *exc: object) -> None:
        end = self._now()
        wall, server, wrk, bench, busy = (b - a for a, b in zip(self._start, end, strict=True))
        if wall <= 0:
            return
        other = max(0.0, busy - server - wrk - bench)
        self.cores = {
            "server": round(server / wall, 3),
            "wrk": round(wrk / wall, 3),
            "bench": round(bench / wall, 3),
            "other": round(other / wall, 3),
            "machine_busy": round(busy / wall, 3),
        }


class RssSampler:
    """Samples the RSS of a process tree every 100 ms in a thread; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self._proc = psutil.Process(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self.peak = 0
        self.samples = 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self._proc))
            self.samples += 1
            self._stop.wait(RSS_SAMPLE_S)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


class Server:
    """A server subprocess in its own session, so its whole tree can be stopped."""

    def __init__(self, spec: ServerSpec, workers: int, log_path: Path) -> None:
        self.spec = spec
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.argv = spec.command(self.port, workers)
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None
        self.startup_s = float("nan")
        self.exited_early: int | None = None
        self._log: TextIO | None = None

    def start(self) -> float:
        """Spawns the server; returns seconds from spawn until ``GET /health`` is 200."""
        env = {**os.environ, **self.spec.env}
        self._log = self.log_path.open("a")
        self._log.write(f"\n=== {shlex.join(self.argv)} env={self.spec.env}\n")
        self._log.flush()
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = t0 + STARTUP_LIMIT_S
        with httpx.Client(timeout=1.0) as client:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise BenchError(
                        f"{self.spec.name} exited with {self.proc.returncode}; see {self.log_path}"
                    )
                with contextlib.suppress(httpx.TransportError):
                    if client.get(f"{self.url}{self.spec.health_path}").status_code == 200:
                        self.startup_s = time.monotonic() - t0
                        return self.startup_s
                time.sleep(HEALTH_POLL_S)
        raise BenchError(f"{self.spec.name}: /health not 200 within {STARTUP_LIMIT_S} s")

    def stop(self) -> None:
        """SIGTERM to the server's process group, SIGKILL after 10 s."""
        proc = self.proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if proc is not None:
            # Workers that outlived their parent are still in the group.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        if self._log is not None:
            self._log.close()
            self._log = None


@contextlib.contextmanager
def running(spec: ServerSpec, workers: int, log_path: Path) -> Iterator[Server]:
    server = Server(spec, workers, log_path)
    try:
        server.start()
        check_results(server)
        yield server
        # A server that died (or was killed by someone else) mid-run is a finding.
        server.exited_early = server.proc.poll() if server.proc is not None else None
    finally:
        server.stop()


def check_results(server: Server) -> None:
    """Each seed script once: the server must return the right result, or we stop."""
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        for script in SEED_SCRIPTS:
            r = client.post("/execute", json=script.body())
            data = r.json()
            if r.status_code != 200 or data.get("result") != script.expected:
                raise BenchError(f"{server.spec.name}: {script.name} gave {r.status_code} {data}")
