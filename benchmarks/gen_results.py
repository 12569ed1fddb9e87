"""What one generation run measured (saved as ``benchmarks/results/<stamp>.gen.json``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from gen_load import ProxyRow, SubmitRow
from gen_tasks import CallbackResult, CrashResult, InflightResult


@dataclass
class GenResults:
    started_utc: str
    command: str
    machine: dict[str, Any]
    config: dict[str, Any]
    proxy: list[ProxyRow] = field(default_factory=list)
    submit: list[SubmitRow] = field(default_factory=list)
    inflight: InflightResult | None = None
    callback: CallbackResult | None = None
    crash: CrashResult | None = None
    startups: list[float] = field(default_factory=list)
    busy_before: dict[str, float] = field(default_factory=dict)  # machine cores busy
    errors: list[str] = field(default_factory=list)
    finished_utc: str = ""


def to_jsonable(res: GenResults) -> dict[str, Any]:
    data = asdict(res)
    for row, raw in zip(res.proxy, data["proxy"], strict=True):
        raw["overhead_ms"] = row.overhead_ms
    if res.inflight is not None:
        data["inflight"]["failures"] = res.inflight.failures
    return data
