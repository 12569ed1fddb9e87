"""URL / URLSearchParams (runtime module web/url, whatwg-url) against the real Node 20.

Every test runs the same JavaScript in the sandbox (`run_js`) and in Node (`node`)
and compares the JSON results; hypothesis examples batch many cases into one
execution each. Errors are compared by constructor and `code` (plus message,
input and base for ERR_INVALID_URL).

Hosts in the generated URLs are ASCII or use non-ASCII letters on which every
IDNA implementation agrees: Node 20's IDNA (Ada 2.9) departs from UTS #46 on a
few right-to-left labels and on U+1E9E; test_known_differences_from_node pins
those (docs/runtime-modules.md, "Choices", lists them).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

RunJS = Callable[..., dict[str, Any]]

# FLOWGATE_DIFF_EXAMPLES=2000 for a deep run; the default keeps the suite fast.
DIFFERENTIAL = settings(
    max_examples=int(os.environ.get("FLOWGATE_DIFF_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PRELUDE = """
input = input.json === undefined ? input : JSON.parse(input.json);
const PROPS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
  'pathname', 'search', 'hash'];
// Only these codes are compared; WebIDL argument errors (ERR_MISSING_ARGS,
// ERR_INVALID_THIS, ERR_ARG_NOT_ITERABLE in Node) are compared by type only.
const CODES = ['ERR_INVALID_URL', 'ERR_INVALID_TUPLE'];
const describe = (e) => {
  const d = { error: e.constructor.name, code: CODES.includes(e.code) ? e.code : null };
  // Node keeps the raw input; ours is the USVString (lone surrogates replaced).
  if (e.code === 'ERR_INVALID_URL') Object.assign(d, { message: e.message, keys: Object.keys(e),
    input: e.input.toWellFormed(), base: e.base === undefined ? null : e.base.toWellFormed() });
  return d;
};
const outcome = (f) => { try { return { ok: f() }; } catch (e) { return describe(e); } };
const view = (u) => [...PROPS.map((p) => u[p]), u.toString(), u.toJSON(), JSON.stringify(u), String(u),
  [...u.searchParams], u.searchParams.size];
const parse = (input, base) => outcome(() => view(base === null ? new URL(input) : new URL(input, base)));
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


# ---------------------------------------------------------------------- corpus

