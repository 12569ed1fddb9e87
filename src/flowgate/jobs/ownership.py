"""Lease owner ids that say which process holds a lease, so a restarted server on the same
machine can take back a killed predecessor's jobs at once instead of waiting out the lease."""

from __future__ import annotations

import os
import socket

import psutil

from flowgate.observability.ids import new_id


def process_owner() -> str:
    """`host:pid:start-time:random` (start time guards against pid reuse)."""
    pid = os.getpid()
    started = int(psutil.Process(pid).create_time() * 1000)
    return f"{socket.gethostname()}:{pid}:{started}:{new_id()[:8]}"


def dead_local_owners(owners: set[str]) -> frozenset[str]:
    """Owners on this host whose process is gone (or whose pid now names another process)."""
    host = socket.gethostname()
    dead: set[str] = set()
    for owner in owners:
        parts = owner.split("/", 1)[0].split(":")
        if len(parts) != 4 or parts[0] != host or not parts[1].isdigit():
            continue
        pid, started = int(parts[1]), parts[2]
        try:
            alive = str(int(psutil.Process(pid).create_time() * 1000)) == started
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            alive = False
        if not alive:
            dead.add(owner)
    return frozenset(dead)
