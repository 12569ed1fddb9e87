"""Crash and restart on the same DATA_DIR: nothing lost, nothing sent upstream twice beyond
the retry policy. The server is a real process tree, killed with SIGKILL (no goodbye)."""

from __future__ import annotations

import signal
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.e2e.harness import API_KEY, Simulator, server_env, wait_terminal
from tests.servers import kill_hard, start_server

pytestmark = pytest.mark.slow


def _submit(client: httpx.Client, model: str, prompt: str) -> str:
    response = client.post(
        "/api/generate/async", json={"model": model, "prompt": prompt, "apiKey": API_KEY}
    )
    assert response.status_code == 200, response.text
    task_id: str = response.json()["taskId"]
    return task_id


def _wait(predicate: object, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached")


def test_sigkill_then_restart_loses_nothing_and_duplicates_nothing(
    sim: Simulator, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    env = server_env(sim, MAX_RUNNING_TASKS="8")
    with start_server(tmp_path, workers=1, env=env, log_name="first.log") as first:
        with httpx.Client(base_url=first.base_url, timeout=30) as c:
            videos = [_submit(c, "veo3", f"v{i} {run} [sim:video_slow=40]") for i in range(3)]
            _wait(lambda: all(c.get(f"/v1/tasks/{t}").json()["upstreamTaskId"] for t in videos))
            images = [_submit(c, "flux-dev", f"i{i} {run}-img{i} [sim:slow=5]") for i in range(10)]
            _wait(lambda: len(sim.calls(f"{run}-img")) >= 5)
            time.sleep(0.3)
            in_flight = {t for i, t in enumerate(images) if sim.calls(f"{run}-img{i} ")}
            assert len(in_flight) == 5, "8 slots: 3 videos polling + 5 image calls, 5 queued"
        kill_hard(first.process)

    with (
        start_server(tmp_path, workers=2, env=env, log_name="second.log") as second,
        httpx.Client(base_url=second.base_url, timeout=30) as c,
    ):
        finals = {t: wait_terminal(c, t, timeout_s=60) for t in videos + images}
    assert len(finals) == 13, "every task is still there"
    for task_id in videos:
        assert finals[task_id]["status"] == "completed", finals[task_id]
    creates = [c for c in sim.calls(run) if c["method"] == "POST" and c["prompt"].startswith("v")]
    assert len(creates) == 3, "video polling resumed; no second upstream task was created"
    for i, task_id in enumerate(images):
        calls = sim.calls(f"{run}-img{i} ")
        assert len(calls) == 1, (task_id, calls)
        if task_id in in_flight:
            assert finals[task_id]["errorCode"] == "upstream_ambiguous", finals[task_id]
        else:
            assert finals[task_id]["status"] == "completed", finals[task_id]


def test_graceful_shutdown_finishes_in_flight_calls_and_leaves_the_queue(
    sim: Simulator, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    env = server_env(sim, MAX_RUNNING_TASKS="2", SHUTDOWN_GRACE_SECONDS="10")
    with start_server(tmp_path, workers=1, env=env, log_name="first.log") as first:
        with httpx.Client(base_url=first.base_url, timeout=30) as c:
            tasks = [_submit(c, "flux-dev", f"g{i} {run}-g{i} [sim:slow=1.5]") for i in range(5)]
            _wait(lambda: len(sim.calls(f"{run}-g")) >= 2)
        first.process.send_signal(signal.SIGTERM)
        first.process.wait(timeout=30)
    called_before_restart = len(sim.calls(f"{run}-g"))
    assert called_before_restart >= 2
    with (
        start_server(tmp_path, workers=1, env=env, log_name="second.log") as second,
        httpx.Client(base_url=second.base_url, timeout=30) as c,
    ):
        finals = [wait_terminal(c, t, timeout_s=60) for t in tasks]
    assert [f["status"] for f in finals] == ["completed"] * 5, finals
    for i in range(5):
        assert len(sim.calls(f"{run}-g{i} ")) == 1
