"""wrk-driven generation measures: proxy overhead (sync calls vs the simulator directly),
durable async submits (each id checked after a SIGKILL + restart), and start-up."""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson
import psutil

from gen_http import statuses
from gen_servers import (
    API_KEY,
    MODEL,
    flowgate_spec,
    fresh_dir,
    generate_body,
    kill_group,
    restarted,
    sim_calls,
    sim_reset,
    stack,
    started,
)
from loadgen import WRK_TIMEOUT_S, LoadResult, parse_wrk
from servers import HOST, ROOT, BenchError, RssSampler, rusage_s, system_busy_s, tree_cpu_s

GEN_LUA = ROOT / "benchmarks" / "gen.lua"
MB = 1024 * 1024
STARTS = 5
SEQUENTIAL_S = 5.0
SUBMIT_RUNNING = 2000


@dataclass
class Target:
    """What wrk sends (gen.lua reads these from its environment)."""

    name: str
    path: str
    body: dict[str, Any]
    expect: str
    auth: str = ""

    def env(self, ids_prefix: str = "") -> dict[str, str]:
        return {
            "GEN_PATH": self.path,
            "GEN_BODY": orjson.dumps(self.body).decode(),
            "GEN_EXPECT": self.expect,
            "GEN_AUTH": self.auth,
            "GEN_IDS": ids_prefix,
        }


def direct_target() -> Target:
    """What Flowgate's images client sends upstream for flux-* (`upstream/images.py`)."""
    body = {"model": MODEL, "prompt": "a lighthouse at dusk", "n": 1}
    return Target("direct", "/v1/images/generations", body, '"url":"', f"Bearer {API_KEY}")


def proxy_target(path: str = "/api/generate") -> Target:
    name = "proxy" if path == "/api/generate" else "async"
    return Target(name, path, generate_body("a lighthouse at dusk"), '"success":true')


def run_gen_wrk(
    wrk: str, url: str, target: Target, conns: int, seconds: float, threads: int, ids: str = ""
) -> LoadResult:
    cmd = [wrk, f"-t{max(1, min(threads, conns))}", f"-c{conns}", f"-d{max(1, round(seconds))}s"]
    cmd += ["--timeout", f"{WRK_TIMEOUT_S}s", "--latency", "-s", str(GEN_LUA), url]
    env = {**os.environ, **target.env(ids)}
    out = subprocess.run(
        cmd, capture_output=True, text=True, timeout=seconds + 60, check=False, env=env
    )
    if out.returncode != 0:
        raise BenchError(f"wrk failed ({out.returncode}): {out.stderr[-2000:]}")
    return parse_wrk(target.name, conns, out.stdout)


@dataclass
class Cpu:
    """CPU seconds per wall second of each process tree while a block ran."""

    procs: dict[str, psutil.Process]
    cores: dict[str, float] = field(default_factory=dict)

    def snapshot(self) -> dict[str, float]:
        now = {k: tree_cpu_s(p) for k, p in self.procs.items()}
        now["wrk"] = rusage_s(resource.RUSAGE_CHILDREN)  # the only child reaped meanwhile
        now["bench"] = rusage_s(resource.RUSAGE_SELF)
        now["machine"] = system_busy_s()
        return now

    def measure(self, before: dict[str, float], wall_s: float) -> None:
        after = self.snapshot()
        used = {k: (after[k] - before[k]) / wall_s for k in before}
        # Everything else on the (shared) machine: noise, if well above 0.
        used["other"] = max(
            0.0, used["machine"] - sum(v for k, v in used.items() if k != "machine")
        )
        self.cores = {k: round(v, 2) for k, v in used.items()}


@dataclass
class ProxyRow:
    workers: int
    connections: int
    direct: dict[str, Any]
    proxy: dict[str, Any]
    flowgate_peak_rss_mb: float
    cpu_direct: dict[str, float]
    cpu_proxy: dict[str, float]
    startup_s: float
    # The same two targets over one connection (no queueing): the per-request cost alone.
    sequential: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def overhead_ms(self) -> dict[str, float]:
        d, p = self.direct["latency_ms"], self.proxy["latency_ms"]
        return {k: round(p[k] - d[k], 3) for k in ("p50", "p90", "p99")}


def load_with_cpu(
    wrk: str, url: str, target: Target, conns: int, seconds: float, cpu: Cpu, ids: str = ""
) -> tuple[LoadResult, dict[str, float]]:
    before = cpu.snapshot()
    start = time.monotonic()
    result = run_gen_wrk(wrk, url, target, conns, seconds, 2, ids)
    cpu.measure(before, time.monotonic() - start)
    return result, dict(cpu.cores)


