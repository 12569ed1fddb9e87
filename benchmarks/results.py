"""What one run measured: configuration, machine and every figure (saved as JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from loadgen import LoadResult
from measures import EngineResult, TimeLimitResult
from servers import ServerSpec


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
