"""Generation benchmark: Flowgate's job layer against the upstream simulator, one run.

``.venv/bin/python benchmarks/gen_run.py [--quick] [--write-docs]`` (or ``run.py --only
generation``). See ``benchmarks/README.md``, section "Generation". Each measure gets a fresh
simulator and a fresh Flowgate (SERVICES=generation) on a fresh DATA_DIR:

1. proxy overhead: wrk, 50 connections, sync `POST /api/generate` vs the same load at the
   simulator's `POST /v1/images/generations` (delay 0), per worker count;
2. durable async submits: wrk at `POST /api/generate/async` (simulator delay 60), then
   SIGKILL, restart, and every returned task id looked up;
3. 10,000 tasks in flight in one process (workers=1, delay 60): RSS and failures;
4. callback latency: callback arrival − the simulator's answer time, per task;
5. crash recovery: 1,000 tasks, SIGKILL of the process group mid-flight, restart;
6. start-up: spawn → `GET /health` 200, five times.

Raw JSON goes to ``benchmarks/results/<stamp>.gen.json``; ``--write-docs`` rewrites the
"Generation" section of ``docs/benchmarks.md``. Every wait is bounded; every process is
stopped in ``finally``.
"""

from __future__ import annotations

import argparse
import contextlib
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

import httpx

from gen_http import HttpError
from gen_load import STARTS, durable_submits, proxy_overhead, startups
from gen_report import markdown, write_docs
from gen_results import GenResults, to_jsonable
from gen_tasks import callback_latency, crash_recovery, tasks_in_flight
from loadgen import ensure_wrk
from results import exit_with, run_saved, started_stamp
from servers import ROOT, BenchError

RESULTS_DIR = ROOT / "benchmarks" / "results"
MEASURES = ("proxy", "submit", "inflight", "callback", "crash", "startup")
T = TypeVar("T")


ERRORS = (BenchError, HttpError, httpx.HTTPError, OSError, ValueError, KeyError, TimeoutError)


class PhaseLog(Protocol):
    """What `phase` records into (the generation and the scale-out results)."""

    busy_before: dict[str, float]
    errors: list[str]


@contextlib.contextmanager
def phase(
    res: PhaseLog,
    what: str,
    wait_quiet_s: float,
    errors: tuple[type[Exception], ...] = ERRORS,
) -> Iterator[None]:
    """A measure that fails is recorded and the run goes on with the next one. Before it,
    waits up to ``wait_quiet_s`` for the machine to be idle and records how busy it was."""
    from run import wait_quiet

    print(f"- {what} ...", flush=True)
    res.busy_before[what] = round(wait_quiet(wait_quiet_s), 2)
    try:
        yield
    except errors as exc:
        message = f"{what}: {type(exc).__name__}: {exc}"
        res.errors.append(message)
        print(f"  ERROR {message}", flush=True)


def show(value: T, fmt: Callable[[T], str]) -> T:
    print(f"  {fmt(value)}", flush=True)
    return value


