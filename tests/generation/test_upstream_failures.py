"""The retry policy's inputs, produced by a real server: each failure mode is classified right,
on every route, and the simulator proves how many times the upstream was actually called."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from flowgate.generation.upstream.base import ErrorCode, Phase, UpstreamError
from flowgate.generation.upstream.client import UpstreamClient
from tests.generation.helpers import SimServer, make_input, route_for
from tests.servers import free_port

MODELS = ["sora_image", "flux-schnell", "gemini", "veo3", "sora-2"]


async def no_download(url: str) -> tuple[bytes, str]:
    raise AssertionError(f"unexpected download of {url}")


async def call(
    upstream: UpstreamClient, model: str, prompt: str, *, api_key: str = "sk-test-key-123456"
) -> object:
    """One paid call on `model`'s route: an image generation or a video creation."""
    route = route_for(model, request_timeout_s=1.0)
    req = make_input(model, prompt, api_key=api_key)
    if model in ("veo3", "sora-2"):
        return await upstream.create_video(route, req)
    return await upstream.generate_image(route, req)


async def failure(upstream: UpstreamClient, model: str, prompt: str, **kw: str) -> UpstreamError:
    with pytest.raises(UpstreamError) as info:
        await call(upstream, model, prompt, **kw)
    return info.value


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(
    ("mode", "code", "phase", "status"),
    [
        ("429", ErrorCode.UPSTREAM_UNAVAILABLE, Phase.PRE_ACCEPTANCE, 429),
        ("503", ErrorCode.UPSTREAM_UNAVAILABLE, Phase.PRE_ACCEPTANCE, 503),
        ("500", ErrorCode.UPSTREAM_ERROR, Phase.TERMINAL, 500),
        ("502", ErrorCode.UPSTREAM_AMBIGUOUS, Phase.AMBIGUOUS, 502),
        ("504", ErrorCode.UPSTREAM_AMBIGUOUS, Phase.AMBIGUOUS, 504),
        ("drop", ErrorCode.UPSTREAM_AMBIGUOUS, Phase.AMBIGUOUS, None),
        ("hang", ErrorCode.UPSTREAM_AMBIGUOUS, Phase.AMBIGUOUS, None),
        ("garbage", ErrorCode.UPSTREAM_ERROR, Phase.TERMINAL, None),
    ],
)
async def test_failure_modes_on_every_route(
    upstream: UpstreamClient,
    sim: SimServer,
    model: str,
    mode: str,
    code: ErrorCode,
    phase: Phase,
    status: int | None,
) -> None:
    error = await failure(upstream, model, f"a cat [sim:{mode}]")
    assert (error.code, error.phase, error.status) == (code, phase, status)
    assert len(sim.calls()) == 1  # classified from exactly one upstream call


async def test_rate_limit_carries_retry_after(upstream: UpstreamClient, sim: SimServer) -> None:
    error = await failure(upstream, "flux-schnell", "x [sim:429]")
    assert error.retry_after == 1.0 and "rate limited" in error.message
    assert error.raw is not None and "rate_limit" in error.raw


@pytest.mark.parametrize("mode", ["429_once", "503_once", "500_once"])
async def test_once_modes_fail_first_then_succeed_for_the_same_prompt(
    upstream: UpstreamClient, sim: SimServer, mode: str
) -> None:
    prompt = f"a bird [sim:{mode}]"
    await failure(upstream, "sora_image", prompt)
    assert await call(upstream, "sora_image", prompt) is not None
    assert len(sim.calls()) == 2


async def test_error_details_are_human_and_keep_the_upstream_text(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    error = await failure(upstream, "gemini", "x [sim:500]")
    assert error.message == "the upstream failed (HTTP 500): upstream internal error"
    garbage = await failure(upstream, "gemini", "x [sim:garbage]")
    assert "not JSON" in garbage.message and "<html>" in (garbage.raw or "")


@pytest.mark.parametrize("key", ["bad-key", "sk-invalid-SECRETSECRET123"])
async def test_bad_key_is_terminal_and_never_echoed(
    upstream: UpstreamClient, sim: SimServer, key: str
) -> None:
    error = await failure(upstream, "flux-schnell", "x", api_key=key)
    assert error.code is ErrorCode.INVALID_API_KEY and error.phase is Phase.TERMINAL
    assert error.status == 401
    assert key not in error.message and key not in (error.raw or "")


async def test_slow_upstream_is_waited_for(upstream: UpstreamClient, sim: SimServer) -> None:
    started = time.monotonic()
    await call(upstream, "flux-schnell", "x [sim:slow=0.4]")
    assert time.monotonic() - started >= 0.4


async def test_hang_is_a_read_timeout_after_the_route_timeout(
    upstream: UpstreamClient, sim: SimServer
) -> None:
    started = time.monotonic()
    error = await failure(upstream, "sora_image", "x [sim:hang]")
    assert 0.9 <= time.monotonic() - started < 5
    assert "ReadTimeout" in error.message


# --- fallback base URLs --------------------------------------------------------------------

Factory = Callable[[list[str]], UpstreamClient]


@pytest.fixture
def client_for(http: httpx.AsyncClient) -> Factory:
    return lambda bases: UpstreamClient(http, bases, download=no_download)


def closed_base() -> str:
    return f"http://127.0.0.1:{free_port()}"  # nothing listens there: connection refused


async def test_unreachable_first_base_falls_back_to_the_second(
    client_for: Factory, sim: SimServer
) -> None:
    upstream = client_for([closed_base(), sim.url])
    result = await call(upstream, "flux-schnell", "fallback please")
    assert result is not None
    assert len(sim.calls()) == 1


async def test_503_first_base_falls_back_and_succeeds(client_for: Factory, sim: SimServer) -> None:
    upstream = client_for([sim.url, sim.url])
    assert await call(upstream, "gemini", "busy [sim:503_once]") is not None
    assert len(sim.calls()) == 2


async def test_all_bases_unavailable(client_for: Factory, sim: SimServer) -> None:
    upstream = client_for([closed_base(), sim.url])
    error = await failure(upstream, "veo3", "x [sim:503]")
    assert (error.code, error.phase) == (ErrorCode.UPSTREAM_UNAVAILABLE, Phase.PRE_ACCEPTANCE)
    assert "ConnectError" in error.message and "HTTP 503" in error.message
    assert error.status == 503 and len(sim.calls()) == 1
    refused = await failure(client_for([closed_base()]), "veo3", "x")
    assert refused.phase is Phase.PRE_ACCEPTANCE and refused.status is None


@pytest.mark.parametrize("mode", ["drop", "429", "500"])
async def test_failures_after_reaching_a_base_never_try_the_next(
    client_for: Factory, sim: SimServer, mode: str
) -> None:
    upstream = client_for([sim.url, sim.url])
    await failure(upstream, "sora_image", f"x [sim:{mode}]")
    assert len(sim.calls()) == 1  # an ambiguous or definite answer is not re-sent


# --- call accounting -----------------------------------------------------------------------


async def test_simulator_counts_only_upstream_api_calls(
    upstream: UpstreamClient, sim: SimServer, http: httpx.AsyncClient
) -> None:
    for _ in range(3):
        await http.get(f"{sim.url}/_sim/image.png")
        await http.get(f"{sim.url}/_sim/calls")
    await call(upstream, "flux-schnell", "count me")
    assert len(sim.calls()) == 1
    sim.reset()
    assert sim.calls() == []
