"""fetch() limits per execution (FETCH_*): requests, request/response bytes, time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.codeblock.fetch_helpers import FetchRunner, LocalServer, fetch_limits


def ok(out: dict[str, Any]) -> Any:
    assert out["success"], out
    return out["result"]


@pytest.fixture
def make_fetch_runner() -> Iterator[Any]:
    made: list[FetchRunner] = []

    def factory(**overrides: Any) -> FetchRunner:
        r = FetchRunner(fetch_limits(**overrides))
        made.append(r)
        return r

    yield factory
    for r in made:
        r.close()


def test_request_count_limit(make_fetch_runner: Any, server: LocalServer) -> None:
    runner = make_fetch_runner(fetch_max_requests=2)
    code = """
    const out = [];
    for (let i = 0; i < 3; i++) {
      try { out.push((await fetch(input.base + '/echo')).status) }
      catch (e) { out.push([e.message, e.cause.name, e.cause.code, e.cause.message]) }
    }
    return out;
    """
    out = ok(runner.run(code, {"base": server.base}))
    assert out[:2] == [200, 200]
    assert out[2][:3] == ["fetch failed", "RangeError", "ERR_FLOWGATE_FETCH_LIMIT"]
    assert "FETCH_MAX_REQUESTS (2)" in out[2][3]
    assert len(server.rec.requests) == 2
    # The count is per execution: the next one starts again.
    assert (
        ok(runner.run("return (await fetch(input.base + '/echo')).status", {"base": server.base}))
        == 200
    )


def test_response_and_request_size_limits(make_fetch_runner: Any, server: LocalServer) -> None:
    runner = make_fetch_runner(fetch_max_response_bytes=50_000, fetch_max_request_bytes=10)
    code = """
    const out = [];
    for (const [path, init] of [['/big', {}], ['/gzip', {}], ['/echo', {method: 'POST', body: 'x'.repeat(11)}],
                                ['/echo', {method: 'POST', body: 'x'.repeat(10)}]]) {
      try { out.push((await fetch(input.base + path, init)).status) }
      catch (e) { out.push([e.cause.code, e.cause.message]) }
    }
    return out;
    """
    out = ok(runner.run(code, {"base": server.base}))
    assert (
        out[0][0] == "ERR_FLOWGATE_FETCH_LIMIT" and "FETCH_MAX_RESPONSE_BYTES (50000" in out[0][1]
    )
    assert out[1][0] == "ERR_FLOWGATE_FETCH_LIMIT"  # decompressed size counts: no gzip bombs
    assert out[2][0] == "ERR_FLOWGATE_FETCH_LIMIT" and "FETCH_MAX_REQUEST_BYTES (10" in out[2][1]
    assert out[3] == 200
    assert [r["path"] for r in server.rec.requests].count("/echo") == 1


def test_per_request_timeout(make_fetch_runner: Any, server: LocalServer) -> None:
    runner = make_fetch_runner(fetch_timeout_ms=200)
    code = "try { await fetch(input.base + '/slow') } catch (e) { return [e.message, e.cause.code, e.cause.message] }"
    message, code_, cause = ok(runner.run(code, {"base": server.base}))
    assert message == "fetch failed" and code_ == "UND_ERR_HEADERS_TIMEOUT"
    assert "FETCH_TIMEOUT_MS (200 ms)" in cause


def test_execution_deadline_bounds_fetch(make_fetch_runner: Any, server: LocalServer) -> None:
    runner = make_fetch_runner(execution_timeout_ms=300, fetch_timeout_ms=60_000)
    out = runner.run("await fetch(input.base + '/slow'); return 1", {"base": server.base})
    assert not out["success"] and out["error"]["type"] == "TimeoutError"
    # The engine is fine afterwards.
    assert (
        ok(runner.run("return (await fetch(input.base + '/echo')).status", {"base": server.base}))
        == 200
    )
