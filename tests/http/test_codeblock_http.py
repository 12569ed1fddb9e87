"""The code-block API over real HTTP against `flowgate serve` processes on loopback."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.servers import FlowgateServer, start_server


def b64(code: str) -> str:
    return base64.b64encode(code.encode()).decode()


def post(server: FlowgateServer, path: str, body: Any, **kw: Any) -> httpx.Response:
    return httpx.post(server.base_url + path, json=body, timeout=30, **kw)


@pytest.mark.parametrize("path", ["/flow/codeblock", "/execute"])
def test_both_routes_answer_the_seed_request(server: FlowgateServer, path: str) -> None:
    body = {
        "input": {"name": "World", "count": 5},
        "codebase64": "cmV0dXJuICJIZWxsbyAiICsgaW5wdXQubmFtZTs=",
    }
    response = post(server, path, body)
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is True and data["result"] == "Hello World"
    assert set(data["timing"]) == {"executionTime", "totalTime"}
    assert data["timing"]["totalTime"] >= data["timing"]["executionTime"] > 0
    assert len(data["executionId"]) == 16 and data["timestamp"].endswith("Z")
    assert response.headers["content-type"] == "application/json"
    assert len(response.headers["x-request-id"]) == 16


def test_plain_code_field_and_debug_console(server: FlowgateServer) -> None:
    data = post(
        server, "/execute", {"input": {}, "code": "console.log('hi'); return 1", "debug": True}
    ).json()
    assert data["result"] == 1 and data["console"] == [{"level": "log", "message": "hi"}]


def test_client_request_id_is_reused(server: FlowgateServer) -> None:
    response = post(
        server, "/execute", {"input": {}, "code": "return 1"}, headers={"X-Request-ID": "abc-123"}
    )
    assert response.headers["x-request-id"] == "abc-123"
    weird = post(
        server,
        "/execute",
        {"input": {}, "code": "return 1"},
        headers={"X-Request-ID": "bad id " + "x" * 200},
    )
    assert len(weird.headers["x-request-id"]) == 16


@pytest.mark.parametrize(
    ("body", "status", "error_type"),
    [
        ({"input": {}, "code": "null.x"}, 400, "TypeError"),
        ({"input": {}, "code": "x +;"}, 400, "SyntaxError"),
        ({"input": {}, "code": "throw new Error('e')"}, 400, "RuntimeError"),
        ({"input": {}, "code": "require('fs')"}, 400, "SecurityError"),
        ({"input": {}, "code": "function f(){return f()} f()"}, 400, "StackOverflowError"),
        ({"input": {}, "code": "const x = 1"}, 400, "ValidationError"),
        ({"input": {}, "codebase64": "***"}, 400, "ValidationError"),
        ({"input": {}, "codebase64": b64("return 1"), "code": "return 2"}, 400, "ValidationError"),
        ({"input": [1], "code": "return 1"}, 400, "ValidationError"),
        ({"input": None, "code": "return 1"}, 400, "ValidationError"),
        ({"code": "return 1"}, 400, "ValidationError"),
        ({"input": {}}, 400, "ValidationError"),
        ({"input": {}, "code": ""}, 400, "ValidationError"),
        ({"input": {}, "code": 5}, 400, "ValidationError"),
        ({"input": {}, "code": "return 1", "debug": "yes"}, 400, "ValidationError"),
        (
            {"input": {}, "codebase64": base64.b64encode(b"\xff\xfe").decode()},
            400,
            "ValidationError",
        ),
    ],
)
def test_error_table_over_http(
    server: FlowgateServer, body: Any, status: int, error_type: str
) -> None:
    response = post(server, "/execute", body)
    assert response.status_code == status
    data = response.json()
    assert data["success"] is False
    assert data["error"]["type"] == error_type
    assert data["error"]["message"]


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"{",
        b"[]",
        b"null",
        b'{"input": {}, "code": "return 1"',
        b"\xff\xfe{}",
        b'"str"',
    ],
)
def test_malformed_bodies_are_validation_errors(server: FlowgateServer, raw: bytes) -> None:
    response = httpx.post(server.base_url + "/execute", content=raw, timeout=10)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "ValidationError"


def test_oversized_body_is_refused_before_parsing(server: FlowgateServer) -> None:
    big = b'{"input": {"s": "' + b"x" * (6 * 1024 * 1024) + b'"}, "code": "return 1"}'
    response = httpx.post(server.base_url + "/execute", content=big, timeout=30)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "ValidationError"


def test_unknown_route_and_method_are_structured(server: FlowgateServer) -> None:
    missing = httpx.get(server.base_url + "/nope")
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "NotFound"
    wrong = httpx.get(server.base_url + "/execute")
    assert wrong.status_code == 405 and wrong.json()["error"]["type"] == "MethodNotAllowed"


def test_health_limits_and_stats(server: FlowgateServer) -> None:
    health = httpx.get(server.base_url + "/health").json()
    assert health["status"] == "healthy" and "codeblock" in health["services"]
    assert health["codeblock"]["engine"].startswith("quickjs-ng")
    limits = httpx.get(server.base_url + "/flow/limits").json()
    assert limits["limits"]["execution_timeout_ms"] == {
        "value": 5000,
        "env": "EXECUTION_TIMEOUT_MS",
        "description": limits["limits"]["execution_timeout_ms"]["description"],
    }
    assert {v["env"] for v in limits["limits"].values()} >= {
        "MAX_CODE_LENGTH",
        "MAX_INPUT_SIZE",
        "MAX_RESULT_SIZE",
        "MAX_CONCURRENT_EXECUTIONS",
        "RUNTIME_POOL_SIZE",
        "MEMORY_LIMIT_MB",
        "MAX_STACK_KB",
        "CONCURRENCY_WAIT_MS",
        "ALLOW_EVAL",
        "MAX_CONSOLE_BYTES",
    }
    for path in ["/stats", "/flow/status"]:
        stats = httpx.get(server.base_url + path).json()
        assert stats["totalExecutions"] >= 0
        assert set(stats["latencyMs"]) == {"executionTime", "totalTime"}
        assert stats["memory"]["workers"] >= 1


def test_stats_count_across_workers(tmp_path: Path) -> None:
    with start_server(tmp_path, workers=2) as srv:
        for _ in range(40):
            post(srv, "/execute", {"input": {}, "code": "return 1"})
        for _ in range(10):
            post(srv, "/execute", {"input": {}, "code": "null.x"})
        import time

        time.sleep(1.5)  # each worker publishes its counters about once a second
        stats = httpx.get(srv.base_url + "/stats").json()
        assert stats["totalExecutions"] == 50
        assert stats["successfulExecutions"] == 40
        assert stats["errorsByType"] == {"TypeError": 10}
        assert stats["memory"]["workers"] == 2


async def test_hundreds_of_parallel_requests(server: FlowgateServer) -> None:
    limits = httpx.Limits(max_connections=300)
    async with httpx.AsyncClient(base_url=server.base_url, limits=limits, timeout=60) as client:

        async def one(i: int) -> tuple[int, Any]:
            code = "await new Promise(r => setTimeout(r, input.i % 7)); return input.i * 2"
            r = await client.post("/execute", json={"input": {"i": i}, "code": code})
            return r.status_code, r.json().get("result")

        results = await asyncio.gather(*(one(i) for i in range(400)))
    assert results == [(200, i * 2) for i in range(400)]


async def test_overload_is_a_503_with_retry_after(tmp_path: Path) -> None:
    env = {"MAX_CONCURRENT_EXECUTIONS": "2", "CONCURRENCY_WAIT_MS": "50"}
    with start_server(tmp_path, workers=1, env=env) as srv:
        async with httpx.AsyncClient(base_url=srv.base_url, timeout=30) as client:
            slow = {"input": {}, "code": "await new Promise(r => setTimeout(r, 800)); return 1"}
            responses = await asyncio.gather(
                *(client.post("/execute", json=slow) for _ in range(8))
            )
            ok = [r for r in responses if r.status_code == 200]
            rejected = [r for r in responses if r.status_code == 503]
            assert len(ok) == 2 and len(rejected) == 6
            for r in rejected:
                assert r.headers["retry-after"] == "1"
                assert r.json()["error"]["type"] == "ConcurrencyError"
            # The server is healthy and serves again once slots free up.
            after = await client.post("/execute", json={"input": {}, "code": "return 7"})
            assert after.json()["result"] == 7


def test_timeout_does_not_disturb_other_requests(tmp_path: Path) -> None:
    with start_server(tmp_path, workers=1, env={"EXECUTION_TIMEOUT_MS": "500"}) as srv:

        async def scenario() -> tuple[httpx.Response, list[httpx.Response]]:
            async with httpx.AsyncClient(base_url=srv.base_url, timeout=30) as client:
                loop = client.post("/execute", json={"input": {}, "code": "while(true){}"})
                quick = [
                    client.post("/execute", json={"input": {"v": i}, "code": "return input.v"})
                    for i in range(30)
                ]
                first, *rest = await asyncio.gather(loop, *quick)
                return first, rest

        looping, quick = asyncio.run(scenario())
        assert looping.json()["error"]["type"] == "TimeoutError"
        assert [r.json()["result"] for r in quick] == list(range(30))
