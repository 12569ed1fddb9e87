"""`run_js`: run code through the real service path (engine, limits, envelope), synchronously.

One engine lives on a private event loop in a background thread for the whole
session, so plain and hypothesis tests can call it like a function.

The fetch/axios tests share `runner` (a FetchRunner whose guard lets loopback through,
one per test module) and `server` (a recording loopback HTTP server per test; in this
folder it stands for that, not for the session's `flowgate serve` of tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import orjson
import pytest
from structlog.testing import capture_logs

from flowgate.codeblock.bridge import import_ops
from flowgate.codeblock.engine.executor import Engine
from flowgate.codeblock.envelope import answer
from flowgate.codeblock.limits import CodeLimits
from flowgate.codeblock.service import CodeBlockService

if TYPE_CHECKING:  # fetch_helpers imports this module: import it lazily (fixtures below)
    from tests.codeblock.fetch_helpers import FetchRunner, LocalServer

RunJs = Callable[..., dict[str, Any]]

# Unit tests call ops through `OPS` directly: register them all up front (a server
# imports them in the background after start-up; test_bridge covers that path).
import_ops()


class EngineRunner:
    """A CodeBlockService on its own loop thread; `run()` returns the response body as a dict."""

    def __init__(self, limits: CodeLimits) -> None:
        self.limits = limits
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.service: CodeBlockService = self._call(self._make())

    async def _make(self) -> CodeBlockService:
        engine = Engine(self.limits)
        engine.start()
        return CodeBlockService(self.limits, engine, workers=1)

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=120)

    def run(
        self, code: str, input: dict[str, Any] | None = None, debug: bool = False
    ) -> dict[str, Any]:
        body = orjson.dumps(
            {"input": input if input is not None else {}, "code": code, "debug": debug}
        )
        status, payload, _ = self._call(answer(self.service, body))
        # stdlib json parses exactly what a client would (big ints, lone-surrogate escapes).
        out: dict[str, Any] = json.loads(payload)
        out["status"] = status
        return out

    def close(self) -> None:
        async def _close() -> None:
            await self.service.engine.aclose()

        self._call(_close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@pytest.fixture(autouse=True)
def _no_host_bugs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail any test during which a host operation failed unexpectedly.

    A bridge op that raises anything but BridgeError is our bug (the script sees
    ERR_FLOWGATE_INTERNAL): differential and fuzz tests would otherwise pass over
    it whenever both engines merely "fail"."""
    with capture_logs() as logs:
        yield
    if request.node.get_closest_marker("host_bug_expected") is None:
        bugs = [entry.get("op") for entry in logs if entry.get("event") == "bridge_op_failed"]
        assert not bugs, f"host operations failed unexpectedly: {bugs}"


@pytest.fixture(scope="session")
def engine_runner() -> Iterator[EngineRunner]:
    # A generous time limit: the suite runs on 2 shared cores next to Node oracles,
    # and a heavy differential script must not turn into a TimeoutError there.
    runner = EngineRunner(CodeLimits(execution_timeout_ms=10_000, runtime_pool_size=4))
    yield runner
    runner.close()


@pytest.fixture(scope="session")
def run_js(engine_runner: EngineRunner) -> RunJs:
    """run_js(code, input=None, debug=False) -> the response body (plus "status")."""
    return engine_runner.run


@pytest.fixture
def make_runner() -> Iterator[Callable[..., EngineRunner]]:
    """Build a runner with other limits (closed after the test)."""
    made: list[EngineRunner] = []

    def factory(**overrides: Any) -> EngineRunner:
        limits = dataclasses.replace(CodeLimits(runtime_pool_size=2), **overrides)
        runner = EngineRunner(limits)
        made.append(runner)
        return runner

    yield factory
    for runner in made:
        runner.close()


@pytest.fixture(scope="module")
def runner() -> Iterator[FetchRunner]:
    from tests.codeblock.fetch_helpers import FetchRunner, fetch_limits

    r = FetchRunner(fetch_limits())
    yield r
    r.close()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    from tests.codeblock.fetch_helpers import local_server

    with local_server() as s:
        yield s
