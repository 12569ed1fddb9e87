"""dayjs 1.11.23 in the sandbox against Node 20 with the same package: core,
every plugin, a sample of locales (vendor/dayjs*, built by assets/modules/dayjs.mjs).

Fixed instants only (never "now"), so both sides see the same dates; the service
and the oracle both run with the host's time zone, UTC."""

from __future__ import annotations

import json

import pytest

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

#: Node's module cache outlives a request in the oracle (plugins a test extended
#: would leak into the next); the sandbox starts every execution fresh. Node only.
FRESH = (
    "if (typeof process === 'object') for (const k of Object.keys(require.cache))"
    " if (k.includes('/node_modules/dayjs/')) delete require.cache[k];\n"
)

PLUGINS = [
    "advancedFormat", "arraySupport", "badMutable", "bigIntSupport", "buddhistEra", "calendar",
    "customParseFormat", "dayOfYear", "devHelper", "duration", "isBetween", "isLeapYear",
    "isMoment", "isSameOrAfter", "isSameOrBefore", "isToday", "isTomorrow", "isYesterday",
    "isoWeek", "isoWeeksInYear", "localeData", "localizedFormat", "minMax", "negativeYear",
    "objectSupport", "pluralGetSet", "preParsePostFormat", "quarterOfYear", "relativeTime",
    "timezone", "toArray", "toObject", "updateLocale", "utc", "weekOfYear", "weekYear", "weekday",
]  # fmt: skip


def test_core_parse_format_manipulate(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        FRESH
        + """
        const dayjs = require('dayjs');
        const d = dayjs('2024-02-29T13:45:30.123Z');
        const out = [d.format(), d.format('YYYY-MM-DD HH:mm:ss.SSS [at] dddd MMM D, A a Z ZZ X x'),
          d.toISOString(), d.valueOf(), d.unix(), d.year(), d.month(), d.date(), d.day(), d.hour(),
          d.daysInMonth(), d.toJSON(), d.toString(), dayjs.isDayjs(d),
          d.add(1, 'year').format(), d.subtract(3, 'month').format(), d.add(40, 'day').format(),
          d.startOf('month').format(), d.endOf('week').format(), d.startOf('hour').valueOf(),
          d.set('month', 13).format(), d.diff('2023-01-01', 'month'), d.diff('2023-01-01', 'day', true),
          d.isBefore('2024-03-01'), d.isAfter(d), d.isSame('2024-02-29', 'day'), d.utcOffset(),
          dayjs(0).format(), dayjs(1700000000000).format('YYYY/MM/DD'), dayjs(new Date(2020, 1, 3)).format(),
          dayjs('2024-1-5 7:08').format(), dayjs('20240105').format(), dayjs.unix(1e9).format(),
          dayjs(d).isSame(d), d.clone() !== d, d.locale(), dayjs().isValid()];
        const bad = dayjs('not a date');
        out.push(bad.isValid(), bad.format(), bad.toJSON(), bad.valueOf(),
          dayjs(null).isValid(), dayjs(undefined).isValid(), dayjs('2024-13-45').format());
        // (the message differs: QuickJS's Date says 'Date value is NaN', see docs/libraries/dayjs.md)
        try { bad.toISOString(); } catch (e) { out.push(e.name); }
        return out;
        """,
    )


def test_every_plugin_loads_and_extends(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        FRESH
        + """
        const dayjs = require('dayjs');
        const out = {};
        for (const name of input.plugins) {
          const p = require('dayjs/plugin/' + name);
          const q = require('dayjs/plugin/' + name + '.js');
          out[name] = [typeof p, p === q, p.length];
          dayjs.extend(p);
        }
        out.same = require('dayjs/dayjs.min') === dayjs && require('dayjs/dayjs.min.js') === dayjs;
        out.locales = require('dayjs/locale.json').length;
        return out;
        """,
        {"plugins": PLUGINS},
    )


def test_common_plugins(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        FRESH
        + """
        const dayjs = require('dayjs');
        for (const p of ['customParseFormat', 'advancedFormat', 'relativeTime', 'duration', 'isBetween',
          'isSameOrBefore', 'isSameOrAfter', 'weekOfYear', 'isoWeek', 'quarterOfYear', 'localizedFormat',
          'dayOfYear', 'minMax', 'calendar', 'weekday', 'toArray', 'toObject', 'buddhistEra', 'utc',
          'isLeapYear', 'weekYear', 'isoWeeksInYear']) dayjs.extend(require('dayjs/plugin/' + p));
        const d = dayjs('2024-12-30T08:09:10.011Z');
        const r = dayjs('2024-12-25T00:00:00Z');
        const dur = dayjs.duration({ days: 3, hours: 25, minutes: 90 });
        return [
          dayjs('05/02/69 1:02:03 PM -05:00', 'MM/DD/YY H:mm:ss A Z').toISOString(),
          dayjs('2024 Dec 3', 'YYYY MMM D').format(), dayjs('12-25-1995', 'MM-DD-YYYY', true).isValid(),
          dayjs('1995-25-12', 'YYYY-MM-DD', true).isValid(), dayjs('1318781876', 'X').valueOf(),
          d.format('Q Do k kk X x w ww W WW gggg GGGG'), d.from(r), d.to(r), r.from(d, true),
          dayjs('2020-01-01').from('2023-06-01'), dur.asHours(), dur.humanize(), dur.format('D HH:mm'),
          dayjs.duration(90061001).toISOString(), dayjs.duration('P1Y2M3DT4H5M6S').asDays(),
          dayjs.duration(-5, 'minutes').humanize(true), d.isBetween('2024-01-01', '2025-01-01', 'day', '[)'),
          d.isSameOrBefore(r), d.isSameOrAfter(r, 'month'), d.week(), d.isoWeek(), d.isoWeekday(),
          d.startOf('isoWeek').format(), d.quarter(), d.add(2, 'quarter').format(),
          d.format('LT LTS L LL LLL LLLL l ll lll llll'), d.dayOfYear(), d.dayOfYear(1).format(),
          dayjs.max(d, r).format(), dayjs.min([d, r]).format(), d.calendar(r),
          d.calendar(null, { sameElse: 'YYYY' }), d.weekday(), d.weekday(7).format(), d.toArray(),
          d.toObject(), d.format('BBBB BB'), d.isLeapYear(), d.weekYear(), d.isoWeeksInYear(),
          dayjs.utc('2024-03-10 02:30').format(), d.utc().format(), d.local().format(),
          dayjs('2024-06-01T10:00:00+08:00').utcOffset(), dayjs.utc().isUTC(),
        ];
        """,
    )


