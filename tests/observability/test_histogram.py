from __future__ import annotations

import random

from flowgate.observability.histogram import Histogram


def test_percentiles_are_within_a_bucket_of_the_exact_value() -> None:
    rng = random.Random(7)
    values = [rng.lognormvariate(0, 1.5) for _ in range(20000)]
    h = Histogram()
    for v in values:
        h.record(v)
    values.sort()
    for q in (50, 90, 99):
        exact = values[int(q / 100 * len(values)) - 1]
        assert abs(h.percentile(q) - exact) / exact < 0.09, q
    assert h.summary()["max"] == round(max(values), 4)


def test_merging_workers_equals_one_histogram() -> None:
    a, b, both = Histogram(), Histogram(), Histogram()
    for i in range(1, 500):
        (a if i % 2 else b).record(i / 10)
        both.record(i / 10)
    merged = Histogram.merged([a.to_dict(), b.to_dict()])
    assert merged.buckets == both.buckets and merged.count == both.count
    assert merged.summary() == both.summary()


def test_empty_histogram() -> None:
    assert Histogram().summary()["p99"] == 0.0
