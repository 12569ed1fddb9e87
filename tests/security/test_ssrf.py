"""The outgoing-request guard, exercised with the guard on.

Loopback test servers are reached through an operator allow list holding only
127.0.0.1/32, exactly as an operator would open one internal address.
"""

from __future__ import annotations

import contextlib
import ipaddress
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowgate.security.ssrf import (
    BlockedURL,
    DownloadError,
    EgressPolicy,
    GuardedTransport,
    SystemResolver,
    _HostPools,
    check_url,
    download,
    guarded_client,
    is_forbidden_address,
)
from tests.security import FakeResolver, RawServer, Reply, Seen, write_self_signed

LOOPBACK = EgressPolicy.parse_allow_list("127.0.0.1/32")
PUBLIC_V4 = "93.184.216.34"

# --- independent oracle: special-purpose IPv4 ranges, straight from the RFCs ---------------
RFC_FORBIDDEN_V4 = [
    ipaddress.IPv4Network(n)
    for n in (
        "0.0.0.0/8",  # RFC 1122 "this network"
        "10.0.0.0/8",  # RFC 1918
        "100.64.0.0/10",  # RFC 6598 shared address space (CGN)
        "127.0.0.0/8",  # RFC 1122 loopback
        "169.254.0.0/16",  # RFC 3927 link-local, cloud metadata
        "172.16.0.0/12",  # RFC 1918
        "192.0.0.0/24",  # RFC 6890 IETF protocol assignments
        "192.0.2.0/24",  # RFC 5737 TEST-NET-1
        "192.168.0.0/16",  # RFC 1918
        "198.18.0.0/15",  # RFC 2544 benchmarking
        "198.51.100.0/24",  # RFC 5737 TEST-NET-2
        "203.0.113.0/24",  # RFC 5737 TEST-NET-3
        "224.0.0.0/4",  # RFC 5771 multicast
        "240.0.0.0/4",  # RFC 1112 reserved, incl. limited broadcast
    )
]


def oracle_forbidden(ip: ipaddress.IPv4Address) -> bool:
    return any(ip in net for net in RFC_FORBIDDEN_V4)


def _near(net: ipaddress.IPv4Network) -> st.SearchStrategy[int]:
    low, high = int(net.network_address) - 1, int(net.broadcast_address) + 1
    return st.integers(max(low, 0), min(high, 2**32 - 1))


V4_ADDRESSES = st.one_of(
    st.integers(0, 2**32 - 1), st.sampled_from(RFC_FORBIDDEN_V4).flatmap(_near)
).map(ipaddress.IPv4Address)


@given(V4_ADDRESSES)
def test_forbidden_matches_rfc_oracle(ip: ipaddress.IPv4Address) -> None:
    expected = oracle_forbidden(ip)
    assert is_forbidden_address(ip) is expected
    assert is_forbidden_address(ipaddress.IPv6Address(f"::ffff:{ip}")) is expected
    assert is_forbidden_address(ipaddress.IPv6Address((0x2002 << 112) | (int(ip) << 80))) is (
        expected
    )
    assert is_forbidden_address(ipaddress.IPv6Address(f"64:ff9b::{ip}")) is expected


FORBIDDEN = [
    "10.0.0.1", "172.16.5.4", "192.168.1.1", "127.0.0.1", "127.255.255.254",
    "169.254.169.254", "169.254.0.1", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255",
    "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1",
    "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "fec0::1", "ff02::1", "ff0e::1",
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:169.254.169.254", "::ffff:10.0.0.1",
    "::7f00:1", "2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:101::1",
    "64:ff9b::7f00:1", "64:ff9b::10.0.0.1", "64:ff9b::169.254.169.254", "64:ff9b:1::808:808",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:db8::1", "100::1",
]  # fmt: skip
ALLOWED = [
    "8.8.8.8", "1.1.1.1", PUBLIC_V4, "100.128.0.1", "2606:4700:4700::1111",
    "2a00:1450:4001::200e", "::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808",
]  # fmt: skip


@pytest.mark.parametrize("address", FORBIDDEN)
def test_forbidden_addresses(address: str) -> None:
    assert is_forbidden_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ALLOWED)
