"""Shared differential check for the pure-JS Node built-ins (util, events, assert, url,
querystring, timers/promises): the same code in Flowgate and in Node 20.

The oracle runs code as an `AsyncFunction` body, where Node's module-scoped `require` is not
in scope, so the Node side gets `require` from `process.getBuiltinModule` (Node >= 20.16).
"""

from __future__ import annotations

from typing import Any

from tests.codeblock.conftest import RunJs
from tests.node_oracle import NodeOracle

NODE_REQUIRE = "const require = globalThis.require ?? ((id) => process.getBuiltinModule(id));\n"


def run_both(
    run_js: RunJs, node: NodeOracle, code: str, input: dict[str, Any] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run `code` in Flowgate and in Node; return both envelopes."""
    return run_js(code, input), node.run(NODE_REQUIRE + code, input)


def assert_same(
    run_js: RunJs, node: NodeOracle, code: str, input: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Assert Flowgate and Node agree on the outcome: the result, or the error's type,
    name, code and message. Returns our envelope."""
    ours, theirs = run_both(run_js, node, code, input)
    assert ours["success"] == theirs["success"], (ours, theirs)
    if theirs["success"]:
        assert ours["result"] == theirs["result"], (ours["result"], theirs["result"])
    else:
        mine, other = ours["error"], theirs["error"]
        assert mine["type"] == other["type"], (mine, other)
        # our envelope names the error only where its type does not (service.py)
        assert mine.get("name", mine["type"]) == other.get("name", other["type"]), (mine, other)
        assert mine.get("code") == other.get("code"), (mine, other)
        assert mine["message"] == other["message"], (mine, other)
    return ours


def assert_same_outcome(
    run_js: RunJs, node: NodeOracle, code: str, input: dict[str, Any] | None = None
) -> None:
    """The result, or the error's type and message (not its name), as Node gives them; the
    Node side runs `code` as is."""
    ours, theirs = run_js(code, input), node.run(code, input)
    assert ours["success"] == theirs["success"], (ours, theirs)
    if theirs["success"]:
        assert ours["result"] == theirs["result"]
    else:
        assert ours["error"]["type"] == theirs["error"]["type"], (ours, theirs)
        assert ours["error"]["message"] == theirs["error"]["message"], (ours, theirs)
