"""Measurements on a running server: engine time (+ /stats) and the time limit under load."""

from __future__ import annotations

import re
import signal
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from loadgen import WRK_TIMEOUT_S, LoadResult, parse_wrk, wrk_command
from seed import SEED_SCRIPTS
from servers import BenchError, Server, ServerSpec, running

TIME_LIMIT_MS = 1000
TIME_LIMIT_SAMPLES = 5
TIME_LIMIT_CONNECTIONS = 50
LOOP_CODE = "while(true){}"
STATS_SETTLE_S = 1.5


@dataclass
class EngineResult:
    """Median ``timing.executionTime`` (ms) per seed script over sequential requests."""

    server: str
    per_script_median_ms: dict[str, float]
    per_script_client_median_ms: dict[str, float]
    overall_median_ms: float
    stats: Any = None
    stats_summary: dict[str, Any] = field(default_factory=dict)
    cpu_cores: dict[str, float] = field(default_factory=dict)


def measure_engine(server: Server, n: int) -> EngineResult:
    per_script: dict[str, float] = {}
    client_ms: dict[str, float] = {}
    everything: list[float] = []
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        for script in SEED_SCRIPTS:
            times: list[float] = []
            rtts: list[float] = []
            body = script.body()
            for _ in range(n):
                t0 = time.perf_counter()
                r = client.post("/execute", json=body)
                rtts.append((time.perf_counter() - t0) * 1000)
                data = r.json()
                if r.status_code != 200 or data.get("result") != script.expected:
                    raise BenchError(f"{server.spec.name}: {script.name} gave {data}")
                times.append(float(data["timing"]["executionTime"]))
            per_script[script.name] = statistics.median(times)
            client_ms[script.name] = statistics.median(rtts)
            everything.extend(times)
    return EngineResult(server.spec.name, per_script, client_ms, statistics.median(everything))


def fetch_stats(server: Server) -> Any:
    time.sleep(STATS_SETTLE_S)  # workers publish their counters about once a second
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        try:
            r = client.get("/stats")
        except httpx.TransportError as exc:
            return {"error": repr(exc)}
        if r.status_code != 200:
            return {"status": r.status_code, "body": r.text[:2000]}
        return r.json()


def summarize_stats(stats: Any) -> dict[str, Any]:
    """Picks the latency percentiles (and totals) out of whatever /stats returned."""
    if isinstance(stats, dict) and isinstance(stats.get("latencyMs"), dict):
        keys = ("totalExecutions", "successRate", "errorsByType", "latencyMs", "memory")
        return {k: stats[k] for k in keys if k in stats}
    flat: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            flat[prefix] = value

    walk("", stats)
    wanted = re.compile(r"(latency|execution|time).*(p\d+|median|mean|avg|max)$|total", re.I)
    return {k: v for k, v in flat.items() if wanted.search(k)}


@dataclass
class TimeLimitResult:
    """Wall time until a looping script's TimeoutError arrives, under 50 connections."""

    server: str
    limit_ms: int
    seconds: list[float]
    responses: list[dict[str, Any]]
    background: LoadResult | None
    server_exit_code: int | None = None

    @property
    def all_timeout_errors(self) -> bool:
        return all(
            r.get("status") == 400 and r.get("type") == "TimeoutError" for r in self.responses
        )


def time_one_loop(client: httpx.Client) -> tuple[float, dict[str, Any]]:
    """Sends ``while(true){}``; returns the seconds until the answer and what it was."""
    t0 = time.perf_counter()
    try:
        r = client.post("/execute", json={"input": {}, "code": LOOP_CODE})
    except httpx.TransportError as exc:
        return time.perf_counter() - t0, {"status": None, "type": None, "message": repr(exc)}
    elapsed = time.perf_counter() - t0
    try:
        err = r.json().get("error") or {}
    except ValueError:
        err = {"message": r.text[:500]}
    return elapsed, {
        "status": r.status_code,
        "type": err.get("type"),
        "message": err.get("message"),
    }


def measure_time_limit(
    wrk: str, spec: ServerSpec, workers: int, threads: int, log_path: Path
) -> TimeLimitResult:
    limited = ServerSpec(
        spec.name, spec.argv, {**spec.env, "EXECUTION_TIMEOUT_MS": str(TIME_LIMIT_MS)}
    )
    seconds: list[float] = []
    responses: list[dict[str, Any]] = []
    background: LoadResult | None = None
    budget_s = 10 + TIME_LIMIT_SAMPLES * (WRK_TIMEOUT_S + 1)
    with running(limited, workers, log_path) as server:
        cmd = wrk_command(wrk, server.url, 50, budget_s, threads)
        load = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(1.0)  # let wrk's 50 connections get going
            with httpx.Client(base_url=server.url, timeout=float(WRK_TIMEOUT_S)) as client:
                for _ in range(TIME_LIMIT_SAMPLES):
                    elapsed, response = time_one_loop(client)
                    seconds.append(elapsed)
                    responses.append(response)
                    time.sleep(0.2)
            load.send_signal(signal.SIGINT)  # wrk prints its summary on SIGINT
            stdout, _ = load.communicate(timeout=30)
            background = parse_wrk(spec.name, 50, stdout)
        finally:
            if load.poll() is None:
                load.kill()
                load.wait(timeout=10)
    return TimeLimitResult(
        spec.name, TIME_LIMIT_MS, seconds, responses, background, server.exited_early
    )
