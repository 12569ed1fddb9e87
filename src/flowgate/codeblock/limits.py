"""CodeLimits: every code-block limit in one frozen value, with its env var name."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from flowgate.config import Settings

#: field name -> environment variable, in the order `/flow/limits` lists them.
ENV_NAMES = {
    "execution_timeout_ms": "EXECUTION_TIMEOUT_MS",
    "memory_limit_mb": "MEMORY_LIMIT_MB",
    "max_stack_kb": "MAX_STACK_KB",
    "max_code_length": "MAX_CODE_LENGTH",
    "max_input_size": "MAX_INPUT_SIZE",
    "max_result_size": "MAX_RESULT_SIZE",
    "max_console_bytes": "MAX_CONSOLE_BYTES",
    "max_concurrent_executions": "MAX_CONCURRENT_EXECUTIONS",
    "concurrency_wait_ms": "CONCURRENCY_WAIT_MS",
    "runtime_pool_size": "RUNTIME_POOL_SIZE",
    "executor_threads": "EXECUTOR_THREADS",
    "allow_eval": "ALLOW_EVAL",
}

_DESCRIPTIONS = {
    "execution_timeout_ms": "wall-clock time one execution may take, timers and awaits included",
    "memory_limit_mb": "memory one execution may allocate beyond its pre-warmed context",
    "max_stack_kb": "JavaScript stack depth, in KiB of native stack",
    "max_code_length": "bytes of code (after base64 decoding)",
    "max_input_size": "bytes of the JSON `input`",
    "max_result_size": "bytes of the JSON result",
    "max_console_bytes": "characters of captured console output (with debug=true)",
    "max_concurrent_executions": "executions in progress at once, across all workers",
    "concurrency_wait_ms": "how long a request waits for a free slot before 503",
    "runtime_pool_size": "pre-warmed contexts kept ready per worker process",
    "executor_threads": "engine threads per worker process",
    "allow_eval": "whether user code may call eval / the Function constructor",
}


@dataclass(frozen=True, slots=True)
class CodeLimits:
    """The limits in force; built once from Settings, serialised by `/flow/limits`."""

    execution_timeout_ms: int = 5000
    memory_limit_mb: int = 64
    max_stack_kb: int = 1024
    max_code_length: int = 65535
    max_input_size: int = 2_097_152
    max_result_size: int = 5_242_880
    max_console_bytes: int = 1_048_576
    max_concurrent_executions: int = 1000
    concurrency_wait_ms: int = 1000
    runtime_pool_size: int = 32
    executor_threads: int = 8
    allow_eval: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> CodeLimits:
        return cls(**{name: getattr(settings, name) for name in ENV_NAMES})

    @property
    def max_body_bytes(self) -> int:
        """Hard cap on a request body, checked before parsing: code as base64 plus input."""
        return self.max_input_size + (self.max_code_length * 4) // 3 * 2 + 65536

    def describe(self) -> dict[str, Any]:
        values = asdict(self)
        return {
            name: {"value": values[name], "env": env, "description": _DESCRIPTIONS[name]}
            for name, env in ENV_NAMES.items()
        }
