"""Preloading of the npm packages' modules: what the scan picks, what it never picks, the
bounded policy tables, and identical results with everything preloaded."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest

from flowgate.codeblock.engine import preload
from flowgate.codeblock.engine.executor import Engine
from flowgate.codeblock.engine.preload import (
    GROUP_MODULES,
    PreloadPolicy,
    groups_used,
    modules_of,
)
from tests.codeblock.test_preload import limits, plain, run_warm

__all__ = ["plain"]  # test_preload's engine without preloading, used as a fixture here

LIBRARY_SCRIPTS = [
    "const _ = require('lodash'); return [_.chunk([1, 2, 3], 2), _.groupBy(['a', 'bb'], 'length')]",
    "const _ = require('lodash'); return Object.getOwnPropertyDescriptor(_, 'chunk') === undefined",
    "const d = require('dayjs'); d.extend(require('dayjs/plugin/utc'));"
    " return d.utc('2024-05-06T07:08:09Z').format('YYYY MMM D HH:mm')",
    "const d = require('dayjs'); d.extend(require('dayjs/plugin/utc'));"
    " d.extend(require('dayjs/plugin/timezone'));"
    " return d.utc('2024-03-10T07:30:00Z').tz('America/New_York').format()",
    # A locale nobody required is unknown, whatever the warmer loaded.
    "const d = require('dayjs'); return [d.locale('zh-cn'), d.locale(), d.Ls['zh-cn'] === undefined]",
    "const C = require('crypto-js'); return [C.MD5('x').toString(),"
    " C.HmacSHA256('a', 'b').toString(C.enc.Base64)]",
    "const C = require('crypto-js'); return Object.keys(C).length",
    "return require('qs').parse('a[b]=1&c=2')",
    "const { validate, v5 } = require('uuid'); return validate(v5('x', v5.URL))",
    "const { XMLParser } = require('fast-xml-parser'); return new XMLParser().parse('<a><b>1</b></a>')",
    "return require('sm-crypto-v2').sm3('abc')",
    "return require('pinyin').default('中心')",
    "const X = require('xlsx'); return X.utils.encode_cell({ r: 1, c: 2 })",
    "const F = require('form-data'); const f = new F(); f.setBoundary('b'); f.append('a', '1');"
    " return f.getBuffer().toString()",
]


def test_scan_names_the_modules_a_library_script_touches() -> None:
    code = (
        "const _ = require('lodash'); const C = require('crypto-js');"
        " require('dayjs').extend(require('dayjs/plugin/utc.js'));"
        " return [_.chunk(a, 2), C.HmacSHA256('a', 'b')]"
    )
    found = groups_used(code)
    assert {"lodash", "cryptojs", "dayjs", "require"} <= found
    assert {
        "mod:vendor/lodash/chunk",
        "mod:vendor/crypto-js/hmac",
        "mod:vendor/crypto-js/sha256",
        "mod:vendor/dayjs/plugin/utc",
    } <= found
    # a method of an object that is not lodash, a package that was not required
    assert "mod:vendor/lodash/map" not in groups_used("const _ = require('lodash'); x.map(f)")
    assert "mod:vendor/lodash/chunk" not in groups_used("_.chunk(a, 2)")
    assert "lodash" not in groups_used("require('lodash-es')")


def test_time_zones_preload_intl() -> None:
    tz = "const d = require('dayjs'); d.extend(require('dayjs/plugin/timezone')); return d.tz.guess()"
    assert {"intl", "bridge", "mod:vendor/dayjs/plugin/timezone"} <= groups_used(tz)
    assert {"intl", "intl_format"} <= groups_used("return new Intl.DateTimeFormat().format(0)")
    assert "intl_format" not in groups_used(tz)
    assert "intl" not in groups_used("const d = require('dayjs'); return d().format()")


def test_locales_and_unknown_subpaths_are_never_preloaded() -> None:
    found = groups_used("require('dayjs/locale/zh-cn'); require('dayjs/plugin/nope')")
    assert not [g for g in found if g.startswith("mod:")]


METHODS = ("chunk", "groupBy", "map", "filter", "get", "set", "pick", "omit", "uniq", "zip")


def test_policy_tables_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    cap = len(GROUP_MODULES) + 4
    monkeypatch.setattr(preload, "MAX_GROUPS", cap)
    applied: list[tuple[str, ...]] = []
    policy = PreloadPolicy(applied.append)
    for i in range(3000):
        policy.observe(f"const _ = require('lodash'); _.{METHODS[i % len(METHODS)]}(x)")
    assert len(policy.shares) == cap
    for _ in range(3000):
        policy.observe("return 1")
    assert not [g for g in policy.shares if g.startswith("mod:")]
    assert policy.active == frozenset() and applied[-1] == ()


def test_policy_preloads_what_a_lodash_workload_calls() -> None:
    applied: list[tuple[str, ...]] = []
    policy = PreloadPolicy(applied.append)
    for _ in range(100):
        policy.observe("const _ = require('lodash'); return _.chunk(input.a, 2)")
    assert "mod:vendor/lodash/chunk" in policy.active
    assert {"npm/lodash", "vendor/lodash/chunk"} <= set(applied[-1])


@pytest.fixture
async def everything() -> AsyncIterator[Engine]:
    """Every fixed group plus every single-module group the library scripts name."""
    engine = Engine(limits(), adaptive_preload=False)
    groups = set(GROUP_MODULES).union(*(groups_used(code) for code in LIBRARY_SCRIPTS))
    groups |= groups_used("require('dayjs/locale/zh-cn')")
    engine.set_preload(modules_of(groups))
    engine.start()
    yield engine
    assert engine.pool_stats()["preloaded"] > 0
    await engine.aclose()


async def test_library_scripts_give_identical_results_preloaded(
    plain: Engine, everything: Engine
) -> None:
    deadline = time.monotonic() + 60
    for code in LIBRARY_SCRIPTS:
        expected = await run_warm(plain, code)
        got = await run_warm(everything, code)
        assert expected.kind == "ok", (code, expected)
        assert (got.kind, got.payload) == (expected.kind, expected.payload), code
        assert time.monotonic() < deadline
