"""Differential against Node 20: require('url') (legacy parse/format/resolve and helpers)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same, run_both
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

# A parsed Url as plain data (its query may have a null prototype), or the error.
PRELUDE = """const url = require('url');
const P = (...a) => { try { const u = url.parse(...a); return JSON.parse(JSON.stringify(u)); }
  catch (e) { return [e.name, e.code, e.message]; } };
"""

URLS = [
    "http://user:pw@Example.COM:8080/p/a/t/h?query=string&a=1#hash",
    "//foo/bar",
    "foo/bar?x",
    "mailto:a@b.c",
    "javascript:alert(1)",
    "http://a b/c",
    "HTTP://[::1]:3000/x",
    "http://[fe80::1%25en0]/",
    "http://\u00c4\u00d6.com/x",
    "http://xn--zz.com/",
    "http://xn--nxasmq6b.com/",
    "file:///etc/passwd",
    "file://localhost/etc",
    "/p?a=1&a=2",
    "http://x.com\\y\\z",
    "  http://trim.com/  ",
    "http://a.com:xyz/",
    "http://a@b@c/",
    "https://ex.com/\u00e4?\u00e9#\u00fc",
    "ws://h",
    "?q",
    "#h",
    "http://a.com/<script>'\"`{}|^",
    "http://[x y]/",
    "http://a.com:80",
    "HTTPS://A.COM",
    "http:/a.com/x",
    "http:a.com/x",
    "git+ssh://git@github.com:org/repo.git",
    "a.b:c/d",
    "http://a.com/p;params?q#f#g",
    "http://a.com?q",
    "http://a.com#f",
    "http://x\ty.com/",
    "http://\u0000x.com/",
    "\ufeffhttp://a.com/",
    "http://" + "a" * 300 + ".com/",
    "https://user@:80/",
    "http://-a.com/",
    "data:text/plain,hi",
    "",
]


@pytest.mark.parametrize("u", URLS)
def test_parse_matches_node(run_js: RunJs, node: NodeOracle, u: str) -> None:
    code = (
        PRELUDE
        + "return [P(input.u), P(input.u, true), P(input.u, false, true), P(input.u, true, true)]"
    )
    assert_same(run_js, node, code, {"u": u})


CASES = [
    "return url.format({protocol: 'http', host: 'a.com', pathname: '/x y', query: {a: [1, 2], b: 'c d'}, hash: 'h'})",
    "return url.format({protocol: 'https:', hostname: '::1', port: 8080, pathname: 'p', search: 's'})",
    "return url.format({protocol: 'mailto', auth: 'a b:c', host: 'x.y'})",
    "return url.format({protocol: 'file', pathname: '/etc/x#y?z'})",
    "return [url.format('http://a.com/x?y#z'), url.format('HTTP://A.com')]",
    "return [url.format({}), url.format({slashes: true, host: 'h'}), url.format({query: 'str'})]",
    "try { url.format(5) } catch (e) { return [e.name, e.code, e.message] }",
    "try { url.format(null) } catch (e) { return [e.name, e.code, e.message] }",
    "const u = new URL('http://u:p@xn--4ca0b.com/a?b#c'); return [url.format(u), "
    "url.format(u, {unicode: true}), url.format(u, {fragment: false, search: false, auth: false})]",
    "try { url.format(new URL('http://a'), 5) } catch (e) { return [e.code, e.message] }",
    "return [url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one'), "
    "url.resolve('http://example.com/one', '/two'), url.resolve('http://a/b/c/d;p?q', '../../../g'), "
    "url.resolve('http://a/b/c/d;p?q', '//g'), url.resolve('mailto:a@b', 'c')]",
    "const base = 'http://a/b/c/d;p?q'; return ['g:h', 'g', './g', 'g/', '/g', '?y', 'g?y', '#s', 'g#s', "
    "'g?y#s', ';x', 'g;x', '', '.', './', '..', '../', '../g', '../..', '../../', '../../g', '/./g', "
    "'/../g', 'g.', '.g', 'g..', '..g', './../g', './g/.', 'g/./h', 'g/../h', 'http:g'].map((r) => url.resolve(base, r))",
    "return JSON.parse(JSON.stringify(url.resolveObject('http://a/b', '../c?d')))",
    "const u = url.parse('http://a.com/x'); return [u.resolve('y'), u.format(), u instanceof url.Url]",
    "return [url.domainToASCII('\u00c4\u00d6.com'), url.domainToUnicode('xn--nxasmq6b.com'), "
    "url.domainToASCII('a:80'), url.domainToASCII('a/b'), url.domainToASCII('xn--zz'), "
    "url.domainToASCII('EXAMPLE.com'), url.domainToASCII('1.2.3'), url.domainToASCII('')]",
    "try { url.domainToASCII() } catch (e) { return [e.name, e.code, e.message] }",
    "return [url.fileURLToPath('file:///a/b%20c'), url.fileURLToPath(new URL('file:///x/%C3%A9'))]",
    "try { url.fileURLToPath('http://x') } catch (e) { return [e.name, e.code, e.message] }",
    "try { url.fileURLToPath('file://host/x') } catch (e) { return [e.name, e.code, e.message] }",
    "try { url.fileURLToPath('file:///a%2fb') } catch (e) { return [e.name, e.code, e.message] }",
    "try { url.fileURLToPath(5) } catch (e) { return [e.name, e.code, e.message] }",
    "return [url.pathToFileURL('/a b/#c?').href, url.pathToFileURL('/x/../y/').href, "
    "url.pathToFileURL('/%~^|[]\\\\').href]",
    "try { url.pathToFileURL(5) } catch (e) { return [e.name, e.code, e.message] }",
    "return JSON.parse(JSON.stringify(url.urlToHttpOptions(new URL('http://u%20x:p@[::1]:81/a?b#c'))))",
    "return JSON.parse(JSON.stringify(url.urlToHttpOptions(new URL('https://example.com/'))))",
    "try { url.parse(5) } catch (e) { return [e.name, e.code, e.message, String(e)] }",
    "return [Object.keys(url), url.URL === URL, url.URLSearchParams === URLSearchParams]",
    "const q = url.parse('http://a/?x=1&x=2&y', true).query; return [Object.getPrototypeOf(q) === null, q.x, q.y]",
    "const u = url.parse('http://a/'); return [Object.keys(u), u.query, u.search]",
    "return [url.parse(url.parse('http://a/')) instanceof url.Url]",
]


@pytest.mark.parametrize("code", CASES)
def test_url_helpers_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, PRELUDE + code)


URLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "http:",
                "https:",
                "file:",
                "mailto:",
                "javascript:",
                "ws:",
                "x+y:",
                "//",
                "/",
                "\\",
                "@",
                ":",
                "?",
                "#",
                "[",
                "]",
                "::1",
                "%20",
                "%zz",
                "a",
                "B",
                ".",
                "..",
                "80",
                " ",
                "\t",
                "user:pw@",
                "example.com",
                "\u00e9",
                "&",
                "=",
            ]
        ),
        st.text(max_size=3),
    ),
    max_size=9,
).map("".join)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(u=URLISH, rel=URLISH)
def test_parse_random_urlish_strings(run_js: RunJs, node: NodeOracle, u: str, rel: str) -> None:
    code = (
        PRELUDE
        + """
    const r = (f) => { try { return f(); } catch (e) { return [e.name, e.code]; } };
    return [P(input.u), P(input.u, true, true), r(() => url.format(url.parse(input.u))),
            r(() => url.resolve(input.u, input.rel))];
    """
    )
    assert_same(run_js, node, code, {"u": u, "rel": rel})


def test_known_differences_from_node(run_js: RunJs, node: NodeOracle) -> None:
    """IDNA: ada (Node) accepts `xn--` labels that do not decode; UTS #46 (here) rejects them
    (docs/runtime-modules.md)."""
    code = PRELUDE + "return [url.domainToASCII('xn--nxasmq6bxn--&xn--'), P('http://xn--zz.com/')]"
    ours, theirs = run_both(run_js, node, code)
    assert ours["result"][0] == ""
    assert theirs["result"][0] == "xn--nxasmq6bxn--&xn--"
    assert ours["result"][1] == theirs["result"][1]  # both reject this one