def test_more_plugins(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        FRESH
        + """
        const dayjs = require('dayjs');
        for (const p of ['objectSupport', 'arraySupport', 'updateLocale', 'localeData', 'pluralGetSet',
          'badMutable', 'isMoment', 'negativeYear', 'bigIntSupport', 'preParsePostFormat', 'isToday',
          'isTomorrow', 'isYesterday']) dayjs.extend(require('dayjs/plugin/' + p));
        const out = [dayjs({ year: 2010, month: 1, day: 12, hour: 5 }).format(),
          dayjs([2010, 1, 14, 15, 25, 50, 125]).format(), dayjs(1700000000000n).format(),
          dayjs('-002024-01-01').year(), dayjs.isMoment(dayjs()), typeof dayjs().isToday(),
          dayjs('2020-01-01').isTomorrow(), dayjs('2020-01-01').isYesterday(),
          dayjs('2024-01-01').years(), dayjs('2024-01-01').add({ months: 2, days: 1 }).format()];
        const ld = dayjs.localeData();
        out.push(ld.firstDayOfWeek(), ld.weekdays(), ld.monthsShort(),
          ld.ordinal(3), dayjs.months(), dayjs.weekdaysMin());
        dayjs.updateLocale('en', { relativeTime: { ...dayjs.Ls.en.relativeTime, future: 'in %s!' } });
        const m = dayjs('2024-01-01');
        m.add(1, 'day');
        out.push(m.format(), dayjs.Ls.en.relativeTime.future);
        return out;
        """,
    )


@pytest.mark.parametrize("locale", ["zh-cn", "ja", "de", "fr", "ru", "ar", "en-gb", "zh-tw", "ko"])
def test_locales(run_js: RunJs, node: NodeOracle, locale: str) -> None:
    assert_same(
        run_js,
        node,
        FRESH
        + """
        const dayjs = require('dayjs');
        dayjs.extend(require('dayjs/plugin/relativeTime'));
        dayjs.extend(require('dayjs/plugin/localizedFormat'));
        const loc = require('dayjs/locale/' + input.locale);
        const again = require('dayjs/locale/' + input.locale + '.js');
        const d = dayjs('2024-03-08T17:04:05Z').locale(input.locale);
        const base = dayjs('2024-01-01T00:00:00Z');
        return [loc.name, loc === again, !!dayjs.Ls[input.locale],
          d.format('dddd D MMMM YYYY HH:mm A Do'), d.format('LLLL L LT'),
          d.from(base), base.locale(input.locale).to(d), d.from(d.add(30, 's')),
          d.startOf('week').format('YYYY-MM-DD'), dayjs.locale(), dayjs.locale(input.locale),
          dayjs('2024-03-08').format('MMMM'), dayjs.locale('en')];
        """,
        {"locale": locale},
    )


def test_every_locale_loads(run_js: RunJs, node: NodeOracle) -> None:
    names = [entry["key"] for entry in json.loads(_locale_json(node))]
    assert_same(
        run_js,
        node,
        FRESH
        + """
        const dayjs = require('dayjs');
        const d = dayjs('2024-03-08T17:04:05Z');
        return input.names.map((n) => [n, require('dayjs/locale/' + n).name, d.locale(n).format('dddd MMMM')]);
        """,
        {"names": names},
    )


def _locale_json(node: NodeOracle) -> str:
    out = node.run("return JSON.stringify(require('dayjs/locale.json'));")
    assert out["success"], out
    text: str = out["result"]
    return text


def test_missing_paths_are_node_errors(run_js: RunJs, node: NodeOracle) -> None:
    for path in ["dayjs/plugin/nope", "dayjs/locale/xx-yy", "dayjs/plugin/../dayjs.min"]:
        ours = run_js(
            f"try {{ require({path!r}); return 'loaded'; }} catch (e) {{ return e.code; }}"
        )
        theirs = node.run(
            f"try {{ require({path!r}); return 'loaded'; }} catch (e) {{ return e.code; }}"
        )
        assert ours["result"] == theirs["result"] == "MODULE_NOT_FOUND" or path.endswith(
            "dayjs.min"
        )
