"""wrk as the load generator: install it, run it with ``seed.lua``, parse its result line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field

from seed import SEED_LUA
from servers import BenchError, Server

WRK_TIMEOUT_S = 10


def ensure_wrk() -> str:
    """Returns the path of wrk, installing the Debian package if it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise BenchError("wrk is not installed (apt-get install -y wrk) and we are not root")
    install = ["apt-get", "install", "-y", "wrk"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, env=env, capture_output=True, timeout=600).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600)
        subprocess.run(install, env=env, capture_output=True, timeout=600, check=True)
    found = shutil.which("wrk")
    if not found:
        raise BenchError("could not install wrk")
    return found


@dataclass
class LoadResult:
    """One wrk run against one server (plus the server's peak RSS meanwhile)."""

    server: str
    connections: int
    duration_s: float
    requests: int
    ok: int
    non200: int
    bad_body: int
    socket_errors: dict[str, int]
    rps: float
    ok_rps: float
    failed: int
    success_rate: float
    latency_ms: dict[str, float]
    peak_rss_mb: float = float("nan")
    startup_s: float = float("nan")
    cpu_cores: dict[str, float] = field(default_factory=dict)


def wrk_command(wrk: str, url: str, connections: int, seconds: float, threads: int) -> list[str]:
    return [
        wrk,
        f"-t{max(1, min(threads, connections))}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        f"{WRK_TIMEOUT_S}s",
        "--latency",
        "-s",
        str(SEED_LUA),
        url,
    ]


def parse_wrk(server: str, connections: int, stdout: str) -> LoadResult:
    line = next((ln for ln in stdout.splitlines() if ln.startswith("WRK_RESULT_JSON ")), None)
    if line is None:
        raise BenchError(f"wrk printed no result line:\n{stdout[-2000:]}")
    raw = json.loads(line.removeprefix("WRK_RESULT_JSON "))
    duration_s = raw["duration_us"] / 1e6
    errors: dict[str, int] = raw["errors"]
    socket_errors = {k: errors[k] for k in ("connect", "read", "write", "timeout")}
    requests: int = raw["requests"]
    ok = requests - raw["non200"] - raw["bad_body"]
    failed = raw["non200"] + raw["bad_body"] + sum(socket_errors.values())
    attempts = requests + sum(socket_errors.values())
    return LoadResult(
        server=server,
        connections=connections,
        duration_s=duration_s,
        requests=requests,
        ok=ok,
        non200=raw["non200"],
        bad_body=raw["bad_body"],
        socket_errors=socket_errors,
        rps=requests / duration_s,
        ok_rps=ok / duration_s,
        failed=failed,
        success_rate=ok / attempts if attempts else 0.0,
        latency_ms={k: v / 1000 for k, v in raw["latency_us"].items()},
    )


def run_wrk(wrk: str, server: Server, connections: int, seconds: float, threads: int) -> LoadResult:
    cmd = wrk_command(wrk, server.url, connections, seconds, threads)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
    if out.returncode != 0:
        raise BenchError(f"wrk failed ({out.returncode}): {out.stderr[-2000:]}")
    return parse_wrk(server.spec.name, connections, out.stdout)
