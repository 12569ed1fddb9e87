"""fetch() with the SSRF guard ON: loopback, metadata and private addresses are refused.

These runners allow plain http and any port (so the address check is what
refuses), but no private address: a refusal is a `TypeError('fetch failed')`
whose cause is a `SecurityError`, and the contract's `SecurityError` when uncaught.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from flowgate.codeblock.bridge.fetch import fetch, fetch_policy, make_fetch_service
from flowgate.codeblock.bridge.io import ExecutionIO
from flowgate.codeblock.bridge.registry import BridgeError
from flowgate.codeblock.limits import CodeLimits
from tests.codeblock.fetch_helpers import FetchRunner, LocalServer, fetch_limits

GUARDED = {"ssrf_allow_list": "", "fetch_allow_http": True, "fetch_allowed_ports": "*"}


def _fetch_error(service: Any, request: Any) -> BridgeError:
    """Run the fetch op once on its own loop; it must fail. Closes `service`."""

    async def go() -> BridgeError:
        io = ExecutionIO(asyncio.get_running_loop(), {"fetch": service})
        try:
            with pytest.raises(BridgeError) as info:
                await fetch(io, request)
            return info.value
        finally:
            await service.aclose()

    return asyncio.run(go())


@pytest.fixture(scope="module")
def guarded() -> Iterator[FetchRunner]:
    r = FetchRunner(fetch_limits(**GUARDED))
    yield r
    r.close()


class _Resolver:
    """Answers every name with one fixed address (a rebinding or internal DNS)."""

    def __init__(self, answer: str) -> None:
        self.answer = answer

    async def resolve(self, host: str, port: int) -> list[str]:
        return [self.answer]


CAUGHT = """
try { await fetch(input.url); return 'reached' }
catch (e) { return [e.name, e.message, e.cause && e.cause.name, e.cause instanceof Error,
  e.cause && e.cause.code, e.cause && e.cause.message] }
"""


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1:8080/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",
    ],
)
def test_private_destinations_are_security_errors(guarded: FetchRunner, url: str) -> None:
    out = guarded.run(CAUGHT, {"url": url})
    assert out["success"], out
    name, message, cause, is_error, code, text = out["result"]
    assert [name, message, cause, is_error, code] == [
        "TypeError",
        "fetch failed",
        "SecurityError",
        True,
        "ERR_FLOWGATE_SSRF",
    ]
    assert "non-public address" in text
    assert "meta-data" not in text  # messages never carry paths


def test_live_loopback_server_is_never_reached(guarded: FetchRunner, server: LocalServer) -> None:
    out = guarded.run(CAUGHT, {"url": server.base + "/echo?token=secret"})
    assert out["result"][2] == "SecurityError"
    assert "secret" not in out["result"][5]
    assert server.rec.requests == []


def test_uncaught_refusal_is_the_contracts_security_error(
    guarded: FetchRunner, server: LocalServer
) -> None:
    out = guarded.run("await fetch(input.url)", {"url": server.base + "/echo"})
    assert not out["success"]
    assert out["status"] == 400
    assert out["error"]["type"] == "SecurityError"
    assert out["error"]["message"].startswith("fetch failed: fetch blocked: ")
    # A caught-and-rethrown cause is a SecurityError too.
    out = guarded.run(
        "try { await fetch(input.url) } catch (e) { throw e.cause }", {"url": server.base}
    )
    assert out["error"]["type"] == "SecurityError"
    assert server.rec.requests == []


def test_redirect_to_a_private_address_is_refused(server: LocalServer) -> None:
    """The first hop is allowed (loopback on the allow list); the redirect's is not."""
    runner = FetchRunner(fetch_limits())
    try:
        code = "await fetch(input.base + '/goto?u=http://10.1.2.3/x')"
        out = runner.run(code, {"base": server.base})
    finally:
        runner.close()
    assert out["error"]["type"] == "SecurityError"
    assert [r["path"] for r in server.rec.requests] == ["/goto?u=http://10.1.2.3/x"]


