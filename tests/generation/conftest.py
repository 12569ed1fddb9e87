"""Fixtures: one simulator process per test session (per xdist worker), reset per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from flowgate.generation.upstream.client import UpstreamClient
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


@pytest.fixture
def upstream(http: httpx.AsyncClient, sim: SimServer, downloads: list[str]) -> UpstreamClient:
    async def download(url: str) -> tuple[bytes, str]:
        downloads.append(url)
        response = await http.get(url)
        response.raise_for_status()
        return response.content, response.headers.get("content-type", "")

    return UpstreamClient(http, [sim.url], download=download)
