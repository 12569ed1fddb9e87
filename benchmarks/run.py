"""Code-block benchmark: Flowgate against a Node.js ``node:vm`` peer, side by side.

Run by ``make bench`` (``.venv/bin/python benchmarks/run.py``). See
``benchmarks/README.md`` for what each figure means. In short, one run:

1. For each connection count (50, 100, 500, 1000), starts each server in turn
   (fresh process, same worker count, alternating which goes first), measures
   its start-up, warms it up with wrk, then drives it with wrk for
   ``--duration`` seconds while sampling the RSS of its whole process tree.
2. After the last load on each server: ``GET /stats`` (Flowgate) and 200
   sequential requests per seed script, giving the median ``timing.executionTime``.
3. Starts each server once more with ``EXECUTION_TIMEOUT_MS=1000`` and, while wrk
   drives 50 connections of seed scripts, times five ``while(true){}`` requests.
4. Writes raw JSON to ``benchmarks/results/<UTC timestamp>.json``, prints Markdown,
   and with ``--write-docs`` rewrites the "Code blocks" section of
   ``docs/benchmarks.md``.

All traffic goes to 127.0.0.1. Every wait is bounded; servers are killed in
``finally``. ``--only generation`` / ``scale`` / ``builtins`` / ``libraries`` run
``gen_run.py`` / ``scale_run.py`` / ``builtins_run.py`` (the generation / scale-out / Node
built-ins / npm libraries benchmark) with the other options instead; ``--only all`` runs all
five (default: ``codeblock``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx
import psutil

from loadgen import ensure_wrk, run_wrk
from measures import (
    TIME_LIMIT_MS,
    fetch_stats,
    measure_engine,
    measure_time_limit,
    summarize_stats,
)
from report import DOCS_FILE, markdown, write_docs
from results import RunConfig, RunResults, exit_with, run_saved, started_stamp, to_jsonable
from seed import seed_lua_mismatches
from servers import (
    HOST,
    ROOT,
    BenchError,
    CpuMeter,
    RssSampler,
    Server,
    ServerSpec,
    running,
)

RESULTS_DIR = ROOT / "benchmarks" / "results"
NODE_SERVER = ROOT / "benchmarks" / "node_vm_server.js"
FLOWGATE_BIN = ROOT / ".venv" / "bin" / "flowgate"
CONNECTION_LEVELS = (50, 100, 500, 1000)
SEQUENTIAL_PER_SCRIPT = 200
MB = 1024 * 1024
QUIET_CORES = 0.25  # --wait-quiet waits until less than this is busy (over 1 s)
# Flowgate settings that change what is measured; recorded with the results when set.
SETTINGS_ENV = (
    "WORKERS",
    "SERVICES",
    "LOG_LEVEL",
    "ACCESS_LOG",
    "EXECUTION_TIMEOUT_MS",
    "MAX_CODE_LENGTH",
    "MAX_INPUT_SIZE",
    "MAX_RESULT_SIZE",
    "MAX_CONCURRENT_EXECUTIONS",
    "RUNTIME_POOL_SIZE",
    "MEMORY_LIMIT_MB",
    "MAX_STACK_KB",
    "CONCURRENCY_WAIT_MS",
    "ALLOW_EVAL",
    "EXECUTOR_THREADS",
)


PHASE_ERRORS = (BenchError, httpx.HTTPError, subprocess.SubprocessError, OSError, ValueError)


@contextlib.contextmanager
def phase(res: RunResults, what: str) -> Iterator[None]:
    """Records a failed phase (a server that crashed, wrk that failed) and goes on."""
    try:
        yield
    except PHASE_ERRORS as exc:
        message = f"{what}: {type(exc).__name__}: {exc}"
        res.errors.append(message)
        print(f"  ERROR {message}", flush=True)


def machine_busy_cores(interval_s: float = 1.0) -> float:
    return psutil.cpu_percent(interval=interval_s) * (psutil.cpu_count() or 1) / 100


def wait_quiet(limit_s: float) -> float:
    """Waits up to ``limit_s`` for the machine to be idle; returns the busy cores last seen."""
    deadline = time.monotonic() + limit_s
    busy = machine_busy_cores()
    if busy >= QUIET_CORES and limit_s > 0:
        print(f"  waiting up to {limit_s:g} s: {busy:.2f} cores busy", flush=True)
    while busy >= QUIET_CORES and time.monotonic() < deadline:
        time.sleep(min(2.0, max(0.0, deadline - time.monotonic())))
        busy = machine_busy_cores()
    return busy


def run_level(
    wrk: str,
    cfg: RunConfig,
    spec: ServerSpec,
    conns: int,
    last: bool,
    res: RunResults,
    log_path: Path,
) -> None:
    busy_before = wait_quiet(cfg.wait_quiet_s)
    with running(spec, cfg.workers, log_path) as server:
        res.startups.setdefault(spec.name, []).append(server.startup_s)
        assert server.proc is not None
        with RssSampler(server.proc.pid) as sampler:
            run_wrk(wrk, server, conns, cfg.warmup_s, cfg.wrk_threads)
            with CpuMeter(server.proc.pid) as cpu:
                result = run_wrk(wrk, server, conns, cfg.duration_s, cfg.wrk_threads)
        result.peak_rss_mb = sampler.peak / MB
        result.cpu_cores = {**cpu.cores, "busy_before_row": round(busy_before, 3)}
        result.startup_s = server.startup_s
        res.load.append(result)
        print(
            f"  {spec.name:>8} c={conns:<5} {result.ok_rps:9.0f} ok req/s  "
            f"p50 {result.latency_ms['p50']:7.2f} ms  p99 {result.latency_ms['p99']:8.2f} ms  "
            f"failed {result.failed:<6} peak RSS {result.peak_rss_mb:7.1f} MB  "
            f"start {server.startup_s:.3f} s  other CPU {cpu.cores.get('other', 0):.2f} cores",
            flush=True,
        )
        if last:
            with phase(res, f"{spec.name}, engine time"):
                measure_engine_after_load(server, cfg, res)
    if server.exited_early is not None:
        res.errors.append(
            f"{spec.name}, {conns} connections: the server exited "
            f"({server.exited_early}) during the measurement"
        )


def measure_engine_after_load(server: Server, cfg: RunConfig, res: RunResults) -> None:
    name = server.spec.name
    stats = fetch_stats(server) if name == "flowgate" else None
    assert server.proc is not None
    with CpuMeter(server.proc.pid) as cpu:
        engine = measure_engine(server, cfg.sequential)
    engine.cpu_cores = cpu.cores
    engine.stats = stats
    engine.stats_summary = summarize_stats(stats) if stats is not None else {}
    res.engine[name] = engine
    per_script = {k: round(v, 3) for k, v in engine.per_script_median_ms.items()}
    print(
        f"  {name:>8} engine: median executionTime {engine.overall_median_ms:.3f} ms {per_script}"
        f"  other CPU {cpu.cores.get('other', 0):.2f} cores",
        flush=True,
    )


def run_all(wrk: str, cfg: RunConfig, res: RunResults, log_path: Path) -> None:
    for i, conns in enumerate(cfg.connections):
        order = cfg.servers if i % 2 == 0 else tuple(reversed(cfg.servers))
        for spec in order:
            with phase(res, f"{spec.name}, {conns} connections"):
                run_level(wrk, cfg, spec, conns, i == len(cfg.connections) - 1, res, log_path)
    if cfg.time_limit:
        for spec in cfg.servers:
            with phase(res, f"{spec.name}, time limit under load"):
                wait_quiet(cfg.wait_quiet_s)
                tl = measure_time_limit(wrk, spec, cfg.workers, cfg.wrk_threads, log_path)
                res.time_limit[spec.name] = tl
                if tl.server_exit_code is not None:
                    res.errors.append(
                        f"{spec.name}, time limit: the server exited "
                        f"({tl.server_exit_code}) during the measurement"
                    )
                print(
                    f"  {spec.name:>8} time limit {TIME_LIMIT_MS} ms under load: "
                    f"{[round(s, 3) for s in tl.seconds]} s, all TimeoutError: "
                    f"{tl.all_timeout_errors}",
                    flush=True,
                )


def command_output(argv: Sequence[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc})"
    return (out.stdout or out.stderr).rstrip()


def machine_info(wrk: str) -> dict[str, Any]:
    cpu_model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": command_output(["nproc"]),
        "free_g": command_output(["free", "-g"]),
        "uname_r": command_output(["uname", "-r"]),
        "cpu_model": cpu_model,
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
        "cpu_busy_percent_before": psutil.cpu_percent(interval=1.0),
        "python": platform.python_version(),
        "node": command_output(["node", "--version"]),
        "wrk": " ".join(command_output([wrk, "-v"]).split()[:2]),
        "flowgate": command_output(
            [sys.executable, "-c", "import importlib.metadata as m; print(m.version('flowgate'))"]
        ),
        "git_commit": command_output(["git", "-C", str(ROOT), "describe", "--always", "--dirty"]),
        "ulimit_nofile": resource.getrlimit(resource.RLIMIT_NOFILE),
        "somaxconn": command_output(["sysctl", "-n", "net.core.somaxconn"]),
        "settings_env": {k: os.environ[k] for k in SETTINGS_ENV if k in os.environ},
        "dotenv_present": (ROOT / ".env").exists(),
    }


def raise_fd_limit() -> None:
    """1,000 connections need > 1,000 descriptors in wrk and in the servers (inherited)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    if want < 2 * max(CONNECTION_LEVELS) + 100:
        print(f"warning: RLIMIT_NOFILE is only {want}; 1,000 connections may fail", flush=True)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--duration", type=float, default=10.0, help="seconds of wrk per row (10)")
    p.add_argument("--quick", action="store_true", help="3 s per row, 1 s warm-up")
    p.add_argument("--warmup", type=float, default=None, help="warm-up seconds (5; quick: 1)")
    p.add_argument("--workers", type=int, default=2, help="workers per server (2)")
    p.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (2)")
    p.add_argument(
        "--connections",
        default=",".join(map(str, CONNECTION_LEVELS)),
        help="comma-separated connection counts (50,100,500,1000)",
    )
    p.add_argument("--servers", default="flowgate,node", help="which servers (flowgate,node)")
    p.add_argument(
        "--sequential",
        type=int,
        default=SEQUENTIAL_PER_SCRIPT,
        help="sequential requests per seed script for engine time (200)",
    )
    p.add_argument("--no-time-limit", action="store_true", help="skip the time-limit test")
    p.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="S",
        help="before each row, wait up to S seconds for the machine to be idle (0)",
    )
    p.add_argument(
        "--flowgate-cmd",
        default=None,
        help="development only: start this instead of `flowgate serve` "
        "({port} and {workers} are substituted)",
    )
    p.add_argument(
        "--write-docs",
        action="store_true",
        help="rewrite the 'Code blocks' section of docs/benchmarks.md",
    )
    args = p.parse_args(argv)
    if args.write_docs and args.flowgate_cmd:
        p.error("--write-docs reports the real flowgate; drop --flowgate-cmd")
    return args


