"""Structured JSON logs (one object per line) carrying the request id.

structlog's contextvars processor adds `request_id` to every log line written
while a request is being served; a redaction processor removes secrets by key
wherever they appear, so a careless `log.info(..., body=...)` cannot leak one.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

SECRET_KEYS = frozenset(
    {
        "apikey",
        "api_key",
        "authorization",
        "accesstoken",
        "access_token",
        "token",
        "secret",
        "password",
        "webhook_secret",
    }
)
_REDACTED = "[redacted]"


def _redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: (_REDACTED if str(k).lower() in SECRET_KEYS else _redact(v))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_redact(v) for v in value]
    return value


def redact_secrets(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event):
        event[key] = _REDACTED if key.lower() in SECRET_KEYS else _redact(event[key])
    return event


def configure_logging(level: str = "info") -> None:
    """Idempotent; safe to call in every worker process."""
    numeric = logging.getLevelName(level.upper())
    logging.basicConfig(format="%(message)s", stream=sys.stdout, level=numeric, force=True)
    # httpx logs every request URL at INFO; URLs can carry tokens, and we log calls ourselves.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(numeric, logging.WARNING))
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            redact_secrets,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(sys.stdout),
        cache_logger_on_first_use=True,
    )
