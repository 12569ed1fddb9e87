"""Bridge ops: time zone data for the sandbox's `Intl` (modules/web/intl.js).

QuickJS has no `Intl`; dayjs's timezone plugin and user code need
`Intl.DateTimeFormat(..., {timeZone})`. The JS side formats by itself once it
knows the UTC offset (and the zone's en-US names) at an instant; this module
answers that from the `tzdata` package (the tz database as a pinned Python
package, read through `zoneinfo`; never the host's /usr/share/zoneinfo, so every
host gives the same answers).

Each `intl.offset` answer carries the interval around the instant over which
the offset and the names stay the same, so the JS side needs one call per
interval (a DST period), not one per date. Intervals are found with `zoneinfo`'s
public API (a probe per day, then bisection to the second) and cached here per
zone, process-wide: they are facts of the tz database, not execution state.

Names as ICU (Node 20) sees them (canonical ids, refused ids, en-US names) come
from `intl_zones.py`, generated from Node by `assets/intl_zones_gen.py`.
"""

from __future__ import annotations

import bisect
import os
import threading
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

from flowgate.codeblock.bridge.intl_zones import ALIASES, EARLY, INVALID, LONG, SHORT
from flowgate.codeblock.bridge.registry import BridgeError, op

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY = 86_400
#: Instants datetime can convert (years 1..9999, a few days' margin); outside, the
#: offset at the nearest end applies (the tz database is constant there anyway).
_MIN_S = -62_135_596_800 + 3 * _DAY
_MAX_S = 253_402_300_799 - 3 * _DAY
#: How far one lookup searches for the next/previous change (a day per probe).
_SEARCH_DAYS = 62
_MAX_ZONES = 64
_MAX_INTERVALS = 512

#: (start_s, end_s, offset_s, abbr, is_dst): [start, end) in seconds since the epoch.
Interval = tuple[float, float, int, str, bool]


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-cased tz id -> the tzdata spelling (ICU matches ids case-insensitively)."""
    zones = resources.files("tzdata").joinpath("zones").read_text("utf-8").split()
    return {z.lower(): z for z in zones if z not in INVALID}


@lru_cache(maxsize=_MAX_ZONES)
def load_zone(key: str) -> ZoneInfo:
    """The tzdata package's zone `key` (never the host's zoneinfo files)."""
    package, _, file = f"tzdata.zoneinfo/{key}".rpartition("/")
    with resources.files(package.replace("/", ".")).joinpath(file).open("rb") as f:
        return ZoneInfo.from_file(f, key=key)


def _at(zone: ZoneInfo, seconds: int) -> tuple[int, str, bool]:
    local = (_EPOCH + timedelta(seconds=seconds)).astimezone(zone)
    offset, dst = local.utcoffset(), local.dst()
    return int(offset.total_seconds()) if offset else 0, local.tzname() or "", bool(dst)


def _edge(zone: ZoneInfo, start: int, value: tuple[int, str, bool], step: int) -> float:
    """The first second after (step>0) or the last second before (step<0) `start`
    where the zone still has `value`, bounded by the search window."""
    last_same = start
    for _ in range(_SEARCH_DAYS):
        probe = last_same + step * _DAY
        if not _MIN_S <= probe <= _MAX_S:
            return float("inf") if step > 0 else float("-inf")
        if _at(zone, probe) != value:
            lo, hi = (last_same, probe) if step > 0 else (probe, last_same)
            # invariant (step>0): lo same, hi different; (step<0): lo different, hi same
            while hi - lo > 1:
                mid = (lo + hi) // 2
                same = _at(zone, mid) == value
                if (same and step > 0) or (not same and step < 0):
                    lo = mid
                else:
                    hi = mid
            return hi
        last_same = probe
    return last_same


def _start(span: Interval) -> float:
    return span[0]


class _Cache:
    """Known intervals per zone, sorted by start; bounded."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.zones: OrderedDict[str, list[Interval]] = OrderedDict()

    def find(self, key: str, seconds: float) -> Interval | None:
        with self.lock:
            spans = self.zones.get(key)
            if spans is None:
                return None
            self.zones.move_to_end(key)
            i = bisect.bisect_right(spans, seconds, key=_start) - 1
            if i >= 0 and spans[i][0] <= seconds < spans[i][1]:
                return spans[i]
            return None

    def add(self, key: str, span: Interval) -> None:
        with self.lock:
            spans = self.zones.setdefault(key, [])
            self.zones.move_to_end(key)
            if len(spans) >= _MAX_INTERVALS:
                spans.clear()
            bisect.insort(spans, span, key=_start)
            while len(self.zones) > _MAX_ZONES:
                self.zones.popitem(last=False)


