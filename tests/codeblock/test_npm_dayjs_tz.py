"""dayjs's utc + timezone plugins against Node 20: conversions across zones, DST
gaps and overlaps, round trips, offset names (the plugin runs on web/intl's
Intl.DateTimeFormat, backed by bridge/intl.py)."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.codeblock.test_npm_dayjs import FRESH
from tests.node_oracle import NodeOracle

SETUP = (
    FRESH
    + """
const dayjs = require('dayjs');
dayjs.extend(require('dayjs/plugin/utc'));
dayjs.extend(require('dayjs/plugin/timezone'));
"""
)

ZONES = [
    "Asia/Shanghai", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Tokyo",
    "Australia/Sydney", "America/Los_Angeles", "Asia/Kolkata", "America/St_Johns",
    "Asia/Kathmandu", "Pacific/Chatham", "America/Sao_Paulo", "UTC",
    "Pacific/Apia", "Australia/Lord_Howe", "Europe/Moscow", "America/Havana", "Etc/GMT+12",
]  # fmt: skip


def test_brief_examples(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        SETUP
        + """
        return [dayjs.tz('2024-01-01 12:00', 'Asia/Shanghai').format('YYYY-MM-DD HH:mm Z'),
          dayjs('2024-01-01T12:00:00Z').tz('America/New_York').format('YYYY-MM-DD HH:mm Z'),
          dayjs.tz.guess(), dayjs.tz('2024-05-05 05:05', 'YYYY-MM-DD HH:mm', 'Asia/Tokyo').format(),
          dayjs.tz(1700000000000, 'Europe/Paris').format(), dayjs.tz(new Date(0), 'Asia/Dubai').format(),
          dayjs('2024-07-01T00:00:00Z').tz('Asia/Kolkata').format('YYYY-MM-DD HH:mm:ss Z'),
          dayjs.tz('2024-06-15 08:00', 'Australia/Sydney').startOf('day').format(),
          dayjs.tz('2024-06-15 08:00', 'Australia/Sydney').endOf('month').toISOString(),
          dayjs.tz('2024-06-15 08:00', 'Asia/Shanghai').tz('Europe/London').format(),
          dayjs.tz('2024-06-15 08:00', 'Asia/Shanghai').tz('Europe/London', true).format(),
          dayjs.tz('garbage', 'Asia/Shanghai').isValid(), dayjs(NaN).tz('Asia/Shanghai').isValid()];
        """,
    )


def test_dst_edges(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        SETUP
        + """
        const local = ['2024-03-10 01:59', '2024-03-10 02:00', '2024-03-10 02:30', '2024-03-10 03:00',
          '2024-11-03 00:59', '2024-11-03 01:00', '2024-11-03 01:30', '2024-11-03 02:00'];
        const out = local.map((s) => dayjs.tz(s, 'America/New_York').format());
        for (const [s, z] of [['2024-03-31 02:30', 'Europe/Berlin'], ['2024-10-27 02:30', 'Europe/Berlin'],
          ['2024-04-07 02:30', 'Australia/Sydney'], ['2024-10-06 02:30', 'Australia/Sydney'],
          ['2024-03-31 01:30', 'Europe/London'], ['2024-04-07 01:45', 'Australia/Lord_Howe'],
          ['2024-11-03 00:30', 'America/St_Johns']]) out.push(dayjs.tz(s, z).toISOString());
        // instants around the transitions, minute by minute
        for (const t of [Date.UTC(2024, 2, 10, 6, 58), Date.UTC(2024, 10, 3, 5, 58)]) {
          for (let i = 0; i < 4; i++) {
            const d = dayjs(t + i * 60000).tz('America/New_York');
            out.push(d.format('YYYY-MM-DD HH:mm:ss Z'), d.offsetName(), d.offsetName('long'));
          }
        }
        out.push(dayjs.tz('2024-03-09 12:00', 'America/New_York').add(1, 'day').format(),
          dayjs.tz('2024-03-10 12:00', 'America/New_York').diff(dayjs.tz('2024-03-09 12:00', 'America/New_York'), 'hour'));
        return out;
        """,
    )


def test_zones_round_trip(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        SETUP
        + """
        const instants = [0, 946684800000, 1700000000000, 1719792000000, 1735689599999, 100000000000,
          2208988800000, 1300000000000];
        const out = [];
        for (const z of input.zones) {
          for (const t of instants) {
            const d = dayjs(t).tz(z);
            const back = dayjs.tz(d.format('YYYY-MM-DD HH:mm:ss.SSS'), z);
            out.push([z, d.format('YYYY-MM-DD HH:mm:ss.SSS Z'), d.utcOffset(), back.valueOf(), d.offsetName()]);
          }
        }
        return out;
        """,
        {"zones": ZONES},
    )


HAVANA_RULES_DIFFER_MS = 1_767_225_600_000  # 2026-01-01


@settings(max_examples=80, deadline=None)
@given(
    t=st.integers(min_value=0, max_value=2_200_000_000_000),  # from 1970: see the docs on names
    zone=st.sampled_from(ZONES),
)
def test_random_instants(run_js: RunJs, node: NodeOracle, t: int, zone: str) -> None:
    # Cuba's rules from 2026 on differ between the host's tzdata (2026f) and Node's ICU
    # (docs/libraries/dayjs.md, known differences): not a difference of this code.
    assume(zone != "America/Havana" or t < HAVANA_RULES_DIFFER_MS)
    assert_same(
        run_js,
        node,
        SETUP
        + """
        const d = dayjs(input.t).tz(input.zone);
        return [d.format('YYYY-MM-DD HH:mm:ss.SSS Z'), d.offsetName(), d.offsetName('long'),
          dayjs.tz(d.format('YYYY-MM-DD HH:mm'), input.zone).format()];
        """,
        {"t": t, "zone": zone},
    )


def test_default_zone_and_errors(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        SETUP
        + """
        dayjs.tz.setDefault('Asia/Tokyo');
        const out = [dayjs.tz('2024-01-01 00:00').format(), dayjs('2024-01-01T00:00:00Z').tz().format()];
        dayjs.tz.setDefault();
        for (const z of ['Mars/Olympus', '', 'asia/shanghai', 'US/Eastern', 'Asia/Calcutta']) {
          try { out.push(dayjs('2024-01-01T00:00:00Z').tz(z).format()); } catch (e) { out.push(e.name + ': ' + e.message); }
        }
        return out;
        """,
    )
    assert_same(
        run_js,
        node,
        SETUP
        + "try { dayjs.tz('2024-01-01 12:00', 'Nope/Zone'); } catch (e) { return [e.name, e.message]; }",
    )


def test_with_other_plugins_and_locale(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        SETUP
        + """
