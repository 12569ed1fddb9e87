"""Bridge op `fetch`: one HTTP exchange of a code block's `fetch()` (runtime/modules/web/fetch.js).

Every request leaves through the SSRF guard (`flowgate.security.ssrf`): each hop,
redirects included, is resolved once, checked and pinned to the checked address.
Redirects are followed here, not by httpx, so `redirect: 'manual' | 'error'` and
the Fetch standard's method/body rewriting can be honoured and credentials never
travel to another origin.

Limits (CodeLimits FETCH_*): requests per execution (counted in the execution's
`ExecutionIO.counters`), request body bytes, response body bytes (read bounded,
after decompression, so a gzip bomb stops at the cap), one timeout per call
covering connect, redirects and the whole body. The execution's own deadline
bounds the total: when it ends, `ExecutionIO.close` cancels whatever is in flight.

Failures reach the script as a BridgeError whose `props.fetch` says what kind it is
(`security`, `limit`, `network`); fetch.js turns it into Node's
`TypeError('fetch failed', { cause })`. Messages name at most scheme://host:port
(paths and queries may carry tokens) and never echo the callee's body.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any

import httpx

from flowgate.codeblock.bridge.io import ExecutionIO
from flowgate.codeblock.bridge.registry import BridgeError, async_op
from flowgate.codeblock.limits import CodeLimits
from flowgate.security.ssrf import (
    MAX_URL_LENGTH,
    BlockedURL,
    EgressPolicy,
    Resolver,
    guarded_client,
)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_METHOD = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$")
#: Dropped when a redirect changes origin (undici: credentials, and a Host meant for the old one).
_CREDENTIALS = frozenset({b"authorization", b"proxy-authorization", b"cookie", b"host"})
_CONTENT_HEADERS = frozenset(
    {
        b"content-type",
        b"content-length",
        b"content-encoding",
        b"content-language",
        b"content-location",
    }
)
#: What undici sends when the script does not set them itself.
_DEFAULT_HEADERS = (
    (b"accept", b"*/*"),
    (b"accept-language", b"*"),
    (b"sec-fetch-mode", b"cors"),
    (b"user-agent", b"node"),
    (b"accept-encoding", b"gzip, deflate"),
)
#: Framing and hop-by-hop headers are the client's business: a script's own would
#: contradict the body httpx sends (request smuggling) or the connection it keeps.
_DROPPED = frozenset(
    {b"content-length", b"transfer-encoding", b"connection", b"keep-alive", b"upgrade", b"te"}
    | {b"trailer", b"expect", b"proxy-connection"}
)
MAX_HEADERS = 256
MAX_HEADER_BYTES = 64 * 1024
_SECURITY_REASONS = frozenset({"scheme", "userinfo", "port", "private_address", "bad_url"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

Header = tuple[bytes, bytes]


@dataclass(frozen=True, slots=True)
class FetchLimits:
    max_requests: int
    timeout_s: float
    max_request_bytes: int
    max_response_bytes: int
    max_redirects: int


class FetchService:
    """Per-engine: the guarded HTTP client shared by its executions, and the limits."""

    def __init__(self, client: httpx.AsyncClient, limits: FetchLimits) -> None:
        self.client = client
        self.limits = limits

    async def aclose(self) -> None:
        await self.client.aclose()


def fetch_policy(limits: CodeLimits) -> EgressPolicy:
    """As generation's policy: SSRF_ALLOW_PRIVATE lifts the address *and* port checks."""
    spec = limits.fetch_allowed_ports.strip()
    if limits.ssrf_allow_private or spec == "*":
        ports = frozenset(range(1, 65536))
    else:
        ports = frozenset(int(p) for p in spec.split(",") if p.strip())
    return EgressPolicy(
        allow_private=limits.ssrf_allow_private,
        allow_http=limits.fetch_allow_http,
        allowed_ports=ports,
        allow_list=EgressPolicy.parse_allow_list(limits.ssrf_allow_list),
    )


def make_fetch_service(limits: CodeLimits, *, resolver: Resolver | None = None) -> FetchService:
    """What the Engine passes as `services['fetch']` (close it with `aclose()` at shutdown)."""
    timeout_s = limits.fetch_timeout_ms / 1000
    client = guarded_client(fetch_policy(limits), resolver=resolver, timeout=timeout_s)
    return FetchService(
        client,
        FetchLimits(
            max_requests=limits.fetch_max_requests,
            timeout_s=timeout_s,
            max_request_bytes=limits.fetch_max_request_bytes,
            max_response_bytes=limits.fetch_max_response_bytes,
            max_redirects=min(limits.fetch_max_redirects, 20),
        ),
    )


# --------------------------------------------------------------------- errors


