"""axios errors, interceptors, cancellation and limits, differential against Node 20's axios
(same recording loopback server), and the SSRF guard (no request ever leaves)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.codeblock.fetch_helpers import FetchRunner, LocalServer, fetch_limits
from tests.codeblock.npm_axios_helpers import run_on_wire
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

#: What a caught AxiosError shows (stack excluded: engine frames differ).
PRELUDE = """const axios = require('axios');
const E = (e) => [e.name, e.code, e.message, e.isAxiosError, axios.isAxiosError(e),
  e instanceof axios.AxiosError, axios.isCancel(e), typeof e.request, e.response && e.response.status,
  e.response && e.response.data, e.status, e.config && e.config.url && e.config.url.replace(input.base, ''),
  e.cause && [e.cause.name, e.cause.code]];
const T = async (f) => { try { return ['ok', await f()] } catch (e) { return E(e) } };
"""
ERROR_CASES = [
    "return T(() => axios.get(input.base + '/nothere'))",
    "return T(() => axios.get(input.base + '/status'))",
    "return T(() => axios.get(input.base + '/redirect/500/x'))",
    "return T(() => axios.get(input.base + '/redirect/302/status', {maxRedirects: 0}))",
    "return T(() => axios.get(input.base + '/slow', {timeout: 60}))",
    "return T(() => axios.get(input.base + '/slow', {timeout: 60, timeoutErrorMessage: 'slow!'}))",
    "return T(() => axios.get(input.base + '/slow', {timeout: 60,"
    " transitional: {clarifyTimeoutError: true}}))",
    "return T(() => axios.get(input.base + '/slow', {timeout: 'x'}))",
    "return T(() => axios.get('http://127.0.0.1:1/x'))",
    "return T(() => axios.get('ftp://127.0.0.1/x'))",
    "return T(() => axios.get(input.base + '/big', {maxContentLength: 1000}))",
    "return T(() => axios.post(input.base + '/echo', 'x'.repeat(100), {maxBodyLength: 10}))",
    "return T(() => axios.get(input.base + '/echo', {httpVersion: 3}))",
    "return T(() => axios.get(input.base + '/echo', {adapter: 'nope'}))",
    "return T(() => axios.post(input.base + '/echo', 5, {transformRequest: [d => d]}))",
    "const c = new AbortController(); c.abort();"
    " return T(() => axios.get(input.base + '/echo', {signal: c.signal}))",
    "const c = new AbortController(); setTimeout(() => c.abort(), 30);"
    " return T(() => axios.get(input.base + '/slow', {signal: c.signal}))",
    "const s = axios.CancelToken.source(); setTimeout(() => s.cancel('why'), 30);"
    " return T(() => axios.get(input.base + '/slow', {cancelToken: s.token}))",
    "return T(async () => { try { await axios.get(input.base + '/status') } catch (e) {"
    " const j = e.toJSON(); return [Object.keys(j), j.message, j.code, j.status, j.config.url"
    " .replace(input.base, ''), j.config.headers, j.config.timeout, e.response.headers['content-type']] } })",
    "return T(async () => { try { await axios.get(input.base + '/status') } catch (e) {"
    " return [Object.keys(e), String(e), e.response.statusText, Object.keys(e.response)] } })",
]


@pytest.mark.parametrize("code", ERROR_CASES)
def test_errors_match_node(
    runner: FetchRunner, node: NodeOracle, server: LocalServer, code: str
) -> None:
    mine, theirs, _, _ = run_on_wire(runner, node, server, PRELUDE + code)
    assert mine == theirs


INTERCEPTOR_CASES = [
    """const api = axios.create({baseURL: input.base});
    let tries = 0;
    api.interceptors.response.use(null, async (e) => {
      tries++;
      if (e.config._retry) return Promise.reject(e);
      e.config._retry = true;
      e.config.url = '/echo';
      e.config.headers.Authorization = 'Bearer again';
      return api(e.config);
    });
    const r = await api.post('/status', {x: 1}, {params: {p: 1}});
    return [tries, r.status, r.data.path, r.data.body, r.data.headers.filter(([k]) => /auth|content-type/i.test(k))]""",
    """const api = axios.create({baseURL: input.base});
    const log = [];
    api.interceptors.request.use(c => { log.push('req1'); c.headers['X-One'] = '1'; return c; });
    const id = api.interceptors.request.use(c => { log.push('never'); return c; });
    api.interceptors.request.use(async c => { log.push('req3'); c.params = {i: 3}; return c; });
    api.interceptors.request.eject(id);
    api.interceptors.response.use(r => { log.push('res1'); r.data = r.data.path; return r; });
    api.interceptors.response.use(r => { log.push('res2'); return r.data; });
    const out = await api.get('/echo');
    return [out, log]""",
    """const api = axios.create({baseURL: input.base});
    api.interceptors.response.use(null, e => e.response && e.response.status === 404
      ? {recovered: e.config.url, status: e.response.status} : Promise.reject(e));
    return [await api.get('/missing'), await api.get('/status').catch(e => e.code)]""",
    """const api = axios.create({baseURL: input.base});
    api.interceptors.request.use(c => { throw new Error('stop ' + c.url) });
    return api.get('/echo').catch(e => [e.name, e.message, e.isAxiosError])""",
    """const api = axios.create({baseURL: input.base});
    api.interceptors.request.use(c => { c.headers.set('X-Sync', 's'); return c; },
      null, {synchronous: true, runWhen: c => c.method === 'get'});
    const r = await api.get('/echo');
    api.interceptors.request.clear();
    const r2 = await api.post('/echo', {a: 1});
    return [r.data.headers.filter(([k]) => k === 'X-Sync'), r2.data.headers.filter(([k]) =>
      k === 'X-Sync'), r2.data.body]""",
]


@pytest.mark.parametrize("code", INTERCEPTOR_CASES)
def test_interceptors_match_node(
    runner: FetchRunner, node: NodeOracle, server: LocalServer, code: str
) -> None:
    mine, theirs, sent, sent_node = run_on_wire(runner, node, server, PRELUDE + code)
    assert mine == theirs
    assert sent == sent_node


# ------------------------------------------------------------------ the SSRF guard


@pytest.fixture(scope="module")
def guarded() -> Iterator[FetchRunner]:
    r = FetchRunner(fetch_limits(ssrf_allow_list=""))
    yield r
    r.close()


def test_blocked_destination_is_a_clear_error_and_sends_nothing(
    guarded: FetchRunner, server: LocalServer
) -> None:
    code = PRELUDE + "return T(() => axios.post(input.base + '/echo', {secret: 1}))"
    out = guarded.run(code, {"base": server.base})
    assert out["success"], out
    name, code_, message, is_axios, *_rest, cause = out["result"]
    assert (name, code_, is_axios) == ("SecurityError", "ERR_FLOWGATE_SSRF", True)
    assert message.startswith("fetch blocked: ") and "127.0.0.1" in message
    assert cause == ["SecurityError", "ERR_FLOWGATE_SSRF"]
    assert server.rec.requests == []


def test_uncaught_blocked_request_names_the_guard(
    guarded: FetchRunner, server: LocalServer
) -> None:
    out = guarded.run("await require('axios').get(input.base + '/echo')", {"base": server.base})
    assert not out["success"]
    # an AxiosError whose cause is the guard's SecurityError: reported as the contract's
    # SecurityError, as an uncaught fetch() refusal is
    assert out["error"]["type"] == "SecurityError", out
    assert out["error"]["message"].startswith("fetch blocked: http://127.0.0.1:")
    assert server.rec.requests == []


# ------------------------------------------------------------------ the FETCH_* limits


@pytest.fixture(scope="module")
def limited() -> Iterator[FetchRunner]:
    r = FetchRunner(
        fetch_limits(fetch_max_requests=2, fetch_max_request_bytes=10, fetch_max_response_bytes=100)
    )
    yield r
    r.close()


def test_fetch_limits_hold_for_axios(limited: FetchRunner, server: LocalServer) -> None:
    code = (
        PRELUDE + "return [await T(() => axios.post(input.base + '/echo', 'x'.repeat(11))),"
        " await T(() => axios.get(input.base + '/big')), await T(() => axios.get(input.base +"
        " '/echo')), await T(() => axios.get(input.base + '/echo'))]"
    )
    out = limited.run(code, {"base": server.base})
    assert out["success"], out
    body, big, third, fourth = out["result"]
    limit = ["RangeError", "ERR_FLOWGATE_FETCH_LIMIT"]
    assert body[:2] == limit and "FETCH_MAX_REQUEST_BYTES" in body[2]
    assert big[:2] == limit and "FETCH_MAX_RESPONSE_BYTES" in big[2]
    # the refused body counted as one of the two requests, as for fetch()
    assert third[:2] == fourth[:2] == limit and "FETCH_MAX_REQUESTS" in fourth[2]
    assert [r["path"] for r in server.rec.requests] == ["/big"]
