"""TextEncoder / TextDecoder (runtime module web/text_encoding) against the real Node 20.

Every test runs the same JavaScript in the sandbox (`run_js`) and in Node (`node`)
and compares the JSON results; hypothesis examples batch many cases into one
execution each. Outcomes are compared value for value, errors by constructor,
`code` and message.

Known, deliberate difference (see docs/runtime-modules.md, "Choices"): Node 20's
non-streaming decode of `windows-1252` (and of its labels latin1, ascii, ...)
maps bytes 0x80-0x9F to U+0080-U+009F (ISO-8859-1), while its streaming decode
and the WHATWG Encoding Standard use the windows-1252 table. We follow the
standard, so the differential windows-1252 cases decode in streaming mode.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

RunJS = Callable[..., dict[str, Any]]
Case = dict[str, Any]

# FLOWGATE_DIFF_EXAMPLES=2000 for a deep run; the default keeps the suite fast.
DIFFERENTIAL = settings(
    max_examples=int(os.environ.get("FLOWGATE_DIFF_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Shared prelude: `outcome(f)` is f()'s value, or a description of what it threw.
PRELUDE = """
input = input.json === undefined ? input : JSON.parse(input.json);
const outcome = (f) => {
  try { return { ok: f() }; }
  catch (e) { return { error: e.constructor.name, code: e.code ?? null, message: e.message }; }
};
"""


def same_in_both(run_js: RunJS, node: NodeOracle, body: str, data: dict[str, Any]) -> Any:
    """Run PRELUDE + body in the sandbox and in Node; assert equal results, return them."""
    code = PRELUDE + body
    # JSON text as the input: it carries lone surrogates, which the service's
    # request encoding (orjson) refuses in a str.
    wire = {"json": json.dumps(data)}
    ours = run_js(code, wire)
    theirs = node.run(code, wire)
    assert ours.get("success") is True, ours
    assert theirs.get("success") is True, theirs
    mine, ref = ours["result"], theirs["result"]
    if isinstance(mine, list) and isinstance(ref, list) and len(mine) == len(ref):
        cases = data.get("cases")
        for i, (a, b) in enumerate(zip(mine, ref, strict=True)):
            case = cases[i] if isinstance(cases, list) and i < len(cases) else i
            assert a == b, f"case {case!r}:\n sandbox: {a!r}\n node:    {b!r}"
    assert mine == ref
    return mine


def same_except_wording(
    run_js: RunJS, node: NodeOracle, body: str, engine_errors: list[int]
) -> None:
    """Like same_in_both for a list result whose `engine_errors` entries are errors raised
    by the JS engine itself (its own wording): those must agree on the constructor only."""
    ours = run_js(PRELUDE + body)
    theirs = node.run(PRELUDE + body)
    assert ours.get("success") is True, ours
    assert theirs.get("success") is True, theirs
    mine, ref = ours["result"], theirs["result"]
    assert len(mine) == len(ref)
    for i in engine_errors:
        assert mine[i]["error"] == ref[i]["error"] == "TypeError", (mine[i], ref[i])
        mine[i] = ref[i] = None
    for i, (a, b) in enumerate(zip(mine, ref, strict=True)):
        assert a == b, f"item {i}:\n sandbox: {a!r}\n node:    {b!r}"


# ------------------------------------------------------------------ strategies

# Byte sequences that probe the UTF-8 decoder's error paths (maximal subparts).
TRICKY_UTF8 = [
    b"\xef\xbb\xbf",
    b"\xc0\xaf",
    b"\xc1\xbf",
    b"\xc2",
    b"\xdf",
    b"\xe0\x80",
    b"\xe0\xa0",
    b"\xe0\x9f\xbf",
    b"\xed\xa0\x80",
    b"\xed\x9f\xbf",
    b"\xee\x80",
    b"\xef\xbf\xbf",
    b"\xf0\x80\x80\x80",
    b"\xf0\x90",
    b"\xf0\x9f\x98",
    b"\xf0\x9f\x98\x80",
    b"\xf4\x8f\xbf\xbf",
    b"\xf4\x90\x80\x80",
    b"\xf5\x80",
    b"\xf8\x88\x80\x80\x80",
    b"\xfe",
    b"\xff",
    b"\x80",
    b"\xbf\x80",
    b"\x00",
    b"\x7f",
]


def utf8ish() -> st.SearchStrategy[bytes]:
    piece = st.one_of(
        st.text(max_size=12).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40).map(str.encode),
        st.binary(max_size=6),
        st.sampled_from(TRICKY_UTF8),
    )
    return st.lists(piece, max_size=8).map(b"".join)


def utf16ish(codec: str) -> st.SearchStrategy[bytes]:
    piece = st.one_of(
        st.text(max_size=10).map(lambda s: s.encode(codec, "surrogatepass")),
        st.binary(max_size=5),
        st.sampled_from(
            [b"\xff\xfe", b"\xfe\xff", b"\x00\xd8", b"\xd8\x00", b"\x00\xdc", b"\x3d\xd8\x00\xde"]
        ),
    )
    return st.lists(piece, max_size=8).map(b"".join)


def split(data: bytes, cuts: list[int]) -> list[list[int]]:
    points = sorted(min(c, len(data)) for c in cuts)
    return [list(data[a:b]) for a, b in zip([0, *points], [*points, len(data)], strict=True)]


@st.composite
def decode_cases(draw: st.DrawFn) -> Case:
    encoding = draw(st.sampled_from(["utf-8", "utf-16le", "utf-16be", "windows-1252"]))
    if encoding == "utf-8":
        data = draw(utf8ish())
    elif encoding == "windows-1252":
        data = draw(st.binary(max_size=40))
    else:
        data = draw(utf16ish(encoding))
    stream = draw(st.booleans()) or encoding == "windows-1252"  # see the module docstring
    cuts = draw(st.lists(st.integers(0, max(len(data), 1)), max_size=5)) if stream else []
    return {
        "label": draw(st.sampled_from(LABELS[encoding])),
        "fatal": draw(st.booleans()),
        "ignoreBOM": draw(st.booleans()),
        "stream": stream,
        "chunks": split(data, cuts),
    }


LABELS = {
    "utf-8": ["utf-8", "UTF8", " unicode-1-1-utf-8\n", "unicode11utf8", "x-unicode20utf8"],
    "utf-16le": ["utf-16le", "utf-16", "UCS-2", "unicode", "csunicode"],
    "utf-16be": ["utf-16be", "unicodefffe"],
    "windows-1252": ["windows-1252", "latin1", "iso-8859-1", "ascii", "us-ascii", "cp1252"],
}

DECODE_JS = """
return input.cases.map((c) => outcome(() => {
  const d = new TextDecoder(c.label, { fatal: c.fatal, ignoreBOM: c.ignoreBOM });
  if (!c.stream) return [d.encoding, d.decode(new Uint8Array(c.chunks.flat()))];
  const out = [d.encoding];
  for (const chunk of c.chunks) out.push(d.decode(new Uint8Array(chunk), { stream: true }));
  out.push(d.decode());
  return out;
}));
"""

# ---------------------------------------------------------------------- encode


@DIFFERENTIAL
@given(st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_encode_matches_node(run_js: RunJS, node: NodeOracle, strings: list[str]) -> None:
    # Python strings may hold lone surrogates; JSON carries them to both engines.
    body = "return input.cases.map((s) => Array.from(new TextEncoder().encode(s)));"
    same_in_both(run_js, node, body, {"cases": strings})


@DIFFERENTIAL
@given(st.lists(st.tuples(st.text(max_size=20), st.integers(0, 30)), min_size=1, max_size=20))
def test_encode_into_matches_node(
    run_js: RunJS, node: NodeOracle, cases: list[tuple[str, int]]
) -> None:
    body = """
