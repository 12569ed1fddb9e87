"""The module catalog (`/flow/modules`) tells the truth: its versions are the pinned ones and
every name it lists is really there in the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flowgate.codeblock.catalog import GLOBALS, NODE_MODULES, PACKAGES, catalog, require_names
from tests.codeblock.conftest import RunJs

ROOT = Path(__file__).resolve().parents[2]


def _pins(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text("utf-8"))
    return {**data.get("dependencies", {}), **data.get("devDependencies", {})}


def test_versions_are_the_pinned_ones() -> None:
    bundled = _pins(ROOT / "assets" / "package.json")
    oracle = _pins(ROOT / "tests" / "node" / "package.json")
    for package in PACKAGES:
        assert oracle[package.name] == package.version, package.name
        if package.kind == "bundled":
            assert bundled[package.name] == package.version, package.name


@pytest.mark.parametrize("name", require_names())
def test_every_listed_module_loads(run_js: RunJs, name: str) -> None:
    out = run_js(f"const m = require({json.dumps(name)}); return typeof m")
    assert out["success"], out
    assert out["result"] in ("object", "function")


@pytest.mark.parametrize("name", NODE_MODULES)
def test_node_modules_load_with_the_node_prefix(run_js: RunJs, name: str) -> None:
    assert run_js(f"return typeof require('node:{name}')")["success"]


def test_every_listed_global_exists(run_js: RunJs) -> None:
    names = [n for n in GLOBALS if n != "input"]
    out = run_js(
        "return input.names.filter((n) => typeof globalThis[n] === 'undefined')", {"names": names}
    )
    assert out == {**out, "success": True, "result": []}


def test_unknown_package_lists_the_catalog(run_js: RunJs) -> None:
    out = run_js("require('left-pad')")
    assert out["error"]["code"] == "MODULE_NOT_FOUND"
    for package in PACKAGES:
        assert package.name in out["error"]["message"]


def test_catalog_shape() -> None:
    body = catalog()
    names = [p["name"] for p in body["packages"]]
    assert names == sorted(names) and "lodash" in names
    pinyin = next(p for p in body["packages"] if p["name"] == "pinyin")
    assert pinyin["kind"] == "python" and all(pinyin["backends"].values())
