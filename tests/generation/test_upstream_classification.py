"""Classification edge cases a real server cannot produce on demand, via httpx.MockTransport."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable

import httpx
import pytest

from flowgate.generation.upstream.base import ErrorCode, Phase, UpstreamError
from flowgate.generation.upstream.client import (
    UpstreamClient,
    classify_transport_error,
    parse_retry_after,
)
from tests.generation.helpers import KEY, make_input, route_for

Handler = Callable[[httpx.Request], httpx.Response]
OK_IMAGES = {"created": 1, "data": [{"url": "https://cdn.test/a.png"}]}


async def no_download(url: str) -> tuple[bytes, str]:
    raise AssertionError(url)


def mock_client(
    handler: Handler, bases: tuple[str, ...] = ("http://a.test", "http://b.test")
) -> UpstreamClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return UpstreamClient(http, bases, download=no_download)


def raising(exc: type[httpx.TransportError], on: str = "a.test") -> tuple[Handler, list[str]]:
    """A handler raising `exc` for host `on`, answering a valid image elsewhere; logs hosts."""
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        if request.url.host == on:
            raise exc("simulated", request=request)
        return httpx.Response(200, json=OK_IMAGES)

    return handler, hosts


async def flux(client: UpstreamClient) -> object:
    return await client.generate_image(route_for("flux-dev"), make_input("flux-dev", "x"))


@pytest.mark.parametrize(
    "exc", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError]
)
async def test_not_reached_errors_fall_through_to_the_next_base(
    exc: type[httpx.TransportError],
) -> None:
    handler, hosts = raising(exc)
    await flux(mock_client(handler))
    assert hosts == ["a.test", "b.test"]


@pytest.mark.parametrize(
    "exc",
    [httpx.ReadTimeout, httpx.ReadError, httpx.WriteError, httpx.WriteTimeout,
     httpx.RemoteProtocolError, httpx.CloseError],
)  # fmt: skip
async def test_errors_after_sending_are_ambiguous_and_not_resent(
    exc: type[httpx.TransportError],
) -> None:
    handler, hosts = raising(exc)
    with pytest.raises(UpstreamError) as info:
        await flux(mock_client(handler))
    assert (info.value.code, info.value.phase) == (ErrorCode.UPSTREAM_AMBIGUOUS, Phase.AMBIGUOUS)
    assert hosts == ["a.test"]


async def test_local_protocol_error_is_an_internal_terminal_error() -> None:
    handler, _ = raising(httpx.LocalProtocolError)
    with pytest.raises(UpstreamError) as info:
        await flux(mock_client(handler))
    assert (info.value.code, info.value.phase) == (ErrorCode.INTERNAL, Phase.TERMINAL)


@pytest.mark.parametrize("exc", [httpx.ReadTimeout, httpx.RemoteProtocolError, httpx.ConnectError])
def test_on_idempotent_polls_every_transport_failure_is_retryable(
    exc: type[httpx.TransportError],
) -> None:
    error = classify_transport_error(exc("x"), idempotent=True)
    assert error.phase is Phase.PRE_ACCEPTANCE and error.code is ErrorCode.UPSTREAM_UNAVAILABLE


def status_handler(status: int, body: str = "", headers: dict[str, str] | None = None) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "b.test":
            return httpx.Response(200, json=OK_IMAGES)
        return httpx.Response(status, text=body, headers=headers)

    return handler


@pytest.mark.parametrize(
    ("status", "body", "code", "phase", "next_base"),
    [
        (408, "", ErrorCode.UPSTREAM_UNAVAILABLE, Phase.PRE_ACCEPTANCE, False),
        (521, "", None, None, True),
        (522, "", None, None, True),
        (524, "", ErrorCode.UPSTREAM_AMBIGUOUS, Phase.AMBIGUOUS, False),
        (501, "", ErrorCode.UPSTREAM_ERROR, Phase.TERMINAL, False),
        (403, '{"error":{"message":"quota exhausted"}}', ErrorCode.INVALID_API_KEY, Phase.TERMINAL, False),
        (404, "", ErrorCode.INVALID_REQUEST, Phase.TERMINAL, False),
        (422, '{"detail":"bad"}', ErrorCode.INVALID_REQUEST, Phase.TERMINAL, False),
        (400, '{"error":{"message":"flagged by moderation","code":"x"}}',
         ErrorCode.CONTENT_REJECTED, Phase.TERMINAL, False),
        (301, "", ErrorCode.UPSTREAM_ERROR, Phase.TERMINAL, False),
    ],
)  # fmt: skip
async def test_status_table(
    status: int, body: str, code: ErrorCode | None, phase: Phase | None, next_base: bool
) -> None:
    client = mock_client(status_handler(status, body))
    if next_base:
        assert await flux(client) is not None
        return
    with pytest.raises(UpstreamError) as info:
        await flux(client)
    assert (info.value.code, info.value.phase, info.value.status) == (code, phase, status)


async def test_poll_5xx_is_retryable_but_create_502_is_ambiguous() -> None:
    client = mock_client(status_handler(502), bases=("http://a.test",))
    with pytest.raises(UpstreamError) as poll:
        await client.poll_video(route_for("veo3"), "t1", KEY)
    assert poll.value.phase is Phase.PRE_ACCEPTANCE
    with pytest.raises(UpstreamError) as create:
        await client.create_video(route_for("veo3"), make_input("veo3", "x"))
    assert create.value.phase is Phase.AMBIGUOUS


async def test_garbled_poll_answer_is_retryable() -> None:
    client = mock_client(lambda r: httpx.Response(200, text="<html>oops</html>"))
    with pytest.raises(UpstreamError) as info:
        await client.poll_video(route_for("sora-2"), "video_1", KEY)
    assert (info.value.code, info.value.phase) == (ErrorCode.UPSTREAM_ERROR, Phase.PRE_ACCEPTANCE)


async def test_every_base_busy_reports_the_longest_retry_after() -> None:
    waits = {"a.test": "3", "b.test": "7"}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, headers={"Retry-After": waits[request.url.host]})

    with pytest.raises(UpstreamError) as info:
        await flux(mock_client(handler))
    assert info.value.retry_after == 7.0 and info.value.phase is Phase.PRE_ACCEPTANCE


async def test_request_carries_key_route_timeout_and_json() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=OK_IMAGES)

    route = route_for("flux-dev", request_timeout_s=42.0)
    await mock_client(handler).generate_image(route, make_input("flux-dev", "x"))
    [request] = seen
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.extensions["timeout"] == {
        "connect": 10.0,
        "read": 42.0,
        "write": 42.0,
        "pool": 42.0,
    }
    assert request.url == "http://a.test/v1/images/generations"


async def test_an_upstream_echoing_the_key_is_redacted() -> None:
    body = f'{{"error":{{"message":"Incorrect API key provided: {KEY}"}}}}'
    other = "Bearer sk-otherSECRET9876 was refused"
    for text in (body, other):
        with pytest.raises(UpstreamError) as info:
            await flux(mock_client(status_handler(401, text)))
        assert KEY not in info.value.message and KEY not in (info.value.raw or "")
        assert "SECRET" not in info.value.message and "SECRET" not in (info.value.raw or "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2.0),
        ("1.5", 1.5),
        ("-4", 0.0),
        ("nan", None),
        ("soon", None),
        (None, None),
        ("", None),
    ],
)
def test_retry_after_seconds(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_retry_after_http_dates() -> None:
    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    past = email.utils.formatdate(time.time() - 30, usegmt=True)
    assert 25 <= (parse_retry_after(future) or 0) <= 31
    assert parse_retry_after(past) == 0.0


def test_a_client_needs_a_base_url() -> None:
    with pytest.raises(ValueError, match="base URL"):
        UpstreamClient(httpx.AsyncClient(), [], download=no_download)


async def test_download_errors_of_the_caller_are_kept() -> None:
    async def blocked(url: str) -> tuple[bytes, str]:
        raise UpstreamError(ErrorCode.INVALID_REQUEST, "blocked by the SSRF guard")

    client = UpstreamClient(
        httpx.AsyncClient(transport=httpx.MockTransport(lambda r: httpx.Response(500))),
        ["http://a.test"],
        download=blocked,
    )
    req = make_input("gemini", "x", image_urls=("http://10.0.0.1/a.png",))
    with pytest.raises(UpstreamError, match="SSRF guard"):
        await client.generate_image(route_for("gemini"), req)
