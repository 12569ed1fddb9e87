"""form-data 4.0.6: the bytes of getBuffer() with a fixed boundary, headers and lengths,
differential against Node 20's package; what axios sends for it is in test_npm_axios.py."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.npm_axios_helpers import NODE_PRELUDE
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

PRELUDE = """const FormData = require('form-data');
const N = () => { const f = new FormData(); f.setBoundary('XyZ123'); return f; };
const B = (f) => { return [f.getBuffer().toString('latin1'),
  f.getLengthSync(), f.getBuffer().length, f.hasKnownLength(), f.getHeaders()]; };
const T = (fn) => { try { return fn(); } catch (e) { return [e.name, e.message]; } };
"""
CASES = [
    "return B(N())",
    "const f = N(); f.append('a', 'b'); return B(f)",
    "const f = N(); f.append('a', 12); f.append('n', null); f.append('u', undefined);"
    " f.append('é\"\\r\\n', 'x\\ny\\r\\nz'); return B(f)",
    "const f = N(); f.append('bin', Buffer.from([0, 1, 255])); return B(f)",
    "const f = N(); f.append('file', Buffer.from('{}'), 'data.json');"
    " f.append('img', Buffer.from('x'), {filename: 'dir/Pic.PNG'});"
    " f.append('csv', Buffer.from('a,b'), {filename: 'r.csv', contentType: 'text/x-mine'});"
    " f.append('unk', Buffer.from('?'), {filename: 'f.unknownext'});"
    " f.append('noext', 'text', 'README'); f.append('s', 'str', {filename: 'a\"b.txt'});"
    " return B(f)",
    "const f = N(); f.append('p', Buffer.from('x'), {filepath: 'a/../b/./c.html'});"
    " f.append('k', 'v', {knownLength: 40}); return B(f)",
    "const f = N(); f.append('h', 'v', {header: {'X-Part': 'p', 'Content-Type': 'x/y'}});"
    " f.append('raw', 'v', {header: '--XyZ123\\r\\nX-Raw: 1\\r\\n\\r\\n'}); return B(f)",
    "const f = new FormData(); return T(() => f.append('arr', [1, 2]))",
    "const f = new FormData(); let seen; f.on('error', e => { seen = e.message }); f.append('arr', [1]);"
    " return [seen, f.getLengthSync()]",
    "const f = N(); f.append('a', 'b');"
    " return [f.getHeaders({'X-Up': '1', 'Content-Type': 'over'}), typeof f.getBoundary(),"
    " /^-{26}[0-9a-f]{24}$/.test(f.getBoundary()), String(f), Object.prototype.toString.call(f)]",
    "const f = FormData(); f.append('a', 'b'); return [f instanceof FormData, typeof f.pipe,"
    " typeof f.getLength, T(() => f.setBoundary(5))]",
    "const f = N(); f.append('a', 'bc'); return await new Promise(r => f.getLength("
    "(err, n) => r([err, n])))",
]


@pytest.mark.parametrize("code", CASES)
def test_form_data_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    ours = run_js(PRELUDE + code)
    theirs = node.run(NODE_PRELUDE + PRELUDE + code)
    assert ours["success"] and theirs["success"], (ours, theirs)
    assert ours["result"] == theirs["result"]


PART_NAMES = st.text(alphabet='ab"\r\né ', min_size=1, max_size=6)
EXTENSIONS = st.sampled_from(["txt", "json", "png", "JPG", "csv", "pdf", "xlsx", "mp4", "zzz", ""])
PARTS = st.lists(
    st.one_of(
        st.tuples(st.just("str"), PART_NAMES, st.text(max_size=8), st.none()),
        st.tuples(st.just("num"), PART_NAMES, st.integers(-5, 10**6), st.none()),
        st.tuples(st.just("buf"), PART_NAMES, st.binary(max_size=8), EXTENSIONS),
    ),
    max_size=5,
)
RANDOM_FORM = """const FormData = require('form-data');
const f = new FormData();
f.setBoundary('b0undary');
for (const [kind, name, value, ext] of input.parts) {
  if (kind === 'buf') f.append(name, Buffer.from(value), ext === null ? undefined : 'file.' + ext);
  else f.append(name, value);
}
return [f.getBuffer().toString('base64'), f.getLengthSync()];
"""


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=PARTS)
def test_random_forms_are_byte_identical(
    run_js: RunJs, node: NodeOracle, parts: list[tuple[Any, ...]]
) -> None:
    data = [[k, n, list(v) if isinstance(v, bytes) else v, e] for k, n, v, e in parts]
    ours = run_js(RANDOM_FORM, {"parts": data})
    theirs = node.run(NODE_PRELUDE + RANDOM_FORM, {"parts": data})
    assert ours["success"] and theirs["success"], (ours, theirs)
    assert ours["result"] == theirs["result"]
