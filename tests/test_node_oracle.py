"""The Node oracle itself: one realm serves every request of a pytest worker, so a script
that patches a built-in must not change the answers to the requests after it."""

from __future__ import annotations

import pytest

from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node


def test_patched_builtins_are_restored_between_requests(node: NodeOracle) -> None:
    patch = node.run(
        "String.prototype.slice = () => 'patched'; Math.round = null; globalThis.leaked = 1;"
        " Object.prototype.polluted = 2; Reflect.defineProperty = null; JSON.stringify = null;"
        " return 1"
    )
    assert patch["success"], patch
    after = node.run(
        "return ['abc'.slice(1), Math.round(1.6), typeof leaked, ({}).polluted === undefined,"
        " typeof Reflect.defineProperty, typeof require('lodash').chunk]"
    )
    assert after == {
        "success": True,
        "result": ["bc", 2, "undefined", True, "function", "function"],
        "console": [],
    }
