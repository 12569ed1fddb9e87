"""Answer shapes seen from other gateways/backends that the simulator does not emit."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from flowgate.generation.upstream import chat_image, gemini, images, video
from flowgate.generation.upstream.base import (
    ErrorCode,
    Phase,
    UpstreamError,
    decode_data_url,
    find_image_in_text,
    redact,
)
from flowgate.testing.sim_core import PNG
from tests.generation.helpers import route_for

B64 = base64.b64encode(PNG).decode()


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def error_of(fn: Any, *args: Any) -> UpstreamError:
    with pytest.raises(UpstreamError) as info:
        fn(*args)
    return info.value


def chat(content: Any) -> str:
    return dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})


def test_chat_content_as_a_list_of_parts() -> None:
    parts = [
        {"type": "text", "text": "done"},
        {"type": "image_url", "image_url": {"url": "https://c.test/i.webp"}},
    ]
    assert chat_image.parse_response(chat(parts)).url == "https://c.test/i.webp"


def test_chat_failure_in_plain_text_and_colon_variants() -> None:
    plain = error_of(chat_image.parse_response, "❌ 生成失败\n失败原因: too many people")
    assert plain.code is ErrorCode.CONTENT_REJECTED and "too many people" in plain.message
    bare = error_of(chat_image.parse_response, chat("生成失败"))
    assert bare.code is ErrorCode.CONTENT_REJECTED and "no reason given" in bare.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (dumps({"error": {"message": "quota"}}), ErrorCode.UPSTREAM_ERROR),
        (dumps({"choices": []}), ErrorCode.NO_IMAGE),
        (chat("a bare link https://c.test/page"), ErrorCode.NO_IMAGE),
        ("not json at all", ErrorCode.UPSTREAM_ERROR),
    ],
)
def test_chat_answers_without_an_image(text: str, code: ErrorCode) -> None:
    assert error_of(chat_image.parse_response, text).code is code


def test_chat_bare_image_url_and_plain_link_are_found() -> None:
    assert chat_image.parse_response(chat("see https://c.test/x.JPG?sig=1 ok")).url == (
        "https://c.test/x.JPG?sig=1"
    )
    assert chat_image.parse_response(chat("[下载](https://c.test/dl/123)")).url == (
        "https://c.test/dl/123"
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"data": [{"b64_json": "@@@"}]}, ErrorCode.UPSTREAM_ERROR),
        ({"data": [{"revised_prompt": "x"}]}, ErrorCode.NO_IMAGE),
        ({"data": ["oops"]}, ErrorCode.NO_IMAGE),
        ({"error": {"message": "prompt flagged as nsfw"}}, ErrorCode.CONTENT_REJECTED),
        ({"error": "overloaded"}, ErrorCode.UPSTREAM_ERROR),
        ([1, 2], ErrorCode.NO_IMAGE),
    ],
)
def test_images_odd_answers(body: Any, code: ErrorCode) -> None:
    assert error_of(images.parse_response, dumps(body)).code is code


def candidate(parts: list[Any], finish: str = "STOP") -> str:
    return dumps({"candidates": [{"content": {"parts": parts}, "finishReason": finish}]})


def test_gemini_skips_bad_inline_data_and_sniffs_a_missing_mime() -> None:
    result = gemini.parse_response(
        candidate([{"inlineData": {"data": "@@@"}}, {"inline_data": {"data": B64}}])
    )
    assert result.data == PNG and result.mime_type == "image/png"


@pytest.mark.parametrize(
    ("text", "code", "phase"),
    [
        (dumps({"prompt_feedback": {"block_reason": "OTHER"}}), ErrorCode.CONTENT_REJECTED, Phase.TERMINAL),
        (candidate([], "SAFETY"), ErrorCode.CONTENT_REJECTED, Phase.TERMINAL),
        (candidate([{"text": "no"}], "IMAGE_PROHIBITED_CONTENT"), ErrorCode.CONTENT_REJECTED, Phase.TERMINAL),
        (dumps({"candidates": [{"finish_reason": "NO_IMAGE"}]}), ErrorCode.NO_IMAGE, Phase.RETRY_ONCE),
        (dumps({"candidates": []}), ErrorCode.NO_IMAGE, Phase.TERMINAL),
        (dumps({"error": {"code": 400, "message": "bad", "status": "INVALID_ARGUMENT"}}),
         ErrorCode.UPSTREAM_ERROR, Phase.TERMINAL),
        (dumps(["x"]), ErrorCode.UPSTREAM_ERROR, Phase.TERMINAL),
    ],
)  # fmt: skip
def test_gemini_refusals_and_empties(text: str, code: ErrorCode, phase: Phase) -> None:
    error = error_of(gemini.parse_response, text)
    assert (error.code, error.phase) == (code, phase)


def test_video_created_ids_in_other_places() -> None:
    assert video.parse_created(dumps({"data": {"task_id": 123}})) == "123"
    assert video.parse_created(dumps({"task_id": "t-9"})) == "t-9"
    error = error_of(video.parse_created, dumps({"error": {"message": "no credit"}}))
    assert error.code is ErrorCode.UPSTREAM_ERROR and "no credit" in error.message


def test_video_status_nested_shapes() -> None:
    unified = route_for("veo3")
    nested = dumps(
        {
            "data": {"status": "SUCCESS", "progress": "100%"},
            "detail": {"video_url": "https://v.test/a.mp4"},
        }
    )
    done = video.parse_status(unified, nested, "http://b", "t")
    assert (done.state, done.url, done.progress) == ("completed", "https://v.test/a.mp4", 100)
    listed = dumps({"status": "done", "output": [{"url": "https://v.test/b.mp4"}]})
    assert video.parse_status(unified, listed, "http://b", "t").url == "https://v.test/b.mp4"
    no_url = video.parse_status(unified, dumps({"status": "completed"}), "http://b", "t")
    assert no_url.state == "running" and no_url.extra == {"note": "completed without a URL"}
    odd = video.parse_status(unified, dumps(["queued"]), "http://b", "t")
    assert odd.state == "running"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"status": "failed", "error": {"message": "nsfw"}}, "nsfw"),
        ({"status": "error", "fail_reason": "timeout upstream"}, "timeout upstream"),
        ({"status": "FAILED", "data": {"failure_reason": "x"}}, "x"),
        ({"status": "cancelled"}, "the upstream reported the video task as failed"),
    ],
)
def test_video_failure_reasons(body: dict[str, Any], reason: str) -> None:
    status = video.parse_status(route_for("sora-2"), dumps(body), "http://b", "t")
    assert (status.state, status.error) == ("failed", reason)


def test_data_urls_and_text_images() -> None:
    assert decode_data_url("data:,hello") == (b"hello", "image/png")
    assert decode_data_url(f"data:image/png;base64,{B64}") == (PNG, "image/png")
    assert decode_data_url("data:image/png;base64,") is None
    assert decode_data_url("http://x") is None
    found = find_image_in_text(f"look data:image/png;base64,{B64} there")
    assert found is not None and found.data == PNG
    assert find_image_in_text("![x](relative.png) nothing absolute") is None


def test_redact_masks_keys() -> None:
    assert redact("key sk-abcdef123456 here", "zzz") == "key sk-*** here"
    assert redact("secret=abc", "abc") == "secret=***"
    assert len(redact("x" * 5000)) == 2000