ABOUT = "http://example.org/foo/bar"
CORPUS: list[tuple[str, str | None]] = [
    ("http://example\t.\norg", ABOUT),
    ("http://user:pass@foo:21/bar;par?b#c", ABOUT),
    ("https://test:@test", None),
    ("non-special://test:@test/x", None),
    ("http:foo.com", ABOUT),
    ("\t   :foo.com   \n", ABOUT),
    ("a:\t foo.com", None),
    ("http://f:21/ b ? d # e ", ABOUT),
    ("lolscheme:x x#x x", None),
    ("http://f:00000000000000000000080/c", ABOUT),
    ("http://f:b/c", ABOUT),
    ("http://f:999999/c", ABOUT),
    ("non-special://f:999999/c", ABOUT),
    ("", ABOUT),
    ("#", ABOUT),
    ("?", ABOUT),
    ("\\x", ABOUT),
    ("\\\\x\\hello", ABOUT),
    ("foo://", ABOUT),
    ("http://&a:foo(b]c@d:2/", ABOUT),
    ("http://::@c@d:2", ABOUT),
    ("http://foo.com/\\@", ABOUT),
    ("http:\\\\foo.com\\", ABOUT),
    ("http:\\\\a\\b:c\\d@foo.com\\", ABOUT),
    ("foo:/", ABOUT),
    ("foo:/bar.com/", ABOUT),
    ("foo://///////", ABOUT),
    ("foo:////://///", ABOUT),
    ("c:/foo", ABOUT),
    ("//foo/bar", ABOUT),
    ("http://foo/path;a??e#f#g", ABOUT),
    ("[61:24:74]:98", ABOUT),
    ("http:[61:27]/:foo", ABOUT),
    ("http://[1::2]:3:4", ABOUT),
    ("http://2001::1", ABOUT),
    ("http://[2001::1]", ABOUT),
    ("http://[::127.0.0.1]", ABOUT),
    ("http://[0:0:0:0:0:0:13.1.68.3]", ABOUT),
    ("http:/example.com/", ABOUT),
    ("ftp:/example.com/", ABOUT),
    ("madeupscheme:/example.com/", ABOUT),
    ("file:/example.com/", ABOUT),
    ("ws:/example.com/", ABOUT),
    ("data:/example.com/", ABOUT),
    ("mailto:/example.com/", ABOUT),
    ("http://example.com/foo/%2e", None),
    ("http://example.com/foo/%2e%2", None),
    ("http://example.com/foo/%2e./%2e%2e/.%2e/%2e.bar", None),
    ("http://example.com////../..", None),
    ("http://example.com/foo/bar//../..", None),
    ("http://example.com/foo%2\u00a9zbar", None),
    ("http://example.com/foo\t\u0091%91", None),
    ("http://example.com/(%28:%3A%29)", None),
    ('http://example.com/%7Ffp3>*<"%F0%9F%98%80', None),
    ("http://example.com/\u4f60\u597d\u4f60\u597d", None),
    ("http://example.com/\u2025/foo", None),
    ("http://example.com/\ufeff/foo", None),
    ("http://example.com/\u202e/foo/\u202d/bar", None),
    ("http://www.google.com/foo?bar=baz# \u00bb", None),
    ("data:test# \u00bb", None),
    ("http://192.0x00A80001", None),
    ("http://www/foo%2Ehtml", None),
    ("http://user:pass@/", None),
    ("http://%25DOMAIN:foobar@foodomain.com/", None),
    ("http://foo:80/", None),
    ("https://foo:443/", None),
    ("ftp://foo:21/", None),
    ("ws://foo:443/", None),
    ("wss://foo:443/", None),
    ("http:@www.example.com", None),
    ("http:/@www.example.com", None),
    ("http::b@www.example.com", None),
    ("http:@:www.example.com", None),
    ("/", "http://www.example.com/test"),
    (".", "http://www.example.com/test"),
    ("..", "http://www.example.com/test"),
    ("../aaa/test.txt", "http://www.example.com/test"),
    ("\u4e2d/test.txt", "http://www.example.com/test"),
    ("//www.example2.com", "http://www.example.com/test"),
    ("file:...", "http://www.example.com/test"),
    ("file:a", "http://www.example.com/test"),
    ("http://ExAmPlE.CoM", None),
    ("http://example example.com", None),
    ("http://Goo%20 goo%7C|.com", None),
    ("http://[]", None),
    ("http://[:]", None),
    ("http://GOO\u00a0\u3000goo.com", None),
    ("http://GOO\u200b\u2060\ufeffgoo.com", None),
    ("\u0000\u001b\u0004\u0012 http://example.com/\u001f \u000d ", None),
    ("https://x/\u0000y", None),
    ("non-special://x/?\u0000y", None),
    ("http://www.foo\u3002bar.com", None),
    ("http://\ufdd0zyx.com", None),
    ("http://%ef%b7%90zyx.com", None),
    ("https://\ufffd", None),
    ("http://\uff27\uff4f.com", None),
    ("http://%ef%bc%85%ef%bc%94%ef%bc%91.com", None),
    ("http://\u4f60\u597d\u4f60\u597d", None),
    ("https://fa\u00df.ExAmPlE/", None),
    ("sc://fa\u00df.ExAmPlE/", None),
    ("http://%zz%66%a.com", None),
    ("http://%25", None),
    ("http://hello%00", None),
    ("http://%30%78%63%30%2e%30%32%35%30.01", None),
    ("http://192.168.0.257", None),
    ("http://\uff10\uff38\uff43\uff10\uff0e\uff10\uff12\uff15\uff10\uff0e\uff10\uff11", None),
    ("http://./", None),
    ("http://../", None),
    ("h://.", None),
    ("http://[www.google.com]/", None),
    ("http://host/?'", None),
    ("notspecial://host/?'", None),
    ("/some/path", "http://user@example.org/smth"),
    ("", "http://user:pass@example.org:21/smth"),
    ("i", "sc:sd"),
    ("i", "sc:/pa/pa"),
    ("../i", "sc:sd"),
    ("?i", "sc:sd"),
    ("#i", "sc:sd"),
    ("about:/../", None),
    ("sc://\u00f1.test/", None),
    ("sc://%/", None),
    ("sc://@/", None),
    ("sc://te@s:t@/", None),
    ("sc://:/", None),
    ("x", "sc://\u00f1"),
    ("sc:\\../", None),
    ("sc::a@example.net", None),
    ("sc://\u0000/", None),
    ("sc:// /", None),
    ("sc://[/", None),
    ("sc://]/", None),
    ("ftp://example.com%80/", None),
    ("https://example.com%A0/", None),
    ("https://%e2%98%83", None),
    ("h\tt\nt\rp://h\to\ns\rt:9\t0\n0\r0/p\ta\nt\rh?q\tu\ne\rry#f\tr\na\rg", None),
    ("http:", "https://example.org/foo/bar"),
    ("sc:", "https://example.org/foo/bar"),
    ("http://foo.bar/baz?qux#foo\bbar", None),
    ("http://foo.bar/baz?qux#foo`bar", None),
    ("http://1.2.3.4.5", None),
    ("http://0..0x300/", None),
    ("http://256.256.256.256.256.", None),
    ("http://1.2.3.08", None),
    ("http://09.2.3.4", None),
    ("http://0x100.2.3.4", None),
    ("http://foo.1.2.3.4", None),
    ("http://foo.09", None),
    ("http://foo.0x4.", None),
    ("http://0999999999999999999/", None),
    ("http://foo.0XFfFfFfFfFfFfFfFfFfAcE123", None),
    ("http://\U0001f4a9.123/", None),
    ("https://a%C2%ADb/", None),
    ("https://\u00ad/", None),
    ("https://xn--/", None),
    ("file:///C:/", None),
    ("file://localhost/C:/", None),
    ("file:///C:", "file:///C:/a"),
    ("file:/C|/", "file://host/dir/file"),
    ("file:C|/", "file://host/dir/file"),
    ("file:", "file://host/dir/file"),
    ("file:?q=v", "file://host/dir/file"),
    ("file://\\/localhost//cat", None),
    ("file://localhost////foo", None),
    ("////one/two", "file:///"),
    ("file:///.//", "file:////"),
    ("file:.//p", None),
    ("http://[1:0::]", None),
    ("https://[0::0::0]", None),
    ("https://[0:.0]", None),
    ("https://[0:1:2:3:4:5:6:7.0.0.0.1]", None),
    ("https://[0:1.23.23]", None),
    ("http://?", None),
    ("http://#", None),
    ("http://f:4294967377/c", ABOUT),
    ("sc://\u00f1?x", None),
    ("#x", "sc://\u00f1"),
    ("////x/", "sc://x/"),
    ("tftp://foobar.com/someconfig;mode=netascii", None),
    ("telnet://user:pass@foobar.com:23/", None),
    ("git+https://github.com/foo/bar", None),
    ("urn:ietf:rfc:2648", None),
    ("non-spec:/.//", None),
    ("non-spec:/a/..//path", None),
    ("a/..//path", "non-spec:/p"),
    ("", "non-spec:/..//p"),
    ("non-special://%E2%80%A0/", None),
    ("non-special://[1:2:0:0:5:0:0:0]/", None),
    ("blob:https://example.com:443/", None),
    ("blob:d3958f5c-0777-0845-9dcf-2cb28783acaf", None),
    ("blob:ftp://host/path", None),
    ("http://0x7f.0.0.0x7g", None),
    ("http://[::127.0.0.0.1]", None),
    ("http://example.org/test?\u2323", None),
    ("http://example.org/test?%GH", None),
    ("a", None),
    ("test-a-colon-slash-slash-b.html", "a://b"),
    ("http://example.org/test?a#b\u0000c", None),
    ("10.0.0.7:8080/foo.html", "file:///some/dir/bar.html"),
    ("a1234567890-+.:foo/bar", "http://example.com/dir/file"),
    ("file://a\u00adb/p", None),
    ("file://xn--/p", None),
    ("#link", "https://example.org/##link"),
    ("non-special:cannot-be-a-base-url-\u0000\u0001\u001f\u001e\u007e\u007f\u0080", None),
    (
        "https://www.example.com/path{\u007fpath.html?query'\u007f=query#fragment<\u007ffragment",
        None,
    ),
    ("https://user:pass[\u007f@foo/bar", "http://example.org"),
    ("https://example.com/\u0020%20", None),
    ("https://xn--ls8h.la/", None),
    ("https://XN--P1AI/", None),
    ("https://a.b.c.xn--pokxncvks", None),
    ("https://xn--zca.com/", None),
    ("http://10.0.0.XN--pokxncvks", None),
    ("https://\u05d0\u05d1.com", None),
    ("https://a\u200cb.com", None),
    ("https://\u0915\u094d\u200d\u0937.com", None),
    ("https://\u0301a.com", None),
    ("https://ab--c.com", None),
    ("https://a..b/", None),
    ("https://" + "a" * 64 + ".com/", None),
    ("https://a_b.com", None),
    ("https://a%b.com", None),
    ("https://a<b.com", None),
    ("https://a|b.com", None),
    ("https://example.com:65536", None),
    ("https://example.com:0443", None),
    ("HTTPS://EXAMPLE.COM:443/A/B", None),
    ("mailto:user@example.com?subject=hi there", None),
    ("sc:path with spaces   ", None),
    ("sc:path with spaces   ?q", None),
    ("sc:path with spaces   #h", None),
    ("http://[::ffff:192.168.1.1]/", None),
    ("http://0x7f000001/", None),
    ("http://017700000001/", None),
    ("http://127.1/", None),
    ("http://4294967296/", None),
    ("http://1.2.3.4.", None),
    ("\u2603", None),
    ("http://\u2603.net/", None),
    ("https://\U0001f600.example/\U0001f600?\U0001f600#\U0001f600", None),
    ("http://a/\ud800b", None),
    ("http://a/?\udc00", None),
    ("http://\u00c9X\u00c1MPLE.com", None),
    ("https://\u0130stanbul.tr", None),
    ("https://\u2488.com", None),
    ("https://\u2460.com", None),
    ("https://\u2167.com", None),
    ("https://\u0430\u0440\u0440\u04cf\u0435.com", None),
    ("https://\u00e4\u200d.com", None),
]


