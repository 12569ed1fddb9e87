"""dayjs's timezone plugin on web/intl's fast paths (`tzOffset`, `tzLocaleString`,
patched in by assets/modules/dayjs.mjs) against Node 20: the instants where the
plugin's own format-and-parse-back arithmetic is subtle (before 1970 with
milliseconds, local mean time offsets with seconds, the ends of 4-digit years,
fractional instants from fixOffset) and the zone argument's odd forms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.codeblock.test_npm_dayjs_tz import SETUP
from tests.node_oracle import NodeOracle

#: Zones whose history has LMT offsets with seconds, DST gaps, or a changed base offset.
HISTORIC = ["America/New_York", "Asia/Kolkata", "Europe/Amsterdam", "Africa/Monrovia",
            "Asia/Shanghai", "Europe/Dublin", "America/Sao_Paulo", "Pacific/Apia"]  # fmt: skip

CONVERT = """
const out = [];
for (const z of input.zones) {
  for (const t of input.instants) {
    const d = dayjs(t).tz(z);
    out.push(d.format('YYYY-MM-DD HH:mm:ss.SSS Z'), d.utcOffset());
  }
}
return out;
"""


def test_historic_instants(run_js: RunJs, node: NodeOracle) -> None:
    # The ends are 1000-01-02 and 9999-12-30 (UTC): a wall time in a year outside
    # 1000-9999 takes the plugin's own path, where QuickJS's Date parser and V8's
    # read dayjs's "999-12-31 ..." differently (as before the fast path).
    instants = [-2_208_988_800_001, -2_208_988_799_999, -1_577_923_200_500, -1_000_000_000_123,
                -631_152_000_001, -1, 0, 999, -30_610_137_600_000, -30_610_137_600_001,
                253_402_128_000_000, 253_402_127_999_999]  # fmt: skip
    assert_same(run_js, node, SETUP + CONVERT, {"zones": HISTORIC, "instants": instants})


def test_parse_in_zone_historic(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        SETUP
        + """
        const out = [];
        for (const z of input.zones) {
          for (const s of ['1900-01-01 00:00:00.250', '1883-11-18 12:03:58', '1916-05-01 02:30',
              '1000-01-02 00:00', '1937-07-01 00:00', '2024-03-10 02:30:00.999']) {
            const d = dayjs.tz(s, z);
            out.push(d.format('YYYY-MM-DD HH:mm:ss.SSS Z'), d.valueOf());
          }
        }
        return out;
        """,
        {"zones": HISTORIC},
    )


def test_zone_argument_forms(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        SETUP
        + """
        const d = dayjs('2024-07-01T12:34:56.789Z');
        const zone = { toString() { return 'Asia/Tokyo'; } };
        const out = [d.tz(zone).format(), d.tz(undefined).format(), d.tz('asia/TOKYO').format(),
          d.tz('Asia/Tokyo').format(), d.tz('Etc/GMT-14').format(), d.tz('UTC').format()];
        for (const z of [null, 42, 'Not/AZone']) {
          try { out.push(d.tz(z).format()); } catch (e) { out.push(e.name + ': ' + e.message); }
        }
        return out;
        """,
    )


@settings(max_examples=40, deadline=None)
@given(
    t=st.integers(min_value=-5_000_000_000_000, max_value=0),
    zone=st.sampled_from(HISTORIC),
)
def test_random_instants_before_1970(run_js: RunJs, node: NodeOracle, t: int, zone: str) -> None:
    assert_same(run_js, node, SETUP + CONVERT, {"zones": [zone], "instants": [t]})
