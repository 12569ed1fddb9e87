"""Chat-style image models (`sora_image`): `POST /v1/chat/completions`.

The aggregator answers with an ordinary chat completion whose text narrates the job
("排队中… 生成中… ✅ 生成完成") and ends with the image as markdown. A moderation failure is
*also* an HTTP 200: its text says `生成失败` and `失败原因：<reason>`. That is terminal (the
same prompt fails the same way), so it must never be mistaken for a retryable error.
"""

from __future__ import annotations

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
    find_image_in_text,
    parse_image_size,
    redact,
)

FAILURE_MARKER = "生成失败"
_REASON_RE = re.compile(r"失败原因\s*[：:]\s*([^\n\r\"\\]+)")


def build_call(req: GenerationInput) -> UpstreamCall:
    """Text alone, or `[text, image_url...]` parts when the client gave input images.

    `imageSize` goes into the prompt as `[W:H]`, as the original did: the chat API has no
    size field and the model reads the ratio from the text.
    """
    prompt = req.prompt
    size = parse_image_size(req.image_size)
    if size is not None:
        prompt = f"{prompt} [{size.ratio}]"
    content: str | list[dict[str, Any]] = prompt
    if req.image_urls:
        content = [{"type": "text", "text": prompt}] + [
            {"type": "image_url", "image_url": {"url": url}} for url in req.image_urls
        ]
    body = {
        "model": req.upstream_model,
        "messages": [{"role": "user", "content": content}],
        "stream": False,
    }
    return UpstreamCall("POST", "/v1/chat/completions", json=body)


def parse_response(text: str) -> ImageResult:
    """The image URL in `choices[0].message.content`, or a terminal failure saying why not."""
    if FAILURE_MARKER in text and not text.lstrip().startswith(("{", "[")):
        raise _rejected(text, text)
    obj = decode_json(text, "the chat completion")
    content = _content_text(obj)
    if content is None:
        message = body_error(obj)
        if message is not None:
            raise UpstreamError(
                ErrorCode.UPSTREAM_ERROR,
                f"the upstream reported an error: {redact(message, limit=300)}",
                raw=redact(text),
            )
        raise UpstreamError(
            ErrorCode.NO_IMAGE, "the chat completion has no message content", raw=redact(text)
        )
    if FAILURE_MARKER in content:
        raise _rejected(content, text)
    found = find_image_in_text(content)
    if found is None:
        raise UpstreamError(
            ErrorCode.NO_IMAGE, "the upstream answered without an image", raw=redact(text)
        )
    return found


def _content_text(obj: Any) -> str | None:
    """`choices[0].message.content` as text; a list of parts is joined (some gateways)."""
    try:
        content = obj["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, dict):
                url = part.get("image_url")
                url = url.get("url") if isinstance(url, dict) else url
                parts.append(str(part.get("text") or (f"![image]({url})" if url else "")))
            else:
                parts.append(str(part))
        return "\n".join(parts)
    return None


def _rejected(content: str, raw: str) -> UpstreamError:
    match = _REASON_RE.search(content)
    reason = match[1].strip() if match else "no reason given"
    return UpstreamError(
        ErrorCode.CONTENT_REJECTED,
        f"the upstream refused to generate this image: {redact(reason, limit=300)}",
        raw=redact(raw),
    )
