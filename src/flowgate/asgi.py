"""Entry point for server worker processes: build Settings from the environment, then the app."""

from __future__ import annotations

from starlette.applications import Starlette

from flowgate.app import create_app
from flowgate.config import load_settings
from flowgate.observability.logging import configure_logging


def create_app_from_env() -> Starlette:
    settings = load_settings()
    configure_logging(settings.log_level)
    return create_app(settings)


def create_worker_app_from_env() -> Starlette:
    """`flowgate worker`: the generation workers, and `/health` only."""
    settings = load_settings()
    configure_logging(settings.log_level)
    return create_app(settings, api=False)
