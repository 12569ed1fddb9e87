from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime

from flowgate.observability.ids import new_id, utc_timestamp


def test_ids_are_16_hex_and_distinct() -> None:
    ids = {new_id() for _ in range(10000)}
    assert len(ids) == 10000
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)


def test_forked_children_get_their_own_sequence() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.write(write, new_id().encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child = os.read(read, 16).decode()
    assert child != new_id()


def test_timestamp_is_iso_utc_with_milliseconds() -> None:
    stamp = utc_timestamp()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp)
    parsed = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    assert abs(parsed.timestamp() - time.time()) < 5
