"""Intl.NumberFormat and Number/BigInt#toLocaleString (modules/web/intl_number*.js, the
C hook in engine/_quickjs.c, the harness's numberLocale) against Node 20: values x options
x locales (en-US, zh-CN, de-DE and their aliases), errors, formatToParts, resolvedOptions,
the prototype methods, random doubles and option combinations, and formatting after a
script patched the built-ins the modules use."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

LOCALES = ["en-US", "zh-CN", "de-DE"]

# Values as JS source: doubles whose shortest decimal and binary value round apart
# (1.005, 2.675), ties, extremes, ICU's approximate reading near powers of ten
# (0.09999999999999999), BigInts and numeric strings (exact decimals).
VALUES = (
    "[1234567.891, -0, 0, 1.005, 2.675, -1.5, 0.5, 2.5, 0.000001234, 1e21, 123456789012345680000,"
    " 999.9995, 9.99, 1, 1234, 12345, 999999, 1e15, -0.0001, 5e-324, 1.7976931348623157e308,"
    " 0.1 + 0.2, 0.09999999999999999, 9.999999999999999e-5, NaN, Infinity, -Infinity,"
    " 10n ** 20n, -123n, 0n, '1.005', '12345678901234567890.125', ' -42 ', '1e400', 'abc']"
)

OPTIONS: list[dict[str, Any]] = [
    {}, {"maximumFractionDigits": 2}, {"minimumFractionDigits": 2}, {"maximumFractionDigits": 0},
    {"minimumIntegerDigits": 3}, {"maximumSignificantDigits": 3}, {"minimumSignificantDigits": 5},
    {"minimumSignificantDigits": 2, "maximumSignificantDigits": 4},
    {"style": "percent"}, {"style": "percent", "maximumFractionDigits": 2},
    {"style": "currency", "currency": "USD"}, {"style": "currency", "currency": "JPY"},
    {"style": "currency", "currency": "EUR", "currencyDisplay": "name"},
    {"style": "currency", "currency": "CNY", "currencyDisplay": "code"},
    {"style": "currency", "currency": "GBP", "currencyDisplay": "narrowSymbol"},
    {"style": "currency", "currency": "USD", "currencySign": "accounting"},
    {"style": "currency", "currency": "KRW", "currencyDisplay": "name"},
    {"style": "currency", "currency": "HKD"}, {"style": "currency", "currency": "TWD"},
    {"style": "currency", "currency": "INR"}, {"style": "currency", "currency": "RUB"},
    {"style": "currency", "currency": "xyz"}, {"style": "currency", "currency": "BHD"},
    {"useGrouping": False}, {"useGrouping": "min2"}, {"signDisplay": "always"},
    {"signDisplay": "exceptZero"}, {"signDisplay": "never"}, {"signDisplay": "negative"},
    {"notation": "compact"}, {"notation": "compact", "compactDisplay": "long"},
    {"notation": "scientific"}, {"notation": "engineering"},
    {"notation": "compact", "maximumFractionDigits": 2}, {"notation": "compact", "maximumSignificantDigits": 4},
    {"roundingMode": "floor", "maximumFractionDigits": 1}, {"roundingMode": "halfEven", "maximumFractionDigits": 0},
    {"roundingMode": "trunc", "maximumSignificantDigits": 2}, {"roundingMode": "ceil", "maximumFractionDigits": 2},
    {"roundingMode": "expand"}, {"roundingMode": "halfTrunc", "maximumFractionDigits": 2},
    {"roundingMode": "halfCeil", "maximumFractionDigits": 0}, {"roundingMode": "halfFloor", "maximumFractionDigits": 0},
    {"roundingIncrement": 5, "maximumFractionDigits": 2, "minimumFractionDigits": 2},
    {"trailingZeroDisplay": "stripIfInteger", "minimumFractionDigits": 2},
    {"roundingPriority": "morePrecision", "maximumSignificantDigits": 2, "maximumFractionDigits": 2},
    {"roundingPriority": "lessPrecision", "maximumSignificantDigits": 2, "maximumFractionDigits": 2},
    {"roundingPriority": "lessPrecision", "minimumSignificantDigits": 3},
    {"style": "unit", "unit": "kilometer"}, {"style": "unit", "unit": "kilometer-per-hour", "unitDisplay": "long"},
    {"style": "unit", "unit": "celsius", "unitDisplay": "narrow"}, {"style": "unit", "unit": "megabyte", "unitDisplay": "long"},
    {"style": "unit", "unit": "liter", "unitDisplay": "long"}, {"style": "unit", "unit": "percent"},
    {"style": "unit", "unit": "day", "unitDisplay": "long", "maximumFractionDigits": 0},
    {"style": "unit", "unit": "byte", "unitDisplay": "long", "notation": "compact"},
    {"style": "currency", "currency": "USD", "notation": "compact", "compactDisplay": "long"},
    {"style": "percent", "notation": "compact", "signDisplay": "exceptZero"},
    {"style": "currency", "currency": "USD", "currencySign": "accounting", "notation": "compact"},
    {"style": "currency", "currency": "USD", "currencySign": "accounting", "notation": "scientific"},
    {"roundingIncrement": 25, "maximumFractionDigits": 2, "minimumFractionDigits": 2},
    {"roundingIncrement": 50}, {"roundingIncrement": 10, "maximumFractionDigits": 1, "minimumFractionDigits": 1},
    {"roundingIncrement": 2, "roundingMode": "floor"}, {"notation": "compact", "useGrouping": "auto"},
]  # fmt: skip


def test_values_by_options_and_locale(run_js: RunJs, node: NodeOracle) -> None:
    ours = assert_same(
        run_js,
        node,
        f"""
        const values = {VALUES};
        const out = [];
        for (const l of input.locales) for (const o of input.options) {{
          const f = new Intl.NumberFormat(l, o);
          const row = [];
          for (let i = 0; i < values.length; i++) row[i] = f.format(values[i]);
          out.push(row);
        }}
        return out;
        """,
        {"locales": LOCALES, "options": OPTIONS},
    )
    rows = ours["result"]
    assert rows[0][:4] == ["1,234,567.891", "-0", "0", "1.005"]
    assert rows[len(OPTIONS)][0] == "1,234,567.891"  # zh-CN
    assert rows[2 * len(OPTIONS)][0] == "1.234.567,891"  # de-DE


def test_to_locale_string(run_js: RunJs, node: NodeOracle) -> None:
    ours = assert_same(
        run_js,
        node,
        """
        const out = [(1234567.891).toLocaleString(), (1.005).toLocaleString('en', {maximumFractionDigits: 2}),
          (10n ** 20n).toLocaleString(), Intl.NumberFormat().format(10n ** 20n), (-5n).toLocaleString('de'),
          (12345678n).toLocaleString('zh-CN', {notation: 'compact'}), NaN.toLocaleString(), (-0).toLocaleString(),
          Infinity.toLocaleString('zh'), Object(1234.5).toLocaleString('de'),
          BigInt.prototype.toLocaleString.call(Object(12345n), 'de-DE'),
          (0.1 + 0.2).toLocaleString(undefined, {maximumFractionDigits: 20}),
          (1234.5).toLocaleString('de-DE', {style: 'currency', currency: 'EUR'}),
          (0.256).toLocaleString('zh-CN', {style: 'percent', minimumFractionDigits: 1}),
          (1234.5).toLocaleString(['xx', 'de']), (1234.5).toLocaleString([])];
        for (const l of [undefined, 'en', 'en-US', 'zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'de', 'de-DE']) {
          out.push((1234567.891).toLocaleString(l), (-1234.5).toLocaleString(l, {style: 'currency', currency: 'CNY'}));
        }
        return out;
        """,
    )
    assert ours["result"][:3] == ["1,234,567.891", "1.01", "100,000,000,000,000,000,000"]


ERRORS = [
    "new Intl.NumberFormat('en', {maximumFractionDigits: 101})",
    "new Intl.NumberFormat('en', {minimumFractionDigits: 3, maximumFractionDigits: 1})",
    "new Intl.NumberFormat('en', {style: 'currency'})",
    "new Intl.NumberFormat('en', {style: 'bogus'})",
    "new Intl.NumberFormat('en', {currency: 'US'})",
    "new Intl.NumberFormat('en', {maximumSignificantDigits: 0})",
    "new Intl.NumberFormat('en', {minimumSignificantDigits: 5, maximumSignificantDigits: 2})",
    "new Intl.NumberFormat('en', {minimumIntegerDigits: 22})",
    "new Intl.NumberFormat('en', {style: 'unit'})",
    "new Intl.NumberFormat('en', {style: 'unit', unit: 'foo'})",
    "new Intl.NumberFormat('en', {style: 'unit', unit: 'kilometer-per-meter-per-second'})",
    "new Intl.NumberFormat('en', {notation: 'x'})",
    "new Intl.NumberFormat('en', {useGrouping: 'x'})",
    "new Intl.NumberFormat('en', {roundingMode: 'x'})",
    "new Intl.NumberFormat('en', {signDisplay: 'x'})",
    "new Intl.NumberFormat('en', {roundingIncrement: 3})",
    "new Intl.NumberFormat('en', {roundingIncrement: 5, maximumSignificantDigits: 3})",
    "new Intl.NumberFormat('en', {roundingIncrement: 5, maximumFractionDigits: 3})",
    "new Intl.NumberFormat('en', {roundingPriority: 'x'})",
    "new Intl.NumberFormat('en', {numberingSystem: 'x'})",
    "new Intl.NumberFormat('en', {localeMatcher: 'x'})",
    "new Intl.NumberFormat('en', {style: 'bogus', maximumFractionDigits: 500})",
    "new Intl.NumberFormat('en', {signDisplay: 'bogus', maximumFractionDigits: 500})",
    "new Intl.NumberFormat('en', {style: Symbol()})",
    "new Intl.NumberFormat('en', null)",
    "new Intl.NumberFormat('en_US')",
    "new Intl.NumberFormat('en-')",
    "new Intl.NumberFormat(null)",
    "new Intl.NumberFormat([5])",
    "new Intl.NumberFormat('en').format(Symbol())",
    "Intl.NumberFormat.prototype.format",
    "Intl.NumberFormat.prototype.formatToParts.call({})",
    "Intl.NumberFormat.prototype.resolvedOptions.call(new Date(0))",
    "Intl.NumberFormat.supportedLocalesOf('en', {localeMatcher: 'x'})",
    "(1).toLocaleString('en', {maximumFractionDigits: -1})",
    "(1).toLocaleString('xx_YY')",
    "Number.prototype.toLocaleString.call('x')",
    "Number.prototype.toLocaleString.call({})",
    "Number.prototype.toLocaleString.call(undefined)",
    "BigInt.prototype.toLocaleString.call(1)",
    "BigInt.prototype.toLocaleString.call(Object(1))",
]


@pytest.mark.parametrize("code", ERRORS)
def test_errors(run_js: RunJs, node: NodeOracle, code: str) -> None:
    ours = assert_same(run_js, node, f"return {code};")
    assert not ours["success"]


def test_format_to_parts(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        """
        const opts = [{}, {style: 'currency', currency: 'EUR'}, {style: 'currency', currency: 'RUB'},
          {style: 'currency', currency: 'USD', currencySign: 'accounting', signDisplay: 'always'},
          {style: 'currency', currency: 'RUB', currencySign: 'accounting'},
          {style: 'currency', currency: 'GBP', currencyDisplay: 'name'}, {style: 'percent', minimumFractionDigits: 1},
          {notation: 'compact', compactDisplay: 'long'}, {notation: 'engineering'}, {minimumIntegerDigits: 5},
          {style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long'}, {style: 'unit', unit: 'celsius'},
          {style: 'currency', currency: 'XYZ'}, {notation: 'scientific', style: 'percent'}];
        const out = [];
        for (const l of ['en', 'zh-CN', 'de']) for (const o of opts) {
          const f = new Intl.NumberFormat(l, o);
          for (const v of [-1234.5678, 0, -0, 1, NaN, -Infinity, 1e9, 0.00012, 12345678901234567890n]) {
            out.push(f.formatToParts(v));
          }
        }
        return out;
        """,
    )


def test_resolved_options_and_locales(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(
        run_js,
        node,
        """
        const opts = [{}, {style: 'currency', currency: 'jpy'}, {notation: 'compact'},
          {style: 'unit', unit: 'kilometer-per-hour', maximumSignificantDigits: 3},
          {minimumSignificantDigits: 3, roundingPriority: 'lessPrecision'},
          {roundingIncrement: 5, maximumFractionDigits: 2, minimumFractionDigits: 2},
          {style: 'percent', signDisplay: 'never', useGrouping: false}, {notation: 'scientific', compactDisplay: 'long'},
          {minimumFractionDigits: 5}, {maximumFractionDigits: 1, style: 'currency', currency: 'USD'},
          {minimumFractionDigits: 3, style: 'currency', currency: 'JPY'}, {useGrouping: 'true'}, {useGrouping: ''},
          {useGrouping: true}, {style: 'unit', unit: 'byte-per-second'}, {minimumIntegerDigits: 1.9},
          {maximumFractionDigits: '2'}, {style: 'unit', unit: 'liter', currency: 'EUR', currencyDisplay: 'name'}];
        const out = [];
        for (const l of [undefined, 'en', 'EN-us', 'zh', 'zh-hans', 'zh-Hans-CN', 'zh-CN', 'de', 'DE-de',
          ['xx', 'de'], [], 'en-US-u-nu-latn', 'de-DE-u-co-phonebk', 'en-x-foo', {length: 1, 0: 'zh'}, 5]) {
          for (const o of opts) out.push(new Intl.NumberFormat(l, o).resolvedOptions());
        }
        out.push(Intl.NumberFormat.supportedLocalesOf(['zh', 'en-US', 'de', 'zh-Hans-CN', 'de-DE', 'EN']));
        return out;
        """,
    )


def test_api_shape(run_js: RunJs, node: NodeOracle) -> None:
    ours = assert_same(
        run_js,
        node,
        """
        const f = new Intl.NumberFormat();
        const d = Object.getOwnPropertyDescriptor;
        return [f.format.name, f.format.length, f.format === f.format, d(Intl.NumberFormat.prototype, 'format').get.name,
          Intl.NumberFormat.prototype.formatToParts.length, Intl.NumberFormat.prototype.resolvedOptions.length,
          Intl.NumberFormat.supportedLocalesOf.length, String(f), Object.prototype.toString.call(f),
          Intl.NumberFormat.length, Intl.NumberFormat.name, Object.keys(Intl), Intl.NumberFormat.call({}) instanceof
          Intl.NumberFormat, Object.getPrototypeOf(f) === Intl.NumberFormat.prototype,
          Intl.NumberFormat.prototype.constructor === Intl.NumberFormat, d(Intl, 'NumberFormat'),
          d(Intl.NumberFormat, 'prototype').writable, typeof Intl.DateTimeFormat, [1, 2.5].map(f.format),
          Number.prototype.toLocaleString.name, Number.prototype.toLocaleString.length,
          BigInt.prototype.toLocaleString.name, BigInt.prototype.toLocaleString.length,
          d(Number.prototype, 'toLocaleString').enumerable, d(BigInt.prototype, 'toLocaleString').writable,
          (5).toLocaleString === Number.prototype.toLocaleString,
          [f.format(), f.format(null), f.format(true), f.format('0x10'), f.format(''), f.format('-0'),
           f.format({valueOf() { return 5; }}), f.format(Object(5n)), f.format('.5'), f.format('1_000'), f.format([7])]];
        """,
    )
    assert ours["result"][0] == ""


RANGE_OPTIONS: list[dict[str, Any]] = [
    {}, {"maximumFractionDigits": 0}, {"style": "currency", "currency": "USD"},
    {"style": "currency", "currency": "EUR", "currencyDisplay": "name"},
    {"style": "currency", "currency": "TWD", "currencyDisplay": "name", "maximumFractionDigits": 0},
    {"style": "currency", "currency": "USD", "currencyDisplay": "code"},
    {"style": "currency", "currency": "USD", "currencySign": "accounting"}, {"style": "currency", "currency": "RUB"},
    {"style": "percent"}, {"notation": "compact"}, {"notation": "compact", "compactDisplay": "long"},
    {"style": "unit", "unit": "kilometer"}, {"style": "unit", "unit": "kilometer", "unitDisplay": "long"},
    {"style": "unit", "unit": "kilometer-per-hour", "unitDisplay": "long"}, {"style": "unit", "unit": "percent"},
    {"style": "unit", "unit": "percent", "unitDisplay": "long"}, {"signDisplay": "always"}, {"signDisplay": "never"},
    {"notation": "scientific"}, {"style": "currency", "currency": "JPY", "notation": "compact"},
    {"style": "percent", "notation": "compact"}, {"maximumSignificantDigits": 16, "notation": "engineering"},
]  # fmt: skip


def test_format_range(run_js: RunJs, node: NodeOracle) -> None:
    ours = assert_same(
        run_js,
        node,
        """
        const pairs = [[1, 5], [5, 1], [1, 1], [-5, -1], [-1, 5], [1.2, 1.4], [0, -0], [-0, 0], [1000, 5e6],
          [1, 1.2], [Infinity, Infinity], [1, Infinity], [-Infinity, 1], [2n, 7n], ['1', '5'], [-1, -1], [-1, 1],
          [1e6, 1e6 + 1], [0.001, 0.002], [1e-9, -1e-9], [9.999999999999999e-5, 1e16], [-374409, -42551.09]];
        const out = [];
        for (const l of input.locales) for (const o of input.options) {
          const f = new Intl.NumberFormat(l, o);
          for (const [a, b] of pairs) out.push([f.formatRange(a, b), f.formatRangeToParts(a, b)]);
        }
        const errors = [];
        for (const [a, b] of [[1], [undefined, 1], [NaN, 1], [1, NaN], [Symbol(), 1]]) {
          try { new Intl.NumberFormat().formatRange(a, b); } catch (e) { errors.push([e.name, e.message]); }
        }
        try { Intl.NumberFormat.prototype.formatRange.call({}, 1, 2); } catch (e) { errors.push([e.name, e.message]); }
        const p = Intl.NumberFormat.prototype;
        return [out, errors, p.formatRange.length, p.formatRangeToParts.length, Object.getOwnPropertyNames(p)];
        """,
        {"locales": LOCALES, "options": RANGE_OPTIONS},
    )
    assert ours["result"][0][0][0] == "1\u20135"


def test_patched_builtins_cannot_break_formatting(run_js: RunJs, node: NodeOracle) -> None:
    probe = """
        return [f.format(1234.5), (1234.567).toLocaleString(), (0.5).toLocaleString('de', {style: 'percent'}),
          new Intl.NumberFormat('zh-CN', {style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long'}).format(-3.5),
          new Intl.NumberFormat('en', {notation: 'compact'}).format(9999.5), Object(5.5).toLocaleString('de'),
          (12345n).toLocaleString('zh'), new Intl.NumberFormat('en', {style: 'currency', currency: 'USD',
          currencySign: 'accounting'}).formatToParts(-1).length, new Intl.NumberFormat('EN-us', {roundingIncrement: 5,
          maximumFractionDigits: 2, minimumFractionDigits: 2}).format(1.234)];
    """
    setup = "const f = new Intl.NumberFormat('de', {style: 'currency', currency: 'EUR'}); f.format(1);\n"
    patches = """
        const fail = () => { throw new Error('patched'); };
        Array.prototype.push = fail;
        Array.prototype[Symbol.iterator] = fail;
        Math.round = Math.floor = Math.trunc = Math.log2 = Math.max = Math.min = fail;
        String.prototype.slice = String.prototype.split = String.prototype.indexOf = fail;
        String.prototype.charCodeAt = String.fromCharCode = String.prototype.repeat = fail;
        Function.prototype.call = Function.prototype.apply = Function.prototype.bind = fail;
        Object.defineProperty = fail;
        Number.prototype.valueOf = () => 42;
    """
    expected = node.run(setup + probe)
    ours = run_js(setup + patches + probe)
    assert expected["success"] and ours["success"], (expected, ours)
    assert ours["result"] == expected["result"]
    assert ours["result"][0] == "1.234,50\u00a0€"


# Batches of random doubles and option combinations: one Node call per batch.
finite = st.floats(allow_nan=False, allow_infinity=False)
decimals = st.builds(lambda n, k: n / 10**k, st.integers(-(10**9), 10**9), st.integers(0, 9))
ties = st.builds(lambda n, k: (n + 0.5) / 10**k, st.integers(-(10**6), 10**6), st.integers(0, 4))
option_sets = st.fixed_dictionaries(
    {},
    optional={
        "maximumFractionDigits": st.integers(0, 8),
        "maximumSignificantDigits": st.integers(1, 21),
        "minimumIntegerDigits": st.integers(1, 4),
        "roundingPriority": st.sampled_from(["morePrecision", "lessPrecision"]),
        "roundingMode": st.sampled_from(
            [
                "ceil",
                "floor",
                "expand",
                "trunc",
                "halfCeil",
                "halfFloor",
                "halfExpand",
                "halfTrunc",
                "halfEven",
            ]
        ),
        "notation": st.sampled_from(["standard", "compact", "scientific", "engineering"]),
        "compactDisplay": st.sampled_from(["short", "long"]),
        "style": st.sampled_from(["decimal", "percent", "currency", "unit"]),
        "currencyDisplay": st.sampled_from(["symbol", "narrowSymbol", "code", "name"]),
        "unitDisplay": st.sampled_from(["short", "narrow", "long"]),
        "signDisplay": st.sampled_from(["auto", "always", "exceptZero", "negative", "never"]),
        "useGrouping": st.sampled_from([False, "min2", "always", "auto"]),
        "trailingZeroDisplay": st.sampled_from(["auto", "stripIfInteger"]),
        "currencySign": st.sampled_from(["standard", "accounting"]),
    },
)
formats = st.tuples(
    st.sampled_from(LOCALES),
    option_sets,
    st.sampled_from(["USD", "EUR", "JPY", "CNY", "GBP", "KRW", "INR", "RUB", "HKD", "TWD", "CHF"]),
    st.sampled_from(
        ["kilometer", "byte", "percent", "celsius", "day", "kilometer-per-hour", "megabyte"]
    ),
)

BATCH = """
return input.values.map((v, i) => {
  const [l, o, currency, unit, increment] = input.formats[i % input.formats.length];
  const opts = { ...o };
  if (increment !== 1) {
    // an increment needs fraction digits only, as many minimum as maximum
    delete opts.maximumSignificantDigits;
    delete opts.roundingPriority;
    opts.roundingIncrement = increment;
    opts.minimumFractionDigits = opts.maximumFractionDigits = opts.maximumFractionDigits ?? 2;
  }
  if (opts.style === 'currency') opts.currency = currency;
  if (opts.style === 'unit') opts.unit = unit;
  try {
    const f = new Intl.NumberFormat(l, opts);
    const w = input.values[(i + 7) % input.values.length];
    return [f.format(v), v.toLocaleString(l, opts), f.formatRangeToParts(v, i % 5 === 0 ? v : w)];
  } catch (e) {
    return [e.name, e.message];
  }
});
"""


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow],
)
@given(
    st.lists(st.one_of(finite, decimals, ties), min_size=200, max_size=200),
    st.lists(formats, min_size=10, max_size=10),
)
def test_random_values_and_options(
    run_js: RunJs,
    node: NodeOracle,
    values: list[float],
    formats: list[tuple[str, dict[str, Any], str, str, int]],
) -> None:
    """200 values per batch, value i formatted with formats[i % 10] (and as a range
    with value i + 7, or itself)."""
    ours = assert_same(
        run_js, node, BATCH, {"values": values, "formats": [list(f) for f in formats]}
    )
    assert len(ours["result"]) == len(values)
