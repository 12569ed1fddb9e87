"""Node built-ins benchmark: code blocks using Buffer and crypto, Flowgate against Node `vm`.

``.venv/bin/python benchmarks/builtins_run.py [--quick] [--write-docs]`` (or ``run.py --only
builtins``; ``run.py --only all`` / ``make bench`` runs it last). See ``benchmarks/README.md``,
section "Node built-ins". For each script (``builtins_scripts.py``: the plain baseline, Buffer
base64/hex round trips, SHA-256 + HMAC request signing, AES-256-GCM, RSA-2048 sign + verify)
and each server in turn (which goes first alternates), one row:

1. start a fresh server (``flowgate serve`` or ``node_vm_server.js``, same worker count) and
   check the seed scripts and the row's script once (a wrong or failed answer skips the row,
   recorded as an error: the run goes on);
2. wrk warm-up, then ``--duration`` s of wrk (``gen.lua``: every 200 without the expected
   result counts as failed) while sampling the RSS of the server's process tree and the CPU;
3. ``--sequential`` sequential requests: the median ``timing.executionTime``.

``--suite libraries`` (``run.py --only libraries``) runs the npm libraries' rows instead
(``library_scripts.py``: lodash, dayjs, crypto-js, uuid, fast-xml-parser, xlsx, next to the
same plain baseline), written to ``<stamp>.libraries.json`` and the "npm libraries" section.

The RSA key pair is generated once per run (``cryptography``) and sent in ``input``. Raw JSON
goes to ``benchmarks/results/<stamp>.builtins.json``; ``--write-docs`` rewrites the "Node
built-ins" section of ``docs/benchmarks.md``. Every wait is bounded; every server is stopped
in ``finally``.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import httpx

from builtins_report import (
    SECTIONS,
    BuiltinResults,
    BuiltinRow,
    markdown,
    to_jsonable,
    write_docs,
)
from builtins_scripts import SCRIPT_NAMES, BuiltinScript, builtin_scripts, rsa_pem_pair
from gen_load import Target, run_gen_wrk
from gen_run import ERRORS, phase
from library_scripts import LIBRARY_SCRIPT_NAMES, library_scripts
from loadgen import ensure_wrk
from results import exit_with, run_saved, started_stamp
from servers import HOST, ROOT, BenchError, CpuMeter, RssSampler, Server, ServerSpec, running

RESULTS_DIR = ROOT / "benchmarks" / "results"
NODE_SERVER = ROOT / "benchmarks" / "node_vm_server.js"
FLOWGATE_BIN = ROOT / ".venv" / "bin" / "flowgate"
MB = 1024 * 1024
ROW_ERRORS = (*ERRORS, subprocess.SubprocessError)
SUITES = {"builtins": SCRIPT_NAMES, "libraries": LIBRARY_SCRIPT_NAMES}


def server_specs(data_dir: Path) -> dict[str, ServerSpec]:
    """The two servers, started as the code-block benchmark starts them."""
    port = ("--host", HOST, "--port", "{port}", "--workers", "{workers}")
    return {
        # Its own data directory: `flowgate serve` clears <DATA_DIR>/run at start.
        "flowgate": ServerSpec(
            "flowgate", (str(FLOWGATE_BIN), "serve", *port), {"DATA_DIR": str(data_dir)}
        ),
        "node": ServerSpec("node", ("node", str(NODE_SERVER), *port)),
    }


def check_script(server: Server, script: BuiltinScript) -> None:
    """One request: the row is measured only if the server gives the expected result."""
    r = httpx.post(f"{server.url}/execute", json=script.body(), timeout=10.0)
    data = r.json()
    if r.status_code != 200 or data.get("result") != script.expected:
        err = data.get("error")
        shown = f"{err.get('type')}: {err.get('message')}" if isinstance(err, dict) else None
        shown = (
            shown
            or f"result {str(data.get('result'))[:200]}, expected {str(script.expected)[:200]}"
        )
        raise BenchError(f"{server.spec.name}: `{script.name}` gave HTTP {r.status_code}, {shown}")


def sequential(server: Server, script: BuiltinScript, n: int) -> tuple[float, float]:
    """Median ``timing.executionTime`` and client round trip (ms) of ``n`` sequential requests
    over one keep-alive connection, each result checked."""
    engine: list[float] = []
    client_ms: list[float] = []
    body = script.body()
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        for _ in range(n):
            t0 = time.perf_counter()
            r = client.post("/execute", json=body)
            client_ms.append((time.perf_counter() - t0) * 1000)
            data = r.json()
            if r.status_code != 200 or data.get("result") != script.expected:
                raise BenchError(f"{server.spec.name}: `{script.name}` gave {str(data)[:300]}")
            engine.append(float(data["timing"]["executionTime"]))
    return statistics.median(engine), statistics.median(client_ms)


def run_row(
    wrk: str, args: argparse.Namespace, spec: ServerSpec, script: BuiltinScript, log: Path
) -> BuiltinRow:
    target = Target(script.name, "/execute", script.body(), script.expect())
    conns, threads = args.connections, args.wrk_threads
    with running(spec, args.workers, log) as server:
        check_script(server, script)
        assert server.proc is not None
        with RssSampler(server.proc.pid) as rss:
            run_gen_wrk(wrk, server.url, target, conns, args.warmup, threads)
            with CpuMeter(server.proc.pid) as cpu:
                load = run_gen_wrk(wrk, server.url, target, conns, args.duration, threads)
        load.server = spec.name
        engine_ms, client_ms = sequential(server, script, args.sequential)
    if server.exited_early is not None:
        raise BenchError(f"{spec.name} exited ({server.exited_early}) during the row")
    row = BuiltinRow(
        script.name,
        spec.name,
        asdict(load),
        rss.peak / MB,
        cpu.cores,
        server.startup_s,
        engine_ms,
        client_ms,
    )
    lat = load.latency_ms
    print(
        f"  {spec.name:>8} {script.name:<8} {load.ok_rps:8.0f} ok req/s  p50 {lat['p50']:7.2f} "
        f"p99 {lat['p99']:7.2f} ms  failed {load.failed:<5} peak RSS {row.peak_rss_mb:6.1f} MB  "
        f"engine {engine_ms:.3f} ms  CPU {row.cpu_ms_per_request:.3f} ms/req  "
        f"other {cpu.cores.get('other', 0):.2f} cores",
        flush=True,
    )
    return row


def run_rows(
    wrk: str,
    args: argparse.Namespace,
    specs: list[ServerSpec],
    scripts: Sequence[BuiltinScript],
    res: BuiltinResults,
    log: Path,
) -> None:
    for i, script in enumerate(scripts):
        order = specs if i % 2 == 0 else list(reversed(specs))
        for spec in order:
            with phase(res, f"{script.name} on {spec.name}", args.wait_quiet, ROW_ERRORS):
                res.rows.append(run_row(wrk, args, spec, script, log))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--duration", type=float, default=10.0, help="seconds of wrk per row (10)")
    p.add_argument("--warmup", type=float, default=3.0, help="seconds of wrk warm-up (3)")
    p.add_argument("--quick", action="store_true", help="3 s rows, 1 s warm-up, 30 sequential")
    p.add_argument("--connections", type=int, default=50, help="wrk connections (50)")
    p.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (2)")
    p.add_argument("--workers", type=int, default=2, help="workers per server (2)")
    p.add_argument("--servers", default="flowgate,node", help="which servers (flowgate,node)")
    p.add_argument("--suite", choices=SUITES, default="builtins", help="which rows (builtins)")
    p.add_argument("--scripts", default=None, help=f"subset of {SCRIPT_NAMES} (or libraries')")
    p.add_argument("--sequential", type=int, default=100, help="sequential requests (100)")
    p.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="S",
        help="before each row, wait up to S s for the machine to be idle (0)",
    )
    p.add_argument("--write-docs", action="store_true", help="rewrite docs 'Node built-ins'")
    args = p.parse_args(argv)
    names = SUITES[args.suite]
    args.scripts = args.scripts or ",".join(names)
    for option, known in (("scripts", names), ("servers", ("flowgate", "node"))):
        unknown = set(getattr(args, option).split(",")) - set(known)
        if unknown:
            p.error(f"unknown {option} {sorted(unknown)}")
    if args.quick:
        args.duration, args.warmup, args.sequential = 3.0, 1.0, 30
    return args


def wants_only(argv: Sequence[str]) -> tuple[bool, list[str]]:
    """``run.py --only builtins|libraries [options]`` → (True, the options for this runner);
    anything else unchanged (``gen_run.split_only`` handles the other ``--only`` values)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--only", default=None)
    known, rest = p.parse_known_args(list(argv))
    if known.only in SUITES:
        return True, ["--suite", known.only, *rest]
    return False, list(argv)