return input.cases.map(([s, n]) => {
  const dest = new Uint8Array(n + 2).fill(7);
  const view = dest.subarray(1, n + 1);
  const r = new TextEncoder().encodeInto(s, view);
  return [r.read, r.written, Array.from(dest), Object.keys(r)];
});
"""
    same_in_both(run_js, node, body, {"cases": cases})


def test_encode_values_and_errors(run_js: RunJS, node: NodeOracle) -> None:
    body = """
const te = new TextEncoder();
const enc = (v) => outcome(() => Array.from(te.encode(v)));
const big = 'abc\\u00e9\\u20ac\\ud83d\\ude00'.repeat(5000) + '\\ud800' + 'x'.repeat(70000);
return [
  enc(), enc(undefined), enc(null), enc(123), enc(true), enc({}), enc([1, 2]), enc(Symbol('s')),
  enc({ toString() { return 'caf\\u00e9'; } }),
  te.encoding, te.encode('x') instanceof Uint8Array, te.encode('abc').buffer.byteLength,
  (() => { const u = te.encode(big); let h = 0; for (const b of u) h = (h * 31 + b) | 0; return [u.length, h]; })(),
  outcome(() => te.encodeInto('abc', new Uint16Array(4))),
  outcome(() => te.encodeInto('abc', [0, 0, 0])),
  outcome(() => te.encodeInto('abc')),
  outcome(() => te.encodeInto(5, new Uint8Array(4))),
  outcome(() => te.encodeInto(null, new Uint8Array(4))),
  outcome(() => te.encodeInto('abc', new DataView(new ArrayBuffer(4)))),
  outcome(() => TextEncoder.prototype.encode.call({}, 'a')),
  outcome(() => Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encoding').get.call(1)),
  outcome(() => TextEncoder()),
  outcome(() => te.encodeInto('x'.repeat(100000), new Uint8Array(70000))),
  outcome(() => te.encodeInto('\\u00e9'.repeat(5), new Uint8Array(5))),
  outcome(() => te.encodeInto('a\\ud83d\\ude00', new Uint8Array(4))),
  outcome(() => te.encodeInto('a\\ud83d\\ude00', new Uint8Array(5))),
  outcome(() => te.encodeInto('\\ud83d', new Uint8Array(2))),
];
"""
    # A Symbol / a class called without `new`: TypeErrors worded by each engine.
    same_except_wording(run_js, node, body, [7, 21])


# ---------------------------------------------------------------------- decode


@DIFFERENTIAL
@given(st.lists(decode_cases(), min_size=1, max_size=12))
def test_decode_matches_node(run_js: RunJS, node: NodeOracle, cases: list[Case]) -> None:
    same_in_both(run_js, node, DECODE_JS, {"cases": cases})


@DIFFERENTIAL
@given(st.lists(st.text(max_size=40), min_size=1, max_size=15))
def test_utf8_round_trip_matches_node(run_js: RunJS, node: NodeOracle, strings: list[str]) -> None:
    body = """
const te = new TextEncoder(), td = new TextDecoder();
return input.cases.map((s) => { const d = td.decode(te.encode(s)); return [d, d === s.toWellFormed()]; });
"""
    result = same_in_both(run_js, node, body, {"cases": strings})
    assert all(ok for _, ok in result)


def test_decode_large_inputs(run_js: RunJS, node: NodeOracle) -> None:
    """Long inputs (the native fast paths), valid and with errors far from the start."""
    body = """
const te = new TextEncoder();
const hash = (s) => { let h = 0; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; return [s.length, h]; };
const text = ('{"id": 12, "name": "caf\\u00e9 \\u20ac \\ud83d\\ude00", "ok": true}, ').repeat(3000);
const valid = te.encode(text);
const ascii = te.encode('abc '.repeat(50000));
const broken = new Uint8Array(valid.length + 3); broken.set(valid); broken.set([0xe2, 0x82], valid.length - 100);
const out = [];
for (const label of ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']) {
  for (const bytes of [valid, ascii, broken, new Uint8Array(broken.buffer, 1, broken.length - 1)]) {
    out.push(outcome(() => {
      const d = new TextDecoder(label);
      const whole = label === 'windows-1252' ? d.decode(bytes, { stream: true }) + d.decode() : d.decode(bytes);
      const s = new TextDecoder(label);
      let parts = '';
      for (let i = 0; i < bytes.length; i += 4093) parts += s.decode(bytes.subarray(i, i + 4093), { stream: true });
      parts += s.decode();
      return [hash(whole), whole === parts];
    }));
    out.push(outcome(() => hash(new TextDecoder(label, { fatal: true }).decode(bytes, { stream: true }))));
  }
}
return out;
"""
    same_in_both(run_js, node, body, {})


def test_decode_inputs_options_and_errors(run_js: RunJS, node: NodeOracle) -> None:
    body = """
const bytes = [0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9, 0x21, 0x00, 0xe2, 0x82, 0xac];
const u8 = new Uint8Array(bytes);
const dec = (input, label = 'utf-8', opts, decodeOpts) =>
  outcome(() => new TextDecoder(label, opts).decode(input, decodeOpts));
return [
  dec(u8), dec(u8.buffer), dec(new DataView(u8.buffer, 3, 5)), dec(new Uint8Array(u8.buffer, 3)),
  dec(new Int8Array(u8.buffer)), dec(new Uint8ClampedArray(u8.buffer)), dec(new Uint16Array([0x6968, 0xd83d])),
  dec(new Float64Array([1.5])), dec(new BigInt64Array([123n])), dec(new SharedArrayBuffer(3)),
  dec(new Uint16Array([0x6968, 0xd83d, 0xde00]), 'utf-16le'), dec(new Uint8Array(u8.buffer, 1, 6), 'utf-16le'),
  dec(), dec(undefined), dec(null), dec('abc'), dec([104, 105]), dec({}), dec(5), dec(new ArrayBuffer(0)),
  dec('abc', 'utf-16le'), dec(null, 'utf-16le'), dec([1], 'windows-1252'),
  dec(u8, 'utf-8', null), dec(u8, 'utf-8', undefined), dec(u8, 'utf-8', {}), dec(u8, 'utf-8', 5),
  dec(u8, 'utf-8', 'x'), dec(u8, 'utf-8', { fatal: 1, ignoreBOM: 'yes' }), dec(u8, 'utf-8', () => 0),
  dec(u8, 'utf-8', {}, null), dec(u8, 'utf-8', {}, 5), dec(u8, 'utf-8', {}, { stream: 0 }),
  dec(u8, 'utf-16le', {}, 5), dec(u8, 'utf-16le', {}, null),
  dec(new Uint8Array([0xff]), 'utf-8', { fatal: true }),
  dec(new Uint8Array([0xe2, 0x82]), 'utf-8', { fatal: true }),
  dec(new Uint8Array([0xe2, 0x82]), 'utf-8', { fatal: true }, { stream: true }),
  dec(new Uint8Array([0x00, 0xd8]), 'utf-16le', { fatal: true }),
  dec(new Uint8Array([0x00]), 'utf-16le', { fatal: true }),
  dec(new Uint8Array([0xd8, 0x00, 0x00, 0x41]), 'utf-16be', { fatal: true }),
  dec(new Uint8Array(256).map((_, i) => i), 'windows-1252', { fatal: true }, { stream: true }),
  outcome(() => { const d = new TextDecoder(); return [d.encoding, d.fatal, d.ignoreBOM]; }),
  outcome(() => { const d = new TextDecoder('Latin1', { fatal: true, ignoreBOM: true }); return [d.encoding, d.fatal, d.ignoreBOM]; }),
  outcome(() => TextDecoder.prototype.decode.call({}, u8)),
  outcome(() => Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'encoding').get.call({})),
  outcome(() => Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'fatal').get.call(null)),
  outcome(() => Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'ignoreBOM').get.call(new TextEncoder())),
  outcome(() => TextDecoder()),
  outcome(() => new TextDecoder(Symbol('x'))),
];
"""
    # A class called without `new` / a Symbol label: TypeErrors worded by each engine.
    same_except_wording(run_js, node, body, [-2, -1])


def test_decoder_state_across_calls(run_js: RunJS, node: NodeOracle) -> None:
    """BOM handling per stream, reset after flush, after a fatal error and across encodings.

    Not compared: streaming on in UTF-16 after a fatal error in the middle of a chunk,
    where Node's ICU converter keeps a misaligned byte (a later chunk decodes shifted
    by one byte). We end the stream at the error, as Node does for UTF-8."""
    body = """
