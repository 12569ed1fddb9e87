"""Real Redis for the tests: the machine's server when there is one, else a throwaway one.

Tests never share keys: each uses its own namespace (key prefix) in database
`TEST_DB` and deletes its keys afterwards. Tests that restart Redis start their own
`redis-server` (with AOF, as production runs it) instead of touching the shared one. Without
a server and without the `redis-server` program the run fails, naming it: never a silent skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import redis

from tests.servers import free_port

TEST_DB = 9
SHARED_URL = os.environ.get("FLOWGATE_TEST_REDIS_URL", f"redis://127.0.0.1:6379/{TEST_DB}")


def _reachable(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def redis_server_program() -> str:
    program = shutil.which("redis-server")
    if program is None:
        raise RuntimeError(
            "these tests need a Redis server: none answers at 127.0.0.1:6379 and the "
            "`redis-server` program is not installed (apt-get install redis-server)"
        )
    return program


@dataclass
class RedisProcess:
    """A `redis-server` of our own on a free port, restartable on the same data."""

    port: int
    dir: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                redis_server_program(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.dir),
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--save",
                "",
                "--maxmemory-policy",
                "noeviction",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not _reachable(self.url):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self) -> None:
        """A clean shutdown (SIGTERM): Redis flushes its AOF first, as on a planned restart."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@contextlib.contextmanager
def own_redis(data_dir: Path) -> Iterator[RedisProcess]:
    server = RedisProcess(port=free_port(), dir=data_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def shared_redis_url(tmp_dir: Path) -> Iterator[str]:
    """The machine's Redis (database TEST_DB), or a throwaway server when there is none."""
    if _reachable(SHARED_URL):
        yield SHARED_URL
        return
    with own_redis(tmp_dir) as server:
        yield server.url


def new_namespace() -> str:
    return f"fgtest-{uuid.uuid4().hex[:12]}"


def drop_namespace(url: str, namespace: str) -> None:
    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=f"{namespace}:*", count=1000))
        for i in range(0, len(keys), 500):
            client.delete(*keys[i : i + 500])
    finally:
        client.close()
