"""Session-wide fixtures: the Node 20 oracle and a real `flowgate serve` on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.node_oracle import NodeOracle
from tests.servers import FlowgateServer, start_server


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