def test_parse_corpus_matches_node(run_js: RunJS, node: NodeOracle) -> None:
    body = "return input.cases.map(([i, b]) => parse(i, b));"
    same_in_both(run_js, node, body, {"cases": CORPUS})


# ------------------------------------------------------------------ strategies

SPECIAL_SCHEMES = {"http", "https", "ws", "wss", "ftp", "file"}
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):(.?)", re.DOTALL)
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def has_opaque_path(url: str) -> bool:
    """Whether `url`, as a base, has an opaque path (True when unsure)."""
    cleaned = re.sub("[\t\n\r]", "", url.strip(_C0_AND_SPACE))
    m = _SCHEME.match(cleaned)
    if m is None:
        return True
    return m.group(1).lower() not in SPECIAL_SCHEMES and m.group(2) != "/"


def decode_uri_component_fails(text: str) -> bool:
    """Whether JavaScript's decodeURIComponent throws on `text`."""
    i = 0
    while i < len(text):
        if text[i] != "%":
            i += 1
            continue
        if not _ESCAPE.match(text, i):
            return True
        lead = int(text[i + 1 : i + 3], 16)
        if 0x80 <= lead < 0xC0 or lead >= 0xF8:
            return True
        size = 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        escapes = [text[i + 3 * k : i + 3 * k + 3] for k in range(size)]
        if not all(_ESCAPE.fullmatch(e) for e in escapes):
            return True
        try:
            bytes(int(e[1:], 16) for e in escapes).decode("utf-8")
        except UnicodeDecodeError:
            return True
        i += 3 * size
    return False