def test_public_addresses(address: str) -> None:
    assert not is_forbidden_address(ipaddress.ip_address(address))


# --- check_url ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/x", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("gopher://example.com:70/", "scheme"),
        ("http://example.com/hook", "scheme"),
        ("https://user:hunter2@example.com/hook?token=abc", "userinfo"),
        ("https://user@example.com/", "userinfo"),
        ("https://@example.com/", "userinfo"),
        ("https://evil.test\\@example.com/", "userinfo"),
        ("https://example.com:8443/", "port"),
        ("https://example.com:22/", "port"),
        ("https:///path", "bad_url"),
        ("https://exa mple.com/", "bad_url"),
        ("https://[::1/", "bad_url"),
        ("https://example.com/" + "a" * 9000, "bad_url"),
    ],
)
def test_check_url_refuses(url: str, reason: str) -> None:
    with pytest.raises(BlockedURL) as info:
        check_url(url, EgressPolicy())
    assert info.value.reason == reason
    assert "hunter2" not in info.value.message
    assert "token=abc" not in info.value.message
    assert "hunter2" not in str(info.value)


def test_check_url_accepts() -> None:
    assert check_url("https://example.com/hook?a=1", EgressPolicy()).host == "example.com"
    assert check_url("https://example.com:443/", EgressPolicy()).port is None
    assert check_url("https://example.com/x?email=a@b.c", EgressPolicy()).path == "/x"
    http = EgressPolicy(allow_http=True, allowed_ports=frozenset({80, 8080}))
    assert check_url("http://example.com:8080/", http).port == 8080


def test_parse_allow_list() -> None:
    parsed = EgressPolicy.parse_allow_list(" 127.0.0.1/32, 10.0.0.0/8,::1 ,192.168.1.7,")
    assert [str(n) for n in parsed] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128", "192.168.1.7/32"]
    assert EgressPolicy.parse_allow_list("") == ()
    for junk in ("localhost", "10.0.0.1/8", "300.1.1.1", "10.0.0.0/33"):
        with pytest.raises(ValueError, match="SSRF allow list entry"):
            EgressPolicy.parse_allow_list(f"127.0.0.1,{junk}")


# --- transport with a fake resolver ----------------------------------------------------------
def recorder() -> tuple[list[httpx.Request], httpx.MockTransport]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/"})

    return seen, httpx.MockTransport(handle)


def mock_client(
    resolver: FakeResolver, policy: EgressPolicy | None = None
) -> tuple[list[httpx.Request], httpx.AsyncClient]:
    seen, inner = recorder()
    transport = GuardedTransport(policy or EgressPolicy(), resolver=resolver, inner=inner)
    return seen, httpx.AsyncClient(transport=transport)


async def test_request_is_pinned_to_checked_ip_with_real_host_and_sni() -> None:
    resolver = FakeResolver({"hooks.example.com": [[PUBLIC_V4]]})
    seen, client = mock_client(resolver)
    async with client:
        response = await client.get("https://hooks.example.com/cb/1?sig=x")
    assert response.status_code == 302  # returned as is: never followed
    (sent,) = seen
    assert sent.url.host == PUBLIC_V4
    assert sent.url.raw_path == b"/cb/1?sig=x"
    assert sent.headers["host"] == "hooks.example.com"
    assert sent.extensions["sni_hostname"] == "hooks.example.com"
    assert response.request.url.host == "hooks.example.com"


async def test_http_and_ipv6_pinning() -> None:
    resolver = FakeResolver({"v6.example.com": [["2606:4700:4700::1111"]]})
    policy = EgressPolicy(allow_http=True, allowed_ports=frozenset({8080}))
    seen, client = mock_client(resolver, policy)
    async with client:
        await client.get("http://v6.example.com:8080/p")
    (sent,) = seen
    assert str(sent.url) == "http://[2606:4700:4700::1111]:8080/p"
    assert sent.headers["host"] == "v6.example.com:8080"
    assert "sni_hostname" not in sent.extensions


