"""Per-worker snapshots on disk, so any worker can answer for all of them.

`flowgate serve --workers N` runs N processes behind one port; a `/stats` call
reaches one of them at random. Each worker writes its counters to
`DATA_DIR/run/<name>-<pid>.json` about once a second (atomic rename), and the
answering worker sums the files of workers that are still alive.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SnapshotBoard:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.pid = os.getpid()

    def publish(self, name: str, data: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        final = self.directory / f"{name}-{self.pid}.json"
        tmp = final.with_suffix(".tmp")
        tmp.write_bytes(orjson.dumps(data))
        tmp.replace(final)

    def collect(self, name: str, own: dict[str, Any]) -> list[dict[str, Any]]:
        """Every live worker's latest snapshot, with this worker's current one in place of its file."""
        found = [own]
        if not self.directory.is_dir():
            return found
        for path in self.directory.glob(f"{name}-*.json"):
            try:
                pid = int(path.stem.rsplit("-", 1)[1])
            except ValueError:
                continue
            if pid == self.pid:
                continue
            if not _alive(pid):
                path.unlink(missing_ok=True)
                continue
            try:
                found.append(orjson.loads(path.read_bytes()))
            except (OSError, orjson.JSONDecodeError):
                continue
        return found

    def withdraw(self, name: str) -> None:
        (self.directory / f"{name}-{self.pid}.json").unlink(missing_ok=True)