dayjs.extend(require('dayjs/plugin/customParseFormat'));
dayjs.extend(require('dayjs/plugin/advancedFormat'));
dayjs.extend(require('dayjs/plugin/customParseFormat'));
dayjs.extend(require('dayjs/plugin/advancedFormat'));
require('dayjs/locale/zh-cn');
const d = dayjs('2024-07-01T12:34:56.789Z');
return [d.locale('zh-cn').tz('Asia/Shanghai').format('YYYY年MM月DD日 dddd A h:mm z zzz'),
  dayjs.tz('2024-01-01T00:00:00Z', 'Asia/Tokyo').format(), dayjs.tz('15/08/2024 09:30', 'DD/MM/YYYY HH:mm', 'Europe/Paris').toISOString(),
  d.utc().tz('Asia/Kolkata').format(), d.tz('Asia/Shanghai').unix(), d.tz('Asia/Shanghai').toDate().toISOString(),
  d.tz('America/New_York').utcOffset(), d.offsetName(), d.tz('Asia/Shanghai').startOf('week').format(), d.tz('Europe/Berlin').endOf('day').toISOString(),
  d.tz('Asia/Shanghai').add(1, 'month').format(), d.tz('Asia/Shanghai').diff(d.tz('America/New_York'), 'hour'),
  d.tz('Asia/Shanghai').isSame(d), d.tz('Asia/Shanghai').locale('zh-cn').format('LLLL'),
  typeof Intl, Object.keys(globalThis).includes('Intl'), Intl.DateTimeFormat.name, Intl.DateTimeFormat.length,
  new Intl.DateTimeFormat().format(d.toDate()), Intl.DateTimeFormat('en-US', {timeZone:'Asia/Shanghai'}).format(d.toDate()),
  dayjs.tz('2024-10-27 02:30', 'Europe/London').format(), dayjs.tz('2024-03-31 01:30', 'Europe/London').format(),
  dayjs('2024-11-03T05:30:00Z').tz('America/Chicago').format('YYYY-MM-DD HH:mm z'), dayjs.tz('2024-12-31 23:59:59', 'Pacific/Kiritimati').toISOString()];
""",
    )
