"""Date#toLocaleString / toLocaleDateString / toLocaleTimeString as Node 20 prints them
(en-US patterns, time zones from the tz database; see docs/libraries/dayjs.md, "Intl");
zh-CN in test_web_intl_zh.py."""

from __future__ import annotations

import pytest

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

D = "const d = new Date(Date.UTC(2024, 0, 15, 16, 5, 3, 7));\n"
CASES = [
    "return [d.toLocaleString(), d.toLocaleDateString(), d.toLocaleTimeString()]",
    "return d.toLocaleString('en-US', { timeZone: 'Asia/Shanghai' })",
    "return d.toLocaleString('en-US', { timeZone: 'America/New_York', hour12: false })",
    "return d.toLocaleDateString('en-US', { dateStyle: 'full', timeZone: 'Asia/Tokyo' })",
    "return d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' })",
    "return d.toLocaleString(undefined, { timeZone: 'Asia/Kolkata', timeZoneName: 'short' })",
    "return new Date(Date.UTC(2024, 2, 10, 7, 30)).toLocaleString('en-US',"
    " { timeZone: 'America/New_York' })",
    "return new Date(NaN).toLocaleString()",
    "return [Date.prototype.toLocaleString.name, Date.prototype.toLocaleString.length,"
    " Date.prototype.toLocaleDateString.name, Date.prototype.toLocaleTimeString.length]",
    "return Object.getOwnPropertyDescriptor(Date.prototype, 'toLocaleString').enumerable",
    "return Date.prototype.toLocaleString.call({})",
    "return Date.prototype.toLocaleTimeString.call(1)",
    "return d.toLocaleString('en-US', { timeZone: 'Nowhere/City' })",
]


@pytest.mark.parametrize("code", CASES)
def test_date_locale_methods_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, D + code)


def test_other_locales_print_en_us(run_js: RunJs) -> None:
    # A documented difference (web/intl_format.js): locales other than en-US and zh-CN print
    # en-US (Node prints '16/01/2024 00:05:03' for fr-FR).
    out = run_js(D + "return d.toLocaleString('fr-FR', { timeZone: 'Asia/Shanghai' })")
    assert out["result"] == "1/16/2024, 12:05:03 AM"
