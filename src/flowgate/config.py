"""Settings: the only reader of the environment (and of an optional `.env`).

Read once, validated at start with messages that name the env var, frozen, and
passed down explicitly (`create_app(settings)`), so tests build settings objects
instead of editing `os.environ`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SERVICE_NAMES = ("codeblock", "generation")


class Settings(BaseSettings):
    """Every knob of Flowgate, named after its environment variable."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
        case_sensitive=False,
    )

    # --- process -------------------------------------------------------------
    host: str = Field(default="0.0.0.0", alias="HOST")
    port: int = Field(default=3002, ge=1, le=65535, alias="PORT")
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=256, alias="WORKERS")
    services: str = Field(default="codeblock,generation", alias="SERVICES")
    data_dir: Path = Field(default=Path("./data"), alias="DATA_DIR")
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", alias="LOG_LEVEL"
    )
    access_log: bool = Field(default=False, alias="ACCESS_LOG")

    # --- code blocks: the original service's names and defaults ----------------
    execution_timeout_ms: int = Field(default=5000, ge=1, le=600_000, alias="EXECUTION_TIMEOUT_MS")
    max_code_length: int = Field(default=65535, ge=1, le=16 * 1024 * 1024, alias="MAX_CODE_LENGTH")
    max_input_size: int = Field(
        default=2_097_152, ge=2, le=256 * 1024 * 1024, alias="MAX_INPUT_SIZE"
    )
    max_result_size: int = Field(
        default=5_242_880, ge=1, le=256 * 1024 * 1024, alias="MAX_RESULT_SIZE"
    )
    max_concurrent_executions: int = Field(
        default=1000, ge=1, le=100_000, alias="MAX_CONCURRENT_EXECUTIONS"
    )
    runtime_pool_size: int = Field(default=32, ge=0, le=10_000, alias="RUNTIME_POOL_SIZE")
    # --- code blocks: ours ------------------------------------------------------
    memory_limit_mb: int = Field(default=64, ge=1, le=16_384, alias="MEMORY_LIMIT_MB")
    max_stack_kb: int = Field(default=1024, ge=64, le=65_536, alias="MAX_STACK_KB")
    concurrency_wait_ms: int = Field(default=1000, ge=0, le=60_000, alias="CONCURRENCY_WAIT_MS")
    allow_eval: bool = Field(default=False, alias="ALLOW_EVAL")
    max_console_bytes: int = Field(
        default=1_048_576, ge=0, le=64 * 1024 * 1024, alias="MAX_CONSOLE_BYTES"
    )
    executor_threads: int = Field(default=8, ge=1, le=1024, alias="EXECUTOR_THREADS")
    # --- code blocks: fetch (SSRF_ALLOW_PRIVATE / SSRF_ALLOW_LIST below apply too) ---
    fetch_max_requests: int = Field(default=20, ge=0, le=10_000, alias="FETCH_MAX_REQUESTS")
    fetch_timeout_ms: int = Field(default=10_000, ge=1, le=600_000, alias="FETCH_TIMEOUT_MS")
    fetch_max_request_bytes: int = Field(
        default=2_097_152, ge=0, le=256 * 1024 * 1024, alias="FETCH_MAX_REQUEST_BYTES"
    )
    fetch_max_response_bytes: int = Field(
        default=5_242_880, ge=0, le=256 * 1024 * 1024, alias="FETCH_MAX_RESPONSE_BYTES"
    )
    fetch_max_redirects: int = Field(default=5, ge=0, le=20, alias="FETCH_MAX_REDIRECTS")
    fetch_allow_http: bool = Field(default=False, alias="FETCH_ALLOW_HTTP")
    fetch_allowed_ports: str = Field(
        default="80,443",
        pattern=r"^\s*(\*|\d{1,5}(\s*,\s*\d{1,5})*)\s*$",
        alias="FETCH_ALLOWED_PORTS",
    )

    # --- generation: upstream ---------------------------------------------------
    upstream_base_url: str = Field(default="https://yunwu.ai", alias="UPSTREAM_BASE_URL")
    upstream_fallback_urls: str = Field(default="", alias="UPSTREAM_FALLBACK_URLS")
    upstream_api_key: SecretStr | None = Field(default=None, alias="UPSTREAM_API_KEY")
    generation_models: str = Field(default="", alias="GENERATION_MODELS")
    upstream_connect_timeout_s: float = Field(
        default=10.0, gt=0, le=300, alias="UPSTREAM_CONNECT_TIMEOUT_SECONDS"
    )
    # --- generation: tasks and delivery ----------------------------------------
    sync_wait_seconds: float = Field(default=240.0, ge=0, le=3600, alias="SYNC_WAIT_SECONDS")
    task_retention_hours: float = Field(
        default=24.0, gt=0, le=24 * 365, alias="TASK_RETENTION_HOURS"
    )
    max_queued_tasks: int = Field(default=50_000, ge=1, le=10_000_000, alias="MAX_QUEUED_TASKS")
    max_running_tasks: int = Field(default=10_000, ge=1, le=1_000_000, alias="MAX_RUNNING_TASKS")
    per_key_concurrency: int = Field(
        default=10_000, ge=1, le=1_000_000, alias="PER_KEY_CONCURRENCY"
    )
    lease_seconds: float = Field(default=30.0, ge=1, le=3600, alias="LEASE_SECONDS")
    shutdown_grace_seconds: float = Field(
        default=25.0, ge=0, le=3600, alias="SHUTDOWN_GRACE_SECONDS"
    )
    max_request_bytes: int = Field(
        default=1_048_576, ge=1024, le=64 * 1024 * 1024, alias="MAX_REQUEST_BYTES"
    )
    webhook_secret: SecretStr | None = Field(default=None, alias="WEBHOOK_SECRET")
    secret_key: SecretStr | None = Field(default=None, alias="SECRET_KEY")
    allow_http_callbacks: bool = Field(default=False, alias="ALLOW_HTTP_CALLBACKS")
    ssrf_allow_private: bool = Field(default=False, alias="SSRF_ALLOW_PRIVATE")
    ssrf_allow_list: str = Field(default="", alias="SSRF_ALLOW_LIST")
    public_base_url: str = Field(default="", alias="PUBLIC_BASE_URL")
    inline_results: bool = Field(default=False, alias="INLINE_RESULTS")
    max_download_bytes: int = Field(default=20 * 1024 * 1024, ge=1024, alias="MAX_DOWNLOAD_BYTES")

    # --- scale-out -------------------------------------------------------------
    # Set: tasks, leases, limits, events and results live in this Redis, shared by every
    # instance. Unset: the embedded SQLite file under DATA_DIR.
    redis_url: SecretStr | None = Field(default=None, alias="REDIS_URL")
    namespace: str = Field(
        default="flowgate", pattern=r"^[A-Za-z0-9_.-]{1,64}$", alias="FLOWGATE_NAMESPACE"
    )
    # false: this instance serves the API only; `flowgate worker` processes run the tasks.
    generation_workers: bool = Field(default=True, alias="GENERATION_WORKERS")
    redis_max_connections: int = Field(default=64, ge=4, le=10_000, alias="REDIS_MAX_CONNECTIONS")

    @field_validator("services")
    @classmethod
    def _known_services(cls, value: str) -> str:
        names = [s.strip() for s in value.split(",") if s.strip()]
        unknown = sorted(set(names) - set(SERVICE_NAMES))
        if unknown or not names:
            raise ValueError(
                f"unknown service(s) {unknown or value!r}; choose from {', '.join(SERVICE_NAMES)}"
            )
        return ",".join(names)

    @field_validator("generation_models")
    @classmethod
    def _model_table(cls, value: str) -> str:
        from flowgate.generation.models import ModelTable  # the table's own rules

        ModelTable.load(value)
        return value

    @field_validator("ssrf_allow_list")
    @classmethod
    def _allow_list(cls, value: str) -> str:
        from flowgate.security.ssrf import EgressPolicy

        EgressPolicy.parse_allow_list(value)
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(
            ("redis://", "rediss://", "unix://")
        ):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @model_validator(mode="after")
    def _shared_secrets(self) -> Settings:
        """Every instance must decrypt the upstream keys stored with tasks and sign callbacks
        with the same secret: per-instance generated keys would break both."""
        if self.redis_url is not None and "generation" in self.enabled_services:
            missing = [
                name
                for name, value in (
                    ("SECRET_KEY", self.secret_key),
                    ("WEBHOOK_SECRET", self.webhook_secret),
                )
                if value is None
            ]
            if missing:
                raise ValueError(
                    f"REDIS_URL is set, so {' and '.join(missing)} must be set too "
                    "(the same value on every instance)"
                )
        return self

    @property
    def enabled_services(self) -> frozenset[str]:
        return frozenset(self.services.split(","))


def describe_validation_error(exc: ValidationError) -> str:
    """Turn pydantic's error into lines an operator can act on (env var + reason)."""
    lines = ["invalid configuration:"]
    for err in exc.errors():
        if not err["loc"]:  # a rule across settings: the input is all of them, not shown
            lines.append(f"  {err['msg'].removeprefix('Value error, ')}")
            continue
        where = ".".join(str(p) for p in err["loc"])
        shown = (
            "<secret>"
            if "SECRET" in where.upper() or "REDIS" in where.upper()
            else err.get("input")
        )
        lines.append(f"  {where.upper()}={shown!r}: {err['msg']}")
    return "\n".join(lines)


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI flags, tests)."""
    return Settings(**overrides)  # type: ignore[arg-type]
