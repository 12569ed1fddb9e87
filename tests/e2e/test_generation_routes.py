"""Every upstream route and failure mode, end to end: client -> Flowgate (2 workers) over HTTP
-> the upstream simulator over HTTP, through the same client code used in production."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.e2e.harness import API_KEY, Simulator, wait_terminal


def tag() -> str:
    return uuid.uuid4().hex[:12]


def generate(client: httpx.Client, model: str, prompt: str, **extra: object) -> httpx.Response:
    return client.post(
        "/api/generate", json={"model": model, "prompt": prompt, "apiKey": API_KEY, **extra}
    )


@pytest.mark.parametrize(
    ("model", "mode", "upstream_path"),
    [
        ("sora_image", "", "/v1/chat/completions"),
        ("sora", "", "/v1/chat/completions"),
        ("flux-schnell", "", "/v1/images/generations"),
        ("flux-kontext-pro", "[sim:b64]", "/v1/images/generations"),
        ("gemini", "", "/v1beta/models/gemini-2.5-flash-image-preview:generateContent"),
        ("gemini", "[sim:snake]", "/v1beta/models/gemini-2.5-flash-image-preview:generateContent"),
        (
            "gemini",
            "[sim:text_url]",
            "/v1beta/models/gemini-2.5-flash-image-preview:generateContent",
        ),
        (
            "gemini-3-pro-image-preview",
            "[sim:text_data_url]",
            "/v1beta/models/gemini-3-pro-image-preview:generateContent",
        ),
    ],
)
def test_image_routes_return_a_downloadable_image(
    client: httpx.Client, sim: Simulator, model: str, mode: str, upstream_path: str
) -> None:
    marker = tag()
    response = generate(client, model, f"a lighthouse {marker} {mode}", imageSize="[16:9]")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is True and body["taskId"]
    image = httpx.get(body["imageUrl"], timeout=10)
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    calls = sim.calls(marker)
    assert [c["path"] for c in calls] == [upstream_path]


def test_binary_results_are_stored_and_served_by_flowgate(
    client: httpx.Client, gen: object
) -> None:
    body = generate(client, "flux-dev", f"b64 {tag()} [sim:b64]").json()
    assert body["imageUrl"].startswith(client.base_url.join("/results/").__str__())
    assert client.get("/results/..%2Fflowgate.db").status_code == 404


def test_input_images_reach_gemini_as_inline_data(client: httpx.Client, sim: Simulator) -> None:
    marker = tag()
    url = f"{sim.base_url}/_sim/image.png"
    response = generate(client, "gemini", f"edit {marker}", imageUrls=[url])
    assert response.status_code == 200, response.text
    (call,) = sim.calls(marker)
    assert "inline" in str(call["detail"]).lower() or call["detail"], call


@pytest.mark.parametrize(
    ("model", "mode"),
    [
        ("sora-2", ""),
        ("sora-2", "[sim:video_no_url]"),
        ("veo3", "[sim:video_unknown]"),
        ("veo3-fast", "[sim:poll_error_once]"),
    ],
)
def test_video_routes_create_once_then_poll_to_completion(
    client: httpx.Client, sim: Simulator, model: str, mode: str
) -> None:
    marker = tag()
    response = generate(client, model, f"a wave {marker} {mode}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["videoUrl"]
    creates = [c for c in sim.calls(marker) if c["method"] == "POST"]
    assert len(creates) == 1
    status = client.get(f"/api/status/{body['taskId']}").json()
    assert status["status"] == "completed" and status["progress"] == 100
    video = httpx.get(body["videoUrl"], timeout=10)  # no key needed: clients never get it
    assert video.status_code == 200 and b"ftyp" in video.content[:16]
    if "no_url" in mode:
        assert body["videoUrl"].startswith(str(client.base_url)), (
            "fetched with the key, served by us"
        )


@pytest.mark.parametrize(
    ("model", "mode", "status", "code"),
    [
        ("sora_image", "[sim:reject]", 422, "content_rejected"),
        ("flux-schnell", "[sim:reject]", 422, "content_rejected"),
        ("gemini", "[sim:block]", 422, "content_rejected"),
        ("gemini", "[sim:image_safety]", 422, "content_rejected"),
        ("gemini", "[sim:no_image]", 502, "no_image"),
        ("sora_image", "[sim:no_image]", 502, "no_image"),
        ("flux-schnell", "[sim:500]", 502, "upstream_error"),
        ("sora_image", "[sim:garbage]", 502, "upstream_error"),
        ("sora_image", "[sim:drop]", 502, "upstream_ambiguous"),
        ("flux-schnell", "[sim:503]", 502, "upstream_unavailable"),
        ("veo3", "[sim:video_fail]", 502, "upstream_error"),
    ],
)
def test_failures_are_normalised(
    client: httpx.Client, sim: Simulator, model: str, mode: str, status: int, code: str
) -> None:
    marker = tag()
    response = generate(client, model, f"x {marker} {mode}")
    body = response.json()
    assert response.status_code == status, body
    assert body["success"] is False and body["errorCode"] == code and body["error"]
    native = client.get(f"/v1/tasks/{body['taskId']}").json()
    assert native["status"] == "failed" and native["error"]["code"] == code
    if code in ("content_rejected", "upstream_error"):
        assert native["error"]["upstreamRaw"], "the upstream's own text is kept for support"


def test_ambiguous_outcomes_are_not_retried(client: httpx.Client, sim: Simulator) -> None:
    marker = tag()
    body = generate(client, "sora_image", f"x {marker} [sim:drop]").json()
    assert body["errorCode"] == "upstream_ambiguous"
    assert len(sim.calls(marker)) == 1


def test_a_model_can_opt_into_retrying_ambiguous_outcomes(
    client: httpx.Client, sim: Simulator
) -> None:
    marker = tag()
    body = generate(client, "flux-retrying-1", f"x {marker} [sim:drop_once]").json()
    assert body["success"] is True, body
    assert len(sim.calls(marker)) == 2


@pytest.mark.parametrize("mode", ["[sim:429_once]", "[sim:503_once]", "[sim:no_image_once]"])
def test_retryable_failures_are_retried_once_and_succeed(
    client: httpx.Client, sim: Simulator, mode: str
) -> None:
    marker = tag()
    model = "gemini" if "no_image" in mode else "flux-schnell"
    body = generate(client, model, f"x {marker} {mode}").json()
    assert body["success"] is True, body
    assert len(sim.calls(marker)) == 2
    assert client.get(f"/api/status/{body['taskId']}").json()["attempts"] == 2


def test_upstream_rejecting_the_key_is_a_401(client: httpx.Client) -> None:
    response = client.post(
        "/api/generate", json={"model": "flux-schnell", "prompt": "x", "apiKey": "sk-invalid-1"}
    )
    assert response.status_code == 401 and response.json()["errorCode"] == "invalid_api_key"


def test_async_submit_then_poll_until_done(client: httpx.Client) -> None:
    response = client.post(
        "/api/generate/async",
        json={"model": "flux-schnell", "prompt": f"slow {tag()} [sim:slow=1]", "apiKey": API_KEY},
    )
    task_id = response.json()["taskId"]
    assert response.json() == {"success": True, "taskId": task_id, "message": "Generation started"}
    queued = client.get(f"/api/status/{task_id}").json()
    assert (
        queued["status"] in ("queued", "processing", "running") or queued["status"] == "completed"
    )
    done = wait_terminal(client, task_id)
    assert done["success"] is True and done["imageUrl"] and done["model"] == "flux-schnell"
    assert set(done) >= {
        "success",
        "status",
        "taskId",
        "imageUrl",
        "model",
        "createdAt",
        "updatedAt",
        "attempts",
    }


def test_deadline_fails_the_task_with_timeout(client: httpx.Client) -> None:
    body = generate(client, "flux-short-1", f"x {tag()} [sim:slow=5]").json()
    assert body["errorCode"] == "timeout"
