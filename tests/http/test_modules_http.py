"""`GET /flow/modules` and the module names in `GET /flow/limits`, over real HTTP."""

from __future__ import annotations

import httpx

from flowgate.codeblock.catalog import PACKAGES
from tests.servers import FlowgateServer


def test_modules_endpoint(server: FlowgateServer) -> None:
    r = httpx.get(server.base_url + "/flow/modules")
    assert r.status_code == 200
    body = r.json()
    versions = {p["name"]: p["version"] for p in body["packages"]}
    assert versions == {p.name: p.version for p in PACKAGES}
    assert "crypto" in body["node"]["modules"] and "fetch" in body["globals"]


def test_limits_lists_module_names_and_versions(server: FlowgateServer) -> None:
    modules = httpx.get(server.base_url + "/flow/limits").json()["modules"]
    assert {"lodash", "dayjs", "crypto", "xlsx"} <= set(modules["require"])
    assert modules["packages"]["lodash"] == "4.18.1"
    assert "Buffer" in modules["globals"]
