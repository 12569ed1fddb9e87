"""Scale-out benchmark: 1, 2 and 4 Flowgate instances sharing one Redis, one run.

``.venv/bin/python benchmarks/scale_run.py [--quick] [--write-docs]`` (or ``run.py --only
scale``). See ``benchmarks/README.md``, section "Scale-out". Needs a Redis server (default
``redis://127.0.0.1:6379/11``, ``--redis-url``); every run works in namespaces of its own and
deletes their keys afterwards, so a shared Redis is left as it was.

1. submit rate: wrk at `POST /api/generate/async` spread over all instances (API only,
   GENERATION_WORKERS=false), with each instance's CPU and RSS and Redis' CPU;
2. status-read rate: `GET /api/status/<id>` over random ids of pre-submitted tasks;
3. recovery: 2 instances with workers on, instance A holding running video tasks is lost
   (SIGKILL, or SIGSTOP so that only lease expiry frees its tasks); time until instance B has
   claimed them all and until all are terminal; lost and twice-finished tasks.

Raw JSON goes to ``benchmarks/results/<stamp>.scale.json``; ``--write-docs`` rewrites the
"Scale-out (Redis)" section of ``docs/benchmarks.md``. Every wait is bounded; every process
is stopped in ``finally``.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import redis

from gen_run import ERRORS, phase, show
from loadgen import ensure_wrk
from results import exit_with, run_saved, started_stamp
from scale_load import scale_row
from scale_recovery import recovery
from scale_report import ScaleResults, markdown, to_jsonable, write_docs
from scale_servers import DEFAULT_REDIS_URL, connect, used_memory
from servers import ROOT, BenchError

RESULTS_DIR = ROOT / "benchmarks" / "results"
MEASURES = ("load", "recovery")
SCALE_ERRORS = (*ERRORS, redis.RedisError, subprocess.SubprocessError)


def parse_recovery(spec: str) -> list[tuple[str, float]]:
    """``kill:10,freeze:30`` → [("kill", 10.0), ("freeze", 30.0)]."""
    out = []
    for item in filter(None, spec.split(",")):
        mode, _, lease = item.partition(":")
        if mode not in ("kill", "freeze") or not lease:
            raise ValueError(f"bad --recovery item {item!r}: want kill:SECONDS or freeze:SECONDS")
        out.append((mode, float(lease)))
    return out


def run_measures(args: argparse.Namespace, wrk: str, res: ScaleResults, log: Path) -> None:
    client = connect(args.redis_url)
    try:
        only = set(args.measures.split(","))
        opts = {
            "connections": args.connections,
            "warmup_s": args.warmup,
            "duration_s": args.duration,
            "status_ids": args.status_ids,
        }
        for n in [int(x) for x in args.instances.split(",")] if "load" in only else []:
            with phase(
                res, f"{n} instance(s): submits, status reads", args.wait_quiet, SCALE_ERRORS
            ):
                row = scale_row(wrk, n, args.redis_url, client, opts, log)
                res.rows.append(
                    show(
                        row,
                        lambda r: (
                            f"submit {r.submit.load['ok_rps'] if r.submit else 0:,.0f}/s, "
                            f"status {r.status.load['ok_rps'] if r.status else 0:,.0f}/s, "
                            f"{r.keys_removed} keys removed"
                        ),
                    )
                )
        for mode, lease in parse_recovery(args.recovery) if "recovery" in only else []:
            what = f"recovery, {mode}, LEASE_SECONDS={lease:g}"
            with phase(res, what, args.wait_quiet, SCALE_ERRORS):
                rec = recovery(
                    mode, lease, args.recovery_tasks, args.share_a, args.redis_url, client, log
                )
                res.recovery.append(
                    show(
                        rec,
                        lambda r: (
                            f"claimed after {r.claimed_s} s, terminal after {r.terminal_s} s, "
                            f"lost {r.lost}, twice {r.duplicated}, {r.status_counts}"
                        ),
                    )
                )
        res.redis["used_memory_after_mb"] = round(used_memory(client) / 1024**2, 1)
    finally:
        client.close()


def redis_info(url: str) -> dict[str, object]:
    client = connect(url)
    try:
        info = client.info("server")
        memory = client.info("memory")
        return {
            "url": url.split("@")[-1],  # never a password
            "version": info.get("redis_version"),
            "maxmemory": memory.get("maxmemory"),
            "used_memory_before_mb": round(int(memory["used_memory"]) / 1024**2, 1),
        }
    finally:
        client.close()


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--instances", default="1,2,4", help="instance counts of the load rows")
    p.add_argument("--duration", type=float, default=10.0, help="seconds of wrk per row (10)")
    p.add_argument("--warmup", type=float, default=2.0, help="seconds of wrk warm-up (2)")
    p.add_argument("--connections", type=int, default=64, help="wrk connections in all (64)")
    p.add_argument("--status-ids", type=int, default=2000, help="tasks for status reads (2000)")
    p.add_argument(
        "--recovery",
        default="kill:10,freeze:10,freeze:30",
        help="recovery runs as mode:LEASE_SECONDS, mode kill|freeze (kill:10,freeze:10,freeze:30)",
    )
    p.add_argument("--recovery-tasks", type=int, default=200, help="video tasks (200)")
    p.add_argument("--share-a", type=float, default=0.9, help="share submitted to A (0.9)")
    p.add_argument("--measures", default=",".join(MEASURES), help=f"subset of {MEASURES}")
    p.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        help=f"Redis to use (BENCH_REDIS_URL or {DEFAULT_REDIS_URL})",
    )
    p.add_argument("--quick", action="store_true", help="3 s rows, 500 ids, one short recovery")
    p.add_argument("--wait-quiet", type=float, default=0.0, metavar="S", help="idle wait (0)")
    p.add_argument("--write-docs", action="store_true", help="rewrite docs 'Scale-out (Redis)'")
    args = p.parse_args(argv)
    unknown = set(args.measures.split(",")) - set(MEASURES)
    if unknown:
        p.error(f"unknown measure(s) {sorted(unknown)}")
    try:
        parse_recovery(args.recovery)
    except ValueError as exc:
        p.error(str(exc))
    if args.quick:
        args.duration, args.warmup, args.status_ids = 3.0, 1.0, 500
        args.recovery, args.recovery_tasks = "kill:10", 50
    return args


def main(argv: Sequence[str] | None = None) -> int:
    from run import machine_info, raise_fd_limit  # the code-block runner's helpers

    args = parse_args(sys.argv[1:] if argv is None else argv)
    raise_fd_limit()
    wrk = ensure_wrk()
    try:
        redis_meta = redis_info(args.redis_url)
    except BenchError as exc:
        print(f"scale-out benchmark skipped: {exc}", file=sys.stderr, flush=True)
        return 1
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started, stamp = started_stamp()
    log = RESULTS_DIR / f"{stamp}.scale.servers.log"
    argv_shown = list(sys.argv[1:] if argv is None else argv)
    command = shlex.join([".venv/bin/python", "benchmarks/scale_run.py", *argv_shown])
    res = ScaleResults(started, command, machine_info(wrk), vars(args), redis_meta)
    print(f"scale-out benchmark {started}: {command}", flush=True)
    run_saved(
        res,
        lambda: run_measures(args, wrk, res, log),
        lambda: to_jsonable(res),
        RESULTS_DIR / f"{stamp}.scale.json",
        lambda: markdown(res),
        (lambda: write_docs(res)) if args.write_docs else None,
        "docs/benchmarks.md (Scale-out (Redis))",
    )
    return 0


if __name__ == "__main__":
    exit_with(main)
