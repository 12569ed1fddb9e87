"""The native REST API (`/v1/...`): tasks with Idempotency-Key, filtered and paginated
lists, cancel, webhook history and replay, the model table. Event streams: `streams.py`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from flowgate.generation.errors import invalid
from flowgate.generation.http_common import api_endpoint, read_body, service_of
from flowgate.generation.runner import GENERATE_KIND
from flowgate.generation.schemas import check_task_id, parse_generate
from flowgate.generation.views import native_task
from flowgate.generation.webhooks.delivery import describe
from flowgate.http.responses import JSONResponse
from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import ListQuery

MAX_PAGE = 200


@api_endpoint("native")
async def create_task(request: Request) -> Response:
    """201 when created, 200 when the Idempotency-Key (or taskId) named an existing task."""
    key = request.headers.get("idempotency-key")
    if key is not None:
        check_task_id(key, "Idempotency-Key")
    req = parse_generate(await read_body(request))
    job, created = await service_of(request).submit(req, idempotency_key=key, strict=True)
    headers = {"Location": f"/v1/tasks/{job.id}"}
    return JSONResponse(native_task(job), status_code=201 if created else 200, headers=headers)


@api_endpoint("native")
async def get_task(request: Request) -> Response:
    job = await service_of(request).get(check_task_id(request.path_params["task_id"]))
    return JSONResponse(native_task(job))


def _list_query(request: Request) -> ListQuery:
    params = request.query_params
    status = params.get("status")
    if status is not None and status not in JobStatus.__members__.values():
        raise invalid(f"status must be one of {', '.join(s.value for s in JobStatus)}")
    raw_limit = params.get("limit", "50")
    if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_PAGE:
        raise invalid(f"limit must be an integer from 1 to {MAX_PAGE}")
    return ListQuery(
        kind=GENERATE_KIND,
        status=JobStatus(status) if status else None,
        model=_route_name(request, params.get("model")),
        limit=int(raw_limit),
        cursor=params.get("cursor") or None,
    )


def _route_name(request: Request, model: str | None) -> str | None:
    """Tasks are grouped by model-table row: `?model=sora` finds `sora_image` tasks too."""
    if model is None:
        return None
    row = service_of(request).table.resolve(model)
    return row.name if row is not None else model


@api_endpoint("native")
async def list_tasks(request: Request) -> Response:
    query = _list_query(request)
    jobs, cursor = await service_of(request).list_tasks(query)
    return JSONResponse(
        {"object": "list", "data": [native_task(j) for j in jobs], "nextCursor": cursor}
    )


@api_endpoint("native")
async def cancel_task(request: Request) -> Response:
    job = await service_of(request).cancel(check_task_id(request.path_params["task_id"]))
    return JSONResponse(native_task(job), status_code=202 if not job.status.terminal else 200)


@api_endpoint("native")
async def list_webhooks(request: Request) -> Response:
    jobs = await service_of(request).deliveries(check_task_id(request.path_params["task_id"]))
    return JSONResponse({"object": "list", "data": [describe(j) for j in jobs]})


@api_endpoint("native")
async def replay_webhook(request: Request) -> Response:
    job = await service_of(request).replay(check_task_id(request.path_params["task_id"]))
    return JSONResponse(describe(job), status_code=202)


async def list_models(request: Request) -> Response:
    rows = service_of(request).table.rows
    data = [
        {
            "name": r.name,
            "aliases": list(r.aliases),
            "kind": str(r.kind),
            "deadlineSeconds": r.deadline_s,
        }
        for r in rows
    ]
    return JSONResponse({"object": "list", "data": data})


routes: list[BaseRoute] = [
    Route("/v1/tasks", create_task, methods=["POST"]),
    Route("/v1/tasks", list_tasks, methods=["GET"]),
    Route("/v1/tasks/{task_id}", get_task, methods=["GET"]),
    Route("/v1/tasks/{task_id}/cancel", cancel_task, methods=["POST"]),
    Route("/v1/tasks/{task_id}/webhooks", list_webhooks, methods=["GET"]),
    Route("/v1/tasks/{task_id}/webhooks/replay", replay_webhook, methods=["POST"]),
    Route("/v1/models", list_models, methods=["GET"]),
]
