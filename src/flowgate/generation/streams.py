"""Live task events: Server-Sent Events (`GET /v1/tasks/{id}/events`) and the WebSocket twin
(`/v1/tasks/{id}/ws`). Each message carries the event and the task as it is after it, so a
client never needs a second request; both close after the terminal event. SSE resumes from
`Last-Event-ID` (the event's per-task sequence number)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from flowgate.generation.errors import ApiError
from flowgate.generation.http_common import api_endpoint, service_of
from flowgate.generation.schemas import TASK_ID, check_task_id
from flowgate.generation.service import GenerationService
from flowgate.generation.views import iso, native_task

KEEPALIVE_S = 15


async def _messages(
    service: GenerationService, task_id: str, after: int
) -> AsyncIterator[dict[str, Any]]:
    async for event in service.hub.follow(task_id, after):
        job = await service.get(task_id)
        yield {
            "event": event.type,
            "seq": event.seq,
            "at": iso(event.at),
            "data": event.data,
            "task": native_task(job),
        }


@api_endpoint("native")
async def sse(request: Request) -> Response:
    service = service_of(request)
    task_id = check_task_id(request.path_params["task_id"])
    await service.get(task_id)  # 404 before the stream starts
    last = request.headers.get("last-event-id", "0")
    after = int(last) if last.isdigit() else 0

    async def events() -> AsyncIterator[ServerSentEvent]:
        async for message in _messages(service, task_id, after):
            yield ServerSentEvent(
                data=orjson.dumps(message).decode(), event=message["event"], id=str(message["seq"])
            )

    return EventSourceResponse(events(), ping=KEEPALIVE_S, send_timeout=30)


async def ws(websocket: WebSocket) -> None:
    service: GenerationService = websocket.app.state.generation
    task_id = websocket.path_params["task_id"]
    if not TASK_ID.match(task_id):
        await websocket.close(code=4404, reason="Task not found")
        return
    try:
        await service.get(task_id)
    except ApiError as exc:
        await websocket.close(code=4000 + exc.status, reason=exc.message[:120])
        return
    await websocket.accept()
    try:
        async for message in _messages(service, task_id, 0):
            await websocket.send_text(orjson.dumps(message).decode())
        await websocket.close(code=1000)
    except WebSocketDisconnect:
        return


routes: list[BaseRoute] = [
    Route("/v1/tasks/{task_id}/events", sse, methods=["GET"]),
    WebSocketRoute("/v1/tasks/{task_id}/ws", ws),
]
