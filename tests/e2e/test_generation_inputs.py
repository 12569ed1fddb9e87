"""Bad inputs get a structured 4xx (never a 500), and secrets never leave the server."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.harness import API_KEY, Receiver, Simulator, server_env, wait_terminal
from tests.servers import FlowgateServer, start_server


@pytest.mark.parametrize(
    ("raw", "code", "status"),
    [
        (b"", "invalid_request", 400),
        (b"not json", "invalid_request", 400),
        (b"[]", "invalid_request", 400),
        (b'{"prompt": "x"}', "invalid_request", 400),
        (b'{"model": "nope", "prompt": "x", "apiKey": "k"}', "invalid_request", 400),
        (b'{"model": "flux-a", "apiKey": "k"}', "invalid_request", 400),
        (b'{"model": "flux-a", "prompt": 5, "apiKey": "k"}', "invalid_request", 400),
        (
            b'{"model": "flux-a", "prompt": "x", "apiKey": "k", "taskId": "../etc/passwd"}',
            "invalid_request",
            400,
        ),
        (
            b'{"model": "flux-a", "prompt": "x", "apiKey": "k", "taskId": ""}',
            "invalid_request",
            400,
        ),
        (
            b'{"model": "flux-a", "prompt": "x", "apiKey": "k", "callbackUrl": "ftp://x.example/"}',
            "invalid_request",
            400,
        ),
        (
            b'{"model": "flux-a", "prompt": "x", "apiKey": "k", "callbackUrl": "https://u:p@x.example/"}',
            "invalid_request",
            400,
        ),
        (
            b'{"model": "flux-a", "prompt": "x", "apiKey": "k", "imageUrls": ["file:///etc/passwd"]}',
            "invalid_request",
            400,
        ),
        (
            b'{"model": "flux-a", "prompt": "x", "apiKey": "k", "imageUrls": "one"}',
            "invalid_request",
            400,
        ),
        (b'{"model": "flux-a", "prompt": "x"}', "invalid_api_key", 401),
    ],
)
@pytest.mark.parametrize("path", ["/api/generate", "/api/generate/async", "/v1/tasks"])
def test_bad_bodies_are_structured_errors(
    client: httpx.Client, raw: bytes, code: str, status: int, path: str
) -> None:
    response = client.post(path, content=raw, headers={"content-type": "application/json"})
    assert response.status_code == status, response.text
    body = response.json()
    if path.startswith("/api"):
        assert body["success"] is False and body["errorCode"] == code and body["error"]
    else:
        assert body["error"]["code"] == code and body["error"]["message"]


def test_oversized_body_is_413(client: httpx.Client) -> None:
    big = orjson.dumps({"model": "flux-a", "prompt": "x" * 2_000_000, "apiKey": "k"})
    response = client.post("/api/generate/async", content=big)
    assert response.status_code == 413 and response.json()["errorCode"] == "payload_too_large"


def test_bad_idempotency_key_header(client: httpx.Client) -> None:
    response = client.post(
        "/v1/tasks",
        json={"model": "flux-a", "prompt": "x", "apiKey": "k"},
        headers={"Idempotency-Key": "a b/c"},
    )
    assert response.status_code == 400


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
fields = st.fixed_dictionaries(
    {},
    optional={
        "model": st.sampled_from(["flux-a", "gemini", "sora_image", "veo3", ""])
        | st.text(max_size=10)
        | json_values,
        "prompt": st.text(max_size=50) | json_values,
        "apiKey": st.text(max_size=10) | json_values,
        "taskId": st.text(max_size=20) | json_values,
        "imageUrls": st.lists(st.text(max_size=30), max_size=3) | json_values,
        "imageSize": st.text(max_size=10) | json_values,
        "callbackUrl": st.text(max_size=30) | json_values,
    },
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=fields)
def test_fuzzed_bodies_never_500(client: httpx.Client, payload: dict[str, object]) -> None:
    for path in ("/api/generate/async", "/v1/tasks"):
        response = client.post(path, content=json.dumps(payload))  # stdlib: big ints too
        assert response.status_code < 500, response.text
        assert response.headers["content-type"].startswith("application/json")


@pytest.fixture(scope="module")
def guarded(sim: Simulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlowgateServer]:
    """A server with the SSRF guard ON (the default): loopback callbacks/images refused."""
    env = server_env(sim, SSRF_ALLOW_PRIVATE="false", SYNC_WAIT_SECONDS="1")
    with start_server(tmp_path_factory.mktemp("guarded"), env=env) as srv:
        yield srv


def test_guard_refuses_private_callback_and_image_urls(
    guarded: FlowgateServer, receiver: Receiver, sim: Simulator
) -> None:
    with httpx.Client(base_url=guarded.base_url, timeout=30) as c:
        # A loopback port outside 80/443: refused before anything is stored.
        response = c.post(
            "/api/generate/async",
            json={
                "model": "flux-a",
                "prompt": "x",
                "apiKey": API_KEY,
                "callbackUrl": receiver.url("/ok"),
            },
        )
        assert response.status_code == 400 and "callbackUrl" in response.json()["error"]
        # Port 80 on loopback passes the syntax check, then the address check refuses it.
        task = c.post(
            "/api/generate/async",
            json={
                "model": "flux-a",
                "prompt": "x",
                "apiKey": API_KEY,
                "callbackUrl": "http://127.0.0.1/hook",
            },
        ).json()
        wait_terminal(c, task["taskId"])
        history: list[dict[str, Any]] = []
        for _ in range(100):
            history = c.get(f"/v1/tasks/{task['taskId']}/webhooks").json()["data"]
            if history and history[0]["attempts"]:
                break
            time.sleep(0.05)
        assert history[0]["status"] == "failed" and "refused" in str(
            history[0]["attempts"][0]["error"]
        )
        # Input image on loopback (through the guard, at run time): a clear failure.
        marker = uuid.uuid4().hex
        task = c.post(
            "/api/generate/async",
            json={
                "model": "gemini",
                "prompt": marker,
                "apiKey": API_KEY,
                "imageUrls": ["http://127.0.0.1/img.png"],
            },
        ).json()
        done = wait_terminal(c, task["taskId"])
        assert done["status"] == "failed" and done["errorCode"] == "invalid_request"
        assert sim.calls(marker) == []


def test_secrets_never_leave_the_server(
    gen: FlowgateServer, client: httpx.Client, receiver: Receiver, tmp_path: Path
) -> None:
    secret_key = f"sk-leak-check-{uuid.uuid4().hex}"
    seen: list[str] = []
    for mode in ("", "[sim:reject]", "[sim:500]"):
        task = client.post(
            "/api/generate",
            json={
                "model": "flux-a",
                "prompt": f"s {mode}",
                "apiKey": secret_key,
                "callbackUrl": receiver.url("/ok"),
            },
        ).json()
        seen.append(orjson.dumps(task).decode())
        seen.append(client.get(f"/api/status/{task['taskId']}").text)
        seen.append(client.get(f"/v1/tasks/{task['taskId']}").text)
        seen.append(str([d.body for d in receiver.wait_for(task["taskId"])]))
        seen.append(client.get(f"/v1/tasks/{task['taskId']}/webhooks").text)
    bad = client.post(
        "/api/generate",
        json={"model": "flux-a", "prompt": "x", "apiKey": "sk-invalid-" + secret_key},
    )
    seen.append(bad.text)
    seen.append(client.get("/v1/tasks", params={"limit": "200"}).text)
    seen.append(client.get("/health").text)
    assert secret_key not in "\n".join(seen)
    assert secret_key not in gen.log()
    for name in ("flowgate.db", "flowgate.db-wal"):
        path = gen.log_path.parent / name
        if path.exists():
            assert secret_key.encode() not in path.read_bytes(), "keys are stored encrypted"
