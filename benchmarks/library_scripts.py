"""The npm libraries benchmark's scripts (``builtins_run.py --suite libraries``).

One script per library row of issue 7, next to the plain baseline: lodash chunk/groupBy,
dayjs format + time zones, crypto-js MD5/SHA-256/HMAC, uuid v4, fast-xml-parser, and an xlsx
read of a 1,000-row sheet. Each is written as a user would paste it from Node code and runs
unchanged on both servers. Expected results are computed here in Python (``hashlib``,
``zoneinfo``, ``xml.etree``, ``openpyxl``), independently of both servers, so a fast but
wrong answer counts as failed; inputs are fixed, so results are deterministic (the uuid row
returns properties of its random ids, not the ids).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from builtins_scripts import TEXT, BuiltinScript, builtin_scripts, rsa_pem_pair

TEAMS = ("core", "growth", "infra", "ops")
ROWS = [{"id": i, "team": TEAMS[(i * 7) % 4], "score": (i * 37) % 101} for i in range(40)]
AT = "2026-03-08T06:30:00Z"  # New York's DST starts that day at 07:00 UTC
SECRET = "whsec_benchmark_secret_0123456789"
SHEET_ROWS = 1000

LODASH_CODE = """\
const _ = require('lodash');
const ids = input.rows.map((r) => r.id);
const teams = _.groupBy(input.rows, 'team');
return { chunks: _.chunk(ids, 6).map((c) => c.length),
  teams: Object.keys(teams).sort().map((k) => [k, teams[k].length]) };"""

DAYJS_CODE = """\
const dayjs = require('dayjs');
dayjs.extend(require('dayjs/plugin/utc'));
dayjs.extend(require('dayjs/plugin/timezone'));
const t = dayjs.utc(input.at);
return { utc: t.format('YYYY-MM-DD HH:mm:ss'),
  shanghai: t.tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm Z'),
  newYork: t.tz('America/New_York').format('ddd, MMM D YYYY h:mm A Z'),
  nextDay: t.add(1, 'day').tz('America/New_York').format('YYYY-MM-DDTHH:mm:ssZ') };"""

DAYJS_BASIC_CODE = """\
const dayjs = require('dayjs');
const d = dayjs(input.day);
return { date: d.format('YYYY-MM-DD'), weekday: d.format('dddd'),
  monthEnd: d.endOf('month').format('YYYY-MM-DD'), plus45: d.add(45, 'day').format('MMM D, YYYY'),
  days: dayjs(input.until).diff(d, 'day') };"""
DAY, UNTIL = "2026-01-15", "2026-02-20"  # no DST change between them in any zone: TZ-independent

CRYPTOJS_CODE = """\
const CryptoJS = require('crypto-js');
return { md5: CryptoJS.MD5(input.text).toString(),
  sha256: CryptoJS.SHA256(input.text).toString(),
  hmac: CryptoJS.HmacSHA256(input.text, input.secret).toString(CryptoJS.enc.Base64) };"""

UUID_CODE = """\
const { v4: uuidv4, validate, version } = require('uuid');
const ids = Array.from({ length: 10 }, () => uuidv4());
return { unique: new Set(ids).size, valid: ids.every(validate),
  versions: [...new Set(ids.map(version))] };"""

XML_CODE = """\
const { XMLParser } = require('fast-xml-parser');
const doc = new XMLParser({ ignoreAttributes: false }).parse(input.xml);
const items = doc.order.item;
return { id: doc.order['@_id'], items: items.length,
  totalCents: items.reduce((s, i) => s + i.qty * i.priceCents, 0),
  skus: items.slice(0, 3).map((i) => i['@_sku']) };"""

XLSX_CODE = """\
const XLSX = require('xlsx');
const wb = XLSX.read(input.file, { type: 'base64' });
const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]]);
return { sheet: wb.SheetNames[0], rows: rows.length,
  total: rows.reduce((s, r) => s + r.amount, 0), last: rows[rows.length - 1].name };"""


def lodash_expected() -> dict[str, Any]:
    ids = [r["id"] for r in ROWS]
    chunks = [len(ids[i : i + 6]) for i in range(0, len(ids), 6)]
    teams = Counter(str(r["team"]) for r in ROWS)
    return {"chunks": chunks, "teams": [[k, teams[k]] for k in sorted(teams)]}


def _offset(t: datetime) -> str:
    text = t.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


def dayjs_expected() -> dict[str, Any]:
    t = datetime.fromisoformat(AT)
    sh, ny = t.astimezone(ZoneInfo("Asia/Shanghai")), t.astimezone(ZoneInfo("America/New_York"))
    hour12 = ny.hour % 12 or 12
    next_ny = datetime.fromisoformat("2026-03-09T06:30:00+00:00").astimezone(ny.tzinfo)
    return {
        "utc": t.strftime("%Y-%m-%d %H:%M:%S"),
        "shanghai": sh.strftime("%Y-%m-%d %H:%M ") + _offset(sh),
        "newYork": f"{ny:%a, %b} {ny.day} {ny.year} {hour12}:{ny:%M} "
        f"{'AM' if ny.hour < 12 else 'PM'} {_offset(ny)}",
        "nextDay": next_ny.strftime("%Y-%m-%dT%H:%M:%S") + _offset(next_ny),
    }


def dayjs_basic_expected() -> dict[str, Any]:
    d, until = date.fromisoformat(DAY), date.fromisoformat(UNTIL)
    month_end = date(d.year + d.month // 12, d.month % 12 + 1, 1) - timedelta(days=1)
    plus = d + timedelta(days=45)
    return {
        "date": d.isoformat(),
        "weekday": d.strftime("%A"),
        "monthEnd": month_end.isoformat(),
        "plus45": f"{plus:%b} {plus.day}, {plus.year}",
        "days": (until - d).days,
    }


def cryptojs_expected() -> dict[str, str]:
    data = TEXT.encode()
    mac = hmac.new(SECRET.encode(), data, hashlib.sha256).digest()
    return {
        "md5": hashlib.md5(data).hexdigest(),
        "sha256": hashlib.sha256(data).hexdigest(),
        "hmac": base64.b64encode(mac).decode(),
    }


def order_xml() -> str:
    items = "".join(
        f'<item sku="SKU-{i:03d}"><name>Item {i} &amp; co</name><qty>{1 + i % 3}</qty>'
        f"<priceCents>{199 + i * 10}</priceCents></item>"
        for i in range(25)
    )
    return f'<?xml version="1.0"?><order id="ord-42"><customer>Ada</customer>{items}</order>'


def xml_expected(xml: str) -> dict[str, Any]:
    root = ET.fromstring(xml)
    items = root.findall("item")
    total = sum(int(i.findtext("qty", "0")) * int(i.findtext("priceCents", "0")) for i in items)
    skus = [i.get("sku") for i in items[:3]]
    return {"id": root.get("id"), "items": len(items), "totalCents": total, "skus": skus}


def sheet_rows() -> list[tuple[int, str, int, str, bool]]:
    return [
        (i, f"name-{i}", (i * 31) % 997, ("north", "south", "east")[i % 3], i % 2 == 0)
        for i in range(1, SHEET_ROWS + 1)
    ]


def xlsx_file() -> str:
    """A 1,000-row x 5-column workbook written by openpyxl, base64 (as a client sends it)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Orders"
    ws.append(["id", "name", "amount", "region", "paid"])
    for row in sheet_rows():
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return base64.b64encode(out.getvalue()).decode()