def node_misparses(query: str) -> bool:
    """Node 20 parses a name or value that holds a %XX escape with decodeURIComponent and,
    when that throws, truncates its other code units to bytes: non-ASCII is then garbled
    (test_known_differences_from_node). The URL Standard decodes them intact."""
    q = query[1:] if query.startswith("?") else query
    for pair in q.split("&"):
        for part in pair.split("=", 1):
            text = part.replace("+", " ")
            if (
                _ESCAPE.search(text)
                and any(ord(ch) > 0x7F for ch in text)
                and decode_uri_component_fails(text)
            ):
                return True
    return False


# Characters with a meaning somewhere in the URL grammar, controls, and non-ASCII
# (BMP, astral, a lone surrogate) for percent-encoding.
SPECIAL_CHARS = [
    *" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\n\r\x00\x1f\x7f",
    "\u00e9",
    "\u20ac",
    "\U0001f600",
    "\ud800",
    "\ufeff",
    "\u3002",
    "%2e",
    "%2E",
    "%00",
    "%zz",
    "%41",
    "%c3%a9",
    "..",
    ".",
]
URL_TEXT = st.lists(
    st.one_of(
        st.sampled_from(SPECIAL_CHARS), st.text(alphabet="abcXYZ019", min_size=1, max_size=3)
    ),
    max_size=8,
).map("".join)

SCHEMES = [
    "http",
    "https",
    "ws",
    "wss",
    "ftp",
    "file",
    "HTTP",
    "hTtPs",
    "sc",
    "foo",
    "git+ssh",
    "a1.-+",
    "javascript",
    "data",
    "mailto",
    "blob",
    "urn",
    "h",
    "",
]
SAFE_IDN = ["\u00e9", "\u00fc", "\u00df", "\u4e2d", "\U0001f600", "\uff25", "\u3002", "\u00c9"]


@st.composite
def hosts(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:  # DNS-ish
        label = st.text(alphabet="abcXYZ019-_", min_size=0, max_size=5)
        return ".".join(draw(st.lists(label, min_size=1, max_size=4)))
    if kind == 1:  # IPv4 in any radix, with overflowing / extra parts
        part = st.one_of(
            st.integers(0, 300).map(str),
            st.integers(0, 2**33).map(lambda n: hex(n)),
            st.integers(0, 400).map(lambda n: "0" + oct(n)[2:]),
            st.sampled_from(["", "0x", "08", "09", "0X1g"]),
        )
        return ".".join(draw(st.lists(part, min_size=1, max_size=5)))
    if kind == 2:  # IPv6 (often invalid)
        group = st.one_of(st.integers(0, 0x1FFFF).map(lambda n: format(n, "x")), st.just(""))
        inner = ":".join(draw(st.lists(group, min_size=1, max_size=9)))
        tail = draw(st.sampled_from(["", ":1.2.3.4", ".5", "::", "%25eth0"]))
        return f"[{inner}{tail}]"
    if kind == 3:  # percent-encoded / odd characters
        return draw(URL_TEXT)
    if kind == 4:  # non-ASCII letters every IDNA implementation agrees on
        return "".join(
            draw(st.lists(st.sampled_from([*SAFE_IDN, "a", "b", "."]), min_size=1, max_size=6))
        )
    return draw(
        st.sampled_from(["", "localhost", "LOCALHOST", "xn--zca", "example.com.", "%41.com"])
    )


@st.composite
def urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(SCHEMES))
    sep = draw(st.sampled_from(["://", ":", ":/", ":///", ":\\\\", "://\\"]))
    userinfo = ""
    if draw(st.booleans()):
        userinfo = draw(URL_TEXT) + (":" + draw(URL_TEXT) if draw(st.booleans()) else "") + "@"
    port = ""
    if draw(st.booleans()):
        port = ":" + draw(
            st.one_of(st.integers(0, 99999).map(str), st.sampled_from(["", "0x10", "08", "65535"]))
        )
    path = "".join("/" + draw(URL_TEXT) for _ in range(draw(st.integers(0, 4))))
    query = "?" + draw(URL_TEXT) if draw(st.booleans()) else ""
    fragment = "#" + draw(URL_TEXT) if draw(st.booleans()) else ""
    return f"{scheme}{sep}{userinfo}{draw(hosts())}{port}{path}{query}{fragment}"


BASES = [
    "http://example.com/a/b/c?q=1#f",
    "https://user:pw@example.com:8443/dir/",
    "file:///C:/dir/file",
    "file://host/dir/file",
    "sc://host/a/b",
    "sc:opaque-path",
    "sc:/a/b",
    "about:blank",
    "http://[::1]/x",
    "data:text/plain,hi",
    "blob:https://a.com/uuid",
    "ftp://ftp.example.com/",
]

RELATIVE = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "/",
                "//",
                "..",
                ".",
                "../",
                "./",
                "?",
                "#",
                "\\",
                "%2e%2e/",
                ":",
                "@",
                "a:",
                "C|",
                ";",
            ]
        ),
        URL_TEXT,
    ),
    max_size=6,
).map("".join)


# ---------------------------------------------------------------------- parsing


