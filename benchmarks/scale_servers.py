"""The scale-out benchmark's processes and its Redis: N `flowgate serve` instances (each its
own DATA_DIR, all on one REDIS_URL and namespace), Redis' CPU counters, and the clean-up of a
namespace's keys (the Redis server is shared, so a run must leave nothing behind)."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import redis

from gen_servers import BASE_ENV, FLOWGATE_BIN, fresh_dir, started
from servers import HOST, BenchError, Server, ServerSpec, tree_cpu_s

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/11"
SECRET_KEY = "flowgate-benchmark-shared-secret-0123456789"  # the same on every instance
NO_UPSTREAM = "http://127.0.0.1:9"  # API-only instances never call it
DELETE_BATCH = 1000


def new_namespace(tag: str) -> str:
    """A namespace no other run (or developer) uses: `fgbench-<tag>-<random>`."""
    return f"fgbench-{tag}-{secrets.token_hex(4)}"


def connect(url: str) -> redis.Redis:
    """A client for the run's own look-ups; fails early (BenchError) when Redis is down."""
    client = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)
    try:
        client.ping()
    except redis.RedisError as exc:
        client.close()
        raise BenchError(f"no Redis at {url}: {exc}") from exc
    return client


def redis_cpu_s(client: redis.Redis) -> float:
    """CPU seconds the Redis server has used so far (`INFO cpu`: main process, user + sys).
    The server is shared, so a delta includes other clients' work; it is ~0 when idle."""
    info = client.info("cpu")
    return float(info["used_cpu_sys"]) + float(info["used_cpu_user"])


def used_memory(client: redis.Redis) -> int:
    return int(client.info("memory")["used_memory"])


def drop_namespace(client: redis.Redis, namespace: str) -> int:
    """SCAN MATCH '<namespace>:*' + UNLINK, in batches; returns how many keys went."""
    removed = 0
    batch: list[bytes] = []
    for key in client.scan_iter(match=f"{namespace}:*", count=DELETE_BATCH):
        batch.append(key)
        if len(batch) >= DELETE_BATCH:
            removed += int(client.unlink(*batch))
            batch = []
    if batch:
        removed += int(client.unlink(*batch))
    return removed


def count_keys(client: redis.Redis, namespace: str) -> int:
    return sum(1 for _ in client.scan_iter(match=f"{namespace}:*", count=DELETE_BATCH))


def instance_spec(
    redis_url: str, namespace: str, data_dir: Path, extra: dict[str, str]
) -> ServerSpec:
    """`flowgate serve` on the shared Redis; SERVICES=generation and the generation
    benchmark's base settings (private upstream allowed, fixed WEBHOOK_SECRET, short grace)."""
    argv = (str(FLOWGATE_BIN), "serve", "--host", HOST, "--port", "{port}")
    env = {
        **BASE_ENV,
        "UPSTREAM_BASE_URL": NO_UPSTREAM,
        "REDIS_URL": redis_url,
        "FLOWGATE_NAMESPACE": namespace,
        "SECRET_KEY": SECRET_KEY,
        "DATA_DIR": str(data_dir),
        **extra,
    }
    return ServerSpec("flowgate", (*argv, "--workers", "{workers}"), env)


@dataclass
class Cluster:
    """N instances of one deployment (one namespace)."""

    namespace: str
    servers: list[Server]

    @property
    def ports(self) -> list[int]:
        return [s.port for s in self.servers]

    def procs(self) -> list[psutil.Process]:
        out = []
        for s in self.servers:
            if s.proc is None:
                raise BenchError("instance not started")
            out.append(psutil.Process(s.proc.pid))
        return out

    def cpu_s(self) -> list[float]:
        return [tree_cpu_s(p) for p in self.procs()]


@contextlib.contextmanager
def cluster(
    n: int, redis_url: str, namespace: str, extra: dict[str, str], log: Path
) -> Iterator[Cluster]:
    """``n`` instances (`--workers 1` each, a fresh DATA_DIR each), started one after the
    other; all stopped in ``finally`` (the namespace's keys are the caller's to drop)."""
    with contextlib.ExitStack() as stack:
        servers = []
        for _ in range(n):
            data_dir = stack.enter_context(fresh_dir())
            spec = instance_spec(redis_url, namespace, data_dir, extra)
            servers.append(stack.enter_context(started(spec, 1, log)))
        yield Cluster(namespace, servers)
