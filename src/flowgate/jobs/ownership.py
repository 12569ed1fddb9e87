"""Lease owner ids that say which process holds a lease, so a restarted server on the same
machine can take back a killed predecessor's jobs at once instead of waiting out the lease."""

from __future__ import annotations

import functools
import os
import socket

import psutil

from flowgate.observability.ids import new_id


@functools.cache
def pid_space() -> str:
    """Where a pid means the same process: host name, boot, and PID namespace.

    The host name alone is not enough: containers with host networking share it while each
    has its own pids, and a pid missing from *our* namespace says nothing about theirs
    (measured: two live instances kept taking each other's tasks as "dead")."""
    parts = [socket.gethostname().replace(":", "_")]
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as fh:
            parts.append(fh.read().strip()[:8])
        parts.append(str(os.stat("/proc/self/ns/pid").st_ino))
    except OSError:  # not Linux: host name only, as before
        pass
    return "~".join(parts)


def process_owner() -> str:
    """`pid-space:pid:start-time:random` (start time guards against pid reuse)."""
    pid = os.getpid()
    started = int(psutil.Process(pid).create_time() * 1000)
    return f"{pid_space()}:{pid}:{started}:{new_id()[:8]}"


def dead_local_owners(owners: set[str]) -> frozenset[str]:
    """Owners in this pid space whose process is gone (or whose pid now names another)."""
    space = pid_space()
    dead: set[str] = set()
    for owner in owners:
        parts = owner.split("/", 1)[0].split(":")
        if len(parts) != 4 or parts[0] != space or not parts[1].isdigit():
            continue
        pid, started = int(parts[1]), parts[2]
        try:
            alive = str(int(psutil.Process(pid).create_time() * 1000)) == started
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            alive = False
        if not alive:
            dead.add(owner)
    return frozenset(dead)