@DIFFERENTIAL
@given(
    st.lists(
        st.tuples(urls(), st.one_of(st.none(), st.sampled_from(BASES))).filter(
            # Ada resolves "x#y" against an opaque-path base (test_known_differences_from_node).
            lambda case: not (case[1] is not None and has_opaque_path(case[1]) and "#" in case[0])
        ),
        min_size=1,
        max_size=15,
    )
)
def test_parse_matches_node(
    run_js: RunJS, node: NodeOracle, cases: list[tuple[str, str | None]]
) -> None:
    # Node's URL.canParse, once optimised, misreads one-byte non-ASCII strings
    # (V8 fast API: "http://\u00e9" becomes false): compare it on ASCII only.
    body = """
const ascii = (s) => s === null || /^[\\x00-\\x7f]*$/.test(s);
return input.cases.map(([i, b]) => [parse(i, b), ascii(i) && ascii(b) ? URL.canParse(i, b ?? undefined) : null]);
"""
    same_in_both(run_js, node, body, {"cases": cases})


@DIFFERENTIAL
@given(
    st.lists(
        st.tuples(RELATIVE, st.one_of(st.sampled_from(BASES), urls())).filter(
            # Ada resolves "x#y" against an opaque-path base (test_known_differences_from_node).
            lambda case: not (has_opaque_path(case[1]) and "#" in case[0])
        ),
        min_size=1,
        max_size=15,
    )
)
def test_relative_resolution_matches_node(
    run_js: RunJS, node: NodeOracle, cases: list[tuple[str, str]]
) -> None:
    body = """
return input.cases.map(([i, b]) => [parse(i, b), outcome(() => URL.parse(i, b)?.href ?? null)]);
"""
    same_in_both(run_js, node, body, {"cases": cases})


# ---------------------------------------------------------------------- setters

SETTABLE = [
    "href",
    "protocol",
    "username",
    "password",
    "host",
    "hostname",
    "port",
    "pathname",
    "search",
    "hash",
]
SETTER_VALUES = st.one_of(
    URL_TEXT,
    hosts(),
    st.integers(-1, 70000).map(str),
    st.sampled_from(
        [
            "http",
            "https:",
            "file",
            "sc",
            "ws:",
            "HTTP",
            "foo:bar",
            "mailto",
            "",
            "#",
            "?",
            "8080abc",
            " 80",
            "\t4\n4\r3",
            "/",
            "\\x",
            "http://other.example/p?q#h",
        ]
    ),
)


@DIFFERENTIAL
@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(BASES), urls()),
            st.lists(st.tuples(st.sampled_from(SETTABLE), SETTER_VALUES), min_size=1, max_size=6),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_setters_match_node(
    run_js: RunJS, node: NodeOracle, cases: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    body = """
return input.cases.map(([start, ops]) => outcome(() => {
  const u = new URL(start);
  const sp = u.searchParams;
  return ops.map(([prop, value]) => {
    const r = outcome(() => { u[prop] = value; });
    return [r, view(u), sp === u.searchParams];
  });
}));
"""
    same_in_both(run_js, node, body, {"cases": cases})


def test_setter_corner_cases(run_js: RunJS, node: NodeOracle) -> None:
    cases = [
        ("http://a.com/", "protocol", "file"),
        ("file:///x", "protocol", "http"),
        ("sc://x/", "protocol", "http"),
        ("http://a.com/", "protocol", "sc"),
        ("http://a.com:80/", "protocol", "https"),
        ("https://a.com:443/", "protocol", "http"),
        ("sc:opaque", "pathname", "/x"),
        ("file:///x", "host", "h"),
        ("file://h/x", "host", ""),
        ("file://h/x", "username", "u"),
        ("http://a.com/", "host", "b.com:8080"),
        ("http://a.com/", "host", ""),
        ("sc://a/", "host", ""),
        ("http://a.com:1/", "hostname", "b.com:99"),
        ("http://a.com/", "port", "99999"),
        ("http://a.com/", "port", "8080stuff"),
        ("http://a.com/", "port", ""),
        ("sc:opaque", "port", "8"),
        ("http://a.com/", "username", "\u00e9 @:"),
        ("mailto:x", "username", "u"),
        ("sc:op aque ", "hash", ""),
        ("sc:op aque ", "search", ""),
        ("sc:op aque #h", "hash", ""),
        ("sc:op aque ?q", "search", ""),
        ("http://a.com/?a=1#x", "search", "?b=2 3"),
        ("http://a.com/", "hash", "#\u00e9 `"),
        ("http://a.com/", "pathname", "a/../b/%2e/c"),
        ("sc://a", "pathname", "x"),
        ("sc:/", "pathname", "//x"),
        ("http://a.com/", "href", "not a url"),
        ("http://a.com/", "href", "sc:opaque"),
        ("http://[::1]/", "hostname", "[::2]"),
        ("http://a.com/", "hostname", "[::2"),
        ("http://a.com/", "host", "a.com:"),
        ("blob:http://a/b", "protocol", "http"),
    ]
    body = "return input.cases.map(([start, prop, v]) => { const u = new URL(start); const r = outcome(() => { u[prop] = v; }); return [r, view(u)]; });"
    same_in_both(run_js, node, body, {"cases": cases})


# ------------------------------------------------------------- URLSearchParams

QUERY = st.lists(
    st.one_of(
        st.sampled_from(
            ["&", "=", "&&", "==", "+", "%20", "%2B", "%", "%zz", "%C3%A9", "%FF", "?", "#", ";"]
        ),
        URL_TEXT,
    ),
    max_size=10,
).map("".join)
NAME = st.one_of(
    st.sampled_from(["a", "b", "A", "\u00e9", "", "a b", "\U0001f600", "\ufb01"]), URL_TEXT
)


@st.composite
def search_params_init(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["string", "record", "pairs", "map", "params", "none"]))
    if kind == "string":
        return {"kind": kind, "value": draw(QUERY.filter(lambda q: not node_misparses(q)))}
    if kind == "record":
        return {"kind": kind, "value": draw(st.dictionaries(NAME, URL_TEXT, max_size=5))}
    if kind in ("pairs", "map", "params"):
        return {"kind": kind, "value": draw(st.lists(st.tuples(NAME, URL_TEXT), max_size=6))}
    return {"kind": kind}


