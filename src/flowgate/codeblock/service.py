"""CodeBlockService: admission (concurrency slots), execution, outcome -> contract errors, stats.

Knows nothing about HTTP: routes hand it a validated request and render what it returns.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass
from typing import Any

import orjson
import structlog

from flowgate.codeblock.engine.executor import Engine, Outcome
from flowgate.codeblock.errors import (
    CodeBlockError,
    ConcurrencyError,
    ExecutionError,
    InternalError,
    ValidationError,
)
from flowgate.codeblock.limits import CodeLimits
from flowgate.codeblock.schemas import ValidRequest
from flowgate.codeblock.stats import ExecutionStats

log = structlog.get_logger("flowgate.codeblock")


@dataclass(frozen=True, slots=True)
class ExecutionReport:
    """Either `result_json` (success) or `error`; console only when the request asked."""

    result_json: str | None
    error: CodeBlockError | None
    console_json: str | None
    execution_ms: float | None


class CodeBlockService:
    def __init__(self, limits: CodeLimits, engine: Engine, *, workers: int) -> None:
        self.limits = limits
        self.engine = engine
        self.stats = ExecutionStats()
        # MAX_CONCURRENT_EXECUTIONS is for the whole server: each worker gets its share.
        self.slots_per_worker = max(1, math.ceil(limits.max_concurrent_executions / workers))
        self._slots = asyncio.Semaphore(self.slots_per_worker)
        self.in_flight = 0

    async def run(self, request: ValidRequest) -> ExecutionReport:
        await self._acquire()
        self.in_flight += 1
        try:
            outcome = await self.engine.execute(
                request.code, request.input_json, debug=request.debug
            )
        finally:
            self.in_flight -= 1
            self._slots.release()
        return self._report(outcome)

    def record(
        self, report: ExecutionReport | None, error: CodeBlockError | None, total_ms: float
    ) -> None:
        failure = error or (report.error if report else None)
        self.stats.record(
            error_type=_wire_type(failure) if failure else None,
            execution_ms=report.execution_ms if report else None,
            total_ms=total_ms,
        )

    def snapshot(self) -> dict[str, Any]:
        return self.stats.snapshot(self.engine.pool_stats(), self.in_flight)

    async def _acquire(self) -> None:
        if not self._slots.locked():  # fast path: no timer when a slot is free
            await self._slots.acquire()
            return
        wait_s = self.limits.concurrency_wait_ms / 1000
        try:
            async with asyncio.timeout(wait_s):
                await self._slots.acquire()
        except TimeoutError:
            raise ConcurrencyError(
                f"all {self.limits.max_concurrent_executions} execution slots stayed busy for "
                f"{self.limits.concurrency_wait_ms} ms (MAX_CONCURRENT_EXECUTIONS); retry shortly",
                headers={"Retry-After": "1"},
            ) from None

    def _report(self, outcome: Outcome) -> ExecutionReport:
        error: CodeBlockError | None = None
        result = None
        if outcome.kind == "ok":
            assert outcome.payload is not None
            size = len(outcome.payload.encode("utf-8"))
            if size > self.limits.max_result_size:
                error = ValidationError(
                    f"the result is {size} bytes, over the limit of {self.limits.max_result_size} "
                    "(MAX_RESULT_SIZE)"
                )
            else:
                result = outcome.payload
        else:
            error = self._failure(outcome)
        return ExecutionReport(result, error, outcome.console_json, outcome.execution_ms)

    def _failure(self, outcome: Outcome) -> CodeBlockError:
        limits = self.limits
        match outcome.kind:
            case "error":
                return _execution_error(orjson.loads(outcome.payload or "{}"))
            case "undefined":
                return ValidationError(
                    "the code returned no value (undefined, a function or a symbol); "
                    "add a return statement"
                )
            case "timeout":
                return ExecutionError(
                    "TimeoutError",
                    f"execution exceeded the time limit of {limits.execution_timeout_ms} ms "
                    "(EXECUTION_TIMEOUT_MS)",
                )
            case "memory":
                return ExecutionError(
                    "MemoryLimitError",
                    f"execution exceeded the memory limit of {limits.memory_limit_mb} MB "
                    "(MEMORY_LIMIT_MB)",
                )
            case "stuck":
                return ExecutionError(
                    "RuntimeError",
                    "the returned Promise never settled, and no timer or task was left to settle it",
                )
            case "console_limit":
                return ValidationError(orjson.loads(outcome.payload or "{}").get("message", ""))
        log.error("engine_internal_error", kind=outcome.kind, detail=outcome.payload)
        return InternalError("internal error in the code-block engine (a bug on our side; logged)")


def _execution_error(described: dict[str, Any]) -> ExecutionError:
    details: dict[str, Any] = {
        k: described[k] for k in ("stack", "line", "column", "code") if k in described
    }
    type_ = str(described.get("type"))
    # The error's own `name` when the type does not already say it (AxiosError,
    # AbortError, a user's ValidationError class reported as RuntimeError, ...).
    name = described.get("name")
    if isinstance(name, str) and name != type_:
        details["name"] = name
    return ExecutionError(type_, str(described.get("message", "")), **details)


def _wire_type(error: CodeBlockError) -> str:
    return str(error.to_wire()["type"])
