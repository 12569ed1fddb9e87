"""Compare one script's outcome in Flowgate and in Node 20 (web platform tests)."""

from __future__ import annotations

from typing import Any

from tests.codeblock.conftest import RunJs
from tests.node_oracle import NodeOracle


def assert_same(
    run_js: RunJs, node: NodeOracle, code: str, input: dict[str, Any] | None = None
) -> Any:
    """Same success, same result (or same error type); returns the result."""
    ours, theirs = run_js(code, input), node.run(code, input)
    assert ours["success"] == theirs["success"], (ours, theirs)
    if theirs["success"]:
        assert ours["result"] == theirs["result"], (ours["result"], theirs["result"])
        return ours["result"]
    assert ours["error"]["type"] == theirs["error"]["type"], (ours, theirs)
    return None


def split_cases(text: str) -> list[str]:
    """Cases separated by lines of '----' (readable multi-line scripts in one string)."""
    return [c.strip() for c in text.split("\n----\n") if c.strip()]
