"""Request bodies of both APIs, decoded and validated in one pass (msgspec).

Validation is strict where it protects us (ids are used as keys, URLs are fetched) and lenient
where the original was (unknown fields are ignored so existing clients keep working).
"""

from __future__ import annotations

import re
from typing import Annotated

import msgspec

from flowgate.generation.errors import invalid

TASK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}$"
TASK_ID = re.compile(TASK_ID_PATTERN)
TaskId = Annotated[str, msgspec.Meta(pattern=TASK_ID_PATTERN, max_length=128)]
Url = Annotated[str, msgspec.Meta(min_length=1, max_length=8 * 1024 * 1024)]
MAX_IMAGES = 16


class GenerateRequest(msgspec.Struct, frozen=True, rename="camel"):
    """`POST /api/generate[/async]` and `POST /v1/tasks` (camelCase on the wire)."""

    model: Annotated[str, msgspec.Meta(min_length=1, max_length=128)]
    prompt: Annotated[str, msgspec.Meta(max_length=32_000)] = ""
    image_url: Url | None = None
    image_urls: Annotated[list[Url], msgspec.Meta(max_length=MAX_IMAGES)] | None = None
    image_size: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    api_key: Annotated[str, msgspec.Meta(min_length=1, max_length=4096)] | None = None
    task_id: TaskId | None = None
    parent_task_id: TaskId | None = None
    callback_url: Annotated[str, msgspec.Meta(min_length=1, max_length=2048)] | None = None

    def all_image_urls(self) -> list[str]:
        urls = list(self.image_urls or [])
        if self.image_url and self.image_url not in urls:
            urls.insert(0, self.image_url)
        return urls


_decoder = msgspec.json.Decoder(GenerateRequest)


def parse_generate(body: bytes) -> GenerateRequest:
    if not body.strip():
        raise invalid("request body is empty; send a JSON object with `model` and `prompt`")
    try:
        req = _decoder.decode(body)
    except msgspec.ValidationError as exc:
        raise invalid(f"invalid request: {exc}") from None
    except msgspec.DecodeError as exc:
        raise invalid(f"request body is not valid JSON: {exc}") from None
    if not req.prompt.strip() and not req.all_image_urls():
        raise invalid("`prompt` is required")
    if len(req.all_image_urls()) > MAX_IMAGES:
        raise invalid(f"at most {MAX_IMAGES} input images")
    for url in req.all_image_urls():
        if not url.startswith(("https://", "http://", "data:image/")):
            raise invalid("image URLs must be http(s) URLs or data:image/... URLs")
    return req


def check_task_id(value: str, what: str = "taskId") -> str:
    if not TASK_ID.match(value):
        raise invalid(f"`{what}` must be 1-128 characters of A-Z a-z 0-9 . _ : -")
    return value
