"""Blob and File: differential against Node 20."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.web_diff import assert_same, split_cases
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

CASES = split_cases(
    r"""
const out=[];
for (const f of [()=>new Blob(1), ()=>new Blob('abc'), ()=>new Blob([], 1), ()=>new Blob([], {endings: 'x'}), ()=>new File([]), ()=>new File(), ()=>new Blob({}), ()=>new Blob(null), ()=>new Blob([], {type: 'A/B'}).type, ()=>new Blob([], {type: 'a/\u00e9'}).type, ()=>new Blob(['a'], {type: 'x\ny'}).type, ()=>Blob.prototype.size])
  try { out.push(f()) } catch (e) { out.push([e.name, e.code, e.message]) }
return [out, Object.getOwnPropertyNames(Blob.prototype), Object.keys(Blob.prototype), Object.getOwnPropertyNames(File.prototype), Object.keys(File.prototype)];
----
const f = new File(['ab', new Uint8Array([99, 100]), new Blob(['é'])], 'n.txt', {type: 'text/plain', lastModified: 5});
return [f.name, f.lastModified, f.size, f.type, String(f), f instanceof Blob, typeof new File([], 'x').lastModified, await f.text(), Array.from(await f.bytes()), (await f.arrayBuffer()).byteLength, String(await f.arrayBuffer())]
----
const b = new Blob(['abcdef']);
const r = [];
for (const [s, e] of [[0], [1, 3], [-2], [-10, 2], [4, 2], [2, -1], [undefined, 3]]) {
  const x = b.slice(s, e, 'X/Y'); r.push([x.size, x.type, await x.text()]);
}
return r;
----
const b = new Blob([new Uint16Array([1, 2]).subarray(1), new DataView(new ArrayBuffer(3), 1), 1, null, {}, '\ud800']);
return [b.size, Array.from(await b.bytes())];
----
const f = new File([], 'a', {lastModified: '12'}); const g = new File([], 1, {lastModified: 1.9});
return [f.lastModified, g.name, g.lastModified, new File([], 'z', {lastModified: -1.5}).lastModified];

----
const b = new Blob(['héllo wörld'], {type: 'text/plain;charset=utf-8'});
const s = b.slice(1, 5);
return [b.size, b.type, s.size, s.type, await s.text(), Array.from(new Uint8Array(await s.arrayBuffer())),
  (await b.bytes()).constructor.name, String(b), b instanceof Blob, Object.prototype.toString.call(s)];
----
const parts = [new Blob(['a']), new File(['b'], 'f'), 'c', new Uint8Array([100]), new Float32Array([1]).buffer];
const b = new Blob(parts, {endings: 'native'});
return [b.size, Array.from(await b.bytes())];
----
const f = new File(['x'], 'name.txt');
return [f.name, f.type, f.size, typeof f.lastModified, f.lastModified > 1600000000000, f instanceof Blob, f instanceof File, String(f)];
----
const u = new Uint8Array([1, 2, 3]);
const b = new Blob([u]);
u[0] = 9;
return Array.from(await b.bytes());
----
const b = new Blob(['abc']);
const a = await b.bytes(); a[0] = 0;
return [await b.text(), (await b.arrayBuffer()) !== (await b.arrayBuffer())];
----
const s = new Blob(['ab', 'c']).stream();
const chunks = []; for await (const c of s) chunks.push(...c);
return chunks;
----
const b = new Blob(['\ud83d\ude00', '\udc00x']);
return [b.size, await b.text()];
"""
)


@pytest.mark.parametrize("code", CASES)
def test_blob_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, code)


PART = st.one_of(
    st.text(max_size=8).map(lambda s: {"s": s}),
    st.binary(max_size=8).map(lambda b: {"b": list(b)}),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(PART, max_size=5),
    start=st.one_of(st.none(), st.integers(-20, 20)),
    end=st.one_of(st.none(), st.integers(-20, 20)),
    type_=st.text(alphabet="aB/;= \u00e9x", max_size=6),
)
def test_parts_and_slices_match_node(
    run_js: RunJs,
    node: NodeOracle,
    parts: list[object],
    start: int | None,
    end: int | None,
    type_: str,
) -> None:
    code = """
    const parts = input.parts.map((p) => 's' in p ? p.s : new Uint8Array(p.b));
    const b = new Blob(parts, {type: input.type});
    const s = input.start === null ? b.slice() : input.end === null ? b.slice(input.start) : b.slice(input.start, input.end, input.type);
    return [b.size, b.type, s.size, s.type, Array.from(await s.bytes()), await s.text()];
    """
    assert_same(run_js, node, code, {"parts": parts, "start": start, "end": end, "type": type_})
