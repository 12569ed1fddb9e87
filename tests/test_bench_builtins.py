"""The Node built-ins benchmark's pure parts: its scripts give the results it expects from
Node (the benchmark's own peer, `benchmarks/node_vm_server.js`, with its built-ins context),
the peer's `require` is limited to the built-ins, and `run.py --only builtins` is routed."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.append(str(Path(__file__).resolve().parent.parent / "benchmarks"))

from builtins_run import server_specs, wants_only
from builtins_scripts import SCRIPT_NAMES, builtin_scripts, rsa_pem_pair
from library_scripts import library_scripts
from servers import Server, running

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs node on PATH")


@pytest.fixture(scope="module")
def node_peer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("node-peer")
    with running(server_specs(tmp)["node"], 1, tmp / "server.log") as server:
        yield server


def execute(server: Server, body: dict[str, object]) -> httpx.Response:
    return httpx.post(f"{server.url}/execute", json=body, timeout=10.0)


def test_every_script_gives_its_expected_result_in_node(node_peer: Server) -> None:
    scripts = builtin_scripts(*rsa_pem_pair())
    assert tuple(s.name for s in scripts) == SCRIPT_NAMES
    for script in scripts:
        r = execute(node_peer, script.body())
        assert r.status_code == 200, (script.name, r.text)
        assert r.json()["result"] == script.expected, script.name
        # What wrk (gen.lua) looks for in every 200: the check that keeps wrong answers out.
        assert script.expect() in r.text, script.name


def test_a_wrong_answer_lacks_the_expected_substring(node_peer: Server) -> None:
    script = builtin_scripts(*rsa_pem_pair())[2]  # sign
    body = {**script.body(), "input": {**script.input, "secret": "another secret"}}
    r = execute(node_peer, body)
    assert r.status_code == 200
    assert script.expect() not in r.text


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("return require('node:buffer').Buffer === Buffer", True),
        ("return typeof require('util').inspect", "function"),
        ("return typeof require('assert/strict')", "function"),
        ("return typeof crypto.subtle.digest", "function"),
        ("return crypto.randomUUID().length", 36),
    ],
)
def test_node_peer_context_has_the_builtins(node_peer: Server, code: str, expected: object) -> None:
    r = execute(node_peer, {"input": {}, "code": code})
    assert r.json().get("result") == expected, r.text


@pytest.mark.parametrize("name", ["fs", "node:child_process", "net", "os", "vm"])
def test_node_peer_require_refuses_the_rest(node_peer: Server, name: str) -> None:
    r = execute(node_peer, {"input": {}, "code": f"return typeof require('{name}')"})
    assert r.status_code == 400
    assert f"Cannot require '{name}'" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--only", "builtins", "--quick"], (True, ["--suite", "builtins", "--quick"])),
        (["--only=builtins"], (True, ["--suite", "builtins"])),
        (["--only", "libraries"], (True, ["--suite", "libraries"])),
        (["--only", "all", "--quick"], (False, ["--only", "all", "--quick"])),
        (["--write-docs"], (False, ["--write-docs"])),
    ],
)
def test_run_py_routes_only_builtins(argv: list[str], expected: tuple[bool, list[str]]) -> None:
    assert wants_only(argv) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("return require('lodash').chunk([1, 2, 3], 2)", [[1, 2], [3]]),
        ("return typeof require('dayjs/plugin/utc')", "function"),
        ("return typeof require('xlsx').utils.sheet_to_json", "function"),
    ],
)
def test_node_peer_requires_the_npm_packages(
    node_peer: Server, code: str, expected: object
) -> None:
    r = execute(node_peer, {"input": {}, "code": code})
    assert r.json().get("result") == expected, r.text


def test_library_scripts_expect_what_node_answers(node_peer: Server) -> None:
    """The benchmark's expected results (computed in Python) are what Node's packages give."""
    for script in library_scripts():
        r = execute(node_peer, script.body())
        assert r.json().get("result") == script.expected, (script.name, r.text[:300])