async def test_dns_rebinding_resolves_once_per_request() -> None:
    resolver = FakeResolver({"rebind.example.com": [[PUBLIC_V4], ["127.0.0.1"]]})
    seen, client = mock_client(resolver)
    async with client:
        await client.get("https://rebind.example.com/")
        with pytest.raises(BlockedURL) as info:
            await client.get("https://rebind.example.com/")
    assert info.value.reason == "private_address"
    assert "127.0.0.1" not in info.value.message
    assert resolver.calls == ["rebind.example.com", "rebind.example.com"]
    assert [r.url.host for r in seen] == [PUBLIC_V4]


@pytest.mark.parametrize(
    "answers",
    [
        [PUBLIC_V4, "10.0.0.1"],
        ["10.0.0.1", PUBLIC_V4],
        ["2606:4700:4700::1111", "::1"],
        [PUBLIC_V4, "::ffff:169.254.169.254"],
        ["64:ff9b::a9fe:a9fe"],
    ],
)
async def test_any_private_answer_refuses(answers: list[str]) -> None:
    seen, client = mock_client(FakeResolver({"mixed.example.com": [answers]}))
    async with client:
        with pytest.raises(BlockedURL, match="non-public") as info:
            await client.get("https://mixed.example.com/")
    assert info.value.reason == "private_address"
    assert seen == []


async def test_allow_list_and_allow_private() -> None:
    resolver = FakeResolver(
        {"db.internal": [["10.1.2.3"]], "both.internal": [["10.1.2.3", "10.9.9.9"]]}
    )
    listed = EgressPolicy(allow_list=EgressPolicy.parse_allow_list("10.1.0.0/16"))
    seen, client = mock_client(resolver, listed)
    async with client:
        await client.get("https://db.internal/")
        with pytest.raises(BlockedURL, match="non-public"):
            await client.get("https://both.internal/")
    assert [r.url.host for r in seen] == ["10.1.2.3"]
    seen, client = mock_client(resolver, EgressPolicy(allow_private=True))
    async with client:
        await client.get("https://both.internal/")
        with pytest.raises(BlockedURL, match="port"):  # only the address checks are off
            await client.get("https://both.internal:9999/")
    assert [r.url.host for r in seen] == ["10.1.2.3"]


@pytest.mark.parametrize(
    "url",
    ["https://127.0.0.1/", "https://[::1]/", "https://[::ffff:127.0.0.1]/",
     "https://[::ffff:7f00:1]/", "https://[2002:7f00:1::]/", "https://169.254.169.254/",
     "https://0.0.0.0/", "https://[fe80::1]/"],
)  # fmt: skip
async def test_ip_literals_checked_without_dns(url: str) -> None:
    resolver = FakeResolver({})
    seen, client = mock_client(resolver)
    async with client:
        with pytest.raises(BlockedURL, match="non-public"):
            await client.get(url)
        await client.get(f"https://{PUBLIC_V4}/")
    assert resolver.calls == []
    assert [r.url.host for r in seen] == [PUBLIC_V4]


@pytest.mark.parametrize("answers", [{}, {"empty.example.com": [[]]}])
async def test_unresolvable(answers: dict[str, list[list[str]]]) -> None:
    _, client = mock_client(FakeResolver(answers))
    async with client:
        with pytest.raises(BlockedURL) as info:
            await client.get("https://empty.example.com/")
    assert info.value.reason == "unresolvable"


async def test_system_resolver_refuses_localhost() -> None:
    answers = await SystemResolver().resolve("localhost", 80)
    assert answers
    assert all(ipaddress.ip_address(a).is_loopback for a in answers)
    async with guarded_client(EgressPolicy(allow_http=True)) as client:
        with pytest.raises(BlockedURL) as info:
            await client.get("http://localhost/")
    assert info.value.reason == "private_address"


