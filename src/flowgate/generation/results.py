"""Binary results (Gemini inline images, `b64_json`, key-only videos), served by us.

Returning megabytes of base64 in every status poll and callback is what the original did; we
write the bytes once and hand out a URL (`PUBLIC_BASE_URL/results/<name>`). Names are random
(unguessable, never derived from client ids). `INLINE_RESULTS=true` restores data URLs.
Embedded mode keeps the bytes under DATA_DIR; with Redis they live in Redis (expiring with the
task retention), because the instance asked for a result is rarely the one that stored it.
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import secrets
import time
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from flowgate.http.responses import JSONResponse
from flowgate.jobs.store.base import StoreUnavailable

if TYPE_CHECKING:
    from flowgate.jobs.store.redis import RedisJobStore

_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "video/mp4": ".mp4",
}
_NAME = re.compile(r"^[A-Za-z0-9_-]{16,64}\.[a-z0-9]{2,4}$")
_MIME = {ext: mime for mime, ext in _EXTENSIONS.items()}


class RedisBlobs:
    """Result bytes in the shared Redis, expiring after the task retention."""

    def __init__(self, store: RedisJobStore, ttl_s: float) -> None:
        self._store = store
        self._ttl_ms = max(1000, int(ttl_s * 1000))

    def _key(self, name: str) -> str:
        return f"{self._store.prefix}r:{name}"

    async def put(self, name: str, data: bytes) -> None:
        await self._store.command("SET", self._key(name), data, "PX", self._ttl_ms)

    async def get(self, name: str) -> bytes | None:
        data: bytes | None = await self._store.command("GET", self._key(name))
        return data


class ResultStore:
    def __init__(
        self,
        root: Path,
        public_base_url: str,
        *,
        inline: bool,
        blobs: RedisBlobs | None = None,
    ) -> None:
        self.root = root
        self.public_base_url = public_base_url.rstrip("/")
        self.inline = inline
        self.blobs = blobs

    async def save(self, data: bytes, mime_type: str) -> str:
        """The URL clients get for these bytes."""
        if self.inline:
            return f"data:{mime_type};base64,{base64.b64encode(data).decode()}"
        name = secrets.token_urlsafe(18) + _EXTENSIONS.get(mime_type, ".bin")
        if self.blobs is not None:
            await self.blobs.put(name, data)
        else:
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
        """Delete result files older than the task retention (their tasks are gone too);
        Redis expires its copies by itself."""
        if self.blobs is not None or not self.root.is_dir():
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


_CACHE = {"Cache-Control": "private, max-age=86400"}


def _missing() -> Response:
    return JSONResponse({"error": {"code": "not_found", "message": "no such result"}}, 404)


async def serve_result(request: Request) -> Response:
    store: ResultStore = request.app.state.generation.results
    name = request.path_params["name"]
    if store.blobs is not None and _NAME.match(name):
        try:
            data = await store.blobs.get(name)
        except StoreUnavailable as exc:
            return JSONResponse({"error": {"code": "store_unavailable", "message": str(exc)}}, 503)
        if data is None:
            return _missing()
        mime = _MIME.get(name[name.rindex(".") :], "application/octet-stream")
        return Response(data, media_type=mime, headers=_CACHE)
    path = store.path_of(name)
    if path is None:
        return _missing()
    return FileResponse(path, headers=_CACHE)


routes = [Route("/results/{name}", serve_result, methods=["GET", "HEAD"])]
