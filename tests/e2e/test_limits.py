"""Operations: the bounded queue answers 429 + Retry-After, per-model concurrency holds, and
the server's own upstream key serves requests that carry none."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Iterator
from datetime import datetime

import httpx
import orjson
import pytest

from tests.e2e.harness import API_KEY, TEST_MODELS, Simulator, server_env, wait_terminal
from tests.servers import FlowgateServer, start_server

ONE_AT_A_TIME = orjson.dumps(
    [{"name": "flux-serial-*", "kind": "images", "concurrency": 1}, *orjson.loads(TEST_MODELS)]
).decode()


@pytest.fixture(scope="module")
def tight(sim: Simulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlowgateServer]:
    env = server_env(
        sim,
        MAX_RUNNING_TASKS="2",
        MAX_QUEUED_TASKS="3",
        GENERATION_MODELS=ONE_AT_A_TIME,
        UPSTREAM_API_KEY="sk-server-side-key",
    )
    with start_server(tmp_path_factory.mktemp("tight"), env=env) as srv:
        yield srv


def test_full_queue_is_429_with_retry_after(tight: FlowgateServer) -> None:
    run = uuid.uuid4().hex[:8]
    with httpx.Client(base_url=tight.base_url, timeout=30) as c:
        answers = [
            c.post(
                "/api/generate/async",
                json={"model": "flux-a", "prompt": f"{run} {i} [sim:slow=2]", "apiKey": API_KEY},
            )
            for i in range(8)
        ]
        codes = [a.status_code for a in answers]
        assert codes[:5] == [200] * 5, codes
        refused = [a for a in answers if a.status_code == 429]
        assert refused, codes
        assert refused[0].headers["retry-after"].isdigit()
        assert refused[0].json()["errorCode"] == "queue_full"
        accepted = [a.json()["taskId"] for a in answers if a.status_code == 200]
        for task_id in accepted:
            assert wait_terminal(c, task_id, timeout_s=60)["status"] == "completed"


def test_per_model_concurrency_limit(tight: FlowgateServer, sim: Simulator) -> None:
    run = uuid.uuid4().hex[:8]
    with httpx.Client(base_url=tight.base_url, timeout=30) as c:
        ids = [
            c.post(
                "/api/generate/async",
                json={
                    "model": "flux-serial-1",
                    "prompt": f"{run} {i} [sim:slow=0.4]",
                    "apiKey": API_KEY,
                },
            ).json()["taskId"]
            for i in range(3)
        ]
        for task_id in ids:
            assert wait_terminal(c, task_id)["status"] == "completed"
        finished = [c.get(f"/v1/tasks/{t}").json() for t in ids]
    assert len(sim.calls(run)) == 3
    # One call at a time, each held 0.4 s upstream: finishes are at least ~0.4 s apart.
    done = sorted(datetime.fromisoformat(f["finishedAt"]).timestamp() for f in finished)
    assert all(b - a >= 0.35 for a, b in itertools.pairwise(done)), done


def test_server_key_is_used_when_the_request_has_none(tight: FlowgateServer) -> None:
    with httpx.Client(base_url=tight.base_url, timeout=30) as c:
        response = c.post("/api/generate", json={"model": "gemini", "prompt": f"{time.time()}"})
        assert response.status_code == 200 and response.json()["success"] is True
