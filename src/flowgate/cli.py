"""`flowgate serve | run`: build Settings (validated, clear messages), configure logging, run."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path

import click
import orjson
from pydantic import ValidationError as SettingsError

from flowgate.config import Settings, describe_validation_error, load_settings


def _settings(**overrides: object) -> Settings:
    try:
        return load_settings(**{k: v for k, v in overrides.items() if v is not None})
    except SettingsError as exc:
        click.echo(describe_validation_error(exc), err=True)
        sys.exit(2)


@click.group()
@click.version_option(package_name="flowgate")
def main() -> None:
    """Flowgate: sandboxed JavaScript code blocks and AI generation jobs behind one HTTP API."""


@main.command()
@click.option("--host", default=None, help="Address to bind (env HOST, default 0.0.0.0).")
@click.option("--port", type=int, default=None, help="Port (env PORT, default 3002).")
@click.option("--workers", type=int, default=None, help="Worker processes (default: CPU count).")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve every enabled service (env SERVICES) from one app."""
    settings = _settings(HOST=host, PORT=port, WORKERS=workers)
    _run_granian("flowgate.asgi:create_app_from_env", settings)


@main.command()
@click.option("--host", default=None, help="Address of the health endpoint (env HOST).")
@click.option("--port", type=int, default=None, help="Port of the health endpoint (env PORT).")
@click.option("--processes", type=int, default=1, show_default=True, help="Worker processes.")
def worker(host: str | None, port: int | None, processes: int) -> None:
    """Run generation workers (tasks and callback deliveries) without the HTTP API.

    Only `GET /health` is served, on PORT: platforms such as Cloud Run need a listening port
    and a health check. Pair with API instances started with GENERATION_WORKERS=false."""
    settings = _settings(
        HOST=host, PORT=port, WORKERS=processes, SERVICES="generation", GENERATION_WORKERS=True
    )
    os.environ.update(SERVICES="generation", GENERATION_WORKERS="true")
    _run_granian("flowgate.asgi:create_worker_app_from_env", settings)


def _run_granian(target: str, settings: Settings) -> None:
    from granian import Granian
    from granian.constants import Interfaces

    run_dir = settings.data_dir / "run"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True, exist_ok=True)
    # Worker processes rebuild Settings from the environment: hand them the CLI's choices.
    os.environ.update(
        HOST=settings.host,
        PORT=str(settings.port),
        WORKERS=str(settings.workers),
        DATA_DIR=str(settings.data_dir),
    )
    Granian(
        target,
        factory=True,
        address=settings.host,
        port=settings.port,
        interface=Interfaces.ASGI,
        workers=settings.workers,
        backlog=4096,
        # Requests in progress per worker. granian's default (backlog / workers) would cap
        # sync generation calls, which wait minutes each, at 2,048 per worker.
        backpressure=65536,
        respawn_failed_workers=True,
        # In-flight executions end within their time limit; a worker that still has not
        # stopped after that (e.g. granian losing a SIGTERM that arrived during its
        # start-up) is killed instead of hanging the shutdown.
        workers_kill_timeout=max(
            10,
            settings.execution_timeout_ms // 1000 + 5,
            int(settings.shutdown_grace_seconds) + 10,
        ),
        log_access=False,
    ).serve()


@main.command("simulate-upstream")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=int, default=8787, show_default=True, help="Port.")
@click.option(
    "--delay", type=float, default=0.0, show_default=True, help="Seconds every call takes."
)
def simulate_upstream(host: str, port: int, delay: float) -> None:
    """Run the upstream simulator (the aggregator's wire formats) for demos, tests, benchmarks."""
    from flowgate.testing.simulator import serve_simulator

    serve_simulator(host, port, delay)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--input", "input_json", default="{}", help="The JSON object given to the code.")
@click.option("--debug", is_flag=True, help="Include captured console output.")
def run(file: Path, input_json: str, debug: bool) -> None:
    """Run a code block locally and print the JSON response the server would send."""
    settings = _settings()
    status = asyncio.run(_run_code(settings, file.read_text("utf-8"), input_json, debug))
    sys.exit(0 if status == 200 else 1)


async def _run_code(settings: Settings, code: str, input_json: str, debug: bool) -> int:
    from flowgate.codeblock.engine.executor import Engine
    from flowgate.codeblock.envelope import answer
    from flowgate.codeblock.limits import CodeLimits
    from flowgate.codeblock.service import CodeBlockService

    limits = CodeLimits.from_settings(settings)
    engine = Engine(limits)  # not started: no pre-warming for a single run
    service = CodeBlockService(limits, engine, workers=1)
    body = orjson.dumps({"code": code, "debug": debug}).rstrip(b"}")
    try:
        status, payload, _ = await answer(service, body + b',"input":' + input_json.encode() + b"}")
    finally:
        await engine.aclose()
    click.echo(payload.decode())
    return status
