"""A mergeable log-bucket latency histogram.

Percentiles must be reported across every worker process, so each worker's
histogram is published and summed; fixed logarithmic buckets (8 % wide) make
the sum exact and keep memory constant whatever the request rate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

_GROWTH = 1.08
_LOG_GROWTH = math.log(_GROWTH)
_MIN_US = 1.0


def _bucket(ms: float) -> int:
    us = max(ms * 1000.0, _MIN_US)
    return int(math.log(us) / _LOG_GROWTH)


def _bucket_value_ms(index: int) -> float:
    """Geometric middle of the bucket, in milliseconds."""
    return float(_GROWTH ** (index + 0.5)) / 1000.0


class Histogram:
    """Counts per bucket plus exact count, sum and max."""

    __slots__ = ("buckets", "count", "max_ms", "total_ms")

    def __init__(self) -> None:
        self.buckets: dict[int, int] = {}
        self.count = 0
        self.total_ms = 0.0
        self.max_ms = 0.0

    def record(self, ms: float) -> None:
        b = _bucket(ms)
        self.buckets[b] = self.buckets.get(b, 0) + 1
        self.count += 1
        self.total_ms += ms
        if ms > self.max_ms:
            self.max_ms = ms

    def to_dict(self) -> dict[str, object]:
        return {
            "buckets": {str(k): v for k, v in self.buckets.items()},
            "count": self.count,
            "total_ms": self.total_ms,
            "max_ms": self.max_ms,
        }

    @classmethod
    def merged(cls, parts: Iterable[Mapping[str, object]]) -> Histogram:
        out = cls()
        for part in parts:
            buckets = part.get("buckets", {})
            assert isinstance(buckets, dict)
            for key, value in buckets.items():
                out.buckets[int(key)] = out.buckets.get(int(key), 0) + int(value)
            out.count += int(str(part.get("count", 0)))
            out.total_ms += float(str(part.get("total_ms", 0.0)))
            out.max_ms = max(out.max_ms, float(str(part.get("max_ms", 0.0))))
        return out

    def percentile(self, q: float) -> float:
        if not self.count:
            return 0.0
        rank = q / 100.0 * self.count
        seen = 0
        for index in sorted(self.buckets):
            seen += self.buckets[index]
            if seen >= rank:
                return min(_bucket_value_ms(index), self.max_ms)
        return self.max_ms

    def summary(self) -> dict[str, float]:
        mean = self.total_ms / self.count if self.count else 0.0
        return {
            "count": self.count,
            "mean": round(mean, 4),
            "p50": round(self.percentile(50), 4),
            "p90": round(self.percentile(90), 4),
            "p99": round(self.percentile(99), 4),
            "max": round(self.max_ms, 4),
        }