def _failure(
    kind: str, message: str, code: str | None, type: str = "Error", **extra: Any
) -> BridgeError:
    return BridgeError(message, code=code, type=type, props={"fetch": kind, **extra})


def _limit(message: str) -> BridgeError:
    return _failure("limit", message, "ERR_FLOWGATE_FETCH_LIMIT", "RangeError")


def _display(url: httpx.URL) -> str:
    port = url.port or _DEFAULT_PORTS.get(url.scheme, 0)
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{url.scheme}://{host}:{port}"


def _blocked(exc: BlockedURL, url: httpx.URL) -> BridgeError:
    if exc.reason == "unresolvable":
        return _failure(
            "network", f"getaddrinfo ENOTFOUND {url.host}", "ENOTFOUND", syscall="getaddrinfo"
        )
    if exc.reason in _SECURITY_REASONS:
        return _failure("security", f"fetch blocked: {exc.message}", "ERR_FLOWGATE_SSRF")
    return _failure("network", exc.message, None)


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and what it was raised from (httpx wraps the OS error)."""
    out: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(out) < 8:
        out.append(current)
        current = current.__cause__ or current.__context__
    return out


def _transport_error(exc: httpx.HTTPError, url: httpx.URL) -> BridgeError:
    """Name the failure as undici's cause would (code), never with the path or query."""
    where = _display(url)
    if isinstance(exc, httpx.ConnectTimeout):
        return _failure("network", f"Connect Timeout Error ({where})", "UND_ERR_CONNECT_TIMEOUT")
    if isinstance(exc, httpx.TimeoutException):
        return _failure("network", f"Headers Timeout Error ({where})", "UND_ERR_HEADERS_TIMEOUT")
    if isinstance(exc, httpx.ConnectError):
        text = " ".join(str(e) for e in _chain(exc)).lower()
        if "refused" in text or any(isinstance(e, ConnectionRefusedError) for e in _chain(exc)):
            return _failure(
                "network", f"connect ECONNREFUSED {where}", "ECONNREFUSED", syscall="connect"
            )
        if "certificate" in text or "ssl" in text:
            return _failure(
                "network", f"TLS handshake with {where} failed", "ERR_TLS_CERT_ALTNAME_INVALID"
            )
        return _failure("network", f"connect to {where} failed", "ECONNRESET", syscall="connect")
    if isinstance(exc, httpx.LocalProtocolError):  # e.g. a control character in a header value
        return _failure("network", "invalid request (header or method)", "UND_ERR_INVALID_ARG")
    return _failure("network", f"other side closed ({where})", "UND_ERR_SOCKET")


# ------------------------------------------------------------------ validation


def _parse_request(request: Any) -> tuple[str, str, list[Header], bytes | None, str]:
    if not isinstance(request, dict):
        raise BridgeError("fetch: malformed request", type="TypeError")
    url, method = request.get("url"), request.get("method")
    body, redirect = request.get("body"), request.get("redirect", "follow")
    if not isinstance(url, str) or len(url) > MAX_URL_LENGTH:
        raise BridgeError("fetch: the URL is not a string or is too long", type="TypeError")
    if not isinstance(method, str) or not _METHOD.match(method):
        raise BridgeError("fetch: invalid method", type="TypeError")
    if body is not None and not isinstance(body, bytes):
        raise BridgeError("fetch: malformed body", type="TypeError")
    if redirect not in ("follow", "manual", "error"):
        raise BridgeError("fetch: invalid redirect mode", type="TypeError")
    return url, method, _parse_headers(request.get("headers")), body, redirect


def _parse_headers(raw: Any) -> list[Header]:
    if not isinstance(raw, list) or len(raw) > MAX_HEADERS:
        raise BridgeError(f"fetch: at most {MAX_HEADERS} request headers", type="TypeError")
    headers: list[Header] = []
    size = 0
    for pair in raw:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            raise BridgeError("fetch: malformed headers", type="TypeError")
        try:  # Headers validated names (tokens, sent as given) and values (ByteStrings)
            name, value = pair[0].encode("ascii"), pair[1].encode("latin-1").strip(b" \t")
        except UnicodeEncodeError:
            raise BridgeError("fetch: malformed headers", type="TypeError") from None
        if b"\r" in value or b"\n" in value or b"\0" in value or not name:
            raise BridgeError("fetch: malformed headers", type="TypeError")
        # (stripped: a combined empty value is ", "; h11 refuses surrounding whitespace,
        # which servers drop as optional whitespace anyway)
        size += len(name) + len(value)
        if name.lower() not in _DROPPED:
            headers.append((name, value))
    if size > MAX_HEADER_BYTES:
        raise BridgeError(f"fetch: request headers over {MAX_HEADER_BYTES} bytes", type="TypeError")
    return headers


