"""One simulator, one callback receiver and one Flowgate server (2 workers) per test process."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.harness import Receiver, Simulator, run_receiver, run_simulator, server_env
from tests.redis_server import drop_namespace, new_namespace
from tests.servers import FlowgateServer, start_server


@pytest.fixture(scope="session")
def sim() -> Iterator[Simulator]:
    with run_simulator() as simulator:
        yield simulator


@pytest.fixture(scope="session")
def receiver() -> Iterator[Receiver]:
    with run_receiver() as rec:
        yield rec


@pytest.fixture(scope="session", params=["sqlite", "redis"])
def gen(
    request: pytest.FixtureRequest,
    sim: Simulator,
    redis_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[FlowgateServer]:
    """The whole client-facing suite runs on both backends: clients see no difference."""
    data = tmp_path_factory.mktemp(f"gen-{request.param}")
    if request.param == "sqlite":
        with start_server(data, workers=2, env=server_env(sim)) as srv:
            yield srv
        return
    namespace = new_namespace()
    env = server_env(
        sim, REDIS_URL=redis_url, FLOWGATE_NAMESPACE=namespace, SECRET_KEY="e2e-secret-key"
    )
    try:
        with start_server(data, workers=2, env=env) as srv:
            yield srv
    finally:
        drop_namespace(redis_url, namespace)


@pytest.fixture
def client(gen: FlowgateServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=gen.base_url, timeout=60) as c:
        yield c