def suite_scripts(suite: str) -> tuple[BuiltinScript, ...]:
    return builtin_scripts(*rsa_pem_pair()) if suite == "builtins" else library_scripts()


def main(argv: Sequence[str] | None = None) -> int:
    from run import machine_info, raise_fd_limit  # the code-block runner's helpers

    args = parse_args(sys.argv[1:] if argv is None else argv)
    raise_fd_limit()
    wrk = ensure_wrk()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started, stamp = started_stamp()
    log = RESULTS_DIR / f"{stamp}.{args.suite}.servers.log"
    argv_shown = list(sys.argv[1:] if argv is None else argv)
    command = shlex.join([".venv/bin/python", "benchmarks/builtins_run.py", *argv_shown])
    wanted = args.scripts.split(",")
    scripts = [s for s in suite_scripts(args.suite) if s.name in wanted]
    res = BuiltinResults(started, command, machine_info(wrk), vars(args), suite=args.suite)
    res.scripts = {s.name: {"title": s.title, "code": s.code} for s in scripts}
    print(f"{SECTIONS[args.suite][3:]} benchmark {started}: {command}", flush=True)
    data_dir = Path(tempfile.mkdtemp(prefix="flowgate-bench-builtins-"))
    specs = server_specs(data_dir)
    try:
        run_saved(
            res,
            lambda: run_rows(
                wrk, args, [specs[n] for n in args.servers.split(",")], scripts, res, log
            ),
            lambda: to_jsonable(res),
            RESULTS_DIR / f"{stamp}.{args.suite}.json",
            lambda: markdown(res),
            (lambda: write_docs(res)) if args.write_docs else None,
            f"docs/benchmarks.md ({SECTIONS[args.suite][3:]})",
        )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    exit_with(main)