const run = (label, opts, steps) => outcome(() => {
  const d = new TextDecoder(label, opts);
  return steps.map(([bytes, stream]) => outcome(() => d.decode(new Uint8Array(bytes), stream ? { stream: true } : undefined)));
});
const BOM8 = [0xef, 0xbb, 0xbf], BOM16 = [0xff, 0xfe];
return [
  run('utf-8', {}, [[[0xef, 0xbb], 1], [[0xbf, 0x41], 1], [BOM8, 1], [[], 0], [[...BOM8, 0x43], 0], [BOM8, 0]]),
  run('utf-8', { ignoreBOM: true }, [[BOM8, 1], [BOM8, 0], [[...BOM8, ...BOM8], 0]]),
  run('utf-8', {}, [[[], 1], [[0xef], 1], [[], 1], [[0xbb, 0xbf], 1], [[0x41], 0]]),
  run('utf-8', { fatal: true }, [[[0xe2, 0x82], 1], [[0x41], 1], [[0x42], 0], [[0xe2], 1], [[], 0], [[0x43], 0]]),
  run('utf-8', {}, [[[0xe2, 0x82], 1], [[0x41], 1], [[0xf0, 0x9f], 1], [[0x98], 1], [[0x80, 0xf0], 1], [[], 0]]),
  run('utf-8', {}, [[[0xf0], 1], [[0x9f], 1], [[0x98], 1], [[0x80], 1], [[0xf0, 0x9f, 0x98], 0], [[0x80], 0]]),
  run('utf-16le', {}, [[BOM16, 1], [[0x41], 1], [[0x00, 0x3d], 1], [[0xd8], 1], [[0x00, 0xde], 1], [BOM16, 0], [[...BOM16, 0x42, 0], 0]]),
  run('utf-16le', {}, [[[0x3d, 0xd8], 1], [[0x41, 0x00], 1], [[0x3d, 0xd8], 1], [[0x3d], 1], [[], 0]]),
  run('utf-16le', { fatal: true }, [[[0x3d, 0xd8], 1], [[0x3d], 1], [[0xd8, 0x00], 1], [[0xde], 0], [[0x41, 0], 0]]),
  run('utf-16le', { fatal: true }, [[[0x3d, 0xd8], 1], [[], 0], [[0x43, 0], 0]]),
  run('utf-16le', { fatal: true }, [[[0x00, 0xdc, 0x41, 0x00], 0], [[0x42, 0], 0]]),
  run('utf-16be', {}, [[[0xfe, 0xff, 0x00], 1], [[0x41, 0xd8], 1], [[0x3d, 0xde, 0x00], 0], [[0xfe, 0xff], 0]]),
  run('windows-1252', {}, [[[0x80, 0x41], 1], [[0x9f], 0], [BOM8, 0]]),
];
"""
    same_in_both(run_js, node, body, {})


def test_labels(run_js: RunJS, node: NodeOracle) -> None:
    labels = [
        *(label for group in LABELS.values() for label in group),
        "unicode20utf8",
        "iso-10646-ucs-2",
        "unicodefeff",
        "ansi_x3.4-1968",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-ir-100",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "l1",
        "x-cp1252",
        "\t\n\f\r utf-8 \t\n\f\r",
        "\u00a0utf-8",
        "utf-8\v",
        "utf\u0130",
        "utf-16\u212a",
        "UTF-16LE",
        "Utf-16Be",
        "",
        "foo",
        "utf-32",
        "replacement",
        "x-user-defined",
        "null",
        "undefined",
    ]
    body = """
