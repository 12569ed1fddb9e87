"""Fixtures: one simulator process per test session (per xdist worker), reset per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from flowgate.generation.upstream.client import UpstreamClient
from flowgate.generation.upstream.fetch import AiohttpFetcher, Fetcher, HttpxFetcher
from tests.generation.helpers import SimServer, start_simulator


@pytest.fixture(scope="session")
def simulator_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimServer]:
    with start_simulator(tmp_path_factory.mktemp("simulator")) as server:
        yield server


@pytest.fixture
def sim(simulator_process: SimServer) -> SimServer:
    """The simulator with no recorded calls and fresh `_once` state."""
    simulator_process.reset()
    return simulator_process


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


@pytest.fixture
def downloads() -> list[str]:
    """URLs the client asked the caller's `download` to fetch (the SSRF-guarded path)."""
    return []


@pytest.fixture(params=["aiohttp", "httpx"])
async def fetcher(
    request: pytest.FixtureRequest, http: httpx.AsyncClient
) -> AsyncIterator[Fetcher]:
    """Every route test runs on the server's own sender (aiohttp) and on the httpx one."""
    if request.param == "httpx":
        yield HttpxFetcher(http)
        return
    sender = AiohttpFetcher()
    yield sender
    await sender.aclose()


@pytest.fixture
def upstream(
    http: httpx.AsyncClient, fetcher: Fetcher, sim: SimServer, downloads: list[str]
) -> UpstreamClient:
    async def download(url: str) -> tuple[bytes, str]:
        downloads.append(url)
        response = await http.get(url)
        response.raise_for_status()
        return response.content, response.headers.get("content-type", "")

    return UpstreamClient(fetcher, [sim.url], download=download)
