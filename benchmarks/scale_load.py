"""Submit and status-read throughput of 1, 2, 4 instances sharing one Redis.

The instances run with GENERATION_WORKERS=false (API only): a submit stores a queued task and
nothing runs it, so the figures are the API path (HTTP, validation, the Redis submit script,
the status read) and not the upstream calls. One wrk process (`scale.lua`) spreads its
threads over the instances, so its latency percentiles cover the whole load exactly.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import tempfile
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson
import redis

from gen_http import json_req, run_all, task_ids
from gen_load import Cpu
from gen_servers import generate_body
from loadgen import WRK_TIMEOUT_S, LoadResult, parse_wrk
from scale_servers import (
    Cluster,
    cluster,
    count_keys,
    drop_namespace,
    new_namespace,
    redis_cpu_s,
    used_memory,
)
from servers import HOST, ROOT, BenchError, RssSampler

SCALE_LUA = ROOT / "benchmarks" / "scale.lua"
MB = 1024 * 1024
WRK_THREADS = 4  # the same load generator for every instance count (4 = one per instance)
STATUS_LANES = 16  # asyncio connections per instance while pre-submitting
API_ONLY = {
    "GENERATION_WORKERS": "false",  # nothing claims: only the API path is measured
    "MAX_QUEUED_TASKS": "10000000",  # a run queues tens of thousands of tasks
}


@dataclass
class ClusterCpu(Cpu):
    """`Cpu` (each instance's process tree, wrk, this script, the machine) plus the Redis
    server's own counters (`INFO cpu`)."""

    client: redis.Redis | None = None

    def snapshot(self) -> dict[str, float]:
        now = super().snapshot()
        if self.client is not None:
            now["redis"] = redis_cpu_s(self.client)
        return now


@dataclass
class LoadRow:
    """One measured wrk run spread over every instance."""

    what: str  # "submit" | "status"
    connections: int
    wrk_threads: int
    load: dict[str, Any]
    cpu_cores: dict[str, float]
    peak_rss_mb: list[float]  # per instance, process tree, over warm-up + run
    known_ids: int = 0  # status: the ids picked from at random


@dataclass
class ScaleRow:
    instances: int
    namespace: str
    startup_s: list[float]
    submit: LoadRow | None = None
    status: LoadRow | None = None
    redis_keys: int = 0  # the namespace's keys at the end (tasks, indexes, events, streams)
    redis_memory_mb: float = 0.0  # used_memory growth over the row (shared server: rough)
    keys_removed: int = 0


def run_scale_wrk(
    wrk: str, ports: list[int], env: dict[str, str], conns: int, seconds: float
) -> LoadResult:
    threads = max(WRK_THREADS, len(ports))
    cmd = [wrk, f"-t{threads}", f"-c{max(conns, threads)}", f"-d{max(1, round(seconds))}s"]
    cmd += ["--timeout", f"{WRK_TIMEOUT_S}s", "--latency", "-s", str(SCALE_LUA)]
    cmd.append(f"http://{HOST}:{ports[0]}")
    full_env = {**os.environ, "SCALE_PORTS": ",".join(map(str, ports)), **env}
    out = subprocess.run(
        cmd, capture_output=True, text=True, timeout=seconds + 60, check=False, env=full_env
    )
    if out.returncode != 0:
        raise BenchError(f"wrk failed ({out.returncode}): {out.stderr[-2000:]}")
    return parse_wrk(env.get("SCALE_MODE", "submit"), conns, out.stdout)


def measured_load(
    wrk: str,
    cl: Cluster,
    client: redis.Redis,
    env: dict[str, str],
    conns: int,
    timing: tuple[float, float],
) -> LoadRow:
    """Warm-up, then the measured run with CPU meters and per-instance RSS samplers."""
    warmup_s, seconds = timing
    cpu = ClusterCpu({f"instance{i + 1}": p for i, p in enumerate(cl.procs())}, client=client)
    with ExitStack() as stack:
        samplers = [stack.enter_context(RssSampler(p.pid)) for p in cl.procs()]
        if warmup_s > 0:
            run_scale_wrk(wrk, cl.ports, env, conns, warmup_s)
        before = cpu.snapshot()
        start = time.monotonic()
        result = run_scale_wrk(wrk, cl.ports, env, conns, seconds)
        cpu.measure(before, time.monotonic() - start)
    cores = dict(cpu.cores)
    cores["instances"] = round(sum(v for k, v in cores.items() if k.startswith("instance")), 2)
    threads = max(WRK_THREADS, len(cl.ports))
    rss = [round(s.peak / MB, 1) for s in samplers]
    return LoadRow(env.get("SCALE_MODE", "submit"), conns, threads, asdict(result), cores, rss)


async def presubmit(cl: Cluster, n: int) -> list[str]:
    """``n`` async submits, round-robin over the instances; returns their task ids."""
    per: list[list[Any]] = [[] for _ in cl.ports]
    for i in range(n):
        body = generate_body(f"scale status {i}")
        per[i % len(per)].append(json_req("POST", "/api/generate/async", body))
    results = await asyncio.gather(
        *(run_all(HOST, port, reqs, STATUS_LANES) for port, reqs in zip(cl.ports, per, strict=True))
    )
    ids, errors = task_ids([r for rs in results for r in rs])
    if errors:
        raise BenchError(f"{len(errors)} of {n} pre-submits failed, e.g. {errors[:3]}")
    return ids


def submit_env() -> dict[str, str]:
    return {
        "SCALE_MODE": "submit",
        "SCALE_BODY": orjson.dumps(generate_body("a lighthouse")).decode(),
    }


def scale_row(
    wrk: str,
    n: int,
    redis_url: str,
    client: redis.Redis,
    opts: dict[str, Any],
    log: Path,
) -> ScaleRow:
    """Fresh namespace, ``n`` API-only instances: submits, then status reads; the namespace's
    keys are dropped in ``finally``. ``opts``: connections, warmup_s, duration_s, status_ids."""
    namespace = new_namespace(f"load{n}")
    memory_before = used_memory(client)
    timing = (float(opts["warmup_s"]), float(opts["duration_s"]))
    conns = int(opts["connections"])
    try:
        with cluster(n, redis_url, namespace, API_ONLY, log) as cl:
            row = ScaleRow(n, namespace, [round(s.startup_s, 3) for s in cl.servers])
            row.submit = measured_load(wrk, cl, client, submit_env(), conns, timing)
            ids = asyncio.run(presubmit(cl, int(opts["status_ids"])))
            with tempfile.NamedTemporaryFile("w", suffix=".ids") as f:
                f.write("\n".join(ids) + "\n")
                f.flush()
                env = {"SCALE_MODE": "status", "SCALE_IDS": f.name}
                row.status = measured_load(wrk, cl, client, env, conns, timing)
            row.status.known_ids = len(ids)
            row.redis_keys = count_keys(client, namespace)
            row.redis_memory_mb = round((used_memory(client) - memory_before) / MB, 1)
    finally:
        removed = drop_namespace(client, namespace)
    row.keys_removed = removed
    return row
