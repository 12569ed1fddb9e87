"""Headers, FormData, Request, Response (no network) and what fetch() sends: differential against Node 20."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.fetch_helpers import FetchRunner, LocalServer, local_server
from tests.codeblock.web_diff import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

PRELUDE = (
    "const out = [];\n"
    "const T = async (f) => { try { out.push(await f()) } catch (e) "
    "{ out.push([e.name, e.code, e.message, e.cause && String(e.cause)]) } };\n"
)
LINES = r"""
await T(()=>new Response('x', {status: 99}));
await T(()=>new Response('x', {status: 204}));
await T(()=>new Response('x', {statusText: 'a\nb'}));
await T(()=>new Response(null, {status: 204}).status);
await T(()=>Response.redirect('/x'));
await T(()=>Response.redirect('http://a/x', 200));
await T(()=>{ const r = Response.redirect('http://a/x'); return [r.status, r.headers.get('location'), r.type, r.url, r.ok]});
await T(()=>{ const r = Response.json({a: 1}, {status: 201, headers: {'x-y': 'z'}}); return [r.status, [...r.headers], r.type]});
await T(()=>{ const r = Response.error(); return [r.status, r.type, r.ok, r.statusText, r.url, r.body]});
await T(()=>{ const r = new Response(); return [r.status, r.type, r.ok, r.statusText, r.url, r.body, r.bodyUsed, r.redirected, [...r.headers]]});
await T(async ()=>{ const r = new Response('hé'); return [await r.text(), r.bodyUsed, [...r.headers]]});
await T(async ()=>{ const r = new Response('hé'); await r.text(); return await r.text()});
await T(async ()=>{ const r = new Response('hé'); await r.text(); return r.clone()});
await T(async ()=>{ const r = new Response('{bad'); try { return await r.json() } catch (e) { return e.name } });
await T(async ()=>{ const r = new Response(new URLSearchParams('a=1&b=2')); return [[...r.headers], await r.text()]});
await T(async ()=>{ const r = new Response(new Blob(['x'], {type: 'A/b'})); return [[...r.headers], await r.text()]});
await T(async ()=>{ const r = new Response(new Uint8Array([1,2])); return [[...r.headers], Array.from(await r.bytes())]});
await T(async ()=>{ const r = new Response(12); return [[...r.headers], await r.text()]});
await T(async ()=>{ const r = new Response('a=1&b=%20', {headers: {'content-type': 'application/x-www-form-urlencoded'}}); const f = await r.formData(); return [...f]});
await T(async ()=>{ const r = new Response('a=1'); return await r.formData()});
await T(async ()=>{ const r = new Response('x'); const b = await r.blob(); return [b.type, b.size]});
await T(()=>new Request('/x'));
await T(()=>new Request('http://a/x', {method: 'GET', body: 'x'}));
await T(()=>new Request('http://a/x', {method: 'CONNECT'}));
await T(()=>new Request('http://a/x', {method: 'bad method'}));
await T(()=>new Request('http://u:p@a/x'));
await T(()=>{ const r = new Request('http://a/x?q#h', {method: 'post', body: 'x'}); return [r.method, r.url, [...r.headers], r.bodyUsed, r.redirect, r.signal.aborted, r.mode, r.credentials, r.cache, r.referrer, r.destination, r.keepalive, r.duplex, r.integrity, typeof r.body]});
await T(()=>{ const r = new Request('http://a/x', {method: 'patch'}); return r.method });
await T(()=>{ const r = new Request('http://a/x', {method: 'delete'}); return r.method });
await T(async ()=>{ const r = new Request('http://a/x', {method: 'PUT', body: 'abc', headers: {a: 'b'}}); const r2 = new Request(r, {method: 'POST'}); return [r2.method, await r2.text(), r.bodyUsed, [...r2.headers]]});
await T(async ()=>{ const r = new Request('http://a/x', {method: 'PUT', body: 'abc'}); const c = r.clone(); return [await c.text(), await r.text()]});
await T(()=>new Request('http://a/x', {redirect: 'x'}));
await T(()=>new Request('http://a/x', {signal: 1}));
await T(()=>new Response('x', {headers: 1}));
await T(async ()=>await new Response({}).text());
await T(()=>new FormData(1));
await T(()=>{ const f = new FormData(); f.append('a', '1'); f.append('b', new Blob(['x'])); f.append('c', new Blob(['y']), 'n.txt'); f.set('a', 'z'); return [...f].map(([k, v]) => [k, typeof v === 'string' ? v : [v.constructor.name, v.name, v.type, v.size]])});
await T(()=>{ const f = new FormData(); f.append('a', {}); f.append('b'); });
await T(()=>{ const f = new FormData(); f.append('a', 'x', 'y'); });
await T(async ()=>{ const f = new FormData(); f.append('a', 'x'); f.append('f"\n', new File(['hi'], 'a"b\r.txt', {type: 'text/plain'})); const r = new Response(f); const ct = r.headers.get('content-type'); const t = await r.text(); return [ct.replace(/boundary=.*/, 'B'), t.replace(new RegExp(ct.split('boundary=')[1], 'g'), 'B'), /^multipart\/form-data; boundary=----formdata-undici-0\d{11}$/.test(ct)]});
await T(async ()=>{ const f = new FormData(); f.append('a', 'x'); f.append('f', new File(['hi'], 'a.txt', {type: 'text/plain'})); const r = new Response(f); const g = await new Response(await r.text(), {headers: r.headers}).formData(); return [...g].map(([k, v]) => [k, typeof v === 'string' ? v : [v.constructor.name, v.name, v.type, v.size]])});
await T(()=>fetch('ftp://x/'));
await T(()=>fetch('/x'));
await T(()=>fetch('http://a/', {signal: AbortSignal.abort()}));
await T(()=>fetch('http://a/', {signal: AbortSignal.abort('r')}));
await T(()=>fetch());
await T(async ()=>{ const r = await fetch('data:text/plain;base64,aGk='); return [r.status, r.statusText, [...r.headers], await r.text(), r.url, r.type]});
await T(async ()=>{ const r = await fetch('data:,a%20b'); return [r.status, [...r.headers], await r.text()]});
await T(()=>[Object.getOwnPropertyNames(Request.prototype).filter(n => n !== 'attribute'), Object.getOwnPropertyNames(Response.prototype), Object.getOwnPropertyNames(Response), Object.getOwnPropertyNames(FormData.prototype), Object.keys(Response.prototype), Object.keys(Response), String(new Response()), String(new Request('http://a')), String(new FormData()), String(new FormData().keys())]);
""".strip().splitlines()
CASES = [PRELUDE + line + "\nreturn out;" for line in LINES]

HEADERS_CASE = r"""
const out = [];
const h = new Headers({B: '1', a: ' x ', 'Set-Cookie': 'c=1'});
h.append('set-cookie', 'd=2'); h.append('a', 'y'); h.append('C', '');
out.push([...h], h.get('A'), h.get('set-cookie'), h.getSetCookie(), h.has('b'), h.get('zz'));
for (const f of [()=>new Headers([['a']]), ()=>new Headers(1), ()=>new Headers('x'), ()=>h.append('a b', 'x'), ()=>h.append('a', 'x\ny'), ()=>h.set('a', 'x\0'), ()=>h.get('a b'), ()=>h.append('a'), ()=>new Headers([1]), ()=>h.forEach(1), ()=>h.append('é', 'x'), ()=>h.append('a', 'é'), ()=>h.append('a', '\u0100'), ()=>h.delete('a b'), ()=>h.has(''), ()=>new Headers(new Headers([['x', '1'], ['x', '2']])).get('x'), ()=>new Headers([new Set(['q', 'r'])]).get('q'), ()=>new Headers(null)])
  try { out.push(f()) } catch (e) { out.push([e.name, e.code, e.message]) }
