"""One simulator, one callback receiver and one Flowgate server (2 workers) per test process."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.harness import Receiver, Simulator, run_receiver, run_simulator, server_env
from tests.servers import FlowgateServer, start_server


@pytest.fixture(scope="session")
def sim() -> Iterator[Simulator]:
    with run_simulator() as simulator:
        yield simulator


@pytest.fixture(scope="session")
def receiver() -> Iterator[Receiver]:
    with run_receiver() as rec:
        yield rec


@pytest.fixture(scope="session")
def gen(sim: Simulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlowgateServer]:
    data = tmp_path_factory.mktemp("gen")
    with start_server(data, workers=2, env=server_env(sim)) as srv:
        yield srv


@pytest.fixture
def client(gen: FlowgateServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=gen.base_url, timeout=60) as c:
        yield c