def proxy_overhead(
    wrk: str, workers: int, conns: int, seconds: float, warmup_s: float, log: Path
) -> ProxyRow:
    """Same wrk load at the simulator directly, then through Flowgate's sync endpoint."""
    with stack(0.0, workers, log) as st:
        assert st.flowgate.proc is not None and st.sim.proc is not None
        cpu = Cpu({"flowgate": psutil.Process(st.flowgate.proc.pid)})
        cpu.procs["simulator"] = psutil.Process(st.sim.proc.pid)
        direct, proxy = direct_target(), proxy_target()
        run_gen_wrk(wrk, st.sim.url, direct, conns, warmup_s, 2)
        sim_reset(st.sim)  # its record of calls grows with every request
        d, cpu_d = load_with_cpu(wrk, st.sim.url, direct, conns, seconds, cpu)
        with RssSampler(st.flowgate.proc.pid) as rss:
            run_gen_wrk(wrk, st.flowgate.url, proxy, conns, warmup_s, 2)
            sim_reset(st.sim)
            p, cpu_p = load_with_cpu(wrk, st.flowgate.url, proxy, conns, seconds, cpu)
        row = ProxyRow(
            workers, conns, asdict(d), asdict(p), rss.peak / MB, cpu_d, cpu_p, st.flowgate.startup_s
        )
        seq_s = min(SEQUENTIAL_S, seconds)
        for target, url in ((direct, st.sim.url), (proxy, st.flowgate.url)):
            sim_reset(st.sim)
            row.sequential[target.name] = asdict(run_gen_wrk(wrk, url, target, 1, seq_s, 1))
        return row


@dataclass
class SubmitRow:
    """Async submits for ``load.duration_s``; afterwards every returned id is looked up."""

    workers: int
    connections: int
    load: dict[str, Any]
    ok_total: int  # 200s with "success": true, warm-up included
    ids_returned: int  # task ids written by gen.lua (should equal ok_total)
    missing: int  # ids not found after SIGKILL + restart
    status_counts: dict[str, int]
    restart_s: float
    flowgate_peak_rss_mb: float
    cpu: dict[str, float]
    upstream_calls: int = 0  # calls the simulator had received (and holds) when wrk ended


def read_ids(folder: Path) -> list[str]:
    ids: list[str] = []
    for f in sorted(folder.iterdir()):
        ids += [ln for ln in f.read_text().splitlines() if ln]
    return ids


def durable_submits(
    wrk: str, workers: int, conns: int, seconds: float, warmup_s: float, log: Path
) -> SubmitRow:
    """wrk at `POST /api/generate/async`; then SIGKILL the server at once, restart it on the
    same DATA_DIR and look every returned task id up: a reply sent before its commit would
    show up as a missing id."""
    # 2,000 running per process (claimed at submit, held upstream), the rest queued; a bound
    # that keeps the simulator's sockets (20,000 descriptors at most) well within reach.
    extra = {"MAX_QUEUED_TASKS": "1000000", "MAX_RUNNING_TASKS": str(SUBMIT_RUNNING)}
    with stack(60.0, workers, log, extra) as st, tempfile.TemporaryDirectory() as tmp:
        assert st.flowgate.proc is not None
        cpu = Cpu({"flowgate": psutil.Process(st.flowgate.proc.pid)})
        target = proxy_target("/api/generate/async")
        with RssSampler(st.flowgate.proc.pid) as rss:
            warm = run_gen_wrk(wrk, st.flowgate.url, target, conns, warmup_s, 2, f"{tmp}/warm")
            load, cores = load_with_cpu(
                wrk, st.flowgate.url, target, conns, seconds, cpu, f"{tmp}/run"
            )
        calls = len(asyncio.run(sim_calls(st.sim)))
        kill_group(st.flowgate)
        ids = read_ids(Path(tmp))
        with restarted(st, workers, log) as server:
            found = asyncio.run(statuses(HOST, server.port, ids))
        counts: dict[str, int] = {}
        for body in found.values():
            key = str(body.get("status"))
            counts[key] = counts.get(key, 0) + 1
        return SubmitRow(
            workers,
            conns,
            asdict(load),
            warm.ok + load.ok,
            len(ids),
            counts.get("not_found", 0),
            counts,
            server.startup_s,
            rss.peak / MB,
            cores,
            calls,
        )


def startups(n: int, workers: int, log: Path) -> list[float]:
    """Spawn → first 200 from `GET /health`, each on a fresh DATA_DIR (the database is created)."""
    out: list[float] = []
    for _ in range(n):
        with fresh_dir() as data_dir:
            spec = flowgate_spec("http://127.0.0.1:9", data_dir, {})
            with started(spec, workers, log) as server:
                out.append(server.startup_s)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
