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
    "fetch_max_requests": "FETCH_MAX_REQUESTS",
    "fetch_timeout_ms": "FETCH_TIMEOUT_MS",
    "fetch_max_request_bytes": "FETCH_MAX_REQUEST_BYTES",
    "fetch_max_response_bytes": "FETCH_MAX_RESPONSE_BYTES",
    "fetch_max_redirects": "FETCH_MAX_REDIRECTS",
    "fetch_allow_http": "FETCH_ALLOW_HTTP",
    "fetch_allowed_ports": "FETCH_ALLOWED_PORTS",
    "ssrf_allow_private": "SSRF_ALLOW_PRIVATE",
    "ssrf_allow_list": "SSRF_ALLOW_LIST",
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
    "fetch_max_requests": "fetch() calls one execution may make (redirect hops not counted)",
    "fetch_timeout_ms": "time one fetch() may take until its response body is read",
    "fetch_max_request_bytes": "bytes of one fetch() request body",
    "fetch_max_response_bytes": "bytes of one fetch() response body (after decompression)",
    "fetch_max_redirects": "redirects one fetch() follows (Node allows 20)",
    "fetch_allow_http": "whether fetch() may use plain http:// (https only otherwise)",
    "fetch_allowed_ports": "ports fetch() may connect to ('*' = any; any with SSRF_ALLOW_PRIVATE)",
    "ssrf_allow_private": "lets fetch() (and webhooks, downloads) reach private addresses",
    "ssrf_allow_list": "IPs / CIDR networks fetch() may reach even though private",
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
    fetch_max_requests: int = 20
    fetch_timeout_ms: int = 10_000
    fetch_max_request_bytes: int = 2_097_152
    fetch_max_response_bytes: int = 5_242_880
    fetch_max_redirects: int = 5
    fetch_allow_http: bool = False
    fetch_allowed_ports: str = "80,443"
    ssrf_allow_private: bool = False
    ssrf_allow_list: str = ""

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