def run_measures(args: argparse.Namespace, wrk: str, res: GenResults, log: Path) -> None:
    only = set(args.measures.split(","))
    workers = [int(w) for w in args.workers.split(",")]
    dur, warm, conns = args.duration, args.warmup, args.connections
    for w in workers if "proxy" in only else []:
        with phase(res, f"proxy overhead, workers={w}", args.wait_quiet):
            row = proxy_overhead(wrk, w, conns, dur, warm, log)
            res.proxy.append(
                show(
                    row,
                    lambda r: (
                        f"direct {r.direct['latency_ms']} "
                        f"proxy {r.proxy['latency_ms']} overhead {r.overhead_ms}"
                    ),
                )
            )
    for w in workers if "submit" in only else []:
        with phase(res, f"durable submits, workers={w}", args.wait_quiet):
            sub = durable_submits(wrk, w, conns, dur, warm, log)
            res.submit.append(
                show(
                    sub,
                    lambda s: (
                        f"{s.load['ok_rps']:.0f}/s ok, {s.ids_returned} ids, missing {s.missing}"
                    ),
                )
            )
    if "inflight" in only:
        with phase(res, f"{args.inflight} tasks in flight", args.wait_quiet):
            res.inflight = show(
                tasks_in_flight(args.inflight, args.inflight_delay, log),
                lambda r: f"peak RSS {r.peak_rss_mb} MB, {r.status_counts}",
            )
    if "callback" in only:
        with phase(res, "callback latency", args.wait_quiet):
            res.callback = show(
                callback_latency(args.callbacks, args.callback_rate, 1.0, 2, log),
                lambda r: f"{r.received} received, {r.latency_ms}",
            )
    if "crash" in only:
        with phase(res, "crash recovery", args.wait_quiet):
            res.crash = show(
                crash_recovery(args.crash_tasks, 2.0, 3.0, 2, log),
                lambda r: (
                    f"lost {r.lost}, {r.status_counts}, dup {r.duplicated}, "
                    f"recovery {r.recovery_s} s"
                ),
            )
    if "startup" in only:
        with phase(res, "start-up", args.wait_quiet):
            res.startups = show(startups(STARTS, 2, log), lambda s: f"{s}")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--duration", type=float, default=10.0, help="seconds of wrk per row (10)")
    p.add_argument("--warmup", type=float, default=2.0, help="seconds of wrk warm-up (2)")
    p.add_argument("--quick", action="store_true", help="3 s rows, 1 s warm-up, workers=1 only")
    p.add_argument("--workers", default="1,2", help="worker counts of proxy/submit rows (1,2)")
    p.add_argument("--connections", type=int, default=50, help="wrk connections (50)")
    p.add_argument("--measures", default=",".join(MEASURES), help=f"subset of {','.join(MEASURES)}")
    p.add_argument("--inflight", type=int, default=10_000, help="tasks held at once (10000)")
    p.add_argument("--inflight-delay", type=float, default=60.0, help="their upstream delay (60)")
    p.add_argument("--callbacks", type=int, default=500, help="callback tasks (500)")
    p.add_argument("--callback-rate", type=float, default=50.0, help="their submits/s (50)")
    p.add_argument("--crash-tasks", type=int, default=1000, help="tasks at the kill (1000)")
    p.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="S",
        help="before each measure, wait up to S s for the machine to be idle (0)",
    )
    p.add_argument("--write-docs", action="store_true", help="rewrite docs 'Generation'")
    args = p.parse_args(argv)
    unknown = set(args.measures.split(",")) - set(MEASURES)
    if unknown:
        p.error(f"unknown measure(s) {sorted(unknown)}")
    if args.quick:
        args.duration, args.warmup, args.workers = 3.0, 1.0, "1"
    return args


def split_only(argv: Sequence[str]) -> tuple[str, list[str]]:
    """``run.py --only codeblock|generation|scale|all`` (default codeblock) → (which, the
    other options)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--only", choices=("codeblock", "generation", "scale", "all"), default="codeblock"
    )
    known, rest = p.parse_known_args(list(argv))
    return str(known.only), rest


def shared_options(argv: Sequence[str]) -> list[str]:
    """The options of ``run.py`` that also apply to the generation and scale-out runs (for
    ``--only all``)."""
    return [a for a in argv if a in ("--quick", "--write-docs")]


def main(argv: Sequence[str] | None = None) -> int:
    from run import machine_info, raise_fd_limit  # the code-block runner's helpers

    args = parse_args(sys.argv[1:] if argv is None else argv)
    raise_fd_limit()
    wrk = ensure_wrk()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started, stamp = started_stamp()
    log = RESULTS_DIR / f"{stamp}.gen.servers.log"
    argv_shown = list(sys.argv[1:] if argv is None else argv)
    command = shlex.join([".venv/bin/python", "benchmarks/gen_run.py", *argv_shown])
    res = GenResults(started, command, machine_info(wrk), vars(args))
    print(f"generation benchmark {started}: {command}", flush=True)
    run_saved(
        res,
        lambda: run_measures(args, wrk, res, log),
        lambda: to_jsonable(res),
        RESULTS_DIR / f"{stamp}.gen.json",
        lambda: markdown(res),
        (lambda: write_docs(res)) if args.write_docs else None,
        "docs/benchmarks.md (Generation)",
    )
    return 0


if __name__ == "__main__":
    exit_with(main)
