"""Gemini image models: `POST /v1beta/models/{model}:generateContent` (Google's wire format).

Input images must travel as base64 `inline_data`, never as URLs (the Go version sent URLs and
Gemini ignored them). They are fetched through the caller's `download` (the SSRF guard);
`data:` URLs are decoded locally without a fetch.

Answers vary by gateway: `inlineData`/`mimeType` (Google's JSON) or `inline_data`/`mime_type`
(proto field names), or the image as a URL / data URL inside a text part. Refusals:
`promptFeedback.blockReason` and `finishReason` `IMAGE_*`/`SAFETY`-like are terminal
`content_rejected`; `finishReason: NO_IMAGE` is worth exactly one more attempt (`RETRY_ONCE`).
"""

from __future__ import annotations

import base64
import binascii
import urllib.parse
from collections.abc import Awaitable, Callable
from typing import Any

from flowgate.generation.upstream.base import (
    ErrorCode,
    GenerationInput,
    ImageResult,
    Phase,
    UpstreamCall,
    UpstreamError,
    body_error,
    decode_data_url,
    decode_json,
    find_image_in_text,
    parse_image_size,
    redact,
    sniff_image_mime,
)

Download = Callable[[str], Awaitable[tuple[bytes, str]]]

_REFUSALS = {"SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION"}


async def build_call(req: GenerationInput, download: Download) -> UpstreamCall:
    parts: list[dict[str, Any]] = [{"text": req.prompt}]
    for index, url in enumerate(req.image_urls):
        data, mime = await _load_image(index, url, download)
        parts.append(
            {"inline_data": {"mime_type": mime, "data": base64.b64encode(data).decode("ascii")}}
        )
    config: dict[str, Any] = {"responseModalities": ["TEXT", "IMAGE"]}
    size = parse_image_size(req.image_size)
    if size is not None:
        config["imageConfig"] = {"aspectRatio": size.nearest()}
    body = {"contents": [{"role": "user", "parts": parts}], "generationConfig": config}
    model = urllib.parse.quote(req.upstream_model, safe="")
    return UpstreamCall("POST", f"/v1beta/models/{model}:generateContent", json=body)


async def _load_image(index: int, url: str, download: Download) -> tuple[bytes, str]:
    """Nothing has been sent upstream yet, so a bad input image is the client's error."""
    if url.startswith("data:"):
        decoded = decode_data_url(url)
        if decoded is None:
            raise UpstreamError(
                ErrorCode.INVALID_REQUEST, f"imageUrls[{index}] is not a valid data: URL"
            )
        return decoded
    try:
        data, mime = await download(url)
    except UpstreamError:
        raise
    except Exception as exc:
        raise UpstreamError(
            ErrorCode.INVALID_REQUEST,
            f"could not fetch imageUrls[{index}]: {redact(str(exc), limit=200)}",
        ) from exc
    mime = mime.split(";")[0].strip().lower()
    return data, mime if mime.startswith("image/") else sniff_image_mime(data)


def parse_response(text: str) -> ImageResult:
    obj = decode_json(text, "generateContent")
    if not isinstance(obj, dict):
        raise UpstreamError(ErrorCode.UPSTREAM_ERROR, "unexpected answer", raw=redact(text))
    message = body_error(obj)
    if message is not None:
        raise UpstreamError(
            ErrorCode.UPSTREAM_ERROR,
            f"the upstream reported an error: {redact(message, limit=300)}",
            raw=redact(text),
        )
    feedback = _get(obj, "promptFeedback", "prompt_feedback")
    block = _get(feedback, "blockReason", "block_reason") if isinstance(feedback, dict) else None
    if block:
        raise UpstreamError(
            ErrorCode.CONTENT_REJECTED, f"the prompt was blocked ({block})", raw=redact(text)
        )
    candidates = obj.get("candidates")
    candidates = candidates if isinstance(candidates, list) else []
    prose: list[str] = []
    for candidate in candidates:
        found = _image_in_candidate(candidate, prose) if isinstance(candidate, dict) else None
        if found is not None:
            return found
    raise _no_image(candidates, prose, text)


def _image_in_candidate(candidate: dict[str, Any], prose: list[str]) -> ImageResult | None:
    """Inline image parts win; text parts are searched for a URL only if there are none."""
    content = candidate.get("content")
    parts = content.get("parts") if isinstance(content, dict) else None
    parts = [p for p in parts if isinstance(p, dict)] if isinstance(parts, list) else []
    for part in parts:
        inline = _get(part, "inlineData", "inline_data")
        if isinstance(inline, dict) and isinstance(inline.get("data"), str) and inline["data"]:
            try:
                data = base64.b64decode(inline["data"], validate=True)
            except (ValueError, binascii.Error):
                continue
            mime = _get(inline, "mimeType", "mime_type")
            ok = isinstance(mime, str) and mime.startswith("image/")
            return ImageResult(data=data, mime_type=mime if ok else sniff_image_mime(data))
    for part in parts:
        if isinstance(part.get("text"), str):
            prose.append(part["text"])
            found = find_image_in_text(part["text"])
            if found is not None:
                return found
    return None


def _no_image(candidates: list[Any], prose: list[str], text: str) -> UpstreamError:
    reasons = [
        str(_get(c, "finishReason", "finish_reason") or "")
        for c in candidates
        if isinstance(c, dict)
    ]
    said = f": {redact(' '.join(prose), limit=300)}" if prose else ""
    for reason in reasons:
        if reason.startswith("IMAGE_") or reason in _REFUSALS:
            return UpstreamError(
                ErrorCode.CONTENT_REJECTED,
                f"the image was refused ({reason}){said}",
                raw=redact(text),
            )
    if "NO_IMAGE" in reasons:
        return UpstreamError(
            ErrorCode.NO_IMAGE,
            f"the model produced no image (NO_IMAGE){said}",
            phase=Phase.RETRY_ONCE,
            raw=redact(text),
        )
    return UpstreamError(
        ErrorCode.NO_IMAGE, f"the model answered without an image{said}", raw=redact(text)
    )


def _get(obj: Any, camel: str, snake: str) -> Any:
    if not isinstance(obj, dict):
        return None
    value = obj.get(camel)
    return value if value is not None else obj.get(snake)