# --- real servers on loopback ------------------------------------------------------------------
def routes(seen: Seen) -> Reply:
    """Test server A: redirect chains, redirects elsewhere, big bodies, errors."""
    parts = seen.target.split("?", 1)[0].strip("/").split("/")
    match parts:
        case ["chain", total, n] if int(n) < int(total):
            return 302, {"Location": f"/chain/{total}/{int(n) + 1}"}, b""
        case ["go"]:
            return 307, {"Location": seen.target.split("to=", 1)[1]}, b""
        case ["big", size]:
            return 200, {"Content-Type": "image/png"}, b"x" * int(size)
        case ["bigchunked", size]:
            return 200, {"Transfer-Encoding": "chunked"}, b"x" * int(size)
        case ["missing"]:
            return 404, {}, b"SECRET-BODY-TEXT"
        case ["cookie"]:
            return 200, {"Set-Cookie": "sid=tracked; Path=/"}, b""
    return 200, {"Content-Type": "text/plain"}, b"done"


@contextlib.asynccontextmanager
async def two_servers() -> AsyncIterator[tuple[RawServer, RawServer, httpx.AsyncClient]]:
    async with RawServer(routes) as a, RawServer(routes) as b:
        resolver = FakeResolver(
            {"a.test": [["127.0.0.1"]], "b.test": [["127.0.0.1"]], "internal.test": [["10.0.0.5"]]}
        )
        policy = EgressPolicy(
            allow_http=True, allowed_ports=frozenset({80, a.port, b.port}), allow_list=LOOPBACK
        )
        async with guarded_client(policy, resolver=resolver, timeout=10.0) as client:
            yield a, b, client


async def test_host_header_and_path_preserved_on_the_wire() -> None:
    async with two_servers() as (a, _, client):
        response = await client.get(f"http://a.test:{a.port}/a/b%20c?x=1&y=%2F")
    assert response.text == "done"
    assert a.seen[0].target == "/a/b%20c?x=1&y=%2F"
    assert a.seen[0].headers["host"] == f"a.test:{a.port}"


async def test_client_never_follows_redirects_nor_keeps_cookies() -> None:
    async with two_servers() as (a, _, client):
        response = await client.get(f"http://a.test:{a.port}/go?to=/elsewhere")
        assert response.status_code == 307
        await client.get(f"http://a.test:{a.port}/cookie")
        await client.get(f"http://a.test:{a.port}/again")
    assert [s.target for s in a.seen] == ["/go?to=/elsewhere", "/cookie", "/again"]
    assert "cookie" not in a.seen[2].headers


@pytest.mark.parametrize(
    "location",
    ["http://127.0.0.2:{port}/", "http://169.254.169.254/latest/meta-data/",
     "http://internal.test:{port}/", "http://[::1]:{port}/", "http://[::ffff:10.0.0.1]/"],
)  # fmt: skip
async def test_redirect_to_private_address_refused(location: str) -> None:
    async with two_servers() as (a, _, client):
        target = location.format(port=a.port)
        with pytest.raises(BlockedURL) as info:
            await download(client, f"http://a.test:{a.port}/go?to={target}", max_bytes=1000)
    assert info.value.reason == "private_address"
    assert len(a.seen) == 1


async def test_redirect_limit() -> None:
    async with two_servers() as (a, _, client):
        body, _ = await download(client, f"http://a.test:{a.port}/chain/5/0", max_bytes=100)
        assert body == b"done"
        with pytest.raises(BlockedURL) as info:
            await download(client, f"http://a.test:{a.port}/chain/6/0", max_bytes=100)
    assert info.value.reason == "too_many_redirects"
    assert len(a.seen) == 6 + 6


async def test_credentials_dropped_across_origins_only() -> None:
    sent = {"Authorization": "Bearer s3cret", "Cookie": "sid=1", "X-Trace": "t1"}
    async with two_servers() as (a, b, client):
        same = f"http://a.test:{a.port}/go?to=/landed"
        await download(client, same, max_bytes=100, headers=sent)
        other = f"http://a.test:{a.port}/go?to=http://b.test:{b.port}/landed"
        await download(client, other, max_bytes=100, headers=sent)
    assert a.seen[1].headers["authorization"] == "Bearer s3cret"
    assert a.seen[1].headers["cookie"] == "sid=1"
    (landed,) = b.seen
    assert landed.target == "/landed"
    assert landed.headers["host"] == f"b.test:{b.port}"
    assert "authorization" not in landed.headers
    assert "cookie" not in landed.headers
    assert landed.headers["x-trace"] == "t1"


