"""The original service's API, unchanged for existing clients: `/api/generate`,
`/api/generate/async`, `/api/status/{taskId}`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from flowgate.generation.errors import STATUS_BY_CODE, not_found
from flowgate.generation.http_common import api_endpoint, read_body, service_of
from flowgate.generation.schemas import TASK_ID, parse_generate
from flowgate.generation.views import compat_status
from flowgate.http.responses import JSONResponse
from flowgate.jobs.state import JobStatus


@api_endpoint("compat")
async def generate(request: Request) -> Response:
    """Wait for the result up to SYNC_WAIT_SECONDS; the task is durable either way."""
    service = service_of(request)
    job, _ = await service.submit(parse_generate(await read_body(request)))
    job = await service.wait(job.id, service.limits.sync_wait_s)
    if job.status is JobStatus.COMPLETED:
        return JSONResponse({"success": True, "taskId": job.id, **(job.result or {})})
    if job.status in (JobStatus.FAILED, JobStatus.CANCELED):
        code = job.error_code or "upstream_error"
        body = {"success": False, "taskId": job.id, "error": job.error_message, "errorCode": code}
        return JSONResponse(body, status_code=STATUS_BY_CODE.get(code, 502))
    body = {
        "success": False,
        "status": "processing",
        "taskId": job.id,
        "error": f"still running; poll /api/status/{job.id}",
    }
    return JSONResponse(body, status_code=202)


@api_endpoint("compat")
async def generate_async(request: Request) -> Response:
    """Answers only after the task row is committed."""
    job, _ = await service_of(request).submit(parse_generate(await read_body(request)))
    return JSONResponse({"success": True, "taskId": job.id, "message": "Generation started"})


@api_endpoint("compat")
async def status(request: Request) -> Response:
    task_id = request.path_params["task_id"]
    if not TASK_ID.match(task_id):  # ids we could never have issued: simply not found
        raise not_found(task_id)
    job = await service_of(request).get(task_id)
    return JSONResponse(compat_status(job))


routes = [
    Route("/api/generate", generate, methods=["POST"]),
    Route("/api/generate/async", generate_async, methods=["POST"]),
    Route("/api/status/{task_id}", status, methods=["GET"]),
]