def build_config(args: argparse.Namespace, data_dir: Path) -> RunConfig:
    duration = 3.0 if args.quick else args.duration
    warmup = args.warmup if args.warmup is not None else (1.0 if args.quick else 5.0)
    flowgate_argv: tuple[str, ...] = (
        tuple(shlex.split(args.flowgate_cmd))
        if args.flowgate_cmd
        else (
            str(FLOWGATE_BIN),
            "serve",
            "--host",
            HOST,
            "--port",
            "{port}",
            "--workers",
            "{workers}",
        )
    )
    known = {
        # Its own data directory: `flowgate serve` clears <DATA_DIR>/run at start.
        "flowgate": ServerSpec("flowgate", flowgate_argv, {"DATA_DIR": str(data_dir)}),
        "node": ServerSpec(
            "node",
            (
                "node",
                str(NODE_SERVER),
                "--host",
                HOST,
                "--port",
                "{port}",
                "--workers",
                "{workers}",
            ),
        ),
    }
    names = [s.strip() for s in args.servers.split(",") if s.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise BenchError(f"unknown server(s) {unknown}; choose from {list(known)}")
    return RunConfig(
        duration_s=duration,
        warmup_s=warmup,
        workers=args.workers,
        wrk_threads=args.wrk_threads,
        connections=tuple(int(c) for c in args.connections.split(",")),
        servers=tuple(known[n] for n in names),
        sequential=args.sequential,
        time_limit=not args.no_time_limit,
        wait_quiet_s=args.wait_quiet,
    )


def main(argv: Sequence[str] | None = None) -> int:
    import builtins_run  # `--only builtins`: see wants_only
    import gen_run  # `--only codeblock` (default) | `generation` | `scale` | `all`: see split_only
    import scale_run

    builtins_only, raw = builtins_run.wants_only(sys.argv[1:] if argv is None else argv)
    if builtins_only:
        return builtins_run.main(raw)
    only, rest = gen_run.split_only(raw)
    if only == "generation":
        return gen_run.main(rest)
    if only == "scale":
        return scale_run.main(rest)
    args = parse_args(rest)
    data_dir = Path(tempfile.mkdtemp(prefix="flowgate-bench-"))
    try:
        code = run(args, rest, data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    shared = gen_run.shared_options(rest)
    if only != "all":
        return code
    return max(
        code,
        gen_run.main(shared),
        scale_run.main(shared),
        builtins_run.main(shared),
        builtins_run.main(["--suite", "libraries", *shared]),
    )


def run(args: argparse.Namespace, argv: Sequence[str] | None, data_dir: Path) -> int:
    cfg = build_config(args, data_dir)
    raise_fd_limit()
    wrk = ensure_wrk()
    mismatches = seed_lua_mismatches()
    if mismatches:
        raise BenchError("; ".join(mismatches))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started, stamp = started_stamp()
    log_path = RESULTS_DIR / f"{stamp}.servers.log"
    command = shlex.join([".venv/bin/python", "benchmarks/run.py", *(argv or sys.argv[1:])])
    res = RunResults(
        started_utc=started,
        command=command,
        machine=machine_info(wrk),
        config={**asdict(cfg), "servers": [asdict(s) for s in cfg.servers]},
    )
    print(f"benchmark {started}: {command}", flush=True)
    busy = res.machine["cpu_busy_percent_before"]
    if busy > 20:
        print(f"warning: the CPUs were {busy:.0f}% busy before the run; figures will be noisy")
    run_saved(
        res,
        lambda: run_all(wrk, cfg, res, log_path),
        lambda: to_jsonable(res),
        RESULTS_DIR / f"{stamp}.json",
        lambda: markdown(res),
        (lambda: write_docs(res)) if args.write_docs else None,
        str(DOCS_FILE.relative_to(ROOT)),
    )
    return 0


if __name__ == "__main__":
    exit_with(main)
