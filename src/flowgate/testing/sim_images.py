"""Image routes of the simulator: chat completions (sora_image), images API (flux), Gemini.

Each handler validates the request the way the real upstream would (so a client that sends
the wrong shape fails here, not in production), records what arrived, and answers in the
real wire format, varied by the prompt's `[sim:...]` modes.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from flowgate.testing.sim_core import (
    PNG,
    active,
    api_error,
    file_url,
    new_id,
    parse_modes,
    prelude,
    state_of,
)

_RATIO_IN_PROMPT = re.compile(r"\[(\d+:\d+)\]")
_SIZE = re.compile(r"^\d{2,5}x\d{2,5}$")
_RATIO = re.compile(r"^\d{1,3}:\d{1,3}$")
GEMINI_RATIOS = {"1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"}
B64_PNG = base64.b64encode(PNG).decode("ascii")


async def _json_body(request: Request) -> dict[str, Any] | None:
    try:
        body = await request.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _bad_request(message: str) -> JSONResponse:
    return api_error(400, message, "invalid_request_error", "invalid_request")


async def chat_completions(request: Request) -> Response:
    body = await _json_body(request) or {}
    prompt, images = _chat_prompt(body)
    model = str(body.get("model", ""))
    ratio = _RATIO_IN_PROMPT.search(prompt)
    detail = {"images": images, "ratio": ratio[1] if ratio else None}
    early = await prelude(request, model, prompt, detail)
    if early is not None:
        return early
    if not prompt:
        return _bad_request("messages must contain a user message with text")
    modes = parse_modes(prompt)
    if "reject" in modes:
        content = "> 🕐 排队中.\n\n> ❌ 生成失败\n> 失败原因：input_moderation 内容不符合安全政策"
    elif active(state_of(request), modes, "no_image", prompt):
        content = "> 🕐 排队中.\n\n> ⚡ 生成中...\n\n> 🏃 进度 100%"
    else:
        url = file_url(request, new_id("gen_") + ".png")
        content = (
            f'```json\n{{"prompt": "{prompt[:40]}", "ratio": "{detail["ratio"] or "1:1"}", '
            f'"n": 1}}\n```\n\n> 🕐 排队中.\n\n> ⚡ 生成中...\n\n> ✅ 生成完成\n\n'
            f"![gen_image]({url})\n\n[点击下载]({url})"
        )
    return JSONResponse(_completion(model, content))


def _chat_prompt(body: dict[str, Any]) -> tuple[str, list[str]]:
    """The last user message's text and image URLs (content: a string or a list of parts)."""
    messages = body.get("messages")
    users = [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []
    content = users[-1].get("content") if users else None
    if isinstance(content, str):
        return content, []
    texts: list[str] = []
    images: list[str] = []
    for part in content if isinstance(content, list) else []:
        if not isinstance(part, dict):
            continue
        if part.get("type") == "text":
            texts.append(str(part.get("text", "")))
        elif part.get("type") == "image_url":
            url = part.get("image_url")
            images.append(str(url.get("url") if isinstance(url, dict) else url))
    return " ".join(texts), images


def _completion(model: str, content: str) -> dict[str, Any]:
    return {
        "id": new_id("chatcmpl-"),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 12, "completion_tokens": 80, "total_tokens": 92},
    }


async def images_generations(request: Request) -> Response:
    body = await _json_body(request) or {}
    prompt = str(body.get("prompt") or "")
    model = str(body.get("model", ""))
    detail = {k: body.get(k) for k in ("n", "size", "aspect_ratio", "response_format")}
    early = await prelude(request, model, prompt, detail)
    if early is not None:
        return early
    problem = _images_problem(body, prompt)
    if problem:
        return _bad_request(problem)
    modes = parse_modes(prompt)
    if "reject" in modes:
        return api_error(
            400, "Your request was rejected by the safety system (content_policy_violation)",
            "invalid_request_error", "content_policy_violation",
        )  # fmt: skip
    if active(state_of(request), modes, "no_image", prompt):
        return JSONResponse({"created": int(time.time()), "data": []})
    n = int(body.get("n") or 1)
    as_b64 = "b64" in modes or body.get("response_format") == "b64_json"
    data = [
        {"b64_json": B64_PNG} if as_b64 else {"url": file_url(request, new_id("flux_") + ".png")}
        for _ in range(n)
    ]
    return JSONResponse({"created": int(time.time()), "data": data})