const it = h.entries(); h.delete('a');
out.push([...it], Object.getOwnPropertyNames(Headers.prototype), Object.keys(Headers.prototype), String(h), String(h.keys()), Object.getOwnPropertyNames(Object.getPrototypeOf(h.keys())));
const fe = []; h.forEach(function (v, k, o) { fe.push([v, k, o === h, this.t]) }, {t: 1}); out.push(fe);
out.push(Object.getPrototypeOf(Object.getPrototypeOf(h.keys())) === Object.getPrototypeOf(Object.getPrototypeOf([].keys())), typeof h[Symbol.iterator], h[Symbol.iterator] === h.entries);
return out;

"""


MORE_CASES = [
    r"""
const a = new Response('abc', {headers: {'content-type': 'x/y'}});
const b = new Response(a.body);
const out = [await b.text(), a.bodyUsed, [...b.headers]];
const c = new Response('q'); const r = c.body.getReader();
try { new Response(c.body) } catch (e) { out.push([e.name, e.message]) }
return out;
""",
    r"""
const out = [];
for (const init of [undefined, {status: 201}, {headers: {'Content-Type': 'text/x'}}, {headers: [['x', 'y']]}, {status: 204}]) {
  try { const r = Response.json({a: [1]}, init); out.push([r.status, [...r.headers], await r.text()]) } catch (e) { out.push([e.name, e.message]) }
}
try { Response.json(undefined) } catch (e) { out.push([e.name, e.message]) }
try { Response.json(1n) } catch (e) { out.push([e.name]) }
return out;
""",
    r"""
