"""Image-API models (`flux-*`): `POST /v1/images/generations`, OpenAI images shape.

The answer is `{"created", "data": [{"url"} | {"b64_json"}]}`; we take `data[0]`. `b64_json`
bytes are returned as data for the result store (the Go version dropped them: never again).

Input images: the aggregator's Flux routes read reference image URLs from the *start of the
prompt* (its documented convention for `flux-kontext-*`), so they are prefixed there.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from flowgate.generation.upstream.base import (
    ErrorCode,
    GenerationInput,
    ImageResult,
    UpstreamCall,
    UpstreamError,
    body_error,
    decode_json,
    parse_image_size,
    redact,
    sniff_image_mime,
)

_POLICY_RE = re.compile(r"content[_ ]policy|moderation|safety|nsfw|flagged", re.I)


def build_call(req: GenerationInput) -> UpstreamCall:
    """`size` for pixel sizes, `aspect_ratio` for ratios: the API accepts either."""
    prompt = req.prompt
    if req.image_urls:
        prompt = " ".join((*req.image_urls, prompt))
    body: dict[str, Any] = {"model": req.upstream_model, "prompt": prompt, "n": 1}
    size = parse_image_size(req.image_size)
    if size is not None and size.pixels:
        body["size"] = size.pixels
    elif size is not None:
        body["aspect_ratio"] = size.ratio
    return UpstreamCall("POST", "/v1/images/generations", json=body)


def parse_response(text: str) -> ImageResult:
    obj = decode_json(text, "the image generation")
    data = obj.get("data") if isinstance(obj, dict) else None
    if not isinstance(data, list) or not data:
        message = body_error(obj)
        if message is not None:
            code = ErrorCode.CONTENT_REJECTED if _POLICY_RE.search(message) else None
            raise UpstreamError(
                code or ErrorCode.UPSTREAM_ERROR,
                f"the upstream reported an error: {redact(message, limit=300)}",
                raw=redact(text),
            )
        raise UpstreamError(ErrorCode.NO_IMAGE, "the upstream returned no image", raw=redact(text))
    first = data[0] if isinstance(data[0], dict) else {}
    url = first.get("url")
    if isinstance(url, str) and url:
        return ImageResult(url=url)
    b64 = first.get("b64_json")
    if isinstance(b64, str) and b64:
        try:
            raw_bytes = base64.b64decode(b64, validate=True)
        except (ValueError, binascii.Error):
            raise UpstreamError(
                ErrorCode.UPSTREAM_ERROR, "the upstream sent invalid base64 image data"
            ) from None
        return ImageResult(data=raw_bytes, mime_type=sniff_image_mime(raw_bytes))
    raise UpstreamError(
        ErrorCode.NO_IMAGE, "the upstream result has neither url nor b64_json", raw=redact(text)
    )
