"""Outgoing-request guard for user-supplied URLs (webhook callbacks, input images).

A caller-chosen URL must never reach the metadata service, loopback or the
private network behind the gateway. Checking the name is not enough: DNS can
answer differently on the next lookup (rebinding), so the transport resolves
each host exactly once, requires every answer to be public and then connects
to the checked address itself, keeping the real name in `Host` and TLS SNI.
Messages name at most scheme://host:port: paths and queries may carry tokens.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Protocol

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

MAX_URL_LENGTH = 8192
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CREDENTIAL_HEADERS = ("authorization", "proxy-authorization", "cookie")
# Ranges `is_global` misses or that Python versions disagree on (RFC 6598, 6890, 5771, ...).
_FORBIDDEN_V4 = tuple(
    ipaddress.IPv4Network(n)
    for n in ("0.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "192.0.0.0/24", "224.0.0.0/4")
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052 well-known prefix
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215 local use: never global
_V4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d
_AUTHORITY = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*\.?$", re.IGNORECASE)


class BlockedURL(Exception):
    """The guard refused a URL; `reason` is machine-readable, `message` safe to show."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class DownloadError(Exception):
    """The final response was not 2xx; the callee's body is deliberately not kept."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class EgressPolicy:
    """Operator configuration of what user-supplied URLs may reach."""

    allow_private: bool = False
    allow_http: bool = False
    allowed_ports: frozenset[int] = frozenset({80, 443})
    allow_list: tuple[IPNetwork, ...] = field(default=())

    @classmethod
    def parse_allow_list(cls, spec: str) -> tuple[IPNetwork, ...]:
        """Parse `SSRF_ALLOW_LIST` ("10.0.0.0/8, 127.0.0.1, ::1"); junk is a startup error."""
        networks: list[IPNetwork] = []
        for raw in spec.split(","):
            entry = raw.strip()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry))
            except ValueError as exc:
                raise ValueError(
                    f"SSRF allow list entry {entry!r} is not an IP address or CIDR network: {exc}"
                ) from exc
        return tuple(networks)

    def permits(self, ip: IPAddress) -> bool:
        """Private addresses pass only by explicit operator choice."""
        if self.allow_private:
            return True
        candidates: list[IPAddress] = [ip]
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            candidates.append(ip.ipv4_mapped)
        if any(c in net for c in candidates for net in self.allow_list):
            return True
        return not is_forbidden_address(ip)


class Resolver(Protocol):
    """Name resolution, injectable so tests can simulate rebinding DNS."""

    async def resolve(self, host: str, port: int) -> list[str]: ...


class SystemResolver:
    """The OS resolver (getaddrinfo), run off the event loop."""

    async def resolve(self, host: str, port: int) -> list[str]:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _display(url: httpx.URL) -> str:
    """scheme://host:port only: userinfo, path and query may all carry secrets."""
    port = url.port or _DEFAULT_PORTS.get(url.scheme, 0)
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{url.scheme}://{host}:{port}"


def _host(url: httpx.URL) -> str:
    """The ASCII (IDNA) host: what DNS, SNI and certificate checks must all see."""
    return url.raw_host.decode("ascii")


def check_url(url: str, policy: EgressPolicy) -> httpx.URL:
    """Syntax-level checks that need no DNS: scheme, userinfo, port, host present."""
    if not isinstance(url, str) or len(url) > MAX_URL_LENGTH:
        raise BlockedURL("bad_url", "URL is not a string or is too long")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise BlockedURL("bad_url", "URL cannot be parsed") from None
    allowed_schemes = ("https", "http") if policy.allow_http else ("https",)
    if parsed.scheme not in allowed_schemes:
        names = " or ".join(allowed_schemes)
        raise BlockedURL("scheme", f"URL scheme must be {names}")
    host = parsed.raw_host.decode("ascii", "replace")
    if not _HOSTNAME.match(host) and not _is_ip_literal(host):
        raise BlockedURL("bad_url", "URL has no valid host name")
    authority = _AUTHORITY.match(url)
    if parsed.userinfo or (authority is not None and "@" in authority.group(1)):
        raise BlockedURL("userinfo", f"credentials in the URL are not allowed ({_display(parsed)})")
    port = parsed.port or _DEFAULT_PORTS[parsed.scheme]
    if port not in policy.allowed_ports:
        raise BlockedURL("port", f"port {port} is not allowed ({_display(parsed)})")
    return parsed


