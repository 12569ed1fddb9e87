"""axios on the wire: what a script sends (method, path, query, headers, body, multipart
parts) and what it reads back, differential against Node 20's axios on the same recording
loopback server. Errors, interceptors and the guard: test_npm_axios_errors.py."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.codeblock.fetch_helpers import FetchRunner, LocalServer
from tests.codeblock.npm_axios_helpers import NODE_PRELUDE, run_on_wire
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node


A = "const axios = require('axios');\n"
WIRE_CASES = [
    "await axios.get(input.base + '/echo')",
    "await axios.get(input.base + '/echo?x=1', {params: {a: 1, b: 'x y', c: [1, 2], d: {e: 'f'},"
    " n: null, u: undefined, t: new Date(0)}})",
    "await axios.get(input.base + '/echo', {params: {q: 'a&b'}, paramsSerializer: p => 'raw=' + p.q})",
    "await axios.get(input.base + '/echo', {params: new URLSearchParams({k: 'v w'})})",
    "await axios.post(input.base + '/echo', {a: 1, b: ['é', null], c: {d: true}})",
    "await axios.post(input.base + '/echo', 'plain text')",
    "await axios.post(input.base + '/echo', '{\"already\": \"json\"}')",
    "await axios.put(input.base + '/echo', new URLSearchParams({a: '1 2', b: 'é'}))",
    "await axios.post(input.base + '/echo', {a: 1, b: [1, 2], c: {d: 'x'}},"
    " {headers: {'Content-Type': 'application/x-www-form-urlencoded'}})",
    "await axios.patch(input.base + '/echo', Buffer.from([0, 1, 255]))",
    "await axios.post(input.base + '/echo', new Uint8Array([5, 6]).buffer)",
    "await axios.delete(input.base + '/echo', {data: {id: 7}})",
    "await axios.head(input.base + '/echo')",
    "await axios.options(input.base + '/echo')",
    "await axios({method: 'post', url: '/echo', baseURL: input.base, data: {z: 1},"
    " headers: {'X-A': 'b', Accept: 'text/plain'}})",
    "await axios.get(input.base + '/echo', {auth: {username: 'us', password: 'pä'}})",
    "await axios.get(input.base + '/echo', {headers: {'User-Agent': 'mine', 'X-Num': 5}})",
    "await axios.post(input.base + '/echo', {a: 1, f: [1, 2], n: {m: 'x'}},"
    " {headers: {'Content-Type': 'multipart/form-data'}})",
    "const f = new FormData(); f.append('a', 'b\\nc'); f.append('file', new Blob(['xyz'],"
    " {type: 'text/csv'}), 'r.csv'); await axios.post(input.base + '/echo', f)",
    "const F = require('form-data'); const f = new F(); f.append('a', 'b'); f.append('n', 12);"
    " f.append('buf', Buffer.from('hi'), {filename: 'x.json'}); await axios.post(input.base + '/echo', f)",
    "const F = require('form-data'); const f = new F(); f.append('a', 'b');"
    " await axios.post(input.base + '/echo', f, {headers: f.getHeaders({'X-Extra': '1'})})",
    "const api = axios.create({baseURL: input.base, headers: {'X-Api': 'k'}, params: {token: 't'},"
    " timeout: 2000}); await api.get('/echo', {params: {p: 2}}); await api.post('echo', {v: 1})",
    "const api = axios.create({baseURL: input.base + '/'}); api.defaults.headers.common['X-D'] = '1';"
    " api.defaults.headers.post['X-P'] = '2'; await api.post('/echo'); await api.get('echo')",
]


@pytest.mark.parametrize("code", WIRE_CASES)
def test_requests_match_node(
    runner: FetchRunner, node: NodeOracle, server: LocalServer, code: str
) -> None:
    _, _, mine, theirs = run_on_wire(runner, node, server, A + code + "; return 1")
    assert mine and mine == theirs


RESPONSE_CASES = [
    "const r = await axios.get(input.base + '/echo'); return [r.status, r.statusText,"
    " typeof r.data, r.data.method, r.headers['content-type'], r.headers.constructor.name,"
    " r.config.url, r.config.method, typeof r.request]",
    "const r = await axios.get(input.base + '/cookies'); return [r.data, r.headers['set-cookie'],"
    " r.headers['x-multi'], r.headers.get('X-Multi'), r.headers.has('set-cookie')]",
    "const r = await axios.get(input.base + '/gzip'); return [r.data.length,"
    " r.headers['content-encoding']]",
    "const r = await axios.get(input.base + '/echo', {responseType: 'text'}); return typeof r.data",
    "const r = await axios.get(input.base + '/status', {responseType: 'arraybuffer',"
    " validateStatus: () => true}); return [Buffer.isBuffer(r.data), r.data.toString(), r.status]",
    "const r = await axios.get(input.base + '/nocontent'); return [r.status, r.data]",
    "const r = await axios.get(input.base + '/multipart', {responseType: 'json'}); return r.data",
    "return await axios.get(input.base + '/multipart', {responseType: 'json', transitional:"
    " {silentJSONParsing: false}}).catch(e => [e.name, e.code, e.response.status])",
    "const r = await axios.get(input.base + '/redirect/302/echo'); return [r.status, r.data.path]",
    "const r = await axios.post(input.base + '/redirect/303/echo', {a: 1}); return [r.data.method,"
    " r.data.body]",
    "const r = await axios.get(input.base + '/redirect/302/echo', {maxRedirects: 0,"
    " validateStatus: null}); return [r.status, r.headers.location]",
    "const r = await axios.get('data:text/plain;base64,aGk='); return [r.status, r.data]",
    "const both = await axios.all([axios.get(input.base + '/echo?i=1'),"
    " axios.get(input.base + '/echo?i=2')]); return axios.spread((x, y) =>"
    " [x.data.path, y.data.path])(both)",
    "const r = await axios.get(input.base + '/echo', {transformResponse: [(d, h) =>"
    " [typeof d, h['content-type']]]}); return r.data",
    "const r = await axios.get(input.base + '/echo', {validateStatus: s => s === 200,"
    " headers: {common: {'X-C': '1'}}}); return r.data.headers.filter(([k]) => k === 'X-C')",
]


@pytest.mark.parametrize("code", RESPONSE_CASES)
def test_responses_match_node(
    runner: FetchRunner, node: NodeOracle, server: LocalServer, code: str
) -> None:
    mine, theirs, sent, sent_node = run_on_wire(runner, node, server, A + code)
    assert mine == theirs
    if "axios.all(" in code:
        # Concurrent requests reach the server in whichever order the sockets connect,
        # in Node as here: compare what was sent, not the arrival order.
        sent, sent_node = sorted(sent, key=repr), sorted(sent_node, key=repr)
    assert sent == sent_node


T = (
    "const T = async (f) => { try { return ['ok', await f()] } catch (e) {"
    " return [e.name, e.code, e.message, e.cause && e.cause.code] } };\n"
)
CONFIG_CASES = [
    "return T(async () => { const r = await axios.get(input.base + '/echo', {responseType: 'stream'});"
    " const chunks = []; for await (const c of r.data) chunks.push(c); return [Buffer.isBuffer(chunks[0]),"
    " JSON.parse(Buffer.concat(chunks).toString()).path, r.data.statusCode, r.headers['content-type']] })",
    "return T(async () => { const r = await axios.get(input.base + '/status', {responseType: 'stream',"
    " validateStatus: null}); r.data.setEncoding('utf8'); const text = await new Promise((res, rej) =>"
    " { let s = ''; r.data.on('data', c => { s += c }); r.data.on('end', () => res(s));"
    " r.data.on('error', rej) }); return [text, r.status] })",
    "return T(async () => (await axios.get(input.base + \"/echo/a.json?q='x'&r=(1)\")).data.path)",
    "return T(async () => (await axios.get(input.base + ':80'.slice(3) + '/echo/a|b?x=[1]^{}')).data.path)",
    "return T(() => axios.get(input.base + '/echo', {headers: {'bad name': 'x'}}))",
    "return T(() => axios({url: input.base + '/echo', method: 'GE T'}))",
    "return T(async () => (await axios.get(input.base + '/echo', {headers: {'X-V': 'a\\u0100b\\r\\nc'}}))"
    ".data.headers.filter(([k]) => k === 'X-V'))",
    "return T(async () => (await axios.get(input.base + '/echo', {data: 'on-get'})).data.body)",
    "return T(() => axios.get('/relative'))",
    "return T(async () => (await axios.get(input.base.replace('http://', 'http://us%20r:p%40ss@')"
    " + '/echo')).data.headers.filter(([k]) => /auth/i.test(k)))",
    "return T(async () => (await axios.get(input.base + '/echo/é d?q=ü v#frag')).data.path)",
    "return T(async () => (await axios.get(input.base + '/echo/./a/../b')).data.path)",
    "return T(async () => (await axios.get(input.base + '/echo', {headers: {'X-Arr': ['a', 'b']}}))"
    ".data.headers.filter(([k]) => /x-arr/i.test(k)))",
    "return T(async () => { const r = await axios.get(input.base + '/redirect/302/echo'); return"
    " [r.request.path, r.request.method, r.request.res.responseUrl.replace(input.base, ''),"
    " r.request.host, r.request.protocol] })",
    "return T(async () => (await axios.get(input.base + '/status', {responseEncoding: 'latin1',"
    " validateStatus: null})).data)",
    "return T(async () => { const r = await axios.get(input.base + '/status', {responseType: 'blob',"
    " validateStatus: null}); return [typeof r.data, r.data] })",
    "return [axios.getUri({url: '/x', baseURL: input.base, params: {a: [1, 2]}}).replace(input.base,"
    " ''), axios.defaults.adapter, Object.keys(axios).sort(), Object.keys(axios.defaults).sort(),"
    " Object.keys(axios.defaults.env), axios.VERSION, axios.HttpStatusCode.NotFound]",
    "return T(async () => { const ev = []; await axios.post(input.base + '/echo', {a: 1},"
    " {onUploadProgress: e => ev.push(['up', e.loaded, e.total, e.progress, e.upload,"
    " e.lengthComputable, Object.keys(e).sort()]), onDownloadProgress: e => ev.push(['down',"
    " e.loaded > 0, e.progress, e.download, Object.keys(e).sort()])}); return ev })",
    "return T(async () => (await axios.get(input.base + '/echo', {beforeRedirect: () => {},"
    " proxy: false, decompress: false})).status)",
]


@pytest.mark.parametrize("code", CONFIG_CASES)
def test_config_cases_match_node(
    runner: FetchRunner, node: NodeOracle, server: LocalServer, code: str
) -> None:
    mine, theirs, sent, sent_node = run_on_wire(runner, node, server, A + T + code)
    assert mine == theirs
    assert sent == sent_node


def test_too_many_redirects_match_node(
    runner: FetchRunner, node: NodeOracle, server: LocalServer
) -> None:
    code = A + T + "return T(() => axios.get(input.base + '/chain/30'))"
    mine, theirs, sent, sent_node = run_on_wire(runner, node, server, code)
    assert mine == theirs
    # Node's follow-redirects gives up after 21 redirects; the host after FETCH_MAX_REDIRECTS (5)
    assert (len(sent), len(sent_node)) == (6, 22)


def test_requests_run_concurrently(runner: FetchRunner, server: LocalServer) -> None:
    code = (
        A
        + "const rs = await Promise.all([1, 2, 3].map(i => axios.get(input.base + '/wait?i=' + i)));"
        " return rs.map(r => r.data)"
    )
    out = runner.run(code, {"base": server.base})
    assert out["success"], out
    assert out["result"] == ["waited"] * 3
    assert server.rec.max_in_flight == 3


DUPLICATES = [
    ("Content-Type", "text/plain"),
    ("Content-Type", "text/html"),
    ("X-A", "1"),
    ("x-a", "2"),
    ("Set-Cookie", "a=1"),
    ("Set-Cookie", "b=2; Path=/"),
    ("Cookie", "c=1"),
    ("Cookie", "d=2"),
    ("ETag", '"x"'),
    ("ETag", '"y"'),
    ("Warning", "w1"),
    ("Warning", "w2"),
]


@pytest.fixture
def duplicates_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            self.send_response(200)
            for k, v in DUPLICATES:
                self.send_header(k, v)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def test_repeated_response_headers_merge_as_in_node(
    runner: FetchRunner, node: NodeOracle, duplicates_server: str
) -> None:
    code = (
        A + "const r = await axios.get(input.base + '/');"
        " const h = {...r.headers}; delete h.date; delete h.server; return h"
    )
    ours = runner.run(code, {"base": duplicates_server})
    theirs = node.run(NODE_PRELUDE + code, {"base": duplicates_server})
    assert ours["success"] and theirs["success"], (ours, theirs)
    assert ours["result"] == theirs["result"]
