"""The simulator itself: its bookkeeping endpoints, auth, request validation and delays."""

from __future__ import annotations

import base64
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from flowgate.testing.sim_core import MP4, PNG
from flowgate.testing.simulator import create_simulator
from tests.generation.helpers import KEY, SimServer, start_simulator

AUTH = {"Authorization": f"Bearer {KEY}"}
GEMINI = "/v1beta/models/gemini-2.5-flash-image-preview:generateContent"


def post(sim: SimServer, path: str, body: Any, headers: dict[str, str] = AUTH) -> httpx.Response:
    return httpx.post(sim.url + path, json=body, headers=headers, timeout=10)


def test_files_and_input_image_are_real_media(sim: SimServer) -> None:
    png = httpx.get(f"{sim.url}/files/anything.png")
    assert png.content == PNG and png.headers["content-type"] == "image/png"
    assert httpx.get(f"{sim.url}/files/clip.mp4").content == MP4
    assert httpx.get(f"{sim.url}/_sim/image.png").content.startswith(b"\x89PNG\r\n\x1a\n")
    assert sim.calls() == []


@pytest.mark.parametrize(
    ("headers", "code"),
    [({}, "missing_token"), ({"Authorization": "Bearer bad-key"}, "invalid_api_key"),
     ({"Authorization": "Bearer sk-invalid-123"}, "invalid_api_key")],
)  # fmt: skip
def test_auth_errors_use_the_aggregator_shape(
    sim: SimServer, headers: dict[str, str], code: str
) -> None:
    response = post(sim, "/v1/images/generations", {"model": "flux", "prompt": "x"}, headers)
    assert response.status_code == 401
    error = response.json()["error"]
    assert set(error) == {"message", "type", "code"} and error["code"] == code
    assert len(sim.calls()) == 1  # refused calls still count: the upstream received them


def test_gemini_accepts_the_google_key_header(sim: SimServer) -> None:
    body = {"contents": [{"parts": [{"text": "x"}]}]}
    response = post(sim, GEMINI, body, {"x-goog-api-key": KEY})
    assert response.status_code == 200
    part = response.json()["candidates"][0]["content"]["parts"][1]
    assert base64.b64decode(part["inlineData"]["data"]) == PNG


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"model": "f", "prompt": "x", "size": "big"}, "invalid size"),
        ({"model": "f", "prompt": "x", "n": 5}, "n must be"),
        ({"model": "f", "prompt": "x", "aspect_ratio": "wide"}, "invalid aspect_ratio"),
        ({"model": "f", "prompt": "x", "response_format": "gif"}, "response_format"),
        ({"model": "f", "prompt": " "}, "prompt is required"),
    ],
)
def test_images_api_validates_like_the_real_one(
    sim: SimServer, body: dict[str, Any], problem: str
) -> None:
    response = post(sim, "/v1/images/generations", body)
    assert response.status_code == 400 and problem in response.json()["error"]["message"]


def test_images_api_honours_n_and_response_format(sim: SimServer) -> None:
    body = {"model": "f", "prompt": "x", "n": 3, "response_format": "b64_json"}
    data = post(sim, "/v1/images/generations", body).json()["data"]
    assert len(data) == 3 and all(base64.b64decode(d["b64_json"]) == PNG for d in data)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"contents": []}, "contents"),
        ({"contents": [{"parts": [{"text": "x"}, {"inline_data": {"mime_type": "image/png", "data": "%%"}}]}]},
         "inline_data.data"),
        ({"contents": [{"parts": [{"text": "x"}, {"inline_data": {"mime_type": "text/plain", "data": "eA=="}}]}]},
         "MIME"),
        ({"contents": [{"parts": [{"text": "x"}]}],
          "generationConfig": {"imageConfig": {"aspectRatio": "7:3"}}}, "aspect ratio"),
    ],
)  # fmt: skip
def test_gemini_validates_inline_data_and_aspect_ratio(
    sim: SimServer, body: dict[str, Any], problem: str
) -> None:
    response = post(sim, GEMINI, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == "INVALID_ARGUMENT" and problem in error["message"]


def test_openai_video_rejects_sizes_openai_does_not_have(sim: SimServer) -> None:
    response = post(sim, "/v1/videos", {"model": "sora-2", "prompt": "x", "size": "1024x1024"})
    assert response.status_code == 400


def test_drop_closes_the_connection_mid_answer(sim: SimServer) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        post(sim, "/v1/chat/completions", {"model": "sora_image", "messages": [
            {"role": "user", "content": "x [sim:drop]"}]})  # fmt: skip


async def test_hang_is_bounded_and_global_delay_holds_calls() -> None:
    app = create_simulator(delay_s=0.3, hang_s=0.2)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sim") as client:
        started = time.monotonic()
        ok = await client.post("/v1/images/generations", json={"prompt": "x"}, headers=AUTH)
        assert ok.status_code == 200 and time.monotonic() - started >= 0.3
        hung = await client.post(
            "/v1/images/generations", json={"prompt": "x [sim:hang]"}, headers=AUTH
        )
        assert hung.status_code == 504
        polled = await client.get("/v1/video/query", params={"id": "nope"}, headers=AUTH)
        assert polled.status_code == 404  # polls are not held by the global delay
        assert len((await client.get("/_sim/calls")).json()["calls"]) == 3


def test_serve_simulator_passes_the_delay_to_its_worker(tmp_path: Path) -> None:
    with start_simulator(tmp_path, delay_s=0.5) as slow:
        started = time.monotonic()
        response = post(slow, "/v1/images/generations", {"model": "f", "prompt": "x"})
        assert response.status_code == 200 and time.monotonic() - started >= 0.5