SP_OPS = st.one_of(
    st.tuples(st.sampled_from(["append", "set"]), NAME, URL_TEXT),
    st.tuples(st.sampled_from(["delete", "has"]), NAME, st.one_of(st.none(), URL_TEXT)),
    st.tuples(st.sampled_from(["get", "getAll"]), NAME),
    st.tuples(st.sampled_from(["sort", "toString", "size"])),
)

SEARCH_PARAMS_JS = """
const make = (init) => {
  switch (init.kind) {
    case 'string': return new URLSearchParams(init.value);
    case 'record': return new URLSearchParams(init.value);
    case 'pairs': return new URLSearchParams(init.value);
    case 'map': return new URLSearchParams(new Map(init.value));
    case 'params': return new URLSearchParams(new URLSearchParams(init.value));
    default: return new URLSearchParams();
  }
};
const apply = (sp, [op, a, b]) => outcome(() => {
  if (op === 'size') return sp.size;
  if (op === 'sort' || op === 'toString') return sp[op]();
  if ((op === 'delete' || op === 'has') && b === null) return sp[op](a);
  return sp[op](a, b);
});
const dump = (sp) => {
  const each = [];
  sp.forEach(function (v, k, p) { each.push([k, v, p === sp]); });
  return [sp.toString(), String(sp), sp.size, [...sp], [...sp.keys()], [...sp.values()], [...sp.entries()], each];
};
"""


@DIFFERENTIAL
@given(
    st.lists(st.tuples(search_params_init(), st.lists(SP_OPS, max_size=8)), min_size=1, max_size=10)
)
def test_search_params_match_node(
    run_js: RunJS, node: NodeOracle, cases: list[tuple[dict[str, Any], list[list[Any]]]]
) -> None:
    body = (
        SEARCH_PARAMS_JS
        + """
return input.cases.map(([init, ops]) => outcome(() => {
  const sp = make(init);
  return [dump(sp), ops.map((op) => [apply(sp, op), sp.toString()]), dump(sp)];
}));
"""
    )
    same_in_both(run_js, node, body, {"cases": cases})


@DIFFERENTIAL
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["http://a.com/p?x=1&y=2#h", "sc://h/p?q", "sc:opaque?a=b", "https://a.com/"]
            ),
            st.lists(
                st.one_of(
                    st.tuples(st.sampled_from(["search", "hash", "href", "pathname"]), QUERY),
                    SP_OPS,
                ),
                max_size=8,
            ),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_search_params_live_binding_matches_node(
    run_js: RunJS, node: NodeOracle, cases: list[tuple[str, list[list[Any]]]]
) -> None:
    body = (
        SEARCH_PARAMS_JS
        + """
return input.cases.map(([start, ops]) => {
  const u = new URL(start);
  const sp = u.searchParams;
  return ops.map((op) => {
    const r = ['search', 'hash', 'href', 'pathname'].includes(op[0])
      ? outcome(() => { u[op[0]] = op[1]; })
      : apply(sp, op);
    return [r, u.href, u.search, sp.toString(), [...sp], sp === u.searchParams];
  });
});
"""
    )
    same_in_both(run_js, node, body, {"cases": cases})


def test_search_params_inputs_and_errors(run_js: RunJS, node: NodeOracle) -> None:
    body = (
        SEARCH_PARAMS_JS
        + """
const init = (v) => outcome(() => dump(new URLSearchParams(v)));
function* gen() { yield ['g', '1']; yield new Set(['h', '2']); }
return [
  init(), init(undefined), init(null), init(''), init('?'), init('??a=1'), init('a=1&&b'), init('=x&y=&=')
  , init(123), init(true), init({}), init({ a: 1, b: [1, 2], c: null, d: undefined, e: { toString() { return 'E'; } } }),
  init([]), init([['a', 'b'], ['c', 'd']]), init(new Map([['m', 1]])), init(gen()), init([['a', 'b', 'c']]), init([['a']]),
  init([1]), init(['ab']), init([new Set(['x'])]), init(Object.create({ inherited: 'x' })), init({ [Symbol('s')]: 1, k: 'v' }),
  init(new URLSearchParams('a=1&a=2')), init(new URL('http://x/?q=1').searchParams), init('a=%F0%9F%98%80&b=%ED%A0%80&c=%C3'),
  init('a+b=c+d&%2B=%2b&\\u00e9=\\ud800'),
  outcome(() => new URLSearchParams().append('a')), outcome(() => new URLSearchParams().get()),
  outcome(() => URLSearchParams.prototype.get.call({}, 'a')), outcome(() => URLSearchParams.prototype.toString.call(1)),
  outcome(() => new URLSearchParams('a=1').forEach()), outcome(() => new URLSearchParams('a=1').forEach(5)),
  outcome(() => { const s = new URLSearchParams('b=2&a=1&c=3&a=0&\\u00e9=1&z=\\ufb01&\\ud83d\\ude00=1&\\uff21=1'); s.sort(); return s.toString(); }),
  outcome(() => { const s = new URLSearchParams('a=1&b=2&c=3'); const seen = []; for (const [k] of s) { seen.push(k); if (k === 'a') s.delete('b'); } return seen; }),
  outcome(() => { const s = new URLSearchParams('a=1&b=2'); const it = s.entries(); s.append('c', '3'); return [...it]; }),
  outcome(() => { const it = new URLSearchParams('a=1').keys(); return [Object.prototype.toString.call(it), typeof it[Symbol.iterator], it[Symbol.iterator]() === it, it.next(), it.next()]; }),
  outcome(() => { const u = new URL('http://a/?x=1'); const s = u.searchParams; s.delete('x'); return [u.href, u.search]; }),
  outcome(() => { const u = new URL('http://a/?x=1#h'); u.searchParams.set('y', 'a b'); u.search = ''; return [u.href, u.searchParams.size, [...u.searchParams]]; }),
];
"""
    )
    same_in_both(run_js, node, body, {})


