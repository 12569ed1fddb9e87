"""Execution statistics for `/stats`: totals, errors by type, latency percentiles, pool, memory."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import psutil

from flowgate.observability.histogram import Histogram

SNAPSHOT = "codeblock-stats"


class ExecutionStats:
    """One worker's counters; `snapshot()` is what it publishes, `merge()` sums workers."""

    def __init__(self) -> None:
        self.started = time.time()
        self.total = 0
        self.succeeded = 0
        self.errors: Counter[str] = Counter()
        self.execution = Histogram()
        self.request = Histogram()
        self._process = psutil.Process()

    def record(
        self, *, error_type: str | None, execution_ms: float | None, total_ms: float
    ) -> None:
        self.total += 1
        if error_type is None:
            self.succeeded += 1
        else:
            self.errors[error_type] += 1
        if execution_ms is not None:
            self.execution.record(execution_ms)
        self.request.record(total_ms)

    def snapshot(self, pool: dict[str, int], in_flight: int) -> dict[str, Any]:
        return {
            "started": self.started,
            "total": self.total,
            "succeeded": self.succeeded,
            "errors": dict(self.errors),
            "execution": self.execution.to_dict(),
            "request": self.request.to_dict(),
            "pool": pool,
            "in_flight": in_flight,
            "rss": self._process.memory_info().rss,
        }

    @staticmethod
    def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
        total = sum(p["total"] for p in parts)
        succeeded = sum(p["succeeded"] for p in parts)
        errors: Counter[str] = Counter()
        pool: Counter[str] = Counter()
        for p in parts:
            errors.update(p["errors"])
            pool.update(p["pool"])
        return {
            "totalExecutions": total,
            "successfulExecutions": succeeded,
            "failedExecutions": total - succeeded,
            "successRate": round(succeeded / total * 100, 2) if total else 100.0,
            "errorsByType": dict(sorted(errors.items())),
            "latencyMs": {
                "executionTime": Histogram.merged(p["execution"] for p in parts).summary(),
                "totalTime": Histogram.merged(p["request"] for p in parts).summary(),
            },
            "inFlight": sum(p["in_flight"] for p in parts),
            "contextPool": dict(pool),
            "memory": {
                "rssMB": round(sum(p["rss"] for p in parts) / 2**20, 1),
                "workers": len(parts),
            },
            "uptimeSeconds": round(time.time() - min(p["started"] for p in parts), 1),
        }
