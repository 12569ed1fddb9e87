"""axios with `adapter: 'fetch'`: axios's own fetch adapter over the sandbox's global fetch()
(vendor/axios-fetch), differential against Node 20's axios on the same recording server."""

from __future__ import annotations

import pytest

from tests.codeblock.fetch_helpers import FetchRunner, LocalServer, fetch_limits
from tests.codeblock.npm_axios_helpers import run_on_wire
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

PRELUDE = """const axios = require('axios');
const a = axios.create({adapter: 'fetch'});
const T = async (f) => { try { return ['ok', await f()] } catch (e) { return [e.name, e.code, e.message,
  e instanceof axios.AxiosError, axios.isCancel(e), e.response && e.response.status] } };
const names = (r) => r.data.headers.map(([k, v]) => k.toLowerCase() + ': ' + v.replace(/:\\d+$/, ''));
"""
CASES = [
    "return T(async () => { const r = await a.get(input.base + '/echo', {params: {q: 'x y'}});"
    " return [r.status, r.data.path, names(r), Object.keys(r.headers), typeof r.request,"
    " r.headers instanceof axios.AxiosHeaders] })",
    "return T(async () => { const r = await a.get(input.base + '/status', {responseType: 'arraybuffer',"
    " validateStatus: null}); return [r.data.constructor.name, r.data.byteLength, r.statusText] })",
    "return T(() => a.get(input.base + '/nothere'))",
    "return T(() => a.get(input.base + '/redirect/500/x'))",
    "return T(() => a.get('http://127.0.0.1:1/'))",
    "return T(() => a.get(input.base + '/slow', {timeout: 50}))",
    "return T(async () => { const r = await a.post(input.base + '/echo', {x: 1}); return [names(r),"
    " r.data.body] })",
    "return T(async () => { const c = new AbortController(); setTimeout(() => c.abort(), 20);"
    " return a.get(input.base + '/slow', {signal: c.signal}) })",
    "return T(async () => { const f = new FormData(); f.append('a', 'b'); const r = await"
    " a.post(input.base + '/echo', f); return r.data.body.replace(/-{2,}[-\\w]+/g, 'B') })",
    "return T(async () => { const r = await a.get(input.base + '/cookies'); return"
    " [r.headers['set-cookie'], r.headers['x-multi'], r.data] })",
    "return T(async () => { const r = await a.get(input.base + '/gzip'); return"
    " [r.headers['content-encoding'], r.data.length] })",
    "return T(async () => { const r = await a.put(input.base + '/echo', new URLSearchParams({k: 'v'}));"
    " return [names(r), r.data.body] })",
    "return T(async () => { const r = await a.get(input.base + '/redirect/302/echo', {maxRedirects: 0,"
    " validateStatus: null}); return [r.status, r.headers.location] })",
]


@pytest.mark.parametrize("code", CASES)
def test_fetch_adapter_matches_node(
    runner: FetchRunner, node: NodeOracle, server: LocalServer, code: str
) -> None:
    mine, theirs, sent, sent_node = run_on_wire(runner, node, server, PRELUDE + code)
    assert mine == theirs
    if "/slow" not in code:  # an aborted request may or may not have reached the server
        assert sent == sent_node


def test_fetch_adapter_blocked_destination(server: LocalServer) -> None:
    guarded = FetchRunner(fetch_limits(ssrf_allow_list=""))
    try:
        code = (
            PRELUDE + "return T(async () => { try { await a.get(input.base + '/echo') } catch (e) {"
            " return [e.code, e.message, e.cause.name, e.cause.code, e.cause.message] } })"
        )
        out = guarded.run(code, {"base": server.base})
    finally:
        guarded.close()
    assert out["success"], out
    code_, message, cause_name, cause_code, cause_message = out["result"][1]
    assert (code_, message) == ("ERR_NETWORK", "Network Error")
    assert (cause_name, cause_code) == ("SecurityError", "ERR_FLOWGATE_SSRF")
    assert cause_message.startswith("fetch blocked: ")
    assert server.rec.requests == []