const probe = (label) => outcome(() => new TextDecoder(label).encoding);
return [...input.cases.map(probe), probe(undefined), probe(null), probe(123), probe({ toString() { return 'latin1'; } })];
"""
    same_in_both(run_js, node, body, {"cases": labels})


def test_prototype_shape(run_js: RunJS, node: NodeOracle) -> None:
    body = """
const shape = (C) => ({
  keys: Object.keys(C.prototype),
  names: Object.getOwnPropertyNames(C.prototype),
  tag: Object.prototype.toString.call(new C()),
  length: C.length,
  methods: Object.entries(Object.getOwnPropertyDescriptors(C.prototype)).filter(([k, d]) => typeof d.value === 'function').map(([k, d]) => [k, d.value.length]),
  getters: Object.entries(Object.getOwnPropertyDescriptors(C.prototype)).filter(([k, d]) => d.get).map(([k, d]) => outcome(() => C.prototype[k])),
  desc: Object.entries(Object.getOwnPropertyDescriptors(C.prototype)).map(([k, d]) => [k, !!d.enumerable, !!d.configurable, 'value' in d, !!d.writable]),
});
return [shape(TextEncoder), shape(TextDecoder), typeof TextEncoder, typeof TextDecoder];
"""
    same_in_both(run_js, node, body, {})


def test_console_output_matches_node(run_js: RunJS, node: NodeOracle) -> None:
    """console.log of encoders / decoders prints what Node's util.inspect prints."""
    code = """
console.log(new TextEncoder(), new TextDecoder(), new TextDecoder('latin1', { fatal: true }));
console.log([new TextEncoder(), { d: new TextDecoder('utf-16be', { ignoreBOM: true }) }]);
console.log({ x: { y: { z: new TextDecoder() } } }, [[[new TextEncoder()]]]);
console.log(Object.getOwnPropertySymbols(TextEncoder.prototype).map(String),
  Object.getOwnPropertySymbols(TextDecoder.prototype).map(String));
return 1;
"""
    ours = run_js(code, None, True)
    theirs = node.run(code)
    assert ours.get("success") is True, ours
    assert ours["console"] == theirs["console"]