# ------------------------------------------------------------------- API shape


def test_api_shape_and_errors(run_js: RunJS, node: NodeOracle) -> None:
    body = """
const shape = (C) => ({
  length: C.length, name: C.name, keys: Object.keys(C.prototype),
  statics: Object.getOwnPropertyNames(C).filter((k) => !['length', 'name', 'prototype', 'createObjectURL', 'revokeObjectURL'].includes(k)).sort(),
  tag: Object.prototype.toString.call(C === URL ? new URL('http://a/') : new URLSearchParams()),
  iterator: C === URLSearchParams ? C.prototype[Symbol.iterator] === C.prototype.entries : null,
  methods: Object.entries(Object.getOwnPropertyDescriptors(C.prototype)).filter(([, d]) => typeof d.value === 'function').map(([k, d]) => [k, d.value.length, d.enumerable]),
});
const u = new URL('https://user:pw@example.com:8080/p/a/t/h?query=string#hash');
return [
  shape(URL), shape(URLSearchParams),
  URL.canParse.length, URL.parse.length,
  JSON.stringify(u), JSON.stringify({ u }), u.toJSON(), `${u}`, u + '', u instanceof URL,
  new URL(u).href, new URL('../x', u).href, new URL({ toString() { return 'http://obj/'; } }).href,
  URL.canParse('http://a'), URL.canParse('nope'), URL.canParse('x', 'http://a/'), URL.canParse('x', 'nope'),
  URL.parse('nope'), URL.parse('x', 'http://a/b').href, URL.parse('x', 'nope'),
  outcome(() => new URL('nope')), outcome(() => new URL('x', 'nope')), outcome(() => new URL('http://[x', 'http://a/')),
  outcome(() => new URL(undefined)), outcome(() => new URL(null)), outcome(() => new URL('')), outcome(() => new URL('', '')),
  outcome(() => { u.href = 'bad'; }), u.href,
  outcome(() => new URL()), outcome(() => URL.canParse()),
  outcome(() => URL()), outcome(() => URLSearchParams()),
  outcome(() => Object.getOwnPropertyDescriptor(URL.prototype, 'href').get.call({})),
  outcome(() => URL.prototype.toString.call({})), outcome(() => URL.prototype.toJSON.call(5)),
  outcome(() => new URL(Symbol('x'))),
];
"""
    # Errors raised by the engine or by WebIDL argument checks: Node's message and
    # code (ERR_MISSING_ARGS, ERR_INVALID_THIS, none) differ; only the type must match.
    code = PRELUDE + body
    ours = run_js(code)
    theirs = node.run(code)
    assert ours.get("success") is True, ours
    assert theirs.get("success") is True, theirs
    mine, ref = ours["result"], theirs["result"]
    assert len(mine) == len(ref)
    for i in range(-8, 0):
        assert mine[i]["error"] == ref[i]["error"] == "TypeError", (i, mine[i], ref[i])
        mine[i] = ref[i] = None
    for i, (a, b) in enumerate(zip(mine, ref, strict=True)):
        assert a == b, f"item {i}:\n sandbox: {a!r}\n node:    {b!r}"


def test_console_output_matches_node(run_js: RunJS, node: NodeOracle) -> None:
    """console.log of URL / URLSearchParams prints what Node's util.inspect prints."""
    code = """
console.log(new URL('https://u:p@a.com:8080/x?y=1#z'));
console.log(new URLSearchParams('a=1&b=2&c=%20&d=%F0%9F%98%80'), new URLSearchParams());
console.log(new URLSearchParams('a=' + 'x'.repeat(80) + '&b=2'));
console.log({ u: new URL('http://a'), p: new URL('sc:opaque?q#f').searchParams });
console.log({ a: { b: { c: new URL('http://x') } } }, [[[new URLSearchParams('q=1')]]]);
console.log(`${new URL('http://a/b')}`, [new URL('http://a/b')].join());
const sp = new URLSearchParams('a=1&b=2&c=3');
const it = sp.entries(); it.next();
console.log(sp.keys(), sp.values(), it, [sp.entries()], new URLSearchParams().keys());
console.log(new URLSearchParams('k=' + 'v'.repeat(90)).entries());
console.log(Object.getOwnPropertySymbols(URL.prototype).map(String),
  Object.getOwnPropertySymbols(URLSearchParams.prototype).map(String));
return 1;
"""
    ours = run_js(code, None, True)
    theirs = node.run(code)
    assert ours.get("success") is True, ours
    assert ours["console"] == theirs["console"]


