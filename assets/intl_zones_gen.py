"""Regenerate src/flowgate/codeblock/bridge/intl_zones.py from Node 20's ICU.

    cd /work/main && .venv/bin/python assets/intl_zones_gen.py

What ICU (in Node) does with time zone names cannot be derived from the tz
database alone: the canonical id `resolvedOptions().timeZone` reports (ICU keeps
legacy ids: Asia/Kolkata -> Asia/Calcutta, US/Eastern -> America/New_York), which
ids it refuses, and the en-US names (`timeZoneName: 'short'` is an abbreviation
only for the North American metazones, 'GMT+8' elsewhere; 'long' names come from
CLDR metazones). This script asks Node for every zone of the `tzdata` package and
writes the differences as Python literals (a .py file, so it ships as package data).
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from flowgate.codeblock.bridge.intl import _interval, load_zone  # the tzdata package's data

OUT = Path(__file__).resolve().parent.parent / "src/flowgate/codeblock/bridge/intl_zones.py"
#: Sampled years: today's names and those of DST periods zones have since dropped.
YEARS = [1971, 1980, 1988, 1995, 2000, 2005, 2010, 2015, 2018, 2024]
INSTANTS = [datetime(y, m, 15, 12, tzinfo=UTC) for y in YEARS for m in (1, 7)]
#: Also asked: the middle of the first period of every (offset, DST) a zone has between
#: 1970 and 2037, so that names of periods between the sampled years are known too
#: (Lord Howe's 30-minute-longer DST of 1981-85, Moscow's 1991 and 2011-14, Samoa 2010-11).
SPANS_UNTIL_S = 2_145_916_800


def span_instants(zone_id: str) -> list[datetime]:
    seen: set[tuple[int, bool]] = set()
    out: list[datetime] = []
    t = 0.0
    while t < SPANS_UNTIL_S:
        start, end, off, _abbr, dst = _interval(zone_id, t)
        if (off, dst) not in seen:
            seen.add((off, dst))
            mid = (max(start, 0) + min(end, SPANS_UNTIL_S)) / 2
            out.append(datetime.fromtimestamp(int(mid), tz=UTC))
        if end == float("inf"):
            break
        t = end
    return out


NODE = """
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const [z, instants] of Object.entries(input)) {
  let f;
  try { f = new Intl.DateTimeFormat('en-US', {timeZone: z}); } catch { out[z] = null; continue; }
  const at = (year) => [Date.UTC(year, 0, 15, 12), Date.UTC(year, 6, 15, 12)];
  const names = (style, list = instants) => list.map((t) =>
    new Intl.DateTimeFormat('en-US', {timeZone: z, timeZoneName: style}).formatToParts(t)
      .find((p) => p.type === 'timeZoneName').value);
  out[z] = {id: f.resolvedOptions().timeZone, short: names('short'), long: names('long'),
    early: names('long', at(1965)).some((n) => !n.startsWith('GMT'))};
}
process.stdout.write(JSON.stringify(out));
"""


def main() -> None:
    zones = sorted(resources.files("tzdata").joinpath("zones").read_text().split())
    instants = {z: INSTANTS + span_instants(z) for z in zones}
    icu = json.loads(
        subprocess.run(
            ["node", "-e", NODE],
            input=json.dumps(
                {z: [int(t.timestamp() * 1000) for t in v] for z, v in instants.items()}
            ),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    version = subprocess.run(
        [
            "node",
            "-p",
            "process.versions.node + ' icu ' + process.versions.icu + ' tz ' + process.versions.tz",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    aliases: dict[str, str] = {}
    invalid: list[str] = []
    short: dict[str, list[tuple[int, bool, str]]] = {}
    long: dict[str, list[tuple[int, bool, str]]] = {}
    early: list[str] = []
    for z in zones:
        info = icu[z]
        if info is None:
            invalid.append(z)
            continue
        if info["id"] != z:
            aliases[z] = info["id"]
        if info["early"] and info["id"] not in early:
            early.append(info["id"])
        zone = load_zone(z)
        # A span sample only adds names for an (offset, DST) none of the fixed instants
        # had: where those saw the key, their names stand (Casablanca's +1 is "Central
        # European Standard Time" in 1985 and GMT+01:00 in the sampled years).
        fixed_keys: set[tuple[int, bool]] = set()
        for n, (instant, s, lname) in enumerate(
            zip(instants[z], info["short"], info["long"], strict=True)
        ):
            local = instant.astimezone(zone)
            offset = local.utcoffset()
            assert offset is not None
            key = (int(offset.total_seconds()), bool(local.dst()))
            if n < len(INSTANTS):
                fixed_keys.add(key)
            elif key in fixed_keys:
                continue
            if "+" not in s and "-" not in s and (*key, s) not in short.setdefault(info["id"], []):
                short[info["id"]].append((*key, s))
            if not lname.startswith("GMT+") and not lname.startswith("GMT-"):
                pair = (*key, lname)
                if pair not in long.setdefault(info["id"], []):
                    long[info["id"]].append(pair)
    lines = [
        f'"""Generated by assets/intl_zones_gen.py from Node {version}; do not edit.',
        "",
        "ICU's view of tz names (see web/intl and bridge/intl.py): ALIASES maps a tz id to the",
        "id Node reports, INVALID lists ids Node refuses, SHORT the en-US abbreviations",
        "Node prints per zone and LONG the long names, per (UTC offset in seconds, DST),",
        "EARLY the zones whose names Node also prints before 1970 (others: GMT forms).",
        '"""',
        "",
        f"ALIASES: dict[str, str] = {json.dumps(aliases, indent=4, sort_keys=True)}",
        "",
        f"INVALID: frozenset[str] = frozenset({json.dumps(invalid)})",
        "",
        "SHORT: dict[str, list[tuple[int, bool, str]]] = {",
        *(
            f"    {json.dumps(k)}: [{', '.join(f'({o}, {d}, {json.dumps(n)})' for o, d, n in v)}],"
            for k, v in sorted(short.items())
            if v
        ),
        "}",
        "",
        f"EARLY: frozenset[str] = frozenset({json.dumps(sorted(early))})",
        "",
        "LONG: dict[str, list[tuple[int, bool, str]]] = {",
        *(
            f"    {json.dumps(k)}: [{', '.join(f'({o}, {d}, {json.dumps(n)})' for o, d, n in v)}],"
            for k, v in sorted(long.items())
        ),
        "}",
        "",
    ]
    OUT.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
