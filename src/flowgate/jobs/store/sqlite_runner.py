"""One thread per SQLite connection, and group commit for the writer.

sqlite3 calls block, so they run off the event loop. Writes queue up while the previous
transaction commits; the writer takes *everything* queued and runs it in one transaction
(one WAL sync for the batch). The batch window is therefore adaptive: zero when idle (a
lone submit commits at once), as wide as one commit under load. A fixed batching delay would
make sequential submits slow (job-layer measurements). Each operation runs inside a
SAVEPOINT, so one failing operation does not undo its batch neighbours.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
Op = Callable[[sqlite3.Connection], Any]
_STOP = object()
_MAX_BATCH = 512


def connect(path: Path, *, synchronous: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("PRAGMA cache_size=-2000")  # 2 MB per connection: rows are small, reads by key
    return conn


class SqliteThread:
    """Runs callables against its own connection, in order, on a dedicated thread."""

    def __init__(self, conn: sqlite3.Connection, *, name: str, writer: bool) -> None:
        self._conn = conn
        self._writer = writer
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)
        self._loop: asyncio.AbstractEventLoop | None = None
        self.batches = 0
        self.operations = 0

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._thread.start()

    async def run(self, op: Callable[[sqlite3.Connection], T]) -> T:
        assert self._loop is not None, "SqliteThread.start() was not called"
        future: asyncio.Future[T] = self._loop.create_future()
        self._queue.put((op, future))
        return await future

    def stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout=30)
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def _main(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            while len(batch) < _MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    self._queue.put(_STOP)
                    break
                batch.append(item)
            results = self._run_batch(batch) if self._writer else self._run_reads(batch)
            self.batches += 1
            self.operations += len(batch)
            assert self._loop is not None
            with contextlib.suppress(RuntimeError):  # loop closed during shutdown
                self._loop.call_soon_threadsafe(_deliver, batch, results)

    def _run_reads(self, batch: list[Any]) -> list[tuple[bool, Any]]:
        out: list[tuple[bool, Any]] = []
        for op, _ in batch:
            try:
                out.append((True, op(self._conn)))
            except Exception as exc:  # handed to the awaiting coroutine
                out.append((False, exc))
        return out

    def _run_batch(self, batch: list[Any]) -> list[tuple[bool, Any]]:
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            return [(False, exc)] * len(batch)
        out: list[tuple[bool, Any]] = []
        for op, _ in batch:
            conn.execute("SAVEPOINT op")
            try:
                value = op(conn)
            except Exception as exc:
                conn.execute("ROLLBACK TO op")
                out.append((False, exc))
            else:
                out.append((True, value))
            conn.execute("RELEASE op")
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            return [(False, exc)] * len(batch)
        return out


def _deliver(batch: list[Any], results: list[tuple[bool, Any]]) -> None:
    for (_, future), (ok, value) in zip(batch, results, strict=True):
        if future.done():  # the caller was cancelled; the write itself stands
            continue
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)