def xlsx_expected() -> dict[str, Any]:
    rows = sheet_rows()
    return {
        "sheet": "Orders",
        "rows": len(rows),
        "total": sum(r[2] for r in rows),
        "last": rows[-1][1],
    }


def library_scripts() -> tuple[BuiltinScript, ...]:
    """The rows, the plain baseline first (the same as the Node built-ins run's)."""
    plain = builtin_scripts(*rsa_pem_pair())[0]
    xml = order_xml()
    return (
        plain,
        BuiltinScript(
            "lodash",
            "lodash: `_.chunk` + `_.groupBy` over 40 rows",
            LODASH_CODE,
            {"rows": ROWS},
            lodash_expected(),
        ),
        BuiltinScript(
            "dayjs",
            "dayjs + utc + timezone plugins: 4 formats in UTC, Asia/Shanghai, America/New_York",
            DAYJS_CODE,
            {"at": AT},
            dayjs_expected(),
        ),
        BuiltinScript(
            "dayjs_basic",
            "dayjs without plugins: parse a date, format, endOf, add, diff",
            DAYJS_BASIC_CODE,
            {"day": DAY, "until": UNTIL},
            dayjs_basic_expected(),
        ),
        BuiltinScript(
            "cryptojs",
            "crypto-js: MD5, SHA-256 and HMAC-SHA256 (Base64) of 1 KB",
            CRYPTOJS_CODE,
            {"text": TEXT, "secret": SECRET},
            cryptojs_expected(),
        ),
        BuiltinScript(
            "uuid",
            "uuid: 10 × v4, validate, version",
            UUID_CODE,
            {},
            {"unique": 10, "valid": True, "versions": [4]},
        ),
        BuiltinScript(
            "xml",
            "fast-xml-parser: a 25-item order document with attributes (2.4 KB)",
            XML_CODE,
            {"xml": xml},
            xml_expected(xml),
        ),
        BuiltinScript(
            "xlsx",
            f"xlsx: read a {SHEET_ROWS:,}-row × 5-column sheet (openpyxl-written, base64) "
            "+ `sheet_to_json`",
            XLSX_CODE,
            {"file": xlsx_file()},
            xlsx_expected(),
        ),
    )


LIBRARY_SCRIPT_NAMES = (
    "plain",
    "lodash",
    "dayjs",
    "dayjs_basic",
    "cryptojs",
    "uuid",
    "xml",
    "xlsx",
)
