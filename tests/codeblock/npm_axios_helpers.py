"""Shared pieces of the axios / form-data tests: fixtures' runners and the wire comparison.

Scripts run in Flowgate and in Node 20 (the oracle has the same axios 1.21.1 and
form-data 4.0.6) against the same recording loopback server (fetch_helpers); what
arrived is compared after removing the differences docs/libraries/axios.md lists.
"""

from __future__ import annotations

import re
from typing import Any

from tests.codeblock.fetch_helpers import FetchRunner, LocalServer
from tests.node_oracle import NodeOracle

#: Node's http client adds Host and Connection itself (ours: httpx); the host's fetch op adds
#: undici's accept-language / sec-fetch-mode defaults when absent (documented difference).
IGNORED_HEADERS = ("host", "connection", "accept-language", "sec-fetch-mode")
NODE_PRELUDE = "const require = globalThis.require;\n"
_BOUNDARY = re.compile(r"boundary=([^;\s]+)")
#: undici's FormData boundary (random digits), also where the Content-Type does not name it
_UNDICI_BOUNDARY = re.compile(r"----formdata-undici-0\d{11}")


def wire(seen: dict[str, Any]) -> dict[str, Any]:
    """Method, path, body and headers by lower-case name (order-free), boundaries as 'B'."""
    headers = {
        k.lower(): v.strip(" \t") for k, v in seen["headers"] if k.lower() not in IGNORED_HEADERS
    }
    body = seen["body"]
    match = _BOUNDARY.search(headers.get("content-type", ""))
    if match:
        boundary = match.group(1)
        headers["content-type"] = headers["content-type"].replace(boundary, "B")
        body = body.replace(boundary, "B")
        # the random boundary's length is fixed for axios and form-data, so the length holds
    body = _UNDICI_BOUNDARY.sub("B", body)
    return {"method": seen["method"], "path": seen["path"], "body": body, "headers": headers}


def run_on_wire(
    runner: FetchRunner, node: NodeOracle, server: LocalServer, code: str
) -> tuple[Any, Any, list[dict[str, Any]], list[dict[str, Any]]]:
    """Run `code` in both; return (our result, Node's result, our requests, Node's requests)."""
    ours = runner.run(code, {"base": server.base})
    assert ours["success"], ours
    mine = [wire(r) for r in server.rec.requests]
    server.rec.requests.clear()
    theirs = node.run(NODE_PRELUDE + code, {"base": server.base})
    assert theirs["success"], theirs
    other = [wire(r) for r in server.rec.requests]
    server.rec.requests.clear()
    return ours["result"], theirs["result"], mine, other
