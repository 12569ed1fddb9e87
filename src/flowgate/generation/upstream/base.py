"""What every upstream route returns or raises, and the failure vocabulary.

The phase of a failure decides the retry policy (generation contract): only failures that
provably never reached the upstream are retried; an outcome that may have been billed is
`AMBIGUOUS` and fails the task unless the model row opts into retrying it.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import urllib.parse
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal


class ErrorCode(StrEnum):
    INVALID_REQUEST = "invalid_request"  # our validation, or upstream 400/404/422
    INVALID_API_KEY = "invalid_api_key"  # upstream 401/403, or no key at all
    CONTENT_REJECTED = "content_rejected"  # moderation / safety block: terminal
    NO_IMAGE = "no_image"  # upstream answered but produced no image
    UPSTREAM_ERROR = "upstream_error"  # upstream said it failed (5xx with a body, status=failed)
    UPSTREAM_UNAVAILABLE = "upstream_unavailable"  # never reached it, retries exhausted
    UPSTREAM_AMBIGUOUS = "upstream_ambiguous"  # sent, outcome unknown (read timeout, reset)
    TIMEOUT = "timeout"  # the model's deadline passed
    CANCELED = "canceled"
    INTERNAL = "internal_error"


class Phase(StrEnum):
    PRE_ACCEPTANCE = "pre_acceptance"  # retry with backoff (honour retry_after)
    AMBIGUOUS = "ambiguous"  # retry only if the model row says so
    TERMINAL = "terminal"  # never retry
    RETRY_ONCE = "retry_once"  # Gemini NO_IMAGE: one more attempt, then terminal


class UpstreamError(Exception):
    """A normalised upstream failure. `message` is safe to show the client; `raw` is the
    upstream's own text (truncated), kept on the task for support. Neither holds the key."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        *,
        phase: Phase = Phase.TERMINAL,
        raw: str | None = None,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.phase = phase
        self.raw = raw[:4000] if raw else raw
        self.retry_after = retry_after
        self.status = status


@dataclass(frozen=True)
class GenerationInput:
    """One upstream call's input, already validated and resolved against the model table."""

    model: str  # the client's name
    upstream_model: str
    prompt: str
    api_key: str
    image_urls: tuple[str, ...] = ()
    image_size: str | None = None


@dataclass(frozen=True)
class ImageResult:
    """Either a URL the upstream hosts, or bytes we must store (b64_json, inline_data)."""

    url: str | None = None
    data: bytes | None = None
    mime_type: str = "image/png"
    raw: str | None = None


@dataclass(frozen=True)
class VideoStatus:
    """One poll, normalised: unknown/empty upstream states map to `running` (never fail)."""

    state: Literal["queued", "running", "completed", "failed"]
    progress: int | None = None
    url: str | None = None
    error: str | None = None
    raw: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


# --- Shared by the wire-style modules (added with the upstream client) ----------------------
# Route modules are pure: they build an `UpstreamCall` and parse the upstream's text, so each
# wire format is testable without a network and `client.py` owns every HTTP decision.


@dataclass(frozen=True)
class UpstreamCall:
    """One HTTP request to the upstream, relative to a base URL (fallback bases share it)."""

    method: Literal["GET", "POST"]
    path: str
    json: dict[str, Any] | None = None
    params: dict[str, str] | None = None


# Ratios Gemini's imageConfig.aspectRatio accepts; also the "nearest" targets for pixel sizes.
STANDARD_RATIOS: tuple[str, ...] = (
    "1:1",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "4:5",
    "5:4",
    "9:16",
    "16:9",
    "21:9",
)
_SIZE_RE = re.compile(r"^\s*\[?\s*(\d{1,5})\s*([:：xX×*])\s*(\d{1,5})\s*\]?\s*$")
_SIZE_WORDS = {"square": "1:1", "landscape": "16:9", "portrait": "9:16"}


@dataclass(frozen=True)
class ImageSize:
    """A client's `imageSize` understood once, then rendered per API by the route modules.

    `ratio` is what a ratio-only API gets: the reduced ratio as asked (`[16:9]` → `16:9`), or
    for pixel sizes (`1024x1024`) the nearest standard ratio. `width`/`height` only for pixels.
    """

    ratio: str
    width: int | None = None
    height: int | None = None

    @property
    def pixels(self) -> str | None:
        return f"{self.width}x{self.height}" if self.width and self.height else None

    def nearest(self, choices: tuple[str, ...] = STANDARD_RATIOS) -> str:
        """The choice closest in shape (log distance, so 2:1 and 1:2 are equally far)."""
        w, h = (int(part) for part in self.ratio.split(":"))
        return min(choices, key=lambda c: abs(math.log(w / h) - _log_ratio(c)))