_CACHE = _Cache()


def _interval(key: str, seconds: float) -> Interval:
    hit = _CACHE.find(key, seconds)
    if hit is not None:
        return hit
    zone = load_zone(key)
    at = int(min(max(seconds // 1, _MIN_S), _MAX_S))
    value = _at(zone, at)
    start = _edge(zone, at, value, -1) if seconds >= _MIN_S else float("-inf")
    end = _edge(zone, at, value, 1) if seconds <= _MAX_S else float("inf")
    if at == _MIN_S:
        start = float("-inf")
    if at == _MAX_S:
        end = float("inf")
    span: Interval = (start, end, *value)
    _CACHE.add(key, span)
    return span


def canonical(key: str) -> str:
    """The id Node reports for the tzdata id `key` (`resolvedOptions().timeZone`)."""
    return ALIASES.get(key, key)


@lru_cache(maxsize=1)
def host_zone() -> str:
    """The process's time zone as Node finds it: $TZ, else /etc/localtime's target, else UTC.

    QuickJS's local time (Date#getHours...) follows the same host setting, so the
    default `timeZone` of Intl agrees with it; the service normally runs in UTC."""
    names = _names()
    tz = os.environ.get("TZ")
    if tz is not None:
        return names.get(tz.removeprefix(":").lower(), "UTC")
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return "UTC"
    parts = target.split("/")
    for i in range(len(parts)):
        candidate = "/".join(parts[i:]).lower()
        if candidate in names:
            return names[candidate]
    return "UTC"


@op("intl.zone")
def zone(name: str | None) -> list[str]:
    """`[id Node reports, tzdata key]` for a time zone name (None: the host's), or
    Node's RangeError."""
    if name is None:
        name = host_zone()
    key = _names().get(name.lower()) if isinstance(name, str) else None
    if key is None:
        raise BridgeError(f"Invalid time zone specified: {name}", type="RangeError")
    return [canonical(key), key]


@op("intl.offset")
def offset(key: str, ms: float) -> list[object]:
    """`[offset_s, short name or None, long name or None, start_ms, end_ms]` at `ms`.

    Names are the en-US `timeZoneName` 'short'/'long' Node prints, when ICU has
    one for this zone and offset (None: the JS side prints the 'GMT+8' forms).
    start/end (None for unbounded) delimit where the answer holds."""
    if not isinstance(key, str) or key.lower() not in _names() or _names()[key.lower()] != key:
        raise BridgeError(f"Invalid time zone specified: {key}", type="RangeError")
    if not isinstance(ms, int | float) or ms != ms:
        raise BridgeError("Invalid time value", type="RangeError")
    seconds = ms / 1000
    start, end, off, _abbr, dst = _interval(key, seconds)
    zone_id = canonical(key)
    short = long = None
    # ICU maps most zones to their CLDR metazone (and its names) from 1970 on only.
    if seconds >= 0 or zone_id in EARLY:
        short = next((n for o, d, n in SHORT.get(zone_id, ()) if o == off and d == dst), None)
        long = next((n for o, d, n in LONG.get(zone_id, ()) if o == off and d == dst), None)
    if zone_id not in EARLY and start < 0 < end:  # the answer changes at the epoch
        start, end = (0, end) if seconds >= 0 else (start, 0)
    return [
        off,
        short,
        long,
        None if start == float("-inf") else int(start * 1000),
        None if end == float("inf") else int(end * 1000),
    ]


@op("intl.zone_at")
def zone_at(name: str | None, ms: float) -> list[object]:
    """`intl.zone(name)` and `intl.offset(key, ms)` in one host call, plus the
    intervals just after and just before: `[id, key, [span at ms, next?, previous?]]`.

    A host call costs about as much as formatting a date in JS, and the first
    conversion into a zone is usually followed by nearby ones (dayjs's timezone
    plugin probes `t` and `t - offset`; scripts add a day across a DST change), so
    one call answers all of them for an execution."""
    ids = zone(name)
    here = offset(ids[1], ms)
    spans = [here]
    end, start = here[4], here[3]
    if isinstance(end, int):
        spans.append(offset(ids[1], end))
    if isinstance(start, int):
        spans.append(offset(ids[1], start - 1))
    return [*ids, spans]
