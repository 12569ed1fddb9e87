"""The one place that talks HTTP to the upstream, and decides what each failure means.

Retry policy lives in the *phase* of an `UpstreamError` (generation contract): a paid,
non-idempotent call (image generation, video creation) is repeated only when the upstream
provably never received it. Classification of one attempt:

what happened                                          code                  phase
-----------------------------------------------------  --------------------  --------------
ConnectError (DNS too), ConnectTimeout, PoolTimeout,   upstream_unavailable  pre_acceptance
  ProxyError, UnsupportedProtocol       → next base
HTTP 503; CDN 521/522/523/525/526 (origin not reached) upstream_unavailable  pre_acceptance
                                        → next base
HTTP 429 (rate limit; the mirror shares the quota)     upstream_unavailable  pre_acceptance
HTTP 408 (the server gave up *receiving* the request)  upstream_unavailable  pre_acceptance
ReadTimeout, ReadError, WriteTimeout, WriteError,      upstream_ambiguous    ambiguous
  RemoteProtocolError, any other transport error
HTTP 502, 504, CDN 524 (a gateway gave up *after*      upstream_ambiguous    ambiguous
  forwarding: the aggregator may still run and bill)
HTTP 500, 501, other 5xx (the upstream said it failed) upstream_error        terminal
HTTP 401, 403                                          invalid_api_key       terminal
HTTP 400, 404, 422, other 4xx                          invalid_request       terminal
  ... whose message says content policy/moderation     content_rejected      terminal
HTTP 3xx (never followed: a wrong base URL)            upstream_error        terminal
LocalProtocolError (we built a bad request)            internal_error        terminal
2xx with a non-JSON body                               upstream_error        terminal
2xx content failure (生成失败, blockReason, IMAGE_*)    content_rejected      terminal
Gemini finishReason NO_IMAGE                           no_image              retry_once
2xx without any image                                  no_image              terminal

Write errors count as ambiguous on purpose: a request body can be fully handed to the kernel
before the error surfaces, and double billing is worse than a failed task.

Base URLs are tried in order only for the "next base URL" rows; when every base fails that
way the error is `upstream_unavailable`/`pre_acceptance` with the largest `Retry-After` seen.
A poll (GET) is idempotent, so on polls every transport failure, 408/429 and 5xx is
`pre_acceptance` too: repeating it is always safe.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from collections.abc import Awaitable, Callable, Sequence

import httpx

from flowgate.generation.models import ModelRoute, RouteKind
from flowgate.generation.upstream import chat_image, gemini, images, video
from flowgate.generation.upstream.base import (
    ErrorCode,
    GenerationInput,
    ImageResult,
    Phase,
    UpstreamCall,
    UpstreamError,
    VideoStatus,
    body_error,
    redact,
)
from flowgate.generation.upstream.fetch import Fetcher, HttpxFetcher, TooLarge

NOT_REACHED_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
    httpx.UnsupportedProtocol,
)
NEXT_BASE_STATUSES = frozenset({503, 521, 522, 523, 525, 526})
AMBIGUOUS_STATUSES = frozenset({502, 504, 524})
_POLICY_RE = re.compile(r"content[_ ]?policy|moderation|safety|nsfw|flagged|sensitive", re.I)


class UpstreamClient:
    """Calls one model route on the upstream; raises `UpstreamError` for every failure."""

    def __init__(
        self,
        http: httpx.AsyncClient | Fetcher,
        base_urls: Sequence[str],
        *,
        download: Callable[[str], Awaitable[tuple[bytes, str]]],
    ) -> None:
        if not base_urls:
            raise ValueError("at least one upstream base URL is required")
        self._http: Fetcher = HttpxFetcher(http) if isinstance(http, httpx.AsyncClient) else http
        self._bases = tuple(url.rstrip("/") for url in base_urls)
        self._download = download

    async def generate_image(self, route: ModelRoute, req: GenerationInput) -> ImageResult:
        if route.kind is RouteKind.CHAT_IMAGE:
            text, _ = await self._send(route, chat_image.build_call(req), req.api_key)
            return chat_image.parse_response(text)
        if route.kind is RouteKind.IMAGES:
            text, _ = await self._send(route, images.build_call(req), req.api_key)
            return images.parse_response(text)
        if route.kind is RouteKind.GEMINI:
            call = await gemini.build_call(req, self._download)
            text, _ = await self._send(route, call, req.api_key)
            return gemini.parse_response(text)
        raise UpstreamError(ErrorCode.INVALID_REQUEST, f"{req.model} is not an image model")

    async def create_video(self, route: ModelRoute, req: GenerationInput) -> str:
        """The upstream task id: store it before answering the client (polls resume)."""
        if route.kind is not RouteKind.VIDEO:
            raise UpstreamError(ErrorCode.INVALID_REQUEST, f"{req.model} is not a video model")
        text, _ = await self._send(route, video.create_call(route, req), req.api_key)
        return video.parse_created(text)

    async def poll_video(self, route: ModelRoute, upstream_id: str, api_key: str) -> VideoStatus:
        call = video.poll_call(route, upstream_id)
        try:
            text, base = await self._send(route, call, api_key, idempotent=True)
            return video.parse_status(route, text, base, upstream_id)
        except UpstreamError as exc:
            if exc.code is ErrorCode.UPSTREAM_ERROR and exc.status is None:
                exc.phase = Phase.PRE_ACCEPTANCE  # a garbled poll answer: just poll again
            raise

    async def fetch_result(self, url: str, api_key: str, *, max_bytes: int) -> tuple[bytes, str]:
        """A finished result that only the key can read (OpenAI's `/videos/{id}/content`):
        we fetch it once and serve it ourselves, since clients never get the key. The URL
        comes from our own upstream, not from a client. Safe to repeat: errors are retryable."""
        headers = {"Authorization": f"Bearer {api_key}"}
        try:
            response = await self._http.fetch(
                "GET", url, headers=headers, timeouts=httpx.Timeout(300.0), max_bytes=max_bytes
            )
        except httpx.TransportError as exc:
            raise classify_transport_error(exc, idempotent=True) from exc
        except TooLarge as exc:
            raise UpstreamError(ErrorCode.UPSTREAM_ERROR, str(exc)) from None
        if not response.is_success:
            raise classify_status(response, api_key=api_key, idempotent=True)
        mime = response.headers.get("content-type", "application/octet-stream")
        return response.content, mime.split(";")[0].strip()

    async def _send(
        self, route: ModelRoute, call: UpstreamCall, api_key: str, *, idempotent: bool = False
    ) -> tuple[str, str]:
        """One call, over the fallback bases; returns (2xx body text, base that answered)."""
        timeout = httpx.Timeout(route.request_timeout_s, connect=10.0)
        headers = {"Authorization": f"Bearer {api_key}", "Accept": "application/json"}
        skipped: list[UpstreamError] = []
        for base in self._bases:
            try:
                response = await self._http.fetch(
                    call.method,
                    base + call.path,
                    json=call.json,
                    params=call.params,
                    headers=headers,
                    timeouts=timeout,
                )
            except TooLarge as exc:
                raise UpstreamError(ErrorCode.UPSTREAM_ERROR, str(exc)) from None
            except httpx.TransportError as exc:
                error = classify_transport_error(exc, idempotent=idempotent)
                if not isinstance(exc, NOT_REACHED_ERRORS):
                    raise error from exc
                skipped.append(error)
                continue
            if response.is_success:
                return response.text, base
            error = classify_status(response, api_key=api_key, idempotent=idempotent)
            if response.status_code not in NEXT_BASE_STATUSES:
                raise error
            skipped.append(error)
        raise _all_bases_failed(skipped)


def _all_bases_failed(skipped: list[UpstreamError]) -> UpstreamError:
    waits = [e.retry_after for e in skipped if e.retry_after is not None]
    reasons = "; ".join(e.message for e in skipped)
    return UpstreamError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        f"no upstream base URL accepted the request ({reasons})",
        phase=Phase.PRE_ACCEPTANCE,
        raw=skipped[-1].raw if skipped else None,
        retry_after=max(waits) if waits else None,
        status=skipped[-1].status if skipped else None,
    )


def classify_transport_error(exc: httpx.TransportError, *, idempotent: bool) -> UpstreamError:
    """Not reached → retryable; sent but unanswered → ambiguous (unless idempotent)."""
    kind = type(exc).__name__
    if isinstance(exc, httpx.LocalProtocolError):
        return UpstreamError(ErrorCode.INTERNAL, f"could not encode the upstream request ({kind})")
    if isinstance(exc, NOT_REACHED_ERRORS):
        return UpstreamError(
            ErrorCode.UPSTREAM_UNAVAILABLE,
            f"could not connect to the upstream ({kind})",
            phase=Phase.PRE_ACCEPTANCE,
        )
    if idempotent:
        return UpstreamError(
            ErrorCode.UPSTREAM_UNAVAILABLE,
            f"the upstream connection failed ({kind}); safe to repeat",
            phase=Phase.PRE_ACCEPTANCE,
        )
    return UpstreamError(
        ErrorCode.UPSTREAM_AMBIGUOUS,
        f"the upstream connection failed after the request was sent ({kind}); it may have "
        "been processed and billed, so it is not repeated automatically",
        phase=Phase.AMBIGUOUS,
    )


def classify_status(response: httpx.Response, *, api_key: str, idempotent: bool) -> UpstreamError:
    """A non-2xx answer → UpstreamError (see the module table)."""
    status = response.status_code
    raw = redact(f"HTTP {status}: {response.text}", api_key)
    detail = _error_detail(response.text, api_key)
    retry_after = parse_retry_after(response.headers.get("retry-after"))

    def error(code: ErrorCode, message: str, phase: Phase = Phase.TERMINAL) -> UpstreamError:
        text = f"{message} (HTTP {status})" + (f": {detail}" if detail else "")
        return UpstreamError(
            code, text, phase=phase, raw=raw, retry_after=retry_after, status=status
        )

    if status == 429:
        return error(
            ErrorCode.UPSTREAM_UNAVAILABLE, "the upstream rate limited us", Phase.PRE_ACCEPTANCE
        )
    if status == 408 or status in NEXT_BASE_STATUSES or (idempotent and status >= 500):
        return error(
            ErrorCode.UPSTREAM_UNAVAILABLE, "the upstream is unavailable", Phase.PRE_ACCEPTANCE
        )
    if status in AMBIGUOUS_STATUSES:
        return error(
            ErrorCode.UPSTREAM_AMBIGUOUS,
            "a gateway gave up after forwarding the request; it may have been processed",
            Phase.AMBIGUOUS,
        )
    if status >= 500:
        return error(ErrorCode.UPSTREAM_ERROR, "the upstream failed")
    if status in (401, 403):
        return error(ErrorCode.INVALID_API_KEY, "the upstream rejected the API key")
    if 400 <= status < 500:
        if detail and _POLICY_RE.search(detail):
            return error(ErrorCode.CONTENT_REJECTED, "the upstream refused this content")
        return error(ErrorCode.INVALID_REQUEST, "the upstream rejected the request")
    return error(ErrorCode.UPSTREAM_ERROR, "unexpected upstream answer; check the base URL")


def _error_detail(text: str, api_key: str) -> str:
    """The upstream's own error message, short and without secrets ("" if none)."""
    try:
        message = body_error(json.loads(text))
    except ValueError:
        message = None
    if message is None:
        stripped = text.strip()
        message = "" if stripped.startswith("<") else stripped
    return redact(" ".join(message.split()), api_key, limit=300)


def parse_retry_after(value: str | None) -> float | None:
    """`Retry-After` as seconds (delta-seconds or an HTTP date); None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - time.time()
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        return None
    return max(0.0, seconds)