def _is_ip_literal(host: str) -> bool:
    """IP literal without an IPv6 zone id (a zone names a local interface)."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return "%" not in host


def is_forbidden_address(ip: IPAddress) -> bool:
    """True when connecting to `ip` could reach something that is not the public internet."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # the kernel connects to the IPv4 address
            return is_forbidden_address(ip.ipv4_mapped)
        if ip in _NAT64:  # a NAT64 gateway connects to the embedded IPv4 address
            return is_forbidden_address(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip in _NAT64_LOCAL or ip in _V4_COMPATIBLE or ip.teredo is not None:
            return True  # local NAT64, deprecated v4-compatible, Teredo: never a callback target
        if ip.sixtofour is not None and is_forbidden_address(ip.sixtofour):
            return True
        if ip.scope_id is not None or ip.is_site_local:
            return True
    elif any(ip in net for net in _FORBIDDEN_V4):
        return True
    return (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


class _ReleasingStream(httpx.AsyncByteStream):
    """Response body wrapper that hands its pool back once the body is closed."""

    def __init__(
        self, inner: httpx.AsyncByteStream, on_close: Callable[[], Awaitable[None]]
    ) -> None:
        self._inner = inner
        self._on_close: Callable[[], Awaitable[None]] | None = on_close

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            on_close, self._on_close = self._on_close, None
            if on_close is not None:
                await on_close()


@dataclass
class _Pool:
    transport: httpx.AsyncBaseTransport
    users: int = 0


class _HostPools:
    """One connection pool per real (scheme, host, port).

    Requests go to IP literals, and httpcore pools connections by URL origin; one
    shared pool would reuse a TLS session verified for a.example for b.example
    whenever both share an address (any CDN). Idle pools beyond `max_hosts` are
    closed least recently used first; busy ones are never closed under a request.
    """

    def __init__(self, factory: Callable[[], httpx.AsyncBaseTransport], max_hosts: int) -> None:
        self._factory = factory
        self._max_hosts = max_hosts
        self._pools: OrderedDict[tuple[str, str, int], _Pool] = OrderedDict()

    async def acquire(self, key: tuple[str, str, int]) -> _Pool:
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = _Pool(self._factory())
        self._pools.move_to_end(key)
        pool.users += 1
        idle = [k for k, p in self._pools.items() if p.users == 0]
        for old in idle[: max(0, len(self._pools) - self._max_hosts)]:
            await self._pools.pop(old).transport.aclose()
        return pool

    async def release(self, pool: _Pool) -> None:
        pool.users -= 1

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            await pool.transport.aclose()


class GuardedTransport(httpx.AsyncBaseTransport):
    """Checks every request (including each redirect hop) and pins it to a checked IP.

    `inner` (tests, mocks) receives every request; without it each real host gets
    its own pool from `transport_factory` (default `httpx.AsyncHTTPTransport()`).
    """

    MAX_HOST_POOLS = 256

    def __init__(
        self,
        policy: EgressPolicy,
        *,
        resolver: Resolver | None = None,
        inner: httpx.AsyncBaseTransport | None = None,
        transport_factory: Callable[[], httpx.AsyncBaseTransport] | None = None,
    ) -> None:
        if inner is not None and transport_factory is not None:
            raise ValueError("pass either inner or transport_factory, not both")
        self._policy = policy
        self._resolver: Resolver = resolver or SystemResolver()
        self._inner = inner
        self._pools = _HostPools(transport_factory or httpx.AsyncHTTPTransport, self.MAX_HOST_POOLS)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = check_url(str(request.url), self._policy)
        candidates = await self._checked_addresses(url, request)
        for ip in candidates[:-1]:
            try:
                return await self._send(self._pin(request, url, ip), url)
            except httpx.ConnectError:  # nothing was sent: safe to try the other family
                continue
        return await self._send(self._pin(request, url, candidates[-1]), url)

    async def _send(self, pinned: httpx.Request, url: httpx.URL) -> httpx.Response:
        if self._inner is not None:
            return await self._inner.handle_async_request(pinned)
        pool = await self._pools.acquire((url.scheme, _host(url), url.port or 0))
        try:
            response = await pool.transport.handle_async_request(pinned)
        except BaseException:
            await self._pools.release(pool)
            raise
        if isinstance(response.stream, httpx.AsyncByteStream):
            response.stream = _ReleasingStream(response.stream, lambda: self._pools.release(pool))
        else:
            await self._pools.release(pool)
        return response

    async def aclose(self) -> None:
        if self._inner is not None:
            await self._inner.aclose()
        await self._pools.aclose()

    async def _checked_addresses(self, url: httpx.URL, request: httpx.Request) -> list[str]:
        """Resolve once; every answer must pass, so a mixed answer cannot win a race.

        Returns the address to connect to, plus the first one of the other IP
        family as a fallback for hosts whose IPv6 (or IPv4) route is broken.
        """
        try:
            answers: list[IPAddress] = [ipaddress.ip_address(_host(url))]
        except ValueError:
            answers = await self._resolve(url, request)
        for ip in answers:
            if not self._policy.permits(ip):
                raise BlockedURL(
                    "private_address", f"{_display(url)} resolves to a non-public address"
                )
        other = [ip for ip in answers if ip.version != answers[0].version]
        return [str(ip) for ip in answers[:1] + other[:1]]

    async def _resolve(self, url: httpx.URL, request: httpx.Request) -> list[IPAddress]:
        port = url.port or _DEFAULT_PORTS[url.scheme]
        timeout = request.extensions.get("timeout", {}).get("connect")
        try:
            async with asyncio.timeout(timeout):
                raw = await self._resolver.resolve(_host(url), port)
            answers = [ipaddress.ip_address(a) for a in raw]
        except TimeoutError:
            raise httpx.ConnectTimeout(f"resolving {_display(url)} timed out") from None
        except (OSError, ValueError):
            answers = []
        if not answers:
            raise BlockedURL("unresolvable", f"{_display(url)} cannot be resolved")
        return answers

    @staticmethod
    def _pin(request: httpx.Request, url: httpx.URL, ip: str) -> httpx.Request:
        """Same request aimed at the checked IP; Host and SNI keep the real name."""
        if ipaddress.ip_address(ip).version == 6 and "%" in ip:
            ip = ip.split("%", 1)[0]
        headers = request.headers.copy()
        headers.setdefault("Host", url.netloc.decode("ascii"))
        extensions = dict(request.extensions)
        if url.scheme == "https":
            extensions["sni_hostname"] = _host(url).rstrip(".")
        return httpx.Request(
            request.method,
            url.copy_with(host=ip),
            headers=headers,
            stream=request.stream,
            extensions=extensions,
        )


def guarded_client(
    policy: EgressPolicy,
    *,
    resolver: Resolver | None = None,
    timeout: httpx.Timeout | float = 15.0,
) -> httpx.AsyncClient:
    """A client that never follows redirects, ignores env proxies/.netrc and keeps no cookies.

    Cookies set by one user's callee must not ride along on another user's request.
    """
    return httpx.AsyncClient(
        transport=GuardedTransport(policy, resolver=resolver),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
    )


def _origin(url: httpx.URL) -> tuple[str, str, int]:
    return (url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme, 0))


def _parse(url: str | httpx.URL, base: httpx.URL | None = None) -> httpx.URL:
    try:
        return base.join(url) if base is not None else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise BlockedURL("bad_url", "URL cannot be parsed") from None


async def _read_capped(response: httpx.Response, max_bytes: int, where: str) -> bytes:
    too_large = BlockedURL("too_large", f"response from {where} exceeds {max_bytes} bytes")
    declared = response.headers.get("content-length", "")
    identity = "content-encoding" not in response.headers
    if identity and declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    body = bytearray()
    async for chunk in response.aiter_bytes():  # decoded: caps gzip bombs too
        body += chunk
        if len(body) > max_bytes:
            raise too_large
    return bytes(body)


async def download(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    max_redirects: int = 5,
    headers: Mapping[str, str] | None = None,
) -> tuple[bytes, str]:
    """GET `url` through a guarded client; returns (body, content-type).

    Redirects are followed here, not by httpx, so each hop passes the transport's
    checks again and credentials never travel to a different origin.
    """
    current = _parse(url)
    sent = httpx.Headers(headers or {})
    for _ in range(max_redirects + 1):
        async with client.stream("GET", current, headers=sent) as response:
            if response.has_redirect_location:
                target = _parse(response.headers["location"], base=current)
                if _origin(target) != _origin(current):
                    for name in _CREDENTIAL_HEADERS:
                        sent.pop(name, None)
                current = target
                continue
            if not response.is_success:
                raise DownloadError(
                    response.status_code,
                    f"download from {_display(current)} failed with HTTP {response.status_code}",
                )
            body = await _read_capped(response, max_bytes, _display(current))
            return body, response.headers.get("content-type", "")
    raise BlockedURL("too_many_redirects", f"more than {max_redirects} redirects")