def test_defaults_refuse_http_and_odd_ports() -> None:
    runner = FetchRunner(CodeLimits(execution_timeout_ms=3000, runtime_pool_size=1))
    try:
        out = runner.run(CAUGHT, {"url": "http://example.com/"})
        assert out["result"][2] == "SecurityError" and "scheme" in out["result"][5]
        out = runner.run(CAUGHT, {"url": "https://example.com:8443/"})
        assert out["result"][2] == "SecurityError" and "port 8443" in out["result"][5]
    finally:
        runner.close()


def test_names_resolving_to_private_addresses_are_refused() -> None:
    """DNS answers are checked (and pinned): a public-looking name for 127.0.0.1 is refused."""
    limits = fetch_limits(**GUARDED)
    service = make_fetch_service(limits, resolver=_Resolver("127.0.0.1"))
    request: dict[str, Any] = {
        "url": "http://internal.example/",
        "method": "GET",
        "headers": [],
        "body": None,
    }

    err = _fetch_error(service, request)
    assert err.props["fetch"] == "security" and err.code == "ERR_FLOWGATE_SSRF"


def test_policy_from_limits() -> None:
    assert fetch_policy(CodeLimits()).allowed_ports == frozenset({80, 443})
    assert not fetch_policy(CodeLimits()).allow_http
    assert len(fetch_policy(CodeLimits(ssrf_allow_private=True)).allowed_ports) == 65535
    policy = fetch_policy(
        CodeLimits(ssrf_allow_list="127.0.0.1, 10.0.0.0/8", fetch_allowed_ports="80, 8080")
    )
    assert policy.allowed_ports == frozenset({80, 8080}) and len(policy.allow_list) == 2


@pytest.mark.parametrize(
    "request_",
    [
        None,
        "http://x/",
        {"url": 1, "method": "GET", "headers": []},
        {"url": "http://x/", "method": "GE T", "headers": []},
        {"url": "http://x/", "method": "GET", "headers": [["a"]]},
        {"url": "http://x/", "method": "GET", "headers": [["a", "b\r\nc: d"]]},
        {"url": "http://x/", "method": "GET", "headers": [["a", "\u0100"]]},
        {"url": "http://x/", "method": "GET", "headers": [["a", "b"]] * 300},
        {"url": "http://x/", "method": "GET", "headers": [], "body": "text"},
        {"url": "http://x/", "method": "GET", "headers": [], "redirect": "sometimes"},
        {"url": "http://x/" + "a" * 9000, "method": "GET", "headers": []},
    ],
)
def test_malformed_requests_are_refused_before_any_io(request_: Any) -> None:
    service = make_fetch_service(fetch_limits())

    err = _fetch_error(service, request_)
    assert err.type == "TypeError"


def test_without_the_service_fetch_is_refused() -> None:
    async def go() -> BridgeError:
        io = ExecutionIO(asyncio.get_running_loop(), {})
        with pytest.raises(BridgeError) as info:
            await fetch(io, {"url": "https://example.com/", "method": "GET", "headers": []})
        return info.value

    assert asyncio.run(go()).props["fetch"] == "security"


class _NoAnswer:
    async def resolve(self, host: str, port: int) -> list[str]:
        raise OSError("no such name")


def test_unresolvable_names_fail_as_enotfound_not_security() -> None:
    service = make_fetch_service(fetch_limits(**GUARDED), resolver=_NoAnswer())
    request: dict[str, Any] = {
        "url": "https://nowhere.example/p?token=s",
        "method": "GET",
        "headers": [],
    }

    err = _fetch_error(service, request)
    assert err.props["fetch"] == "network" and err.code == "ENOTFOUND"
    assert err.message == "getaddrinfo ENOTFOUND nowhere.example"


def test_the_default_engine_refuses_loopback(run_js: Any) -> None:
    """The engine every test (and production) gets builds its fetch service with the guard on."""
    for url in ("http://127.0.0.1:8080/", "https://127.0.0.1/", "https://169.254.169.254/"):
        out = run_js("await fetch(input.url)", {"url": url})
        assert out["error"]["type"] == "SecurityError", out
