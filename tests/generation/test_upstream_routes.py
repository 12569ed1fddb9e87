"""Every image route end to end: UpstreamClient → real HTTP → the simulator's wire formats."""

from __future__ import annotations

import base64

import httpx
import pytest

from flowgate.generation.upstream.base import ErrorCode, ImageResult, Phase, UpstreamError
from flowgate.generation.upstream.client import UpstreamClient
from flowgate.testing.sim_core import PNG
from tests.generation.helpers import SimServer, make_input, route_for

CHAT = "/v1/chat/completions"
IMAGES = "/v1/images/generations"
GEMINI = "/v1beta/models/gemini-2.5-flash-image-preview:generateContent"


async def generate(
    upstream: UpstreamClient,
    model: str,
    prompt: str,
    *,
    image_urls: tuple[str, ...] = (),
    image_size: str | None = None,
) -> ImageResult:
    req = make_input(model, prompt, image_urls=image_urls, image_size=image_size)
    return await upstream.generate_image(route_for(model), req)


async def expect_error(
    upstream: UpstreamClient, model: str, prompt: str, *, image_urls: tuple[str, ...] = ()
) -> UpstreamError:
    with pytest.raises(UpstreamError) as info:
        await generate(upstream, model, prompt, image_urls=image_urls)
    return info.value


# --- chat style (sora_image) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "ratio"), [("[16:9]", "16:9"), ("1024x1024", "1:1"), (None, None)]
)
async def test_chat_image_url_from_markdown_and_size_in_prompt(
    upstream: UpstreamClient,
    sim: SimServer,
    http: httpx.AsyncClient,
    size: str | None,
    ratio: str | None,
) -> None:
    result = await upstream.generate_image(
        route_for("sora_image"), make_input("sora_image", "a red fox", image_size=size)
    )
    assert result.url is not None and result.url.startswith(f"{sim.url}/files/")
    assert result.data is None
    assert (await http.get(result.url)).content == PNG  # the URL really serves an image
    [call] = sim.calls()
    assert call["path"] == CHAT and call["model"] == "sora_image"
    assert call["detail"]["ratio"] == ratio
    assert call["prompt"] == ("a red fox" if ratio is None else f"a red fox [{ratio}]")


