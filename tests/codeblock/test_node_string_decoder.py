"""string_decoder against Node 20: every encoding, characters split across
write() calls at every boundary, invalid UTF-8 at chunk edges, end()/text(),
lastChar/lastNeed/lastTotal, errors."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.test_node_buffer_helpers import assert_same, batch_code, loop_code
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

ENCODINGS = ["utf8", "utf-8", "utf16le", "ucs2", "base64", "base64url", "hex", "latin1", "ascii"]

# Each case: [encoding, bytes, chunk sizes]; the script feeds the chunks and
# returns every string (as code units, so lone surrogates survive JSON) and the state.
STREAM_BODY = """const [encName, bytes, sizes] = c;
const { StringDecoder } = requireBuiltin('string_decoder');
const d = new StringDecoder(encName);
const src = Buffer.from(bytes);
const units = (s) => Array.from(s, (ch) => ch.codePointAt(0));
const out = [];
let i = 0;
for (const n of sizes) {
  if (i >= src.length) break;
  out.push(units(d.write(src.subarray(i, i + n))), d.lastNeed, d.lastTotal);
  i += n;
}
out.push(units(d.write(src.subarray(i))), [...d.lastChar], units(d.end()), d.lastNeed);
return [d.encoding, out];"""

utf8ish = st.one_of(
    st.text(max_size=12).map(lambda s: s.encode("utf-8")),
    st.binary(max_size=16),
    st.lists(
        st.sampled_from(
            [b"\xe2\x82", b"\xac", b"\xf0\x9f", b"\x98\x80", b"\xc3", b"\xa9", b"a", b"\xff"]
        ),
        max_size=8,
    ).map(b"".join),
    st.text(max_size=8).map(lambda s: s.encode("utf-16-le")),
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cases=st.lists(
        st.tuples(
            st.sampled_from(ENCODINGS),
            utf8ish.map(list),
            st.lists(st.integers(0, 5), min_size=1, max_size=8),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_streamed_decoding_matches_node(run_js: RunJs, node: NodeOracle, cases: list[Any]) -> None:
    assert_same(run_js, node, loop_code(STREAM_BODY), {"cases": cases})


def test_every_split_of_mixed_text_matches_node(run_js: RunJs, node: NodeOracle) -> None:
    text = "a\u00e9\u20ac\U0001f600z"
    cases = []
    for enc, data in (("utf8", text.encode()), ("utf16le", text.encode("utf-16-le"))):
        for cut in range(len(data) + 1):
            cases.append([enc, list(data), [cut]])
            cases.append([enc, list(data), [cut, 1, 1]])
    for enc in ("base64", "base64url", "hex"):
        cases += [[enc, list(range(7)), [k, 2]] for k in range(8)]
    assert_same(run_js, node, loop_code(STREAM_BODY), {"cases": cases})


CASES = [
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder().encoding",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return ['UTF-8', 'UCS-2', 'Binary', 'HEX', 'base64URL', null, ''].map((e) => new StringDecoder(e).encoding)",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder('nope')",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder(5)",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder('utf16')",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder().write('str')",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder().write(5)",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder().write([1])",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder().write(new Uint16Array([0x6261]))",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder().write(new DataView(new Uint8Array([0x68, 0x69]).buffer))",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder().end()",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return new StringDecoder().end(Buffer.from([0xe2, 0x82]))",
    "const { StringDecoder } = requireBuiltin('string_decoder'); const d = new StringDecoder(); d.write(Buffer.from([0xe2])); return [d.end(), d.end(), d.write(Buffer.from('x'))]",
    "const { StringDecoder } = requireBuiltin('string_decoder'); const d = new StringDecoder(); d.write(Buffer.from([0xe2])); return [d.text(Buffer.from('hello'), 2), d.lastNeed]",
    "const { StringDecoder } = requireBuiltin('string_decoder'); const d = new StringDecoder('base64'); return [d.write(Buffer.from('ab')), d.lastNeed, d.lastTotal, d.end()]",
    "const { StringDecoder } = requireBuiltin('string_decoder'); const d = new StringDecoder('utf16le'); return [d.write(Buffer.from([0x3d, 0xd8])), d.lastNeed, d.end()]",
    "const { StringDecoder } = requireBuiltin('string_decoder'); const d = new StringDecoder('utf8'); return [d.write(Buffer.from([0xf0, 0x9f])), d.lastChar.length, d.lastTotal]",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return Object.keys(new StringDecoder())",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return typeof StringDecoder.prototype.write",
    "const sd = requireBuiltin('string_decoder'); return [Object.keys(sd), requireBuiltin('node:string_decoder') === sd]",
    "const { StringDecoder } = requireBuiltin('string_decoder'); return StringDecoder.prototype.write.call({}, Buffer.from('a'))",
]


def test_string_decoder_api_matches_node(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(run_js, node, batch_code(CASES), labels=CASES)