def test_invalid_url_error_envelope(run_js: RunJS, node: NodeOracle) -> None:
    """An uncaught invalid URL surfaces as a TypeError with Node's code and message."""
    ours = run_js("new URL('http://exa mple.com');")
    theirs = node.run("new URL('http://exa mple.com');")
    assert ours["success"] is False and theirs["success"] is False
    for key in ("type", "message", "code"):
        assert ours["error"][key] == theirs["error"][key], key
    assert ours["error"]["type"] == "TypeError"
    assert ours["error"]["code"] == "ERR_INVALID_URL"


# ----------------------------------------------------------- known differences

# (input, what we return = the URL Standard with UTS #46, what Node 20's Ada returns)
KNOWN_DIFFERENCES = [
    # Bidi rule 1: a label must start with L, R or AL; Ada 2.9 does not check it.
    ("https://\u0662.com/", None, "https://xn--bib.com/"),
    ("https://1\u05d0.com/", None, "https://xn--1-0hc.com/"),
    # Bidi rule 5: an LTR label of a bidi domain name may not contain R.
    ("https://a\u05d0.com/", None, "https://xn--a-0hc.com/"),
    # U+1E9E maps to U+00DF (nontransitional processing); Ada maps it to "ss".
    ("https://\u1e9e.de/", "https://xn--zca.de/", "https://ss.de/"),
    # A punycode label that decodes to ASCII only (or fails to decode) is an error.
    ("https://xn--ab-.com/", None, "https://xn--ab-.com/"),
]


# A relative reference holding "#" against an opaque-path base: the standard fails
# unless the reference starts with "#"; Ada 2.9 looks for a "#" anywhere.
KNOWN_OPAQUE_BASE = [(("/#", "sc:opaque"), None, "sc:/#"), (("/a#b", "data:x"), None, "data:/a#b")]

# new URLSearchParams(string): in a name or value with a %XX escape on which
# decodeURIComponent throws, Node truncates the other code units to bytes.
KNOWN_SEARCH_PARAMS = [
    ("%41%\u00e9", [["A%\u00e9", ""]], [["A%\ufffd", ""]]),
    ("a=%FF\u00e9", [["a", "\ufffd\u00e9"]], [["a", "\ufffd\ufffd"]]),
    ("%41%\U0001f600", [["A%\U0001f600", ""]], [["A%=\u0000", ""]]),
]


def test_known_differences_from_node(run_js: RunJS, node: NodeOracle) -> None:
    body = """
return [
  input.hosts.map((i) => URL.parse(i)?.href ?? null),
  input.opaque.map(([i, b]) => URL.parse(i, b)?.href ?? null),
  input.params.map((q) => [...new URLSearchParams(q)]),
];
"""
    data = {
        "hosts": [case[0] for case in KNOWN_DIFFERENCES],
        "opaque": [case[0] for case in KNOWN_OPAQUE_BASE],
        "params": [case[0] for case in KNOWN_SEARCH_PARAMS],
    }
    ours = run_js(body, data)
    theirs = node.run(body, data)
    assert ours.get("success") is True, ours
    assert theirs.get("success") is True, theirs
    tables = (KNOWN_DIFFERENCES, KNOWN_OPAQUE_BASE, KNOWN_SEARCH_PARAMS)
    assert ours["result"] == [[case[1] for case in table] for table in tables]
    assert theirs["result"] == [[case[2] for case in table] for table in tables]


def test_node_misparse_predicate() -> None:
    assert node_misparses("%41%\u00e9")
    assert node_misparses("x=1&a=%FF\u00e9")
    assert not node_misparses("a=%C3%A9\u00e9")
    assert not node_misparses("a=%\u00e9")
    assert not node_misparses("%41%zz")
    assert has_opaque_path("sc:x") and has_opaque_path(" mailto:a") and has_opaque_path("nonsense")
    assert not has_opaque_path("sc:/x") and not has_opaque_path("HTTP:x")


# ---------------------------------------------------------------- sandbox-only


def test_idn_hosts_load_tr46_lazily(run_js: RunJS) -> None:
    """ASCII hosts skip IDNA entirely; a non-ASCII host pulls in vendor/tr46 on demand."""
    body = """
const a = new URL('https://EXAMPLE.com./x').hostname;
const b = new URL('https://B\\u00fcCHER.example/').hostname;
const c = new URL('https://xn--bcher-kva.example/').hostname;
return [a, b, c];
"""
    out = run_js(body)
    assert out.get("success") is True, out
    assert out["result"] == ["example.com.", "xn--bcher-kva.example", "xn--bcher-kva.example"]


def test_url_survives_tampered_text_encoding_globals(run_js: RunJS) -> None:
    """whatwg-url is bound to web/text_encoding, not to the (replaceable) globals."""
    body = """
globalThis.TextEncoder = class { encode() { throw new Error('tampered'); } };
globalThis.TextDecoder = class { decode() { throw new Error('tampered'); } };
const u = new URL('https://example.com/\\u00e9?q=\\u20ac#\\ud83d\\ude00');
u.searchParams.append('k', 'v w');
return [u.href, u.searchParams.get('q')];
"""
    out = run_js(body)
    assert out.get("success") is True, out
    assert out["result"] == [
        "https://example.com/%C3%A9?q=%E2%82%AC&k=v+w#%F0%9F%98%80",
        "\u20ac",
    ]
