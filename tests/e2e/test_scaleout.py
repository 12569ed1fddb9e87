"""Several real `flowgate` processes sharing one Redis: any instance answers for any task,
streams follow tasks run elsewhere, limits and dedupe hold across instances, a SIGKILLed
instance's tasks end exactly once elsewhere, and a Redis restart loses nothing."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import redis

from tests.e2e.harness import API_KEY, Receiver, Simulator, server_env, wait_terminal
from tests.redis_server import RedisProcess, drop_namespace, new_namespace, own_redis
from tests.servers import FlowgateServer, kill_hard, start_server

pytestmark = pytest.mark.slow
TERMINAL = {"completed", "failed", "canceled"}
SECRET_KEY = "e2e-shared-secret-key-0123456789abcdef"


def redis_env(sim: Simulator, url: str, namespace: str, **extra: str) -> dict[str, str]:
    settings = {"LEASE_SECONDS": "2", **extra}
    return server_env(
        sim, REDIS_URL=url, FLOWGATE_NAMESPACE=namespace, SECRET_KEY=SECRET_KEY, **settings
    )


@contextlib.contextmanager
def instances(
    tmp_path: Path, env: dict[str, str], count: int, command: str = "serve"
) -> Iterator[list[FlowgateServer]]:
    """`count` instances, each with its own DATA_DIR: Redis is all they share."""
    with contextlib.ExitStack() as stack:
        servers = []
        for i in range(count):
            data = tmp_path / f"{command}-{i}"
            data.mkdir()
            servers.append(
                stack.enter_context(start_server(data, workers=1, env=env, command=command))
            )
        yield servers


def submit(base_url: str, prompt: str, model: str = "flux-dev", **extra: Any) -> str:
    body = {"model": model, "prompt": prompt, "apiKey": API_KEY, **extra}
    response = httpx.post(f"{base_url}/api/generate/async", json=body, timeout=30)
    assert response.status_code == 200, response.text
    task_id: str = response.json()["taskId"]
    return task_id


def terminal_events(url: str, namespace: str, task_id: str) -> list[str]:
    client = redis.Redis.from_url(url)
    try:
        raw: list[bytes] = client.zrange(f"{namespace}:e:{task_id}", 0, -1)  # type: ignore[assignment]
    finally:
        client.close()
    events = [orjson.loads(item) for item in raw]
    return [e["type"] for e in events if e["type"] in TERMINAL]


def test_any_instance_answers_and_streams_a_task_run_elsewhere(
    sim: Simulator, redis_url: str, namespace: str, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    with instances(tmp_path, redis_env(sim, redis_url, namespace), 2) as (a, b):
        task = submit(a.base_url, f"{run} [sim:slow=1] [sim:b64]")
        with httpx.Client(base_url=b.base_url, timeout=30) as client:
            assert client.get(f"/api/status/{task}").json()["status"] in ("processing", "pending")
            with client.stream("GET", f"/v1/tasks/{task}/events") as stream:
                types = [
                    orjson.loads(line[5:])["event"]
                    for line in stream.iter_lines()
                    if line.startswith("data:")
                ]
            assert types[-1] == "completed" and "running" in types
            final = client.get(f"/api/status/{task}").json()
            # A binary result stored by instance A is served by instance B.
            image = client.get(final["imageUrl"].replace(a.base_url, b.base_url))
            assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
            health = client.get("/health").json()
            assert health["generation"]["backend"] == "redis"
            assert health["generation"]["namespace"] == namespace
            assert health["generation"]["reachable"] is True
        assert len(sim.calls(run)) == 1


def test_duplicate_submits_to_two_instances_reach_upstream_once(
    sim: Simulator, redis_url: str, namespace: str, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    with instances(tmp_path, redis_env(sim, redis_url, namespace), 2) as servers:
        body = {"model": "flux-dev", "prompt": f"{run} [sim:slow=0.5]", "apiKey": API_KEY}
        body["taskId"] = f"dup-{run}"

        def post(i: int) -> int:
            url = f"{servers[i % 2].base_url}/v1/tasks"
            r = httpx.post(url, json=body, headers={"Idempotency-Key": f"dup-{run}"}, timeout=30)
            return r.status_code

        with ThreadPoolExecutor(16) as pool:
            codes = list(pool.map(post, range(32)))
        assert set(codes) <= {200, 201, 202}, codes
        with httpx.Client(base_url=servers[1].base_url, timeout=30) as client:
            assert wait_terminal(client, f"dup-{run}")["status"] == "completed"
    assert len(sim.calls(run)) == 1
    assert terminal_events(redis_url, namespace, f"dup-{run}") == ["completed"]


def _peak_concurrency(calls: list[dict[str, Any]]) -> int:
    edges = sorted(
        [(c["received_at"], 1) for c in calls] + [(c["answered_at"], -1) for c in calls],
        key=lambda e: (e[0], e[1]),
    )
    peak = level = 0
    for _, step in edges:
        level += step
        peak = max(peak, level)
    return peak


def test_model_limit_holds_across_instances(
    sim: Simulator, redis_url: str, namespace: str, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    models = orjson.loads(server_env(sim)["GENERATION_MODELS"])
    models.insert(0, {"name": "flux-capped", "kind": "images", "concurrency": 2})
    env = redis_env(sim, redis_url, namespace, GENERATION_MODELS=orjson.dumps(models).decode())
    with instances(tmp_path, env, 2) as servers:
        tasks = [
            submit(servers[i % 2].base_url, f"{run}-{i} [sim:slow=0.4]", model="flux-capped")
            for i in range(8)
        ]
        with httpx.Client(base_url=servers[0].base_url, timeout=30) as client:
            finals = [wait_terminal(client, t, timeout_s=60)["status"] for t in tasks]
    assert finals == ["completed"] * 8
    calls = sim.calls(run)
    assert len(calls) == 8
    assert _peak_concurrency(calls) == 2, "2 per model across both instances, not per instance"


def test_sigkill_one_instance_and_every_task_ends_exactly_once(
    sim: Simulator, receiver: Receiver, redis_url: str, namespace: str, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    env = redis_env(sim, redis_url, namespace, MAX_RUNNING_TASKS="6")
    callback = receiver.url("/ok")
    with instances(tmp_path, env, 2) as (a, b):
        videos = [
            submit(a.base_url, f"v{i} {run} [sim:video_slow=15]", "veo3", callbackUrl=callback)
            for i in range(3)
        ]
        images = [
            submit(a.base_url, f"{run}-img{i} [sim:slow=3]", callbackUrl=callback) for i in range(3)
        ]
        queued = [submit(a.base_url, f"{run}-q{i}", callbackUrl=callback) for i in range(4)]
        deadline = time.monotonic() + 20
        while len(sim.calls(f"{run}-img")) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        kill_hard(a.process)  # mid-flight: 3 videos polling, 3 image calls open
        with httpx.Client(base_url=b.base_url, timeout=30) as client:
            finals = {t: wait_terminal(client, t, timeout_s=90) for t in videos + images + queued}
    for task_id in videos + queued:
        assert finals[task_id]["status"] == "completed", finals[task_id]
    for task_id in images:  # the call was open when A died: never sent twice
        assert finals[task_id]["status"] in ("completed", "failed"), finals[task_id]
        if finals[task_id]["status"] == "failed":
            assert finals[task_id]["errorCode"] == "upstream_ambiguous"
    for i in range(3):
        assert len(sim.calls(f"{run}-img{i} ")) == 1
    creates = [c for c in sim.calls(run) if c["method"] == "POST" and c["prompt"].startswith("v")]
    assert len(creates) == 3, "video polling resumed by upstream id, not re-created"
    for task_id in videos + images + queued:
        assert len(terminal_events(redis_url, namespace, task_id)) == 1
        deliveries = receiver.wait_for(task_id, timeout_s=20)
        assert {d.headers["webhook-id"] for d in deliveries} == {f"msg_{task_id}"}


def test_api_only_instance_and_a_separate_worker(
    sim: Simulator, redis_url: str, namespace: str, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    env = redis_env(sim, redis_url, namespace)
    api_env = {**env, "GENERATION_WORKERS": "false"}
    with (
        instances(tmp_path, api_env, 1) as (api,),
        instances(tmp_path, env, 1, command="worker") as (worker,),
        httpx.Client(base_url=api.base_url, timeout=30) as client,
    ):
        answer = client.post(
            "/api/generate", json={"model": "flux-dev", "prompt": run, "apiKey": API_KEY}
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["success"] is True and answer.json()["imageUrl"], answer.text
        assert client.get("/health").json()["generation"]["runsWorkers"] is False
        worker_health = httpx.get(f"{worker.base_url}/health", timeout=5).json()
        assert worker_health["generation"]["runsWorkers"] is True
        assert worker_health["generation"]["totalProcessed"] == 1
        assert httpx.get(f"{worker.base_url}/api/status/x", timeout=5).status_code == 404


def test_redis_restart_mid_run_loses_nothing(sim: Simulator, tmp_path: Path) -> None:
    run = uuid.uuid4().hex[:8]
    namespace = new_namespace()
    (tmp_path / "redis").mkdir()
    with own_redis(tmp_path / "redis") as server:
        env = redis_env(sim, server.url, namespace, LEASE_SECONDS="5")
        with instances(tmp_path, env, 2) as (a, b):
            before = [submit(a.base_url, f"{run}-b{i} [sim:slow=1.5]") for i in range(6)]
            before += [
                submit(b.base_url, f"{run}-v{i} [sim:video_slow=8]", "veo3") for i in range(2)
            ]
            time.sleep(0.5)
            _outage(server, a, b)
            after = [submit(b.base_url, f"{run}-a{i}") for i in range(3)]
            with httpx.Client(base_url=a.base_url, timeout=30) as client:
                finals = {t: wait_terminal(client, t, timeout_s=90) for t in before + after}
        drop_namespace(server.url, namespace)
    failed = {t: f for t, f in finals.items() if f["status"] != "completed"}
    assert not failed, [(f.get("errorCode"), f.get("error")) for f in failed.values()]


def _outage(server: RedisProcess, *apps: FlowgateServer) -> None:
    """Redis goes away for ~2 s: clear 503s meanwhile, service back when it returns."""
    server.stop()
    for app in apps:
        refused = httpx.post(
            f"{app.base_url}/api/generate/async",
            json={"model": "flux-dev", "prompt": "during outage", "apiKey": API_KEY},
            timeout=30,
        )
        assert refused.status_code == 503, refused.text
        assert refused.json()["errorCode"] == "store_unavailable"
        health = httpx.get(f"{app.base_url}/health", timeout=30)
        assert health.status_code == 503 and health.json()["generation"]["reachable"] is False
    time.sleep(1.5)
    server.start()
    ready = threading.Event()
    deadline = time.monotonic() + 20
    while not ready.is_set() and time.monotonic() < deadline:
        if all(httpx.get(f"{a.base_url}/health", timeout=5).status_code == 200 for a in apps):
            ready.set()
        time.sleep(0.1)
    assert ready.is_set(), "service did not resume after Redis came back"
