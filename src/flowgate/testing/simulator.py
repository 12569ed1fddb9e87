"""A simulator of the Yunwu OpenAI-compatible aggregator, speaking its real wire formats.

Why: every model route must be tested end to end (the Go version could never return a Flux
result and nobody noticed), and benchmarks need an upstream that holds calls for a minute
without costing money. Tests drive every behaviour through the *real* client path by putting
magic words in the prompt, so nothing in the client knows it is being simulated.

Run it: `serve_simulator(host, port, delay_s)` (granian, one worker so the recorded calls and
"once" state are consistent), or mount `create_simulator()` in any ASGI server.

Routes (all but `/files`, `/_sim` need `Authorization: Bearer <key>`; Gemini also accepts
`x-goog-api-key`; key `bad-key` or `sk-invalid*` → 401 `{"error": {message, type, code}}`):
- `POST /v1/chat/completions` (sora_image): content = string or `[text, image_url...]`;
  answers a chat completion whose markdown content ends with `![..](<url>)`.
- `POST /v1/images/generations` (flux-*): `{model, prompt, n<=4, size=WxH | aspect_ratio=W:H,
  response_format=url|b64_json}` → `{"created", "data": [{"url"} | {"b64_json"}] * n}`.
- `POST /v1beta/models/{model}:generateContent` (gemini): `contents[].parts` with text and
  `inline_data`/`inlineData` (base64 checked), `generationConfig.imageConfig.aspectRatio`
  (checked against Gemini's list; a bad one is a Google-style 400 `INVALID_ARGUMENT`).
- `POST /v1/video/create` → `{"id": "<model>:task_...", "status": "pending"}`;
  `GET /v1/video/query?id=` → `{"status", "progress": "NN%", "video_url"}`.
- `POST /v1/videos` (JSON: model, prompt, size in OpenAI's four, input_reference URL) → an
  OpenAI video object (`status: queued`); `GET /v1/videos/{id}` → the object, with the
  aggregator's `video_url` field once `completed`; `GET /v1/videos/{id}/content` → the MP4.
- `GET /files/{name}` → a tiny valid PNG (or MP4 for `*.mp4`): every URL it returns works.
- `GET /_sim/image.png` → the same PNG, handy as an input image URL.
- `GET /_sim/calls` → `{"count", "calls": [{method, path, model, prompt, detail, received_at,
  answered_at}]}` for upstream-API calls only (including 401s and polls; not `/files`, not
  `/_sim`). The two times are `time.time()` floats: arrival, and when the answer's last byte
  was handed to the server (null while held, or never for `drop`/`hang`).
- `POST /_sim/reset` → forget calls, "once" state and video tasks.

Modes (magic words anywhere in the prompt; `_once` variants fire only the first time for
that exact prompt — or for a video task, its id — so the client's retry then succeeds):
- `[sim:429]`, `[sim:429_once]`: 429 rate limit with `Retry-After: 1`, before acceptance.
- `[sim:503]`, `[sim:503_once]`: 503 "no available channel", before acceptance.
- `[sim:slow=SECONDS]`: hold the call that long (on top of the global `delay_s`).
- `[sim:500]`: 500 with a JSON error body. `[sim:502]`, `[sim:504]`: gateway HTML pages.
- `[sim:drop]`: announce a 4096-byte body, send 6 bytes, close (client: RemoteProtocolError).
- `[sim:hang]`: never answer until the client disconnects (client: ReadTimeout).
- `[sim:garbage]`: 200 with an HTML (non-JSON) body.
  (All of these accept `_once` too, e.g. `[sim:500_once]`.)
- `[sim:reject]`: content failure — chat: 200 with `生成失败` / `失败原因：...`;
  images: 400 `content_policy_violation`.
- `[sim:no_image]`, `[sim:no_image_once]`: chat: content without an image; images: empty
  `data`; Gemini: `finishReason: NO_IMAGE`.
- Gemini only: `[sim:block]` (`promptFeedback.blockReason`), `[sim:image_safety]`
  (`finishReason: IMAGE_SAFETY`, no content), `[sim:text_only]` (STOP, text, no image),
  `[sim:snake]` (`inline_data`/`mime_type`), `[sim:text_url]` (markdown URL in a text part),
  `[sim:text_data_url]` (data URL in a text part). Default: camelCase `inlineData`.
- Images only: `[sim:b64]` answers `b64_json` even when `url` was asked for.
- Video (on the create prompt): `[sim:video_slow=N]` N polls before done (default 2);
  `[sim:video_unknown]` empty/unknown status for 3 polls, then done; `[sim:video_fail]`
  fails on the 2nd poll with a reason; `[sim:video_no_url]` (OpenAI style) completed without
  `video_url`, like OpenAI itself (the content endpoint is the result);
  `[sim:poll_error_once]` the first poll of the task answers 500.

The global `delay_s` holds every generation/create call (not polls, not files) with
`asyncio.sleep`, so thousands of concurrent held calls cost almost nothing.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from flowgate.testing import sim_images, sim_video
from flowgate.testing.sim_core import MP4, PNG, AnswerTimer, SimState, state_of

DELAY_ENV = "FLOWGATE_SIM_DELAY_S"


async def _calls(request: Request) -> Response:
    calls = [call.to_json() for call in state_of(request).calls]
    return JSONResponse({"count": len(calls), "calls": calls})


async def _reset(request: Request) -> Response:
    state_of(request).reset()
    return JSONResponse({"ok": True})


async def _file(request: Request) -> Response:
    name: str = request.path_params["name"]
    if name.endswith(".mp4"):
        return Response(MP4, media_type="video/mp4")
    return Response(PNG, media_type="image/png")


async def _image(request: Request) -> Response:
    return Response(PNG, media_type="image/png")


def create_simulator(
    *, delay_s: float = 0.0, hang_s: float = 600.0, video_polls: int = 2
) -> Starlette:
    """The simulator app. `hang_s` bounds `[sim:hang]`; `video_polls` is the default number
    of polls a video task stays unfinished."""
    routes = [
        Route("/v1/chat/completions", sim_images.chat_completions, methods=["POST"]),
        Route("/v1/images/generations", sim_images.images_generations, methods=["POST"]),
        Route(
            "/v1beta/models/{model}:generateContent",
            sim_images.generate_content,
            methods=["POST"],
        ),
        Route("/v1/video/create", sim_video.unified_create, methods=["POST"]),
        Route("/v1/video/query", sim_video.unified_query, methods=["GET"]),
        Route("/v1/videos", sim_video.openai_create, methods=["POST"]),
        Route("/v1/videos/{video_id}", sim_video.openai_retrieve, methods=["GET"]),
        Route("/v1/videos/{video_id}/content", sim_video.openai_content, methods=["GET"]),
        Route("/files/{name}", _file, methods=["GET"]),
        Route("/_sim/image.png", _image, methods=["GET"]),
        Route("/_sim/calls", _calls, methods=["GET"]),
        Route("/_sim/reset", _reset, methods=["POST"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(AnswerTimer)])
    app.state.sim = SimState(delay_s=delay_s, hang_s=hang_s, video_polls=video_polls)
    return app


def create_simulator_from_env() -> Starlette:
    """Granian's factory entry point: worker processes read the delay from the environment."""
    return create_simulator(delay_s=float(os.environ.get(DELAY_ENV) or 0))


def serve_simulator(host: str, port: int, delay_s: float) -> None:
    """Serve until SIGINT/SIGTERM (`flowgate simulate-upstream --port N --delay S`)."""
    from granian import Granian
    from granian.constants import Interfaces

    os.environ[DELAY_ENV] = str(delay_s)
    Granian(
        "flowgate.testing.simulator:create_simulator_from_env",
        factory=True,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=1,
        backlog=4096,
        # granian's default (backlog / workers) would cap held calls at 4,096; benchmarks
        # hold 10,000 at once.
        backpressure=65536,
        log_access=False,
    ).serve()