def _images_problem(body: dict[str, Any], prompt: str) -> str | None:
    if not prompt.strip():
        return "prompt is required"
    n = body.get("n", 1)
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 4:
        return "n must be an integer between 1 and 4"
    size, ratio = body.get("size"), body.get("aspect_ratio")
    if size is not None and not (isinstance(size, str) and _SIZE.match(size)):
        return f"invalid size {size!r}: expected WIDTHxHEIGHT"
    if ratio is not None and not (isinstance(ratio, str) and _RATIO.match(ratio)):
        return f"invalid aspect_ratio {ratio!r}: expected W:H"
    if body.get("response_format", "url") not in ("url", "b64_json"):
        return "response_format must be url or b64_json"
    return None


def _google_error(status: int, message: str, code: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": status, "message": message, "status": code}}, status_code=status
    )


async def generate_content(request: Request) -> Response:
    model = request.path_params["model"]
    body = await _json_body(request) or {}
    prompt, inline, problem = _gemini_input(body)
    config = body.get("generationConfig")
    image_config = config.get("imageConfig") if isinstance(config, dict) else None
    ratio = image_config.get("aspectRatio") if isinstance(image_config, dict) else None
    detail = {"images": len(inline), "mime_types": inline, "aspect_ratio": ratio}
    early = await prelude(request, model, prompt, detail)
    if early is not None:
        return early
    if problem is None and ratio is not None and ratio not in GEMINI_RATIOS:
        problem = f"Invalid aspect ratio: {ratio}"
    if problem is not None:
        return _google_error(400, problem, "INVALID_ARGUMENT")
    return JSONResponse(_gemini_answer(request, model, prompt))


def _gemini_input(body: dict[str, Any]) -> tuple[str, list[str], str | None]:
    """(prompt text, mime types of inline images, a validation problem or None)."""
    contents = body.get("contents")
    if not isinstance(contents, list) or not contents:
        return "", [], "contents is not specified"
    texts: list[str] = []
    mimes: list[str] = []
    for content in contents:
        parts = content.get("parts") if isinstance(content, dict) else None
        for part in parts if isinstance(parts, list) else []:
            if not isinstance(part, dict):
                continue
            if isinstance(part.get("text"), str):
                texts.append(part["text"])
            blob = part.get("inline_data", part.get("inlineData"))
            if blob is None:
                continue
            mime = blob.get("mime_type", blob.get("mimeType")) if isinstance(blob, dict) else None
            data = blob.get("data") if isinstance(blob, dict) else None
            try:
                base64.b64decode(str(data), validate=True)
            except (ValueError, binascii.Error):
                return " ".join(texts), mimes, "Invalid value at inline_data.data (TYPE_BYTES)"
            if not isinstance(mime, str) or not mime.startswith("image/") or not data:
                return " ".join(texts), mimes, "Unsupported MIME type for inline_data"
            mimes.append(mime)
    if not texts and not mimes:
        return "", [], "contents.parts must not be empty"
    return " ".join(texts), mimes, None


def _gemini_answer(request: Request, model: str, prompt: str) -> dict[str, Any]:
    modes = parse_modes(prompt)
    usage = {"promptTokenCount": 12, "candidatesTokenCount": 1290, "totalTokenCount": 1302}
    if "block" in modes:
        return {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}, "usageMetadata": usage}
    if "image_safety" in modes:
        candidate: dict[str, Any] = {"finishReason": "IMAGE_SAFETY", "index": 0}
    elif active(state_of(request), modes, "no_image", prompt):
        candidate = _candidate([{"text": "I can't create that image."}], "NO_IMAGE")
    elif "text_only" in modes:
        candidate = _candidate([{"text": "Here is a description instead of an image."}])
    elif "text_url" in modes:
        url = file_url(request, new_id("gem_") + ".png")
        candidate = _candidate([{"text": f"Here you go:\n\n![image]({url})"}])
    elif "text_data_url" in modes:
        candidate = _candidate([{"text": f"![image](data:image/png;base64,{B64_PNG})"}])
    elif "snake" in modes:
        blob = {"inline_data": {"mime_type": "image/png", "data": B64_PNG}}
        candidate = _candidate([{"text": "Here is your image."}, blob])
    else:
        blob = {"inlineData": {"mimeType": "image/png", "data": B64_PNG}}
        candidate = _candidate([{"text": "Here is your image."}, blob])
    return {"candidates": [candidate], "usageMetadata": usage, "modelVersion": model}


def _candidate(parts: list[dict[str, Any]], finish: str = "STOP") -> dict[str, Any]:
    return {"content": {"parts": parts, "role": "model"}, "finishReason": finish, "index": 0}
