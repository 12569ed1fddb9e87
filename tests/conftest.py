"""Session-wide fixtures: the Node 20 oracle and a real `flowgate serve` on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from tests.node_oracle import NodeOracle
from tests.redis_server import drop_namespace, new_namespace, shared_redis_url
from tests.servers import FlowgateServer, start_server

# CI (CI=true) replays the same generated examples on every run, so a red build
# always means a change broke something; local runs keep exploring new examples
# (the differential fuzzers found most Node differences that way).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def node() -> Iterator[NodeOracle]:
    """The real Node 20: the oracle of every differential test."""
    oracle = NodeOracle()
    yield oracle
    oracle.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlowgateServer]:
    """`flowgate serve --workers 2` as a real process, with default limits."""
    with start_server(tmp_path_factory.mktemp("serve"), workers=2) as srv:
        yield srv


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The machine's Redis (own database number), or a throwaway `redis-server`."""
    with shared_redis_url(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def namespace(redis_url: str) -> Iterator[str]:
    """A key prefix of this test's own, deleted afterwards."""
    name = new_namespace()
    yield name
    drop_namespace(redis_url, name)
