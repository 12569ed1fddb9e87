"""OpenAPI 3.1 document of the generation API, served at /openapi.json with a /docs page.

Request schemas come from the msgspec structs that validate the bodies, so the document
cannot drift from what the server accepts; the path table is written here."""

from __future__ import annotations

from typing import Any

import msgspec
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from flowgate import __version__
from flowgate.generation.schemas import GenerateRequest
from flowgate.http.responses import JSONResponse

_ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            "required": ["code", "message"],
        }
    },
}
_COMPAT_ERROR = {
    "type": "object",
    "properties": {
        "success": {"const": False},
        "error": {"type": "string"},
        "errorCode": {"type": "string"},
    },
}


def _op(
    summary: str,
    *,
    body: bool = False,
    params: list[str] | None = None,
    compat: bool = False,
    responses: dict[str, str] | None = None,
) -> dict[str, Any]:
    err = {"$ref": "#/components/schemas/CompatError" if compat else "#/components/schemas/Error"}
    out: dict[str, Any] = {
        "summary": summary,
        "responses": {
            code: {
                "description": text,
                "content": {
                    "application/json": {"schema": err if code >= "400" else {"type": "object"}}
                },
            }
            for code, text in (responses or {"200": "OK"}).items()
        },
    }
    if body:
        out["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/GenerateRequest"}}
            },
        }
    out["parameters"] = [
        {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
        for p in (params or [])
    ]
    return out


def document() -> dict[str, Any]:
    (schema,), components = msgspec.json.schema_components(
        [GenerateRequest], ref_template="#/components/schemas/{name}"
    )
    components.update(Error=_ERROR, CompatError=_COMPAT_ERROR)
    tid = ["taskId"]
    paths: dict[str, Any] = {
        "/api/generate": {
            "post": _op(
                "Generate and wait (SYNC_WAIT_SECONDS)",
                body=True,
                compat=True,
                responses={
                    "200": "done",
                    "202": "still running",
                    "400": "bad request",
                    "401": "no key",
                    "422": "content rejected",
                    "429": "queue full",
                    "502": "upstream failed",
                    "504": "deadline",
                },
            )
        },
        "/api/generate/async": {
            "post": _op(
                "Submit; answers once stored",
                body=True,
                compat=True,
                responses={"200": "stored", "400": "bad request", "429": "queue full"},
            )
        },
        "/api/status/{taskId}": {
            "get": _op(
                "Task status (compatible)",
                params=tid,
                compat=True,
                responses={"200": "task", "404": "not found"},
            )
        },
        "/v1/tasks": {
            "post": _op(
                "Create a task (Idempotency-Key honoured)",
                body=True,
                responses={
                    "201": "created",
                    "200": "existing",
                    "409": "idempotency conflict",
                    "429": "queue full",
                },
            ),
            "get": _op("List tasks: ?status=&model=&limit=&cursor=", responses={"200": "page"}),
        },
        "/v1/tasks/{taskId}": {
            "get": _op("A task", params=tid, responses={"200": "task", "404": "not found"})
        },
        "/v1/tasks/{taskId}/cancel": {
            "post": _op(
                "Cancel",
                params=tid,
                responses={"200": "already final", "202": "cancel requested", "404": "not found"},
            )
        },
        "/v1/tasks/{taskId}/events": {
            "get": _op(
                "Server-Sent Events until a terminal state (WebSocket twin: /v1/tasks/{taskId}/ws)",
                params=tid,
                responses={"200": "text/event-stream", "404": "not found"},
            )
        },
        "/v1/tasks/{taskId}/webhooks": {
            "get": _op(
                "Callback deliveries and their attempts",
                params=tid,
                responses={"200": "list", "404": "not found"},
            )
        },
        "/v1/tasks/{taskId}/webhooks/replay": {
            "post": _op(
                "Deliver the callback again",
                params=tid,
                responses={"202": "queued", "409": "no callback / not finished"},
            )
        },
        "/v1/models": {"get": _op("The model table")},
    }
    del schema
    return {
        "openapi": "3.1.0",
        "info": {"title": "Flowgate generation API", "version": __version__},
        "paths": paths,
        "components": {"schemas": components},
    }


async def openapi_json(request: Request) -> Response:
    return JSONResponse(document())


_DOCS = """<!doctype html><html><head><title>Flowgate API</title><meta charset="utf-8">
<link rel="stylesheet" href="https://unpkg.com/swagger-ui-dist@5/swagger-ui.css"></head>
<body><div id="ui"></div><script src="https://unpkg.com/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({url: "/openapi.json", dom_id: "#ui"});</script></body></html>"""


async def docs(request: Request) -> Response:
    return HTMLResponse(_DOCS)


routes = [
    Route("/openapi.json", openapi_json, methods=["GET"]),
    Route("/docs", docs, methods=["GET"]),
]
