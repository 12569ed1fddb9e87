"""Video routes end to end: create once, poll to a terminal state, both wire styles."""

from __future__ import annotations

import httpx
import pytest

from flowgate.generation.models import ModelRoute
from flowgate.generation.upstream.base import ErrorCode, Phase, UpstreamError, VideoStatus
from flowgate.generation.upstream.client import UpstreamClient
from flowgate.testing.sim_core import MP4
from tests.generation.helpers import KEY, SimServer, make_input, route_for


async def run_video(
    upstream: UpstreamClient,
    model: str,
    prompt: str,
    *,
    image_size: str | None = None,
    image_urls: tuple[str, ...] = (),
) -> tuple[str, list[VideoStatus]]:
    """Create, then poll until a terminal state (or give up after 12 polls)."""
    route = route_for(model)
    req = make_input(model, prompt, image_size=image_size, image_urls=image_urls)
    upstream_id = await upstream.create_video(route, req)
    seen: list[VideoStatus] = []
    for _ in range(12):
        seen.append(await upstream.poll_video(route, upstream_id, KEY))
        if seen[-1].state in ("completed", "failed"):
            break
    return upstream_id, seen


async def test_unified_video_completes_with_a_downloadable_url(
    upstream: UpstreamClient, sim: SimServer, http: httpx.AsyncClient
) -> None:
    urls = (f"{sim.url}/_sim/image.png",)
    task_id, seen = await run_video(
        upstream, "veo3-fast", "a wave", image_size="[16:9]", image_urls=urls
    )
    assert task_id.startswith("veo3-fast:task_")  # ids with ':' survive the query string
    assert [s.state for s in seen] == ["queued", "queued", "completed"]  # pending, queued
    assert [s.progress for s in seen] == [33, 66, 100]
    assert seen[-1].url is not None and (await http.get(seen[-1].url)).content == MP4
    create, *polls = sim.calls()
    assert create["path"] == "/v1/video/create" and create["model"] == "veo3-fast"
    assert create["detail"]["aspect_ratio"] == "16:9" and create["detail"]["images"] == list(urls)
    assert [p["path"] for p in polls] == ["/v1/video/query"] * 3
    assert all(p["detail"]["id"] == task_id for p in polls)


async def test_unified_status_synonyms_all_normalise(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    _, seen = await run_video(upstream, "veo3", "slow one [sim:video_slow=5]")
    assert [s.state for s in seen] == [
        "queued",
        "queued",
        "running",
        "running",
        "running",
        "completed",
    ]
    assert seen[-1].url is not None


async def test_unknown_or_empty_status_never_fails_the_task(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    _, seen = await run_video(upstream, "veo3", "odd states [sim:video_unknown]")
    assert [s.state for s in seen] == ["running", "running", "running", "completed"]


@pytest.mark.parametrize("model", ["veo3", "sora-2"])
async def test_failed_video_reports_the_reason(
    upstream: UpstreamClient, sim: SimServer, model: str
) -> None:
    _, seen = await run_video(upstream, model, "bad [sim:video_fail]")
    assert seen[-1].state == "failed"
    assert seen[-1].error is not None and "moderation" in seen[-1].error


@pytest.mark.parametrize(
    ("size", "sent"),
    [("[16:9]", "1280x720"), ("9:16", "720x1280"), ("1792x1024", "1792x1024"),
     ("1920x1080", "1280x720"), ("1:1", None), (None, None)],
)  # fmt: skip
async def test_openai_video_lifecycle_and_size_mapping(
    upstream: UpstreamClient, sim: SimServer, size: str | None, sent: str | None
) -> None:
    task_id, seen = await run_video(upstream, "sora-2", "a dog", image_size=size)
    assert task_id.startswith("video_")
    assert [s.state for s in seen] == ["queued", "running", "completed"]
    assert seen[-1].url == f"{sim.url}/files/{task_id}.mp4" and seen[-1].extra == {}
    create = sim.calls("/v1/videos")[0]
    assert create["detail"]["size"] == sent
    assert len(sim.calls(f"/v1/videos/{task_id}")) == 3


async def test_openai_video_input_reference(upstream: UpstreamClient, sim: SimServer) -> None:
    url = f"{sim.url}/_sim/image.png"
    await run_video(upstream, "sora-2-pro", "animate", image_urls=(url, "https://x.test/2.png"))
    assert sim.calls("/v1/videos")[0]["detail"]["images"] == url


async def test_openai_video_without_url_points_at_the_authenticated_content(
    upstream: UpstreamClient, sim: SimServer, http: httpx.AsyncClient
) -> None:
    task_id, seen = await run_video(upstream, "sora-2", "no url [sim:video_no_url]")
    done = seen[-1]
    assert done.state == "completed" and done.extra == {"download_auth": "bearer"}
    assert done.url == f"{sim.url}/v1/videos/{task_id}/content"
    assert (await http.get(done.url)).status_code == 401  # needs the upstream key
    fetched = await http.get(done.url, headers={"Authorization": f"Bearer {KEY}"})
    assert fetched.content == MP4


@pytest.mark.parametrize("model", ["veo3", "sora-2"])
async def test_a_failed_poll_is_retryable_and_the_next_poll_works(
    upstream: UpstreamClient, sim: SimServer, model: str
) -> None:
    route = route_for(model)
    task_id = await upstream.create_video(route, make_input(model, "x [sim:poll_error_once]"))
    with pytest.raises(UpstreamError) as info:
        await upstream.poll_video(route, task_id, KEY)
    assert info.value.phase is Phase.PRE_ACCEPTANCE and info.value.status == 500
    assert (await upstream.poll_video(route, task_id, KEY)).state in ("queued", "running")


@pytest.mark.parametrize(
    ("route", "key", "code"),
    [
        (route_for("veo3"), KEY, ErrorCode.INVALID_REQUEST),
        (route_for("sora-2"), KEY, ErrorCode.INVALID_REQUEST),
        (route_for("veo3"), "bad-key", ErrorCode.INVALID_API_KEY),
    ],
)
async def test_poll_of_unknown_task_or_with_a_bad_key_is_terminal(
    upstream: UpstreamClient, sim: SimServer, route: ModelRoute, key: str, code: ErrorCode
) -> None:
    with pytest.raises(UpstreamError) as info:
        await upstream.poll_video(route, "no-such-task", key)
    assert info.value.code is code and info.value.phase is Phase.TERMINAL


async def test_video_calls_on_image_routes_and_images_on_video_routes_are_refused(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    with pytest.raises(UpstreamError) as info:
        await upstream.create_video(route_for("gemini"), make_input("gemini", "x"))
    assert info.value.code is ErrorCode.INVALID_REQUEST
    with pytest.raises(UpstreamError) as info:
        await upstream.generate_image(route_for("veo3"), make_input("veo3", "x"))
    assert info.value.code is ErrorCode.INVALID_REQUEST
    assert sim.calls() == []