const ac = new AbortController();
const r = new Request('http://a/', {signal: ac.signal});
const c = r.clone();
ac.abort('stop');
return [r.signal.aborted, r.signal.reason, c.signal.aborted, c.signal.reason, r.signal === ac.signal];
""",
    r"""
const r = new Response('abc');
const reader = r.body.getReader();
const first = await reader.read();
const second = await reader.read();
return [Array.from(first.value), first.done, second.done, second.value, r.bodyUsed, r.body.locked];
""",
    r"""
const r = new Response('abc');
const c = r.clone();
return [await r.text(), await c.text(), r.bodyUsed, c.bodyUsed, new Response(null).bodyUsed,
  await new Response(null).text(), await new Response().arrayBuffer().then(b => b.byteLength)];
""",
    r"""
const f = new FormData();
f.append('x', new File(['1'], 'orig.txt', {type: 'a/b', lastModified: 7}));
f.append('y', new File(['2'], 'orig.txt'), 'renamed.txt');
f.set('z', new Blob(['3']));
const [x, y, z] = [f.get('x'), f.get('y'), f.get('z')];
return [x.name, x.lastModified, x.type, y.name, z.name, z.constructor.name, f.has('z'), f.getAll('q')];
""",
    r"""
const out = [];
for (const t of ['X/Y; a=b', 'text/plain;charset=UTF-8', 'text/html ; Charset="utf-8"', 'bad', 'a/b;c', 'a/b; x="q\\"z"', 'A/B;x=Y;x=Z', ' a/b ', 'a/b;=c', 'a/b;c=', 'a/ b', 'application/json; charset=utf-8; x="a b"', 'a/b;x="unterminated', 'a/b;x="";y=1', 'a/b ;  x = y', 'a/b;x=y ;z', '/b', 'a/', 'a/b;x="a\\\\b"', 'a/b;é=1', 'a/b;x=é'])
  out.push([t, (await new Response('', {headers: {'content-type': t}}).blob()).type]);
return out;
""",
    r"""