# ------------------------------------------------------ sandbox-only properties


def test_windows_1252_follows_the_standard_in_every_mode(run_js: RunJS) -> None:
    """Node 20's non-streaming latin1 fast path decodes 0x80-0x9F as C1 controls;
    we always use the WHATWG windows-1252 table (what Node's streaming mode does)."""
    body = """
const all = new Uint8Array(256).map((_, i) => i);
const plain = new TextDecoder('latin1').decode(all);
const d = new TextDecoder('windows-1252');
const streamed = d.decode(all, { stream: true }) + d.decode();
return [Array.from(plain, (c) => c.charCodeAt(0)), plain === streamed];
"""
    out = run_js(body)
    assert out["success"], out
    codes, same = out["result"]
    assert same is True
    expected = list(range(256))
    c1 = [
        0x20AC,
        0x81,
        0x201A,
        0x192,
        0x201E,
        0x2026,
        0x2020,
        0x2021,
        0x2C6,
        0x2030,
        0x160,
        0x2039,
        0x152,
        0x8D,
        0x17D,
        0x8F,
        0x90,
        0x2018,
        0x2019,
        0x201C,
        0x201D,
        0x2022,
        0x2013,
        0x2014,
        0x2DC,
        0x2122,
        0x161,
        0x203A,
        0x153,
        0x9D,
        0x17E,
        0x178,
    ]
    expected[0x80:0xA0] = c1
    assert codes == expected


def test_text_encoding_survives_tampered_globals(run_js: RunJS) -> None:
    """The module captures the intrinsics it relies on when it loads."""
    body = """
const te = new TextEncoder(), td = new TextDecoder();
const saved = [String.prototype.charCodeAt, Uint8Array.prototype.toBase64, globalThis.atob, globalThis.btoa];
String.prototype.charCodeAt = () => 0;
Uint8Array.prototype.toBase64 = () => 'AAAA';
globalThis.atob = globalThis.btoa = () => '';
Array.prototype.push = () => { throw new Error('tampered'); };
const long = 'caf\\u00e9 '.repeat(20000);
const r = [td.decode(te.encode('h\\u00e9')), td.decode(te.encode(long)) === long, new TextDecoder('utf-16le').decode(new Uint8Array([104, 0, 105, 0]))];
[String.prototype.charCodeAt, Uint8Array.prototype.toBase64, globalThis.atob, globalThis.btoa] = saved;
return r;
"""
    out = run_js(body)
    assert out.get("success") is True, out
    assert out["result"] == ["hé", True, "hi"]
