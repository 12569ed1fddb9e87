"""The native API end to end: idempotency, listing, cancel, event streams, callbacks."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
import uuid
from typing import Any

import httpx
import orjson
import pytest
import websockets

from tests.e2e.harness import API_KEY, Receiver, Simulator, wait_terminal
from tests.servers import FlowgateServer


def tag() -> str:
    return uuid.uuid4().hex[:12]


def body(prompt: str, model: str = "flux-schnell", **extra: object) -> dict[str, object]:
    return {"model": model, "prompt": prompt, "apiKey": API_KEY, **extra}


def test_idempotency_key_returns_the_same_task_and_conflicts_on_a_new_body(
    client: httpx.Client, sim: Simulator
) -> None:
    key, marker = f"idem-{tag()}", tag()
    first = client.post("/v1/tasks", json=body(marker), headers={"Idempotency-Key": key})
    second = client.post("/v1/tasks", json=body(marker), headers={"Idempotency-Key": key})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"] == key
    assert first.headers["location"] == f"/v1/tasks/{key}"
    conflict = client.post("/v1/tasks", json=body("other"), headers={"Idempotency-Key": key})
    assert (
        conflict.status_code == 409 and conflict.json()["error"]["code"] == "idempotency_conflict"
    )
    wait_terminal(client, key)
    assert len(sim.calls(marker)) == 1


def test_concurrent_duplicate_submits_call_upstream_once(
    gen: FlowgateServer, sim: Simulator
) -> None:
    task_id, marker = f"dup-{tag()}", tag()
    payload = body(f"{marker} [sim:slow=0.5]", taskId=task_id)

    def submit(i: int) -> httpx.Response:
        path = "/api/generate" if i % 2 else "/api/generate/async"
        return httpx.post(gen.base_url + path, json=payload, timeout=30)

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        responses = list(pool.map(submit, range(32)))
    assert all(r.status_code == 200 for r in responses), [r.text for r in responses]
    assert {r.json()["taskId"] for r in responses} == {task_id}
    assert len(sim.calls(marker)) == 1


def test_compat_task_id_reuse_returns_the_existing_task(
    client: httpx.Client, sim: Simulator
) -> None:
    task_id, marker = f"c-{tag()}", tag()
    one = client.post("/api/generate", json=body(marker, taskId=task_id)).json()
    two = client.post("/api/generate", json=body(marker + " changed", taskId=task_id)).json()
    assert one["taskId"] == two["taskId"] == task_id and two["success"] is True
    assert len(sim.calls(marker)) == 1


def test_list_filters_by_status_and_model_and_paginates(client: httpx.Client) -> None:
    model = f"flux-list-{tag()}"
    ids = {client.post("/v1/tasks", json=body(f"l{i}", model=model)).json()["id"] for i in range(5)}
    for task_id in ids:
        wait_terminal(client, task_id)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"model": "flux-schnell", "status": "completed", "limit": "2"}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/tasks", params=params).json()
        seen += [t["id"] for t in page["data"]]
        assert all(t["status"] == "completed" for t in page["data"])
        cursor = page["nextCursor"]
        if not cursor:
            break
    assert ids <= set(seen) and len(seen) == len(set(seen))
    for bad in ({"status": "bogus"}, {"limit": "0"}, {"limit": "x"}, {"cursor": "@@"}):
        response = client.get("/v1/tasks", params=bad)
        assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_request"


def test_cancel_a_running_task(client: httpx.Client) -> None:
    task = client.post("/v1/tasks", json=body(f"{tag()} [sim:slow=30]")).json()
    response = client.post(f"/v1/tasks/{task['id']}/cancel")
    assert response.status_code in (200, 202)
    done = wait_terminal(client, task["id"], timeout_s=10)
    assert done["status"] == "canceled" and done["errorCode"] == "canceled"
    again = client.post(f"/v1/tasks/{task['id']}/cancel")
    assert again.status_code == 200 and again.json()["status"] == "canceled"
    assert client.post("/v1/tasks/nope-404/cancel").status_code == 404


def test_sse_stream_reports_every_change_and_closes(client: httpx.Client) -> None:
    task = client.post("/v1/tasks", json=body(f"{tag()}", model="veo3")).json()
    events: list[dict[str, Any]] = []
    with client.stream("GET", f"/v1/tasks/{task['id']}/events", timeout=30) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("data: "):
                events.append(orjson.loads(line[6:]))
    kinds = [e["event"] for e in events]
    assert kinds[0] == "queued" and kinds[-1] == "completed"
    assert "upstream_accepted" in kinds and "progress" in kinds
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    last = events[-1]["task"]
    assert isinstance(last, dict) and last["result"]["videoUrl"]
    # Resume after an event: only what came later is sent.
    with client.stream(
        "GET", f"/v1/tasks/{task['id']}/events", headers={"Last-Event-ID": str(events[-2]["seq"])}
    ) as stream:
        resumed = [orjson.loads(x[6:]) for x in stream.iter_lines() if x.startswith("data: ")]
    assert [e["event"] for e in resumed] == ["completed"]
    assert client.get("/v1/tasks/unknown-task/events").status_code == 404


def test_websocket_twin(gen: FlowgateServer, client: httpx.Client) -> None:
    task = client.post("/v1/tasks", json=body(f"{tag()} [sim:slow=0.3]")).json()

    async def read_all() -> list[dict[str, object]]:
        url = gen.base_url.replace("http", "ws") + f"/v1/tasks/{task['id']}/ws"
        async with websockets.connect(url) as ws:
            return [orjson.loads(m) async for m in ws]

    messages = asyncio.run(read_all())
    assert messages[-1]["event"] == "completed" and messages[0]["event"] == "queued"


def recorded_history(client: httpx.Client, task_id: str, attempts: int = 1) -> list[dict[str, Any]]:
    """The webhook history once its first attempt is recorded (that commit follows the
    receiver's answer, so it can trail the delivery the receiver saw)."""
    deadline = time.monotonic() + 10
    while True:
        history: list[dict[str, Any]] = client.get(f"/v1/tasks/{task_id}/webhooks").json()["data"]
        if (history and len(history[0]["attempts"]) >= attempts) or time.monotonic() > deadline:
            return history
        time.sleep(0.05)


def test_signed_callback_is_delivered(client: httpx.Client, receiver: Receiver) -> None:
    parent = f"parent-{tag()}"
    task = client.post(
        "/api/generate", json=body(tag(), callbackUrl=receiver.url("/ok"), parentTaskId=parent)
    ).json()
    (delivery,) = receiver.wait_for(task["taskId"])
    payload = delivery.json()
    assert payload == {
        "taskId": task["taskId"],
        "parentTaskId": parent,
        "status": "completed",
        "imageUrl": task["imageUrl"],
    }
    assert delivery.headers["webhook-id"] == f"msg_{task['taskId']}"
    history = recorded_history(client, task["taskId"])
    assert history[0]["status"] == "completed" and history[0]["attempts"][0]["statusCode"] == 200


def test_failed_task_callback_carries_the_error(client: httpx.Client, receiver: Receiver) -> None:
    task = client.post(
        "/api/generate", json=body(f"{tag()} [sim:reject]", callbackUrl=receiver.url("/ok"))
    ).json()
    (delivery,) = receiver.wait_for(task["taskId"])
    assert (
        delivery.json()["status"] == "failed" and delivery.json()["errorCode"] == "content_rejected"
    )


def test_failed_delivery_is_retried_and_recorded(client: httpx.Client, receiver: Receiver) -> None:
    task = client.post("/api/generate", json=body(tag(), callbackUrl=receiver.url("/flaky"))).json()
    deliveries = receiver.wait_for(task["taskId"], count=2, timeout_s=20)
    assert deliveries[0].headers["webhook-id"] == deliveries[1].headers["webhook-id"]
    history = recorded_history(client, task["taskId"], attempts=2)
    attempts = history[0]["attempts"]
    assert [a["statusCode"] for a in attempts] == [500, 200]
    assert "receiver-says-hi" not in str(history), "the receiver's body is never echoed"


def test_redirect_counts_as_a_failed_attempt(client: httpx.Client, receiver: Receiver) -> None:
    task = client.post(
        "/api/generate", json=body(tag(), callbackUrl=receiver.url("/redirect"))
    ).json()
    receiver.wait_for(task["taskId"])
    history = recorded_history(client, task["taskId"])
    first = history[0]["attempts"][0]
    assert first["statusCode"] == 302 and "redirect" in first["error"]
    assert history[0]["status"] == "pending" and history[0]["nextAttemptAt"]
    assert not [d for d in receiver.for_task(task["taskId"]) if d.path == "/ok"]


def test_replay_delivers_again_with_the_same_webhook_id(
    client: httpx.Client, receiver: Receiver
) -> None:
    task = client.post("/api/generate", json=body(tag(), callbackUrl=receiver.url("/ok"))).json()
    receiver.wait_for(task["taskId"])
    replay = client.post(f"/v1/tasks/{task['taskId']}/webhooks/replay")
    assert replay.status_code == 202
    first, second = receiver.wait_for(task["taskId"], count=2)
    assert first.headers["webhook-id"] == second.headers["webhook-id"] and first.body == second.body
    no_hook = client.post("/api/generate", json=body(tag())).json()
    assert client.post(f"/v1/tasks/{no_hook['taskId']}/webhooks/replay").status_code == 409


def test_openapi_and_models(client: httpx.Client) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1") and "/v1/tasks/{taskId}/events" in doc["paths"]
    assert "GenerateRequest" in doc["components"]["schemas"]
    names = [m["name"] for m in client.get("/v1/models").json()["data"]]
    assert "sora_image" in names and "gemini" in names


@pytest.mark.parametrize("path", ["/api/status/{id}", "/v1/tasks/{id}"])
def test_unknown_tasks_are_404(client: httpx.Client, path: str) -> None:
    response = client.get(path.format(id="does-not-exist"))
    assert response.status_code == 404
    if path.startswith("/api"):
        assert response.json() == {
            "success": False,
            "status": "not_found",
            "error": "Task not found",
            "errorCode": "not_found",
        }