def _with_defaults(headers: list[Header]) -> list[Header]:
    present = {name.lower() for name, _ in headers}
    return headers + [(n, v) for n, v in _DEFAULT_HEADERS if n not in present]


# --------------------------------------------------------------------- exchange


@dataclass
class _Hop:
    url: httpx.URL
    method: str
    headers: list[Header]
    body: bytes | None


def _next_hop(hop: _Hop, status: int, location: str) -> _Hop:
    """The Fetch standard's redirect step: method/body rewriting, credentials kept same-origin."""
    try:
        target = hop.url.join(location).copy_with(fragment=None)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise _failure("network", "invalid redirect location", None) from None
    method, body, headers = hop.method, hop.body, hop.headers
    if (status in (301, 302) and method == "POST") or (
        status == 303 and method not in ("GET", "HEAD")
    ):
        method, body = "GET", None
        headers = [h for h in headers if h[0].lower() not in _CONTENT_HEADERS]
    if (target.scheme, target.host, target.port) != (hop.url.scheme, hop.url.host, hop.url.port):
        headers = [h for h in headers if h[0].lower() not in _CREDENTIALS]
    return _Hop(target, method, headers, body)


async def _read_body(response: httpx.Response, cap: int, url: httpx.URL) -> bytes:
    too_large = _limit(
        f"the response from {_display(url)} is over FETCH_MAX_RESPONSE_BYTES ({cap} bytes)"
    )
    declared = response.headers.get("content-length", "")
    if "content-encoding" not in response.headers and declared.isdigit() and int(declared) > cap:
        raise too_large
    body = bytearray()
    async for chunk in response.aiter_bytes():  # decoded: the cap holds for gzip bombs too
        body += chunk
        if len(body) > cap:
            raise too_large
    return bytes(body)


async def _exchange(service: FetchService, hop: _Hop, redirect: str) -> dict[str, Any]:
    limits = service.limits
    for hops in range(limits.max_redirects + 2):
        request = service.client.build_request(
            hop.method, hop.url, headers=_with_defaults(hop.headers), content=hop.body
        )
        try:
            response = await service.client.send(request, stream=True)
        except BlockedURL as exc:
            raise _blocked(exc, hop.url) from None
        except httpx.HTTPError as exc:
            raise _transport_error(exc, hop.url) from None
        try:
            location = response.headers.get("location")
            if response.status_code in _REDIRECTS and location is not None and redirect != "manual":
                if redirect == "error":
                    raise _failure("network", "unexpected redirect", None)
                if hops >= limits.max_redirects:
                    raise _failure(
                        "network",
                        f"redirect count exceeded (FETCH_MAX_REDIRECTS={limits.max_redirects})",
                        None,
                    )
                hop = _next_hop(hop, response.status_code, location)
                continue
            try:
                body = await _read_body(response, limits.max_response_bytes, hop.url)
            except httpx.HTTPError as exc:
                raise _transport_error(exc, hop.url) from None
            return {
                "status": response.status_code,
                "statusText": response.reason_phrase,
                "headers": [
                    [k.decode("latin-1"), v.decode("latin-1")] for k, v in response.headers.raw
                ],
                "url": str(hop.url),
                "redirected": hops > 0,
                "body": body,
            }
        finally:
            await response.aclose()
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


@async_op("fetch")
async def fetch(io: ExecutionIO, request: Any) -> dict[str, Any]:
    service = io.services.get("fetch")
    if not isinstance(service, FetchService):
        raise _failure("security", "fetch is not available in this service", "ERR_FLOWGATE_SSRF")
    url, method, headers, body, redirect = _parse_request(request)
    limits = service.limits
    made = io.counters.get("fetch.requests", 0)
    if made >= limits.max_requests:
        raise _limit(f"more than FETCH_MAX_REQUESTS ({limits.max_requests}) fetch() calls")
    io.counters["fetch.requests"] = made + 1
    if body is not None and len(body) > limits.max_request_bytes:
        raise _limit(
            f"the request body is over FETCH_MAX_REQUEST_BYTES ({limits.max_request_bytes} bytes)"
        )
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise _failure("network", "invalid URL", "ERR_INVALID_URL", "TypeError") from None
    try:
        async with asyncio.timeout(limits.timeout_s):
            return await _exchange(service, _Hop(parsed, method, headers, body), redirect)
    except TimeoutError:
        raise _failure(
            "network",
            f"fetch to {_display(parsed)} timed out after FETCH_TIMEOUT_MS ({round(limits.timeout_s * 1000)} ms)",
            "UND_ERR_HEADERS_TIMEOUT",
        ) from None