@pytest.mark.parametrize("route", ["big", "bigchunked"])
async def test_size_cap(route: str) -> None:
    async with two_servers() as (a, _, client):
        body, ctype = await download(client, f"http://a.test:{a.port}/{route}/1000", max_bytes=1000)
        assert len(body) == 1000
        with pytest.raises(BlockedURL) as info:
            await download(client, f"http://a.test:{a.port}/{route}/1001", max_bytes=1000)
    assert info.value.reason == "too_large"
    assert ctype == ("image/png" if route == "big" else "")


async def test_error_status_does_not_echo_body() -> None:
    async with two_servers() as (a, _, client):
        with pytest.raises(DownloadError) as info:
            await download(client, f"http://a.test:{a.port}/missing?key=k3y", max_bytes=100)
    assert info.value.status == 404
    assert "SECRET-BODY" not in str(info.value)
    assert "k3y" not in info.value.message


# --- https: connect to the IP, verify and present the real name ------------------------------
async def test_https_uses_real_name_for_sni_and_verification(tmp_path: Path) -> None:
    cert_path, key_path = write_self_signed(tmp_path, "hooks.example.test")
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert_path, key_path)
    sni: list[str | None] = []

    def record_sni(_sock: ssl.SSLObject, name: str | None, _ctx: ssl.SSLContext) -> None:
        sni.append(name)

    server_ctx.sni_callback = record_sni
    client_ctx = ssl.create_default_context(cafile=str(cert_path))
    async with RawServer(routes, tls=server_ctx) as server:
        resolver = FakeResolver(
            {"hooks.example.test": [["127.0.0.1"]], "other.test": [["127.0.0.1"]]}
        )
        policy = EgressPolicy(allowed_ports=frozenset({server.port}), allow_list=LOOPBACK)
        transport = GuardedTransport(
            policy,
            resolver=resolver,
            transport_factory=lambda: httpx.AsyncHTTPTransport(verify=client_ctx),
        )
        async with httpx.AsyncClient(transport=transport) as client:
            ok = await client.get(f"https://hooks.example.test:{server.port}/secure?q=1")
            assert ok.text == "done"
            # Same IP and port, other name: a fresh TLS session that must fail verification,
            # not a reuse of the pooled connection verified for hooks.example.test.
            with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                await client.get(f"https://other.test:{server.port}/")
    assert sni[0] == "hooks.example.test"
    assert server.seen[0].headers["host"] == f"hooks.example.test:{server.port}"
    assert server.seen[0].target == "/secure?q=1"
    assert len(server.seen) == 1


async def test_idle_pools_evicted_busy_ones_kept() -> None:
    closed: list[int] = []

    class Closing(httpx.AsyncBaseTransport):
        def __init__(self, n: int) -> None:
            self.n = n

        async def aclose(self) -> None:
            closed.append(self.n)

    made = iter(range(100))
    pools = _HostPools(lambda: Closing(next(made)), max_hosts=2)
    busy = await pools.acquire(("https", "a", 443))
    for host in ("b", "c", "d"):
        await pools.release(await pools.acquire(("https", host, 443)))
    assert closed == [1, 2]  # b, c evicted; a is busy, d is fresh
    await pools.release(busy)
    await pools.aclose()
    assert sorted(closed) == [0, 1, 2, 3]


async def test_falls_back_to_other_family_on_connect_error() -> None:
    resolver = FakeResolver({"dual.example.com": [["2606:4700::1", "2606:4700::2", PUBLIC_V4]]})
    tried: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        tried.append(request.url.host)
        if ":" in request.url.host:
            raise httpx.ConnectError("no IPv6 route", request=request)
        return httpx.Response(200)

    inner = httpx.MockTransport(handle)
    transport = GuardedTransport(EgressPolicy(), resolver=resolver, inner=inner)
    async with httpx.AsyncClient(transport=transport) as client:
        assert (await client.get("https://dual.example.com/")).status_code == 200
    assert tried == ["2606:4700::1", PUBLIC_V4]
    assert resolver.calls == ["dual.example.com"]
