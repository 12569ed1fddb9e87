"""fetch() end to end against loopback servers that record what actually arrived.

The runner allows 127.0.0.1 only (SSRF allow list), plain http and any port; the
guard itself is tested with loopback refused in test_web_fetch_guard.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.codeblock.fetch_helpers import FetchRunner, LocalServer, local_server


def ok(out: dict[str, Any]) -> Any:
    assert out["success"], out
    return out["result"]


def headers_of(seen: dict[str, Any]) -> dict[str, str]:
    return {k.lower(): v for k, v in seen["headers"]}


def test_get_sends_undici_default_headers(runner: FetchRunner, server: LocalServer) -> None:
    code = "const r = await fetch(input.base + '/echo?q=1#frag'); return [r.status, r.url, await r.json()]"
    status, url, seen = ok(runner.run(code, {"base": server.base}))
    assert status == 200
    assert url == server.base + "/echo?q=1"  # the fragment never leaves, nor shows in url
    assert seen["method"] == "GET" and seen["path"] == "/echo?q=1"
    h = headers_of(seen)
    assert h["accept"] == "*/*" and h["user-agent"] == "node" and h["sec-fetch-mode"] == "cors"
    assert h["accept-encoding"] == "gzip, deflate" and h["accept-language"] == "*"


@pytest.mark.parametrize(
    ("body_js", "content_type", "body"),
    [
        ("'héllo'", "text/plain;charset=UTF-8", "héllo".encode().decode("latin-1")),
        ("JSON.stringify({a: 1})", "text/plain;charset=UTF-8", '{"a":1}'),
        ("new Uint8Array([0, 1, 255])", None, "\x00\x01\xff"),
        ("new Uint8Array([9, 0, 1, 255]).subarray(1)", None, "\x00\x01\xff"),
        ("new Uint16Array([0x4142]).buffer", None, "BA"),
        (
            "new URLSearchParams({a: '1 2', b: 'é'})",
            "application/x-www-form-urlencoded;charset=UTF-8",
            "a=1+2&b=%C3%A9",
        ),
        ("new Blob(['x', 'y'], {type: 'Application/Thing'})", "application/thing", "xy"),
        ("Buffer.from('buf')", None, "buf"),
    ],
)
def test_bodies_arrive_as_sent(
    runner: FetchRunner, server: LocalServer, body_js: str, content_type: str | None, body: str
) -> None:
    code = f"const r = await fetch(input.base + '/echo', {{method: 'PUT', body: {body_js}}}); return r.status"
    assert ok(runner.run(code, {"base": server.base})) == 200
    (seen,) = server.rec.requests
    assert seen["method"] == "PUT"
    assert seen["body"] == body
    h = headers_of(seen)
    assert h.get("content-type") == content_type
    assert h["content-length"] == str(len(body.encode("latin-1")))


def test_headers_go_out_as_given(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const h = new Headers([['X-Token', 'a'], ['x-token', 'b'], ['Content-Type', 'application/json']]);
    h.append('Set-Cookie', 'c=1');
    await fetch(input.base + '/echo', {method: 'POST', headers: h, body: '{}'});
    await fetch(new Request(input.base + '/echo', {method: 'DELETE', headers: {Authorization: 'Bearer t'}}));
    return 1
    """
    ok(runner.run(code, {"base": server.base}))
    first, second = server.rec.requests
    assert ["X-Token", "a, b"] in first["headers"]
    assert ["Content-Type", "application/json"] in first["headers"]
    assert headers_of(first)["content-type"] == "application/json"
    assert second["method"] == "DELETE"
    assert headers_of(second)["authorization"] == "Bearer t"


