"""The sandbox's `Intl` (modules/web/intl.js, web/intl_format.js + bridge/intl.py) against Node 20:
Intl.DateTimeFormat for en-US (options, styles, hour cycles, time zone names,
formatToParts, resolvedOptions), time zone ids and errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowgate.codeblock.bridge.intl import host_zone, load_zone, offset, zone, zone_at
from flowgate.codeblock.bridge.registry import BridgeError
from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

OPTIONS = [
    {}, {"timeZone": "Asia/Shanghai"}, {"hour": "numeric"}, {"hour": "2-digit"},
    {"hour": "numeric", "hour12": False}, {"hour": "numeric", "minute": "numeric"},
    {"hour": "2-digit", "minute": "2-digit", "second": "2-digit"}, {"minute": "numeric"},
    {"second": "numeric"}, {"minute": "2-digit", "second": "2-digit"},
    {"year": "numeric", "month": "long", "day": "numeric"}, {"year": "numeric", "month": "short"},
    {"month": "long", "day": "numeric"}, {"month": "narrow"}, {"weekday": "long"},
    {"weekday": "short", "year": "numeric", "month": "numeric", "day": "numeric"},
    {"weekday": "long", "year": "numeric", "month": "long", "day": "numeric"},
    {"year": "2-digit", "month": "2-digit", "day": "2-digit"}, {"year": "numeric"},
    {"month": "2-digit"}, {"day": "2-digit"}, {"year": "numeric", "month": "2-digit"},
    {"month": "numeric", "day": "numeric"}, {"dateStyle": "full"}, {"dateStyle": "long"},
    {"dateStyle": "medium"}, {"dateStyle": "short"}, {"timeStyle": "short"},
    {"dateStyle": "long", "timeStyle": "long", "timeZone": "America/New_York"},
    {"dateStyle": "medium", "timeStyle": "medium"}, {"dateStyle": "short", "timeStyle": "short"},
    {"timeStyle": "full", "timeZone": "Asia/Tokyo"}, {"dateStyle": "full", "timeStyle": "short", "hour12": False},
    {"hour": "numeric", "minute": "2-digit", "second": "2-digit", "fractionalSecondDigits": 3},
    {"second": "numeric", "fractionalSecondDigits": 2}, {"timeZoneName": "short"},
    {"timeZoneName": "long", "timeZone": "Europe/Berlin"},
    {"timeZoneName": "longOffset", "timeZone": "Asia/Kolkata"},
    {"timeZoneName": "shortOffset", "timeZone": "America/St_Johns", "hour": "numeric"},
    {"hourCycle": "h23", "hour": "numeric", "minute": "numeric"},
    {"hourCycle": "h24", "hour": "numeric", "minute": "numeric"},
    {"hourCycle": "h11", "hour": "numeric", "minute": "numeric"},
    {"hour12": True, "hourCycle": "h23", "hour": "numeric"}, {"era": "short"},
    {"year": "numeric", "month": "short", "day": "numeric", "hour": "numeric", "minute": "numeric"},
    {"month": "long", "year": "numeric", "day": "numeric", "hour": "numeric"},
    {"hour12": False, "timeZone": "Asia/Shanghai", "year": "numeric", "month": "2-digit",
     "day": "2-digit", "hour": "2-digit", "minute": "2-digit", "second": "2-digit",
     "timeZoneName": "short"},
]  # fmt: skip


def test_date_time_format_options(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        """
        const dates = [Date.UTC(2024, 0, 15, 16, 5, 3, 45), Date.UTC(2024, 0, 15, 0, 5, 3),
          Date.UTC(2024, 6, 4, 12, 0, 0, 7), new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)),
          Date.UTC(1880, 0, 1), Date.UTC(-5, 2, 1)];
        return input.options.map((o) => {
          const f = new Intl.DateTimeFormat('en-US', o);
          return [f.resolvedOptions(), dates.map((d) => [f.format(d), f.formatToParts(d)])];
        });
        """,
        {"options": OPTIONS},
    )


def test_errors(run_js: RunJs, node: NodeOracle) -> None:
    cases = [
        "new Intl.DateTimeFormat('en-US', {month: 'xx'})",
        "new Intl.DateTimeFormat('en-US', {dateStyle: 'long', year: 'numeric'})",
        "new Intl.DateTimeFormat('en-US', {timeStyle: 'long', hour: 'numeric'})",
        "new Intl.DateTimeFormat('en-US').format(NaN)",
        "new Intl.DateTimeFormat('en-US').format(8.64e15 + 1)",
        "new Intl.DateTimeFormat('en_US')",
        "new Intl.DateTimeFormat('en-US', {fractionalSecondDigits: 5})",
        "new Intl.DateTimeFormat('en-US', {timeZone: 'Nope/X'})",
        "new Intl.DateTimeFormat('en-US', {timeZone: 'Factory'})",
        "new Intl.DateTimeFormat('en-US', {timeZone: ''})",
        "new Intl.DateTimeFormat('en-US', {timeZone: '+08:00'})",
        "new Intl.DateTimeFormat('en-US', null)",
        "Intl.DateTimeFormat().resolvedOptions()",
        "[Intl.DateTimeFormat().resolvedOptions().timeZone, new Intl.DateTimeFormat('en', {timeZone: 'null'})]",
        "new Intl.DateTimeFormat('xx').resolvedOptions().locale",
        "new Intl.DateTimeFormat('EN-us').resolvedOptions().locale",
        "new Intl.DateTimeFormat('en').resolvedOptions().locale",
        "Object.prototype.toString.call(new Intl.DateTimeFormat())",
        "String(Intl)",
        "[1e12, 2e12].map(new Intl.DateTimeFormat('en-US', {timeZone: 'Asia/Tokyo'}).format)",
        "Intl.DateTimeFormat.supportedLocalesOf(['en-US', 'de'])",
        "Intl.getCanonicalLocales(['EN-us', 'zh-hans-cn'])",
        "new Intl.DateTimeFormat('en-US', {hour12: 'yes', hour: 'numeric'}).resolvedOptions()",
    ]
    # (caught in the script: the envelope of an uncaught error carries no `name` here)
    for expr in cases:
        assert_same(
            run_js, node, f"try {{ return {expr}; }} catch (e) {{ return [e.name, e.message]; }}"
        )


def test_time_zone_ids_as_node_resolves_them(run_js: RunJs, node: NodeOracle) -> None:
    zones = resources.files("tzdata").joinpath("zones").read_text().split()
    names = [*zones, "utc", "ASIA/SHANGHAI", "us/pacific", "Etc/GMT-14", "EST5EDT", "GMT0"]
    assert_same(
        run_js,
        node,
        """
        return input.names.map((z) => {
          try { return new Intl.DateTimeFormat('en-US', {timeZone: z}).resolvedOptions().timeZone; }
          catch (e) { return e.name + ': ' + e.message; }
        });
        """,
        {"names": names},
    )


def test_host_zone_as_node_finds_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for tz, expected in [
        (":Asia/Tokyo", "Asia/Tokyo"),
        ("europe/paris", "Europe/Paris"),
        ("Nope", "UTC"),
    ]:
        host_zone.cache_clear()
        monkeypatch.setenv("TZ", tz)
        assert host_zone() == expected
    monkeypatch.delenv("TZ")
    host_zone.cache_clear()
    assert zone(None)[0] == "UTC"  # this machine: /etc/localtime -> Etc/UTC (or no file)
    host_zone.cache_clear()


def test_bridge_ops_directly() -> None:
    assert zone("asia/kolkata") == ["Asia/Calcutta", "Asia/Kolkata"]
    with pytest.raises(BridgeError, match="Invalid time zone specified: Mars/X"):
        zone("Mars/X")
    off, short, long, start, end = offset(
        "America/New_York", 1_710_054_000_000
    )  # 2024-03-10T07:00Z
    assert (off, short, long) == (-4 * 3600, "EDT", "Eastern Daylight Time")
    assert (
        start == 1_710_054_000_000 and isinstance(end, int) and end > start
    )  # a window: the next change is searched for
    assert offset("America/New_York", 1_730_613_600_000)[:2] == [-5 * 3600, "EST"]
    assert offset("UTC", -8.64e15)[0] == 0 and offset("Asia/Tokyo", 8.64e15)[0] == 9 * 3600
    with pytest.raises(BridgeError):
        offset("Asia/Tokyo", float("nan"))


def test_zone_at_op() -> None:
    # one call: the ids, the interval at the instant, then the ones after and before
    at = 1_710_054_000_000 - 1  # the last EST millisecond of 2023/24's winter
    zid, key, spans = zone_at("america/new_york", at)
    assert [zid, key] == zone("America/New_York")
    assert isinstance(key, str) and isinstance(spans, list)
    assert spans[0] == offset(key, at) and spans[1] == offset(key, at + 1)
    assert spans[2] == offset(key, spans[0][3] - 1)
    utc = zone_at("UTC", 0)[2]
    assert isinstance(utc, list) and {span[0] for span in utc} == {0}
    with pytest.raises(BridgeError, match="Invalid time zone specified: Mars/X"):
        zone_at("Mars/X", 0)


@settings(max_examples=300, deadline=None)
@given(
    ms=st.integers(min_value=-5_000_000_000_000, max_value=5_000_000_000_000),
    key=st.sampled_from(["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Tehran",
                         "Africa/Casablanca", "America/St_Johns", "Pacific/Apia", "Asia/Shanghai"]),
)  # fmt: skip
def test_offset_intervals_agree_with_zoneinfo(ms: int, key: str) -> None:
    """Every answer (cached or not) and both ends of its interval agree with zoneinfo."""
    zone_info = load_zone(key)

    def direct(t: int) -> int:
        delta = (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=t)).astimezone(zone_info)
        off = delta.utcoffset()
        assert off is not None
        return int(off.total_seconds())

    off, _short, _long, start, end = offset(key, ms)
    assert off == direct(ms)
    if isinstance(start, int):
        assert start <= ms and direct(start) == off
    if isinstance(end, int):
        assert ms < end and direct(end - 1) == off
