"""Hypothesis-generated request bodies must never produce a 500 or a stack trace."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.servers import FlowgateServer

json_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
)
json_values = st.recursive(
    json_scalars,
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=10), c, max_size=4),
    max_leaves=12,
)
snippets = st.sampled_from(
    [
        "return input",
        "return 1",
        "throw 1",
        "x +",
        "}",
        "return input.a.b",
        "while(false){}",
        "return [input]",
        "return new Date()",
        "await null",
        "return",
        "\u0000",
        "//",
        "/*",
        "`${",
    ]
) | st.text(max_size=40)
bodies = st.fixed_dictionaries(
    {},
    optional={
        "input": json_values,
        "code": snippets | json_values,
        "codebase64": st.text(max_size=40) | json_values,
        "debug": json_values,
        "extra": json_values,
    },
)


@pytest.fixture(scope="module")
def client(server: FlowgateServer) -> Any:
    with httpx.Client(base_url=server.base_url, timeout=30) as c:
        yield c


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=bodies)
def test_structured_bodies_never_500(client: httpx.Client, body: dict[str, Any]) -> None:
    response = client.post("/execute", content=json.dumps(body))
    assert response.status_code in (200, 400), response.text
    data = response.json()
    assert isinstance(data["success"], bool)
    if not data["success"]:
        assert data["error"]["type"] and isinstance(data["error"]["message"], str)
        assert "Traceback" not in response.text


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=200))
def test_raw_bytes_never_500(client: httpx.Client, raw: bytes) -> None:
    response = client.post("/execute", content=raw)
    assert response.status_code in (200, 400)
    assert response.json()["success"] in (True, False)