def test_script_framing_headers_are_dropped(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    await fetch(input.base + '/echo', {method: 'POST', body: 'abc',
      headers: {'Content-Length': '1', 'Transfer-Encoding': 'chunked', Connection: 'close'}});
    return 1
    """
    ok(runner.run(code, {"base": server.base}))
    (seen,) = server.rec.requests
    h = headers_of(seen)
    assert h["content-length"] == "3" and "transfer-encoding" not in h and seen["body"] == "abc"


def test_formdata_goes_out_as_multipart(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const f = new FormData();
    f.append('field', 'v\\nw');
    f.append('file', new Blob([new Uint8Array([0, 255])], {type: 'image/png'}), 'p.png');
    await fetch(input.base + '/echo', {method: 'POST', body: f});
    return 1
    """
    ok(runner.run(code, {"base": server.base}))
    (seen,) = server.rec.requests
    ctype = headers_of(seen)["content-type"]
    assert ctype.startswith("multipart/form-data; boundary=----formdata-undici-0")
    boundary = ctype.split("boundary=")[1]
    assert seen["body"] == (
        f'--{boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nv\r\nw\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\n'
        f"Content-Type: image/png\r\n\r\n\x00\xff\r\n--{boundary}--\r\n"
    )


def test_response_members(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const r = await fetch(input.base + '/status');
    const c = await fetch(input.base + '/cookies');
    const out = [r.status, r.statusText, r.ok, r.type, r.redirected, r.headers.get('content-type'),
      r.bodyUsed, await r.clone().text(), await r.text(), r.bodyUsed,
      c.headers.getSetCookie(), c.headers.get('set-cookie'), [...c.headers.keys()].filter(k => k !== 'date' && k !== 'server')];
    try { c.headers.set('a', 'b') } catch (e) { out.push(e.message) }
    return out;
    """
    out = ok(runner.run(code, {"base": server.base}))
    assert out == [
        418,
        "I'm a Teapot",
        False,
        "basic",
        False,
        "text/plain",
        False,
        "teapot",
        "teapot",
        True,
        ["a=1", "b=2"],
        "a=1, b=2",
        ["content-length", "set-cookie", "set-cookie", "x-multi"],
        "immutable",
    ]


def test_body_reads(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const m = await (await fetch(input.base + '/multipart')).formData();
    const file = m.get('f');
    const g = await fetch(input.base + '/gzip');
    const b = await (await fetch(input.base + '/status')).blob();
    const ab = await (await fetch(input.base + '/status')).arrayBuffer();
    const by = await (await fetch(input.base + '/status')).bytes();
    const n = await fetch(input.base + '/nocontent');
    const h = await fetch(input.base + '/status', {method: 'HEAD'});
    const s = await fetch(input.base + '/status');
    const chunks = []; for await (const chunk of s.body) chunks.push(chunk.length);
    return [m.get('a'), file.name, file.type, Array.from(await file.bytes()), (await g.text()).length,
      g.headers.get('content-encoding'), b.type, b.size, ab.byteLength, by.constructor.name,
      n.status, n.body, h.body, await h.text(), chunks, s.bodyUsed];
    """
    out = ok(runner.run(code, {"base": server.base}))
    assert out == [
        "1",
        "f.bin",
        "application/octet-stream",
        [0, 1, 255],
        100_000,
        "gzip",
        "text/plain",
        6,
        6,
        "Uint8Array",
        204,
        None,
        None,
        "",
        [6],
        True,
    ]


def test_requests_are_concurrent(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const rs = await Promise.all([1, 2, 3].map(() => fetch(input.base + '/wait').then(r => r.text())));
    return rs;
    """
    assert ok(runner.run(code, {"base": server.base})) == ["waited"] * 3
    assert server.rec.max_in_flight == 3  # all three handlers were in flight together


def test_redirects_follow_rewrite_method_and_body(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const out = [];
    for (const status of [301, 302, 303, 307, 308]) {
      const r = await fetch(input.base + `/redirect/${status}/echo`, {method: 'POST', body: 'data',
        headers: {'content-type': 'text/x'}});
      const seen = await r.json();
      out.push([status, r.status, r.redirected, r.url.endsWith('/echo'), seen.method, seen.body]);
    }
    return out;
    """
    out = ok(runner.run(code, {"base": server.base}))
    assert out == [
        [301, 200, True, True, "GET", ""],
        [302, 200, True, True, "GET", ""],
        [303, 200, True, True, "GET", ""],
        [307, 200, True, True, "POST", "data"],
        [308, 200, True, True, "POST", "data"],
    ]
    gets = [r for r in server.rec.requests if r["path"] == "/echo" and r["method"] == "GET"]
    assert all("content-type" not in headers_of(r) for r in gets)


def test_redirect_modes(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const m = await fetch(input.base + '/redirect/302/echo', {redirect: 'manual'});
    const out = [m.status, m.headers.get('location'), m.redirected];
    try { await fetch(input.base + '/redirect/302/echo', {redirect: 'error'}) }
    catch (e) { out.push(e.name, e.message, e.cause.message) }
    try { await fetch(input.base + '/chain/9') }
    catch (e) { out.push(e.message, e.cause.message) }
    const ok5 = await fetch(input.base + '/chain/4');
    out.push(ok5.status, ok5.redirected);
    return out;
    """
    out = ok(runner.run(code, {"base": server.base}))
    assert out[:3] == [302, "/echo", False]
    assert out[3:6] == ["TypeError", "fetch failed", "unexpected redirect"]
    assert out[6] == "fetch failed" and out[7].startswith("redirect count exceeded")
    assert out[8:] == [200, True]  # 5 hops = FETCH_MAX_REDIRECTS (default)


def test_credentials_stay_on_their_origin(runner: FetchRunner, server: LocalServer) -> None:
    with local_server() as other:
        code = """
        const r = await fetch(input.base + '/goto?u=' + input.other + '/echo',
          {headers: {Authorization: 'secret', Cookie: 'c=1', 'X-Keep': 'yes', Host: 'first.example'}});
        return r.status;
        """
        assert ok(runner.run(code, {"base": server.base, "other": other.base})) == 200
        (seen,) = other.rec.requests
    h = headers_of(seen)
    assert "authorization" not in h and "cookie" not in h and h["x-keep"] == "yes"
    assert h["host"] == other.base.removeprefix("http://")


def test_abort_before_and_during(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const out = [];
    try { await fetch(input.base + '/echo', {signal: AbortSignal.abort()}) }
    catch (e) { out.push(e.name, e.message, e instanceof DOMException) }
    try { await fetch(input.base + '/echo', {signal: AbortSignal.abort('mine')}) } catch (e) { out.push(e) }
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    try { await fetch(input.base + '/slow', {signal: ac.signal}) } catch (e) { out.push(e.name, e.code) }
    try { await fetch(input.base + '/slow', {signal: AbortSignal.timeout(50)}) } catch (e) { out.push(e.name) }
    const ac2 = new AbortController();
    const p = fetch(new Request(input.base + '/slow', {signal: ac2.signal}));
    ac2.abort(new Error('custom'));
    try { await p } catch (e) { out.push(e.message) }
    return out;
    """
    out = ok(runner.run(code, {"base": server.base}))
    assert out == [
        "AbortError",
        "This operation was aborted",
        True,
        "mine",
        "AbortError",
        20,
        "TimeoutError",
        "custom",
    ]
    assert all(r["path"] != "/echo" for r in server.rec.requests)  # aborted before: never sent


def test_failures_have_undici_shape(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const out = [];
    try { await fetch('http://127.0.0.1:' + input.closed + '/') }
    catch (e) { out.push(e.name, e.message, e.cause.code, e.cause.message) }
    try { await fetch('ftp://127.0.0.1/') } catch (e) { out.push(e.message, e.cause.message) }
    try { await fetch('/relative') } catch (e) { out.push(e.name, e.message) }
    return out;
    """
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    out = ok(runner.run(code, {"base": server.base, "closed": closed}))
    assert out == [
        "TypeError",
        "fetch failed",
        "ECONNREFUSED",
        f"connect ECONNREFUSED http://127.0.0.1:{closed}",
        "fetch failed",
        "unknown scheme",
        "TypeError",
        "Failed to parse URL from /relative",
    ]


def test_uncaught_failure_names_its_cause(runner: FetchRunner, server: LocalServer) -> None:
    out = runner.run(
        "await fetch(input.base + '/redirect/302/echo', {redirect: 'error'})", {"base": server.base}
    )
    assert not out["success"]
    assert out["error"]["type"] == "TypeError"
    assert out["error"]["message"] == "fetch failed: unexpected redirect"


def test_data_urls_need_no_network(runner: FetchRunner) -> None:
    code = """
    const a = await fetch('data:text/plain;base64,aGk=');
    const b = await fetch('data:,a%20b');
    return [a.status, a.headers.get('content-type'), await a.text(), await b.text(), b.headers.get('content-type')];
    """
    assert ok(runner.run(code)) == [200, "text/plain", "hi", "a b", "text/plain;charset=US-ASCII"]


def test_result_of_fetch_is_json_safe(runner: FetchRunner, server: LocalServer) -> None:
    out = runner.run(
        "return await (await fetch(input.base + '/echo')).json()", {"base": server.base}
    )
    assert json.loads(json.dumps(ok(out)))["path"] == "/echo"


def test_requests_left_running_end_with_the_execution(
    runner: FetchRunner, server: LocalServer
) -> None:
    out = runner.run(
        "fetch(input.base + '/slow'); fetch(input.base + '/slow'); return 'done'",
        {"base": server.base},
    )
    assert ok(out) == "done"
    # The engine cancelled them; the next execution has its own count and works.
    assert (
        ok(runner.run("return (await fetch(input.base + '/echo')).status", {"base": server.base}))
        == 200
    )


def test_a_response_body_can_be_sent_on(runner: FetchRunner, server: LocalServer) -> None:
    code = """
    const first = await fetch(input.base + '/status');
    await fetch(input.base + '/echo', {method: 'POST', body: first.body, duplex: 'half'});
    return first.bodyUsed;
    """
    assert ok(runner.run(code, {"base": server.base})) is True
    assert server.rec.requests[-1]["body"] == "teapot"