const h = new Headers({'Set-Cookie': 'a=1'});
h.append('set-cookie', 'b=2');
h.set('set-cookie', 'c=3');
const seen = []; for (const [k, v] of h) seen.push(k + '=' + v);
return [seen, h.getSetCookie(), new Headers(h).getSetCookie()];
""",
]


@pytest.mark.parametrize("code", MORE_CASES)
def test_more_fetch_classes_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, code)


@pytest.mark.parametrize("code", CASES)
def test_fetch_classes_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, code)


def test_headers_match_node(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(run_js, node, HEADERS_CASE)


NAMES = st.sampled_from(["a", "A", "b", "Set-Cookie", "set-cookie", "x-y", "X-Y", "bad name", ""])
VALUES = st.text(alphabet="ab ,=\t\u00e9\u0100\n", max_size=5)
HEADER_OPS = st.lists(
    st.tuples(
        st.sampled_from(["append", "set", "delete", "get", "has", "getSetCookie"]), NAMES, VALUES
    ),
    max_size=15,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=HEADER_OPS)
def test_headers_operations_match_node(run_js: RunJs, node: NodeOracle, ops: list[Any]) -> None:
    code = """
    const h = new Headers();
    const log = [];
    for (const [op, name, value] of input.ops) {
      try {
        if (op === 'append' || op === 'set') h[op](name, value);
        else if (op === 'getSetCookie') log.push(h.getSetCookie());
        else log.push(h[op](name));
      } catch (e) { log.push([e.name, e.message]) }
    }
    const seen = []; h.forEach((v, k) => seen.push([k, v]));
    return [log, [...h], seen, [...new Headers(h)]];
    """
    assert_same(run_js, node, code, {"ops": ops})


FORM_OPS = st.lists(
    st.tuples(
        st.sampled_from(["append", "set", "delete", "get", "getAll", "has", "appendFile"]),
        st.sampled_from(["a", "b", 'c\r\n"', "LONE"]),
        st.text(alphabet="xy\r\n\u00e9", max_size=4),
    ),
    max_size=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=FORM_OPS)
def test_formdata_operations_and_round_trip_match_node(
    run_js: RunJs, node: NodeOracle, ops: list[Any]
) -> None:
    code = """
    const f = new FormData();
    const log = [];
    const show = (v) => v === null || typeof v === 'string' ? v : [v.constructor.name, v.name, v.type, v.size];
    for (let [op, name, value] of input.ops) {
      if (name === 'LONE') name = '\\ud800';
      if (op === 'appendFile') f.append(name, new Blob([value], {type: 'text/x'}), value + '.txt');
      else if (op === 'append' || op === 'set') f[op](name, value);
      else if (op === 'getAll') log.push(f.getAll(name).map(show));
      else if (op === 'get') log.push(show(f.get(name)));
      else log.push(f[op](name));
    }
    const r = new Response(f);
    const ct = r.headers.get('content-type');
    const boundary = ct.split('boundary=')[1];
    const text = (await r.text()).split(boundary).join('BOUNDARY');
    const back = await new Response(text.split('BOUNDARY').join(boundary), {headers: {'content-type': ct}}).formData();
    return [log, [...f].map(([k, v]) => [k, show(v)]), text, [...back].map(([k, v]) => [k, show(v)])];
    """
    assert_same(run_js, node, code, {"ops": ops})


# ----------------------------------------------------- what goes on the wire


def _wire(seen: dict[str, Any]) -> dict[str, Any]:
    """What must match: method, path, body, headers by lower-cased name (order-free)."""
    # Values compare without surrounding whitespace: h11 refuses it (we strip it), undici sends it.
    headers = {
        k.lower(): v.strip(" \t")
        for k, v in seen["headers"]
        if k.lower() not in ("host", "connection")
    }
    ctype = headers.get("content-type", "")
    body = seen["body"]
    if "boundary=" in ctype:
        boundary = ctype.split("boundary=")[1]
        headers["content-type"] = ctype.replace(boundary, "B")
        body = body.replace(boundary, "B")
        headers.pop("content-length", None)  # the boundary's digits may vary in count
    return {"method": seen["method"], "path": seen["path"], "body": body, "headers": headers}


WIRE_CASES = [
    "await fetch(input.base + '/echo?a=1&b=%20#x')",
    "await fetch(input.base + '/echo', {method: 'post', body: 'text'})",
    "await fetch(input.base + '/echo', {method: 'PATCH', body: new Uint8Array([1, 2, 3])})",
    "await fetch(input.base + '/echo', {method: 'POST', body: new URLSearchParams([['k', 'v w']])})",
    "await fetch(input.base + '/echo', {method: 'POST', body: new Blob(['b'], {type: 'image/gif'})})",
    "await fetch(input.base + '/echo', {method: 'POST'})",
    "await fetch(input.base + '/echo', {method: 'OPTIONS', headers: {'X-One': ' padded ', accept: 'text/html'}})",
    "await fetch(input.base + '/echo', {headers: [['user-agent', 'mine'], ['accept-encoding', 'identity']]})",
    "const f = new FormData(); f.append('a', 'b'); f.append('c', new File(['d'], 'e.txt'));"
    " await fetch(input.base + '/echo', {method: 'PUT', body: f})",
    "await fetch(new Request(input.base + '/echo', {method: 'DELETE', body: JSON.stringify({x: 1}),"
    " headers: {'content-type': 'application/json'}}))",
    "await fetch(input.base + '/redirect/303/echo', {method: 'PUT', body: 'gone'})",
    "await fetch(input.base + '/redirect/307/echo', {method: 'PUT', body: 'kept'})",
]


@pytest.mark.parametrize("code", WIRE_CASES)
def test_requests_on_the_wire_match_node(
    runner: FetchRunner, node: NodeOracle, server: LocalServer, code: str
) -> None:
    script = code + "; return 1"
    ours = runner.run(script, {"base": server.base})
    assert ours["success"], ours
    mine = [_wire(r) for r in server.rec.requests]
    server.rec.requests.clear()
    theirs = node.run(script, {"base": server.base})
    assert theirs["success"], theirs
    assert mine == [_wire(r) for r in server.rec.requests]


def test_responses_read_the_same_as_node(
    runner: FetchRunner, node: NodeOracle, server: LocalServer
) -> None:
    code = """
    const out = [];
    for (const path of ['/status', '/cookies', '/multipart', '/redirect/301/status', '/nocontent', '/gzip']) {
      const r = await fetch(input.base + path);
      const h = [...r.headers].filter(([k]) => k !== 'date' && k !== 'server');
      let body;
      if (path === '/multipart') body = [...await r.formData()].map(([k, v]) => [k, typeof v === 'string' ? v : [v.name, v.type, v.size]]);
      else body = (await r.text()).length;
      out.push([r.status, r.statusText, r.ok, r.redirected, r.url.replace(input.base, ''), r.type, h, body, r.bodyUsed]);
    }
    return out;
    """
    mine = runner.run(code, {"base": server.base})
    theirs = node.run(code, {"base": server.base})
    assert mine["success"] and theirs["success"], (mine, theirs)
    assert json.dumps(mine["result"]) == json.dumps(theirs["result"])


def test_failures_match_node(runner: FetchRunner, node: NodeOracle, server: LocalServer) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    code = """
    const out = [];
    const attempts = [
      () => fetch('http://127.0.0.1:' + input.closed + '/'),
      () => fetch('ftp://127.0.0.1/'),
      () => fetch('/relative'),
      () => fetch(input.base + '/redirect/302/echo', {redirect: 'error'}),
      () => fetch(input.base + '/echo', {signal: AbortSignal.abort()}),
      () => fetch(input.base + '/echo', {method: 'GET', body: 'x'}),
      () => fetch(input.base + '/echo', {method: 'TRACE'}),
      () => fetch(input.base + '/echo', {headers: {'bad header': 'x'}}),
    ];
    for (const attempt of attempts) {
      try { await attempt(); out.push('ok') }
      catch (e) { out.push([e.name, e.message, e.cause ? [e.cause.name, e.cause.code || null] : null]) }
    }
    return out;
    """
    inp = {"base": server.base, "closed": closed}
    mine = runner.run(code, inp)
    theirs = node.run(code, inp)
    assert mine["success"] and theirs["success"], (mine, theirs)
    assert mine["result"] == theirs["result"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=64),
    text=st.text(max_size=16),
    ctype=st.sampled_from(
        [None, "text/plain", "application/json", "X/Y; a=b", "application/x-www-form-urlencoded"]
    ),
)
def test_body_reads_match_node(
    run_js: RunJs, node: NodeOracle, data: bytes, text: str, ctype: str | None
) -> None:
    code = """
    const init = input.ctype === null ? {} : {headers: {'content-type': input.ctype}};
    const out = [];
    for (const body of [new Uint8Array(input.data), input.text, new Blob([input.text])]) {
      const r = new Response(body, init);
      const c = r.clone();
      const b = await c.blob();
      let form;
      try { form = [...await r.clone().formData()] } catch (e) { form = e.name }
      out.push([Array.from(await r.bytes()), b.type, b.size, r.headers.get('content-type'), form]);
    }
    out.push(await new Response(new Uint8Array(input.data)).text());
    return out;
    """
    assert_same(run_js, node, code, {"data": list(data), "text": text, "ctype": ctype})


HEADER_NAME = st.text(alphabet="abcXYZ-_!#", min_size=1, max_size=6)
HEADER_VALUE = st.text(alphabet="ab 1,;=\u00e9\t", max_size=8)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    headers=st.lists(st.tuples(HEADER_NAME, HEADER_VALUE), max_size=6),
    method=st.sampled_from(["GET", "POST", "put", "PATCH", "delete"]),
    body=st.one_of(st.none(), st.binary(max_size=40)),
)
def test_random_requests_on_the_wire_match_node(
    runner: FetchRunner,
    node: NodeOracle,
    headers: list[tuple[str, str]],
    method: str,
    body: bytes | None,
) -> None:
    if body is not None and method == "GET":
        body = None
    code = """
    const init = {method: input.method, headers: input.headers};
    if (input.body !== null) init.body = new Uint8Array(input.body);
    const r = await fetch(input.base + '/echo', init);
    return r.status;
    """
    with local_server() as server:
        inp = {
            "base": server.base,
            "method": method,
            "headers": headers,
            "body": None if body is None else list(body),
        }
        ours = runner.run(code, inp)
        mine = [_wire(r) for r in server.rec.requests]
        server.rec.requests.clear()
        theirs = node.run(code, inp)
        assert ours["success"] == theirs["success"], (ours, theirs)
        assert mine == [_wire(r) for r in server.rec.requests]


MULTIPART = (
    b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n'
    b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="f.bin"\r\n'
    b"Content-Type: application/octet-stream\r\n\r\n\x00\x01\xff\r\n--XyZ--\r\n"
)
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["del", "ins", "set"]),
        st.integers(0, len(MULTIPART) - 1),
        st.sampled_from(list(b'\r\n-";= aX*:')),
    ),
    max_size=3,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=EDITS,
    ctype=st.sampled_from(
        [
            "multipart/form-data; boundary=XyZ",
            'multipart/form-data; boundary="XyZ"',
            "multipart/form-data",
            "Multipart/Form-Data;boundary=XyZ ; x=1",
        ]
    ),
)
def test_multipart_parsing_matches_node(
    run_js: RunJs, node: NodeOracle, edits: list[tuple[str, int, int]], ctype: str
) -> None:
    """undici's parser is strict: damaged bodies must fail (or parse) exactly as in Node."""
    body = bytearray(MULTIPART)
    for op, pos, byte in edits:
        pos %= len(body)
        if op == "del":
            del body[pos]
        elif op == "ins":
            body.insert(pos, byte)
        else:
            body[pos] = byte
    code = """
    const r = new Response(new Uint8Array(input.body), {headers: {'content-type': input.ct}});
    try {
      const f = await r.formData();
      return [...f].map(([k, v]) => [k, typeof v === 'string' ? v : [v.name, v.type, v.size]]);
    } catch (e) { return [e.name, e.message] }
    """
    assert_same(run_js, node, code, {"body": list(body), "ct": ctype})
