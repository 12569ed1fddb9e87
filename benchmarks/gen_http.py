"""A minimal raw-asyncio HTTP/1.1 client and callback receiver for the generation benchmark.

httpx costs ~0.5 ms of CPU per request in the client, which on a 2-core machine shared with
the servers under test would distort what is measured; this client is a keep-alive socket,
one request line and a Content-Length body. It is used for everything wrk cannot do: submits
whose task ids we keep, status checks, paced submits, and receiving callbacks.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field

import orjson

REQUEST_TIMEOUT_S = 30.0


class HttpError(RuntimeError):
    """A malformed or unexpected answer (not an HTTP status: those are returned)."""


@dataclass(frozen=True)
class Req:
    method: str
    path: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Resp:
    status: int
    body: bytes
    sent_at: float  # time.monotonic() when the request was written
    elapsed_s: float

    def json(self) -> dict[str, object]:
        data = orjson.loads(self.body)
        if not isinstance(data, dict):
            raise HttpError(f"not a JSON object: {self.body[:200]!r}")
        return data


def json_req(method: str, path: str, obj: object, *extra: tuple[str, str]) -> Req:
    headers = (("content-type", "application/json"), *extra)
    return Req(method, path, orjson.dumps(obj), headers)


async def read_message(reader: asyncio.StreamReader) -> tuple[str, dict[str, str], bytes]:
    """One HTTP/1.1 message: (start line, lower-cased headers, body). Content-Length or chunked."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        parts: list[bytes] = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            parts.append(chunk[:-2])
        return lines[0], headers, b"".join(parts)
    length = int(headers.get("content-length", "0"))
    return lines[0], headers, await reader.readexactly(length) if length else b""


class Conn:
    """One keep-alive connection; reconnects when the server closed it."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._rw: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, req: Req) -> Resp:
        if self._rw is None:
            self._rw = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._rw
        head = [f"{req.method} {req.path} HTTP/1.1", f"host: {self.host}:{self.port}"]
        head += [f"{k}: {v}" for k, v in req.headers]
        head.append(f"content-length: {len(req.body)}")
        sent = time.monotonic()
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + req.body)
        try:
            status_line, headers, body = await asyncio.wait_for(
                read_message(reader), REQUEST_TIMEOUT_S
            )
        except BaseException:
            self.close()
            raise
        if headers.get("connection", "").lower() == "close":
            self.close()
        return Resp(int(status_line.split(" ", 2)[1]), body, sent, time.monotonic() - sent)

    def close(self) -> None:
        if self._rw is not None:
            self._rw[1].close()
            self._rw = None


async def run_all(
    host: str, port: int, reqs: Sequence[Req], concurrency: int
) -> list[Resp | BaseException]:
    """Sends every request over ``concurrency`` keep-alive connections (closed loop)."""
    results: list[Resp | BaseException] = [TimeoutError("not sent")] * len(reqs)
    it = iter(range(len(reqs)))

    async def lane() -> None:
        conn = Conn(host, port)
        try:
            for i in it:
                try:
                    results[i] = await conn.request(reqs[i])
                except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
                    results[i] = exc
                    conn.close()
        finally:
            conn.close()

    await asyncio.gather(*(lane() for _ in range(max(1, min(concurrency, len(reqs))))))
    return results


async def run_paced(
    host: str, port: int, reqs: Sequence[Req], rate: float, lanes: int = 32
) -> list[Resp | BaseException]:
    """Open loop: request i is sent at ``start + i / rate`` (or as soon as a lane is free)."""
    results: list[Resp | BaseException] = [TimeoutError("not sent")] * len(reqs)
    pool: asyncio.Queue[Conn] = asyncio.Queue()
    for _ in range(lanes):
        pool.put_nowait(Conn(host, port))
    start = time.monotonic()

    async def one(i: int) -> None:
        await asyncio.sleep(max(0.0, start + i / rate - time.monotonic()))
        conn = await pool.get()
        try:
            results[i] = await conn.request(reqs[i])
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
            results[i] = exc
            conn.close()
        finally:
            pool.put_nowait(conn)

    await asyncio.gather(*(one(i) for i in range(len(reqs))))
    while not pool.empty():
        pool.get_nowait().close()
    return results


def task_ids(results: Iterable[Resp | BaseException]) -> tuple[list[str], list[str]]:
    """(task ids of successful submits, descriptions of the failed ones)."""
    ids: list[str] = []
    errors: list[str] = []
    for r in results:
        if isinstance(r, Resp) and r.status in (200, 202):
            ids.append(str(r.json()["taskId"]))
        elif isinstance(r, Resp):
            errors.append(f"HTTP {r.status}: {r.body[:200]!r}")
        else:
            errors.append(f"{type(r).__name__}: {r}")
    return ids, errors


async def statuses(
    host: str, port: int, ids: Sequence[str], lanes: int = 32
) -> dict[str, dict[str, object]]:
    """taskId → its `GET /api/status` body; ``{"status": "not_found"}`` for a 404 and
    ``{"status": "error:..."}`` when the call itself failed."""
    reqs = [Req("GET", f"/api/status/{i}") for i in ids]
    out: dict[str, dict[str, object]] = {}
    for task_id, r in zip(ids, await run_all(host, port, reqs, lanes), strict=True):
        if isinstance(r, Resp) and r.status == 200:
            out[task_id] = r.json()
        elif isinstance(r, Resp) and r.status == 404:
            out[task_id] = {"status": "not_found"}
        else:
            out[task_id] = {
                "status": f"error:{r.status if isinstance(r, Resp) else type(r).__name__}"
            }
    return out


@dataclass
class Receiver:
    """Callback receiver: records ``time.time()`` at the end of each request body, answers 200."""

    arrivals: list[tuple[float, bytes]] = field(default_factory=list)
    server: asyncio.Server | None = None
    port: int = 0
    _open: dict[asyncio.StreamWriter, asyncio.Task[None]] = field(default_factory=dict)

    async def start(self, host: str) -> None:
        self.server = await asyncio.start_server(self._handle, host, 0, backlog=1024)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._open[writer] = task
        with contextlib.suppress(
            OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError
        ):
            while True:
                _, _, body = await read_message(reader)
                self.arrivals.append((time.time(), body))
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
        writer.close()
        self._open.pop(writer, None)

    async def close(self) -> None:
        """Stops listening and ends the kept-alive connections (their handlers return, rather
        than being cancelled at loop shutdown, which Python 3.11 reports as an error)."""
        if self.server is not None:
            self.server.close()
        tasks = list(self._open.values())
        for writer in list(self._open):
            writer.transport.abort()
        if tasks:
            await asyncio.wait(tasks, timeout=2)


async def poll_until(
    check: Callable[[], Awaitable[bool]], limit_s: float, every_s: float = 0.2
) -> float | None:
    """Seconds until ``check()`` is true, or None when ``limit_s`` passed first."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        if await check():
            return time.monotonic() - t0
        await asyncio.sleep(every_s)
    return None
