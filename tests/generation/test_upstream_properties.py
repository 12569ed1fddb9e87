"""Properties: the normalisers never raise and always produce something the APIs accept."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from flowgate.generation.upstream import chat_image, gemini, images, video
from flowgate.generation.upstream.base import (
    STANDARD_RATIOS,
    GenerationInput,
    UpstreamError,
    parse_image_size,
)
from tests.generation.helpers import route_for

RATIO = re.compile(r"^[1-9]\d*:[1-9]\d*$")
statuses = st.one_of(
    st.text(),
    st.sampled_from(["pending", "IN_PROGRESS", "Succeeded", "video-failed", " done ", ""]),
    st.none(),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.lists(st.text()),
)
sizes = st.one_of(
    st.text(),
    st.none(),
    st.from_regex(r"\[?\d{1,6}[:xX×*：]\d{1,6}\]?", fullmatch=True),
    st.sampled_from(["[16:9]", "1024x1024", "0:5", "5x0", "Square", "[portrait]"]),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(statuses)
def test_video_state_is_always_one_of_four(raw: object) -> None:
    assert video.normalize_state(raw) in ("queued", "running", "completed", "failed")


@given(st.text())
def test_unknown_words_are_running_never_failed(raw: str) -> None:
    words = set(re.split(r"[\s_-]+", raw.strip().lower()))
    known = {"fail", "failed", "failure", "error", "errored", "canceled", "cancelled",
             "rejected", "expired", "timeout", "timed", "aborted"}  # fmt: skip
    if not words & known:
        assert video.normalize_state(raw) != "failed"


@given(st.one_of(statuses, st.from_regex(r"-?\d{1,4}(\.\d+)?\s?%?", fullmatch=True)))
def test_progress_is_none_or_within_0_100(raw: object) -> None:
    progress = video.parse_progress(raw)
    assert progress is None or (isinstance(progress, int) and 0 <= progress <= 100)


@given(sizes)
def test_image_size_parse_never_raises_and_is_valid(raw: str | None) -> None:
    size = parse_image_size(raw)
    if size is None:
        return
    assert RATIO.match(size.ratio)
    assert size.nearest() in STANDARD_RATIOS
    assert (size.width is None) == (size.height is None)
    if size.pixels is not None:
        assert size.width and size.height and size.width > 0 and size.height > 0


@given(sizes)
def test_every_api_gets_a_valid_size_field(raw: str | None) -> None:
    req = GenerationInput("m", "m", "p", "k", image_size=raw)
    chat_prompt = chat_image.build_call(req).json["messages"][0]["content"]  # type: ignore[index]
    assert chat_prompt == "p" or re.fullmatch(r"p \[[1-9]\d*:[1-9]\d*\]", chat_prompt)
    body: dict[str, Any] = images.build_call(req).json or {}
    assert set(body) - {"model", "prompt", "n"} <= {"size", "aspect_ratio"}
    assert re.fullmatch(r"[1-9]\d*x[1-9]\d*", body.get("size", "1x1"))
    openai = video.create_call(route_for("sora-2"), req).json or {}
    assert openai.get("size") in (None, "1280x720", "720x1280", "1024x1792", "1792x1024")
    unified = video.create_call(route_for("veo3"), req).json or {}
    assert RATIO.match(unified.get("aspect_ratio", "1:1"))


@given(sizes)
async def test_gemini_aspect_ratio_is_always_supported(raw: str | None) -> None:
    async def no_download(url: str) -> tuple[bytes, str]:
        raise AssertionError(url)

    call = await gemini.build_call(GenerationInput("m", "m", "p", "k", image_size=raw), no_download)
    config = (call.json or {})["generationConfig"]
    assert config.get("imageConfig", {"aspectRatio": "1:1"})["aspectRatio"] in STANDARD_RATIOS


@given(json_values)
def test_parsers_only_ever_raise_upstream_errors(value: Any) -> None:
    text = json.dumps(value)
    for parse in (chat_image.parse_response, images.parse_response, gemini.parse_response):
        with contextlib.suppress(UpstreamError):
            parse(text)
    for route in (route_for("veo3"), route_for("sora-2")):
        with contextlib.suppress(UpstreamError):
            status = video.parse_status(route, text, "http://b", "t")
            assert status.state in ("queued", "running", "completed", "failed")
            video.parse_created(text)