async def test_chat_image_sends_input_images_as_content_parts(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    urls = (f"{sim.url}/_sim/image.png", "https://example.com/b.jpg")
    result = await upstream.generate_image(
        route_for("sora"), make_input("sora", "blend these", image_urls=urls)
    )
    assert result.url is not None
    [call] = sim.calls(CHAT)
    assert call["detail"]["images"] == list(urls) and call["prompt"] == "blend these"


async def test_chat_image_content_failure_is_terminal_with_reason(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    error = await expect_error(upstream, "sora_image", "nsfw thing [sim:reject]")
    assert error.code is ErrorCode.CONTENT_REJECTED and error.phase is Phase.TERMINAL
    assert "input_moderation" in error.message
    assert error.raw is not None and "生成失败" in error.raw
    assert len(sim.calls()) == 1


async def test_chat_image_without_image_is_terminal_no_image(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    error = await expect_error(upstream, "sora_image", "x [sim:no_image]")
    assert error.code is ErrorCode.NO_IMAGE and error.phase is Phase.TERMINAL


# --- images API (flux-*) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "field", "value"),
    [("1024x1024", "size", "1024x1024"), ("[16:9]", "aspect_ratio", "16:9"), ("bogus", None, None)],
)
async def test_images_url_result_and_size_mapping(
    upstream: UpstreamClient, sim: SimServer, size: str, field: str | None, value: str | None
) -> None:
    result = await generate(upstream, "flux-schnell", "a lighthouse", image_size=size)
    assert result.url is not None and result.url.startswith(f"{sim.url}/files/flux_")
    [call] = sim.calls(IMAGES)
    assert call["model"] == "flux-schnell" and call["detail"]["n"] == 1
    for name in ("size", "aspect_ratio"):
        assert call["detail"][name] == (value if name == field else None)


async def test_images_b64_json_result_is_bytes(upstream: UpstreamClient, sim: SimServer) -> None:
    result = await upstream.generate_image(
        route_for("flux-kontext-pro"), make_input("flux-kontext-pro", "a cat [sim:b64]")
    )
    assert result.url is None and result.data == PNG and result.mime_type == "image/png"
    assert sim.calls()[0]["model"] == "flux-kontext-pro"


async def test_images_put_input_image_urls_first_in_the_prompt(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    url = f"{sim.url}/_sim/image.png"
    await generate(upstream, "flux-kontext-pro", "add glasses", image_urls=(url,))
    assert sim.calls(IMAGES)[0]["prompt"] == f"{url} add glasses"


@pytest.mark.parametrize(
    ("prompt", "code"),
    [("bad [sim:reject]", ErrorCode.CONTENT_REJECTED), ("x [sim:no_image]", ErrorCode.NO_IMAGE)],
)
async def test_images_failures_are_terminal(
    upstream: UpstreamClient, sim: SimServer, prompt: str, code: ErrorCode
) -> None:
    error = await expect_error(upstream, "flux-schnell", prompt)
    assert error.code is code and error.phase is Phase.TERMINAL
    assert len(sim.calls()) == 1


# --- Gemini --------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["", "[sim:snake]", "[sim:text_data_url]"])
async def test_gemini_inline_and_data_url_images_are_bytes(
    upstream: UpstreamClient, sim: SimServer, mode: str
) -> None:
    result = await generate(upstream, "gemini", f"a robot {mode}")
    assert result.data == PNG and result.url is None
    [call] = sim.calls()
    assert call["path"] == GEMINI and call["model"] == "gemini-2.5-flash-image-preview"


async def test_gemini_url_in_text_part(upstream: UpstreamClient, sim: SimServer) -> None:
    result = await generate(upstream, "gemini-3-pro-image-preview", "x [sim:text_url]")
    assert result.url is not None and result.url.startswith(f"{sim.url}/files/gem_")
    assert sim.calls()[0]["path"] == "/v1beta/models/gemini-3-pro-image-preview:generateContent"


@pytest.mark.parametrize(
    ("size", "ratio"),
    [("[16:9]", "16:9"), ("9:16", "9:16"), ("1024x1024", "1:1"), ("1920x1080", "16:9"),
     ("7:3", "21:9"), ("nonsense", None)],
)  # fmt: skip
async def test_gemini_aspect_ratio_mapping(
    upstream: UpstreamClient, sim: SimServer, size: str, ratio: str | None
) -> None:
    await generate(upstream, "gemini", "a boat", image_size=size)
    assert sim.calls()[0]["detail"]["aspect_ratio"] == ratio


async def test_gemini_downloads_input_urls_and_decodes_data_urls(
    upstream: UpstreamClient, sim: SimServer, downloads: list[str]
) -> None:
    url = f"{sim.url}/_sim/image.png"
    data_url = "data:image/png;base64," + base64.b64encode(PNG).decode()
    await generate(upstream, "gemini", "merge", image_urls=(url, data_url))
    assert downloads == [url]  # only the http URL goes through the caller's (guarded) fetch
    detail = sim.calls()[0]["detail"]
    assert detail["images"] == 2 and detail["mime_types"] == ["image/png", "image/png"]


@pytest.mark.parametrize(
    "image_url", ["data:image/png;base64,@@not-base64@@", "http://127.0.0.1:9/nothing.png"]
)
async def test_gemini_bad_input_image_fails_before_any_upstream_call(
    upstream: UpstreamClient, sim: SimServer, image_url: str
) -> None:
    error = await expect_error(upstream, "gemini", "x", image_urls=(image_url,))
    assert error.code is ErrorCode.INVALID_REQUEST and error.phase is Phase.TERMINAL
    assert "imageUrls[0]" in error.message
    assert sim.calls() == []


@pytest.mark.parametrize(
    ("prompt", "code", "phase"),
    [
        ("x [sim:block]", ErrorCode.CONTENT_REJECTED, Phase.TERMINAL),
        ("x [sim:image_safety]", ErrorCode.CONTENT_REJECTED, Phase.TERMINAL),
        ("x [sim:no_image]", ErrorCode.NO_IMAGE, Phase.RETRY_ONCE),
        ("x [sim:text_only]", ErrorCode.NO_IMAGE, Phase.TERMINAL),
    ],
)
async def test_gemini_refusals(
    upstream: UpstreamClient, sim: SimServer, prompt: str, code: ErrorCode, phase: Phase
) -> None:
    error = await expect_error(upstream, "gemini", prompt)
    assert (error.code, error.phase) == (code, phase)
    assert error.raw is not None


async def test_gemini_no_image_once_then_the_retry_succeeds(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    prompt = "a kite [sim:no_image_once]"
    error = await expect_error(upstream, "gemini", prompt)
    assert error.phase is Phase.RETRY_ONCE
    result = await generate(upstream, "gemini", prompt)
    assert result.data == PNG
    assert len(sim.calls()) == 2
