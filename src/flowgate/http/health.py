"""`GET /health`: 200 once the app is ready, with a summary of every enabled service."""

from __future__ import annotations

from typing import Any

import psutil
from starlette.requests import Request
from starlette.routing import Route

from flowgate import __version__
from flowgate.http.responses import JSONResponse


async def health(request: Request) -> JSONResponse:
    state = request.app.state
    body: dict[str, Any] = {
        "status": "healthy",
        "version": __version__,
        "services": sorted(state.settings.enabled_services),
        "memoryMB": round(psutil.Process().memory_info().rss / 2**20, 1),
    }
    codeblock = getattr(state, "codeblock", None)
    if codeblock is not None:
        pool = codeblock.engine.pool_stats()
        body["codeblock"] = {
            "engine": f"quickjs-ng {codeblock.engine.engine_version}",
            "inFlight": codeblock.in_flight,
            "contextPool": {"ready": pool.get("ready", 0), "target": pool.get("target", 0)},
        }
    status = 200
    generation = getattr(state, "generation", None)
    if generation is not None:
        reachable = await generation.store.ping()
        body["generation"] = {**generation.health(), "reachable": reachable}
        body.update(
            activeTasks=body["generation"]["activeTasks"],
            totalProcessed=body["generation"]["totalProcessed"],
            queued=body["generation"]["queued"],
            store=generation.store.backend,
        )
        if not reachable:
            body["status"] = "unhealthy"
            status = 503
    return JSONResponse(body, status_code=status)


routes = [Route("/health", health, methods=["GET"])]
