"""How upstream requests leave the process: one small interface, two implementations.

`AiohttpFetcher` is what the server uses. Holding 10,000 upstream calls open in one process is
a quality bar, and httpx's pool (httpcore 1.0) re-scans every connection, with a nested scan,
at each request start and end (quadratic: 74 submits/s with 10,000 in flight) and its request
pipeline costs ~34 KB per in-flight call; aiohttp's connector is constant-time and ~15 KB.
`HttpxFetcher` wraps an httpx client, so tests can use `httpx.MockTransport` for conditions a
real server cannot produce. Both return an `httpx.Response` and raise httpx's exceptions, so
the failure classification (client.py) is one piece of code.

The aiohttp exception mapping is what the retry policy stands on, so it is explicit and
conservative: only failures before a byte was sent map to httpx's connect errors (retryable);
everything after sending maps to read/protocol errors (ambiguous).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol

import aiohttp
import httpx


class TooLarge(Exception):
    """The body passed `max_bytes`; nothing more was read."""


class Fetcher(Protocol):
    async def fetch(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        timeouts: httpx.Timeout,
        json: Any = None,
        params: dict[str, str] | None = None,
        max_bytes: int = 64 * 1024 * 1024,
    ) -> httpx.Response: ...

    async def aclose(self) -> None: ...


def map_error(exc: BaseException) -> httpx.TransportError:
    """aiohttp's failure -> the httpx exception with the same meaning for retries."""
    message = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)  # DNS, refused, TLS handshake: nothing was sent
    if isinstance(exc, aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol(message)
    if isinstance(exc, aiohttp.SocketTimeoutError | aiohttp.ServerTimeoutError | TimeoutError):
        return httpx.ReadTimeout(message)
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientResponseError):
        return httpx.RemoteProtocolError(message)
    return httpx.ReadError(message)  # payload errors, resets after sending, anything else


class AiohttpFetcher:
    """No connection limit (callers bound concurrency); keep-alive reuse per host."""

    def __init__(self, *, keepalive_s: float = 30.0) -> None:
        self._keepalive_s = keepalive_s
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=self._keepalive_s),
                trust_env=False,
                cookie_jar=aiohttp.DummyCookieJar(),
            )
        return self._session

    async def fetch(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        timeouts: httpx.Timeout,
        json: Any = None,
        params: dict[str, str] | None = None,
        max_bytes: int = 64 * 1024 * 1024,
    ) -> httpx.Response:
        limits = aiohttp.ClientTimeout(
            total=None, sock_connect=timeouts.connect, sock_read=timeouts.read
        )
        try:
            async with self._client().request(
                method,
                url,
                json=json,
                params=params,
                headers=headers,
                timeout=limits,
                allow_redirects=False,
            ) as response:
                body = await _read(response.content.iter_any(), max_bytes)
                return httpx.Response(
                    response.status, headers=list(response.raw_headers), content=body
                )
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise map_error(exc) from exc

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


async def _read(chunks: AsyncIterator[bytes], max_bytes: int) -> bytes:
    """The whole body, stopping (TooLarge) as soon as it passes `max_bytes`."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"the upstream answer is over {max_bytes} bytes")
        parts.append(chunk)
    return b"".join(parts)


class HttpxFetcher:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def fetch(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        timeouts: httpx.Timeout,
        json: Any = None,
        params: dict[str, str] | None = None,
        max_bytes: int = 64 * 1024 * 1024,
    ) -> httpx.Response:
        request = self._client.build_request(
            method, url, json=json, params=params, headers=headers, timeout=timeouts
        )
        response = await self._client.send(request, stream=True)
        try:
            body = await _read(response.aiter_bytes(), max_bytes)
        finally:
            await response.aclose()
        return httpx.Response(response.status_code, headers=response.headers, content=body)

    async def aclose(self) -> None:
        await self._client.aclose()
