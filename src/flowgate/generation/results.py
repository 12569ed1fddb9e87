"""Binary results (Gemini inline images, `b64_json`) stored under DATA_DIR and served by us.

Returning megabytes of base64 in every status poll and callback is what the original did; we
write the bytes once and hand out a URL (`PUBLIC_BASE_URL/results/<name>`). Names are random
(unguessable, never derived from client ids). `INLINE_RESULTS=true` restores data URLs.
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import secrets
import time
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from flowgate.http.responses import JSONResponse

_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "video/mp4": ".mp4",
}
_NAME = re.compile(r"^[A-Za-z0-9_-]{16,64}\.[a-z0-9]{2,4}$")


class ResultStore:
    def __init__(self, root: Path, public_base_url: str, *, inline: bool) -> None:
        self.root = root
        self.public_base_url = public_base_url.rstrip("/")
        self.inline = inline

    async def save(self, data: bytes, mime_type: str) -> str:
        """The URL clients get for these bytes."""
        if self.inline:
            return f"data:{mime_type};base64,{base64.b64encode(data).decode()}"
        name = secrets.token_urlsafe(18) + _EXTENSIONS.get(mime_type, ".bin")
        await asyncio.to_thread(self._write, name, data)
        return f"{self.public_base_url}/results/{name}"

    def _write(self, name: str, data: bytes) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{name}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / name)

    def path_of(self, name: str) -> Path | None:
        if not _NAME.match(name):
            return None
        path = self.root / name
        return path if path.is_file() else None

    def purge(self, older_than_s: float) -> int:
        """Delete result files older than the task retention (their tasks are gone too)."""
        if not self.root.is_dir():
            return 0
        cutoff = time.time() - older_than_s
        removed = 0
        for path in self.root.iterdir():
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed


async def serve_result(request: Request) -> Response:
    store: ResultStore = request.app.state.generation.results
    path = store.path_of(request.path_params["name"])
    if path is None:
        return JSONResponse(
            {"error": {"code": "not_found", "message": "no such result"}}, status_code=404
        )
    return FileResponse(path, headers={"Cache-Control": "private, max-age=86400"})


routes = [Route("/results/{name}", serve_result, methods=["GET", "HEAD"])]
