"""What one run measured: configuration, machine and every figure (saved as JSON)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from loadgen import LoadResult
from measures import EngineResult, TimeLimitResult
from servers import ROOT, ServerSpec


@dataclass
class RunConfig:
    """The options of one run (from the command line)."""

    duration_s: float
    warmup_s: float
    workers: int
    wrk_threads: int
    connections: tuple[int, ...]
    servers: tuple[ServerSpec, ...]
    sequential: int
    time_limit: bool
    wait_quiet_s: float


@dataclass
class RunResults:
    """Everything one run measured; written to ``benchmarks/results/<stamp>.json``."""

    started_utc: str
    command: str
    machine: dict[str, Any]
    config: dict[str, Any]
    load: list[LoadResult] = field(default_factory=list)
    startups: dict[str, list[float]] = field(default_factory=dict)
    engine: dict[str, EngineResult] = field(default_factory=dict)
    time_limit: dict[str, TimeLimitResult] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    finished_utc: str = ""


def to_jsonable(res: RunResults) -> dict[str, Any]:
    data = asdict(res)
    for name, tl in res.time_limit.items():
        data["time_limit"][name]["all_timeout_errors"] = tl.all_timeout_errors
    return data


def save_raw(res: Any, data: Callable[[], dict[str, Any]], out: Path) -> None:
    """Stamp the end time and write the raw JSON (also after a failed run: called in finally)."""
    res.finished_utc = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    out.write_text(json.dumps(data(), indent=2, default=str) + "\n")
    print(f"raw results: {out.relative_to(ROOT)}", flush=True)


def publish(text: str, write_docs: Callable[[], None] | None, what: str) -> None:
    """Print the Markdown, and rewrite the docs section when asked."""
    print()
    print(text)
    if write_docs is not None:
        write_docs()
        print(f"updated {what}")


def started_stamp() -> tuple[str, str]:
    """The run's start (shown) and the same instant as a file-name stamp."""
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return started, started.replace(":", "")


def run_saved(
    res: Any,
    measure: Callable[[], None],
    data: Callable[[], dict[str, Any]],
    out: Path,
    text: Callable[[], str],
    write_docs: Callable[[], None] | None,
    what: str,
) -> None:
    """Run the measures, save the raw JSON whatever happens, then print/publish."""
    try:
        measure()
    finally:
        save_raw(res, data, out)
    publish(text(), write_docs, what)


def exit_with(main: Callable[[], int]) -> NoReturn:
    """A runner's `__main__`: its exit code, or 1 with the reason when setup failed."""
    from servers import BenchError

    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        sys.exit(1)