def _log_ratio(ratio: str) -> float:
    w, h = (int(part) for part in ratio.split(":"))
    return math.log(w / h)


def parse_image_size(raw: str | None) -> ImageSize | None:
    """`[16:9]`, `16:9`, `16：9`, `1024x1024`, `1024*1024`, `square`... or None (ignored).

    Never raises: an unusable `imageSize` is dropped rather than failing a paid generation
    (the original forwarded whatever it got; existing clients send odd values).
    """
    if not raw:
        return None
    word = _SIZE_WORDS.get(raw.strip().strip("[]").strip().lower())
    if word:
        return ImageSize(word)
    match = _SIZE_RE.match(raw)
    if match is None:
        return None
    a, sep, b = int(match[1]), match[2], int(match[3])
    if a <= 0 or b <= 0:
        return None
    g = math.gcd(a, b)
    if sep in ":：":
        return ImageSize(f"{a // g}:{b // g}")
    return ImageSize(ImageSize(f"{a // g}:{b // g}").nearest(), a, b)


_SECRET_RE = re.compile(r"\b(sk-|Bearer\s+)[A-Za-z0-9_\-.]{6,}")


def redact(text: str, secret: str | None = None, limit: int = 2000) -> str:
    """Upstream text made safe to store or show: the key (and anything key-shaped) masked."""
    if secret:
        text = text.replace(secret, "***")
    return _SECRET_RE.sub(lambda m: m.group(1) + "***", text)[:limit]


def decode_json(text: str, what: str) -> Any:
    """Parse an upstream 2xx body; a non-JSON answer is a terminal upstream error."""
    try:
        return json.loads(text)
    except ValueError:
        raise UpstreamError(
            ErrorCode.UPSTREAM_ERROR,
            f"the upstream answered {what} with a body that is not JSON",
            raw=redact(text),
        ) from None


def body_error(obj: Any) -> str | None:
    """The message of an OpenAI/Google-style `{"error": ...}` object, if the body is one."""
    if not isinstance(obj, dict) or "error" not in obj or obj["error"] in (None, "", {}):
        return None
    err = obj["error"]
    if isinstance(err, dict):
        return str(err.get("message") or err.get("code") or err.get("type") or "unknown error")
    return str(err)


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff_image_mime(data: bytes, default: str = "image/png") -> str:
    """The image type from magic bytes: upstreams and downloads often mislabel it."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return default


_DATA_URL_RE = re.compile(r"^data:([\w.+-]+/[\w.+-]+)?((?:;[^,;]*)*),(.*)$", re.DOTALL)


def decode_data_url(url: str) -> tuple[bytes, str] | None:
    """`data:<mime>;base64,<data>` (or percent-encoded) → (bytes, mime); None if malformed."""
    match = _DATA_URL_RE.match(url.strip())
    if match is None:
        return None
    mime, params, payload = match[1] or "", match[2], match[3]
    try:
        if ";base64" in params.lower():
            data = base64.b64decode("".join(payload.split()), validate=True)
        else:
            data = urllib.parse.unquote_to_bytes(payload)
    except (ValueError, binascii.Error):
        return None
    if not data:
        return None
    return data, mime if mime.startswith("image/") else sniff_image_mime(data)


_MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)")
_MD_LINK_RE = re.compile(r"\[[^\]]*\]\(\s*<?(https?://[^)\s>]+)>?[^)]*\)")
_DATA_IMAGE_RE = re.compile(r"data:image/[\w.+-]+;base64,[A-Za-z0-9+/=]+")
_IMAGE_URL_RE = re.compile(
    r"https?://[^\s)\"'<>\]]+?\.(?:png|jpe?g|webp|gif)(?:\?[^\s)\"'<>\]]*)?", re.I
)


def find_image_in_text(text: str) -> ImageResult | None:
    """An image in model prose: markdown image, data URL, bare image URL, then any link."""
    for regex in (_MD_IMAGE_RE, _DATA_IMAGE_RE, _IMAGE_URL_RE, _MD_LINK_RE):
        match = regex.search(text)
        if match is None:
            continue
        found = match[1] if regex.groups else match[0]
        if found.startswith("data:"):
            decoded = decode_data_url(found)
            if decoded is not None:
                return ImageResult(data=decoded[0], mime_type=decoded[1])
            continue
        if found.startswith(("http://", "https://")):
            return ImageResult(url=found)
    return None
