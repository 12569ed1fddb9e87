"""Differential tests against Node 20: crypto hashes, HMAC, crypto.hash, random numbers,
timingSafeEqual, the module's shape; plus the host ops of bridge/hashes.py directly."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowgate.codeblock.bridge import hashes
from flowgate.codeblock.bridge.registry import BridgeError
from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import NODE_REQUIRE
from tests.node_oracle import NodeOracle

# Shared by every snippet: T(f) runs f and describes its result or its error.
PRELUDE = """
const crypto = require('crypto');
const enc = (r) => Buffer.isBuffer(r) ? 'buf:' + r.toString('hex')
  : r instanceof ArrayBuffer ? 'ab:' + Buffer.from(r).toString('hex') : r;
const T = (f) => { try { return enc(f()); } catch (e) { return ['ERR', e.name, e.code, e.message]; } };
"""

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def both(run_js: RunJs, node: NodeOracle, body: str, inp: dict[str, Any] | None = None) -> Any:
    code = PRELUDE + body
    ours, theirs = run_js(code, inp), node.run(NODE_REQUIRE + code, inp)
    assert theirs["success"], theirs
    assert ours["success"], ours
    assert ours["result"] == theirs["result"]
    return ours["result"]


ALGORITHMS = [
    "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256",
    "sha3-224", "sha3-256", "sha3-384", "sha3-512", "shake128", "shake256", "blake2b512",
    "blake2s256", "ripemd160", "rmd160", "ripemd", "sm3", "md5-sha1", "RSA-SHA256", "RSA-SHA1-2",
    "sha256WithRSAEncryption", "RSA-SHA512/224", "ssl3-md5", "ssl3-sha1", "SHA256", "Sha512",
    "SHA2-256", "sha-256", "SHA3-256", "SHAKE256", "BLAKE2B-512", "2.16.840.1.101.3.4.2.1",
    "id-rsassa-pkcs1-v1_5-with-sha3-256", "RSA-SM3", "md5WithRSAEncryption", "ripemd160WithRSA",
]  # fmt: skip
BAD_ALGORITHMS = ["foo", "sha3_256", "SHA3_256", "md4", "whirlpool", "keccak-256", "", "sha 256"]

CASES = [
    "return crypto.getHashes()",
    "return crypto.getHashes().map(h => T(() => crypto.createHash(h).update('abc').digest('hex')))",
    "return crypto.getHashes().map(h => T(() => crypto.createHmac(h, 'key').update('abc').digest('hex')))",
    "return T(() => crypto.createHash('sha256', {outputLength: 16}))",
    "return T(() => crypto.createHash('sha256', {outputLength: 32}).digest('hex'))",
    "return T(() => crypto.createHash('shake128', {outputLength: 0}).digest('hex'))",
    "return T(() => crypto.createHash('shake256', {outputLength: 100}).update('x').digest('hex'))",
    "return T(() => crypto.createHash('shake256', {outputLength: 5.5}))",
    "return T(() => crypto.createHash('shake256', {outputLength: -1}))",
    "return T(() => crypto.createHash('shake256', {outputLength: '5'}))",
    "return T(() => crypto.createHash('sha1', null).digest('hex'))",
    "return T(() => crypto.createHash(5))",
    "return T(() => crypto.createHash())",
    "const h = crypto.createHash('sha1'); h.digest(); return [T(() => h.digest()), T(() => h.update('x')), T(() => h.copy())]",
    "const h = crypto.createHmac('sha1', 'k'); h.digest(); return [T(() => h.digest('hex')), T(() => h.digest()), T(() => h.update('x'))]",
    "return T(() => crypto.createHmac('shake128', 'k').update('a').digest('hex'))",
    "return T(() => crypto.createHmac('foo', 'k'))",
    "return T(() => crypto.createHmac('sha256', null))",
    "return T(() => crypto.createHmac('sha256', 5))",
    "return T(() => crypto.createHmac(undefined, 'k'))",
    "return T(() => crypto.createHmac('sha256', new ArrayBuffer(3)).update('x').digest('hex'))",
    "return T(() => crypto.createHmac('sha256', new DataView(new ArrayBuffer(4))).digest('hex'))",
    "return T(() => crypto.createHmac('sha256', new Uint16Array([1, 2, 3])).digest('hex'))",
    "return T(() => crypto.createHmac('sha256', 'ff', {encoding: 'hex'}).digest('hex'))",
    "return T(() => crypto.createHmac('sha256', 'ff', {encoding: 5}))",
    "return T(() => crypto.createHmac('sha256', '').digest('base64'))",
    "return T(() => crypto.createHmac('sha512', 'k'.repeat(300)).update('x').digest('hex'))",
    "return T(() => crypto.createHash('sha256').update(5))",
    "return T(() => crypto.createHash('sha256').update(null))",
    "return T(() => crypto.createHash('sha256').update([1, 2]))",
    "return T(() => crypto.createHash('sha256').update(new ArrayBuffer(2)))",
    "return T(() => crypto.createHash('sha256').update('abc', 'hex'))",
    "return T(() => crypto.createHash('sha256').update('ab', 'HEX').digest('hex'))",
    "return T(() => crypto.createHash('sha256').update('ab', 'bogus').digest('hex'))",
    "return T(() => crypto.createHash('sha256').update('é😀', 'latin1').digest('hex'))",
    "return T(() => crypto.createHash('sha256').update('\\ud800x').digest('hex'))",
    "return T(() => crypto.createHash('sha256').update('a').digest('bogus'))",
    "return T(() => crypto.createHash('sha256').update('a').digest('buffer'))",
    "return T(() => crypto.createHash('sha256').update('a').digest('BASE64'))",
    "return T(() => crypto.createHash('sha256').update('a').digest('ucs2'))",
    "return T(() => crypto.createHash('md5').update('a').digest('binary'))",
    "const h = crypto.createHash('sha1'); return h.update('a') === h",
    "const h = crypto.createHash('sha256').update('a'); const c = h.copy(); c.update('b'); return [h.digest('hex'), c.digest('hex')]",
    "const h = crypto.createHash('shake128').update('a'); return [h.copy({outputLength: 5}).digest('hex'), h.digest('hex')]",
    "const b = Buffer.from('abc'); const h = crypto.createHash('sha1').update(b); b[0] = 0; return h.digest('hex')",
    "return [T(() => crypto.hash('sha1', 'abc')), T(() => crypto.hash('sha1', 'abc', 'base64')), T(() => crypto.hash('sha1', 'abc', 'buffer'))]",
    "return [T(() => crypto.hash('foo', 'abc')), T(() => crypto.hash('sha1', 5)), T(() => crypto.hash('sha1', 'a', 'bogus')), T(() => crypto.hash(5, 'a'))]",
    "return [T(() => crypto.hash('sha1', new Uint8Array([1, 2]))), T(() => crypto.hash('SHA256', 'x', 'BUFFER')), T(() => crypto.hash('shake256', ''))]",
    "return [T(() => crypto.hash('sha1', 'a', null)), T(() => crypto.hash('sha1', 'a', 'latin1'))]",
    "const h = crypto.createHash('sha1'); return [h instanceof crypto.Hash, typeof crypto.Hash, Object.keys(h)]",
    "const h = crypto.Hash('sha1'); return [h instanceof crypto.Hash, h.digest('hex')]",
    "const h = crypto.createHmac('sha1', 'k'); return [h instanceof crypto.Hmac, Object.keys(h), crypto.Hmac('md5', 'k').digest('hex')]",
    "const util = require('util'); return [crypto.createHash('sha256'), crypto.createHmac('md5', 'k'), crypto.createCipheriv('aes-128-cbc', Buffer.alloc(16), Buffer.alloc(16)), crypto.createDecipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12))].map(x => util.inspect(x))",
    "const h = crypto.createHash('sha1'); return [T(() => h.update.call({}, 'x')), T(() => crypto.createHash('sha1').digest.call(5))].map(r => r.slice(0, 2))",
    "const h = crypto.createHash('sha256'); const w = h.write('abc'); h.end(); return [w, enc(h.read()), h.read()]",
    "const h = crypto.createHash('sha256'); h.setEncoding('hex'); h.end('abc'); return [h.read(), T(() => h.digest())]",
    "const h = crypto.createHmac('sha1', 'k'); h.write('ab', 'latin1'); h.end('cd', 'hex'); return enc(h.read())",
    "const h = crypto.createHash('md5'); let n = 0; h.write('x', () => n++); h.end(() => n++); await new Promise(r => setTimeout(r, 5)); return [n, enc(h.read())]",
    "const h = crypto.createHash('md5'); return [h.read(), typeof h.write, typeof h.end]",
    "const h = crypto.createHash('sha256'); h.end('abc'); return [T(() => h.digest('hex')), T(() => h.digest('hex'))]",
    "const h = crypto.createHash('sha256'); h.end('abc'); return [T(() => h.update('x') === h), enc(h.read())]",
    "const m = crypto.createHmac('sha256', 'k'); m.end('abc'); return [T(() => m.digest('hex')), T(() => m.update('x')), m.read().length]",
    "return [typeof crypto.createHash, crypto.createHash.name, crypto.createHmac.length, crypto.createHash.length]",
]  # fmt: skip


@pytest.mark.parametrize("body", CASES)
def test_hash_cases_match_node(run_js: RunJs, node: NodeOracle, body: str) -> None:
    both(run_js, node, body)


def test_key_objects_and_crypto_keys_as_hmac_keys_match_node(
    run_js: RunJs, node: NodeOracle
) -> None:
    body = """
    const k = await crypto.subtle.importKey('raw', Buffer.from('key'), {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']);
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    return [
      T(() => crypto.createHmac('sha256', k).update('x').digest('hex')),
      T(() => crypto.createHmac('sha256', crypto.createSecretKey(Buffer.from('key'))).update('x').digest('hex')),
      T(() => crypto.createHmac('sha256', privateKey)),
      T(() => crypto.createHmac('sha256', publicKey)),
      T(() => crypto.createCipheriv('aes-128-cbc', privateKey, Buffer.alloc(16))),
      T(() => crypto.createHmac('sha256', { type: 'secret', export: () => Buffer.from('key') })),
    ];
    """
    both(run_js, node, body)


def test_every_algorithm_name_matches_node(run_js: RunJs, node: NodeOracle) -> None:
    body = """
    return input.names.map(n => [
      T(() => crypto.createHash(n).update('hello').digest('hex')),
      T(() => crypto.createHmac(n, 'secret').update('hello').digest('hex')),
      T(() => crypto.hash(n, 'hello')),
    ]);
    """
    result = both(run_js, node, body, {"names": ALGORITHMS + BAD_ALGORITHMS})
    assert result[0][0] == hashlib.md5(b"hello").hexdigest()


# Chunks: bytes as hex plus how to hand them over (encoded string or a kind of view).
TO_DATA = """
function toData(ch) {
  const bytes = Buffer.from(ch.hex, 'hex');
  switch (ch.kind) {
    case 'u8': return new Uint8Array(bytes);
    case 'u32': return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.length & ~3)));
    case 'dv': return new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    case 'sub': return Buffer.concat([Buffer.from('zz'), bytes]).subarray(2);
    case 'utf8': case 'utf8e': return ch.text;
    default: return bytes;
  }
}
function upd(h, ch) {
  const bytes = Buffer.from(ch.hex, 'hex');
  if (ch.kind === 'hex') return h.update(bytes.toString('hex'), 'hex');
  if (ch.kind === 'b64') return h.update(bytes.toString('base64'), 'base64');
  if (ch.kind === 'latin1') return h.update(bytes.toString('latin1'), 'latin1');
  if (ch.kind === 'utf8e') return h.update(ch.text, 'utf8');
  if (ch.kind === 'ucs2') return h.update(ch.text, 'ucs2');
  if (ch.kind === 'ascii') return h.update(ch.text, 'ascii');
  if (ch.kind === 'b64u') return h.update(bytes.toString('base64url'), 'base64url');
  if (ch.kind === 'undef') return h.update(ch.text, undefined);
  return h.update(toData(ch));
}
"""
HASH_BATCH = (
    TO_DATA
    + """
const out = [];
for (const c of input.cases) {
  out.push(T(() => {
    const h = crypto.createHash(c.alg, c.len === null ? undefined : {outputLength: c.len});
    let copy = null;
    c.chunks.forEach((ch, i) => {
      upd(h, ch);
      if (i === c.copyAt) copy = h.copy();
    });
    const a = h.digest(c.out === null ? undefined : c.out);
    const b = copy === null ? null : copy.update('tail').digest('hex');
    return [enc(a), b];
  }));
  out.push(T(() => {
    const m = crypto.createHmac(c.alg, toData(c.key));
    for (const ch of c.chunks) upd(m, ch);
    return enc(m.digest(c.out === null ? undefined : c.out));
  }));
}
return out;
"""
)

chunk = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(
            [
                "hex",
                "b64",
                "latin1",
                "utf8",
                "utf8e",
                "buffer",
                "u8",
                "u32",
                "dv",
                "sub",
                "ucs2",
                "ascii",
                "b64u",
                "undef",
            ]
        ),
        "hex": st.binary(max_size=80).map(bytes.hex),
        "text": st.text(max_size=20),
    }
)
hash_case = st.fixed_dictionaries(
    {
        "alg": st.sampled_from(ALGORITHMS),
        "len": st.one_of(st.none(), st.integers(0, 70)),
        "chunks": st.lists(chunk, max_size=5),
        "copyAt": st.integers(-1, 4),
        "out": st.sampled_from(
            [
                None,
                "hex",
                "base64",
                "base64url",
                "latin1",
                "buffer",
                "binary",
                "bogus",
                "ucs2",
                "utf8",
                "ascii",
                "UTF-16LE",
            ]
        ),
        "key": chunk,
    }
)


@SETTINGS
@given(cases=st.lists(hash_case, min_size=30, max_size=30))
def test_generated_hashes_and_hmacs_match_node(
    run_js: RunJs, node: NodeOracle, cases: list[dict[str, Any]]
) -> None:
    both(run_js, node, HASH_BATCH, {"cases": cases})


RANDOM_CASES = [
    "return [crypto.randomBytes(0).length, crypto.randomBytes(5).length, Buffer.isBuffer(crypto.randomBytes(3))]",
    "return [T(() => crypto.randomBytes(-1)), T(() => crypto.randomBytes(2 ** 31)), T(() => crypto.randomBytes('1')), T(() => crypto.randomBytes(NaN))]",
    "return T(() => crypto.randomBytes(1, 'x'))",
    "return await new Promise(r => crypto.randomBytes(7, (e, b) => r([e, b.length])))",
    "const a = new Uint16Array(4); return [crypto.randomFillSync(a) === a, a.length]",
    "const a = Buffer.alloc(8); crypto.randomFillSync(a, 4); return a.subarray(0, 4).toString('hex')",
    "const a = Buffer.alloc(8); crypto.randomFillSync(a, 2, 3); return [a.subarray(0, 2).toString('hex'), a.subarray(5).toString('hex')]",
    "return [T(() => crypto.randomFillSync(Buffer.alloc(4), 5)), T(() => crypto.randomFillSync(Buffer.alloc(4), 1, 4)), T(() => crypto.randomFillSync([1]))]",
    "return [T(() => crypto.randomFillSync(new Uint32Array(4), 2, 3)), T(() => crypto.randomFillSync(new Uint32Array(4), 'a'))]",
    "const ab = new ArrayBuffer(4); return [crypto.randomFillSync(ab) === ab]",
    "return await new Promise(r => crypto.randomFill(Buffer.alloc(4), (e, b) => r([e, b.length])))",
    "return await new Promise(r => crypto.randomFill(Buffer.alloc(4), 2, (e, b) => r([e, b.length, b[0], b[1]])))",
    "return [T(() => crypto.randomFill(Buffer.alloc(4))), T(() => crypto.randomFill(Buffer.alloc(4), 1, 2, 3))]",
    "const s = new Set(); for (let i = 0; i < 200; i++) s.add(crypto.randomInt(3)); return [...s].sort()",
    "const s = new Set(); for (let i = 0; i < 200; i++) s.add(crypto.randomInt(-2, 1)); return [...s].sort()",
    "return [T(() => crypto.randomInt(5, 3)), T(() => crypto.randomInt(2 ** 48)), T(() => crypto.randomInt(0)), T(() => crypto.randomInt(1.5))]",
    "return [T(() => crypto.randomInt(-(2 ** 47), 2 ** 47 + 1)), T(() => crypto.randomInt('1')), T(() => crypto.randomInt(1, 2, 3)), T(() => crypto.randomInt(2 ** 53, 2 ** 53 + 2))]",
    "return await new Promise(r => crypto.randomInt(10, 11, (e, n) => r([e, n])))",
    "return await new Promise(r => crypto.randomInt(1, (e, n) => r([e, n])))",
    "return [/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()), T(() => crypto.randomUUID(5)), T(() => crypto.randomUUID({disableEntropyCache: 1}))]",
    "return [crypto.randomUUID({disableEntropyCache: true}).length, crypto.getRandomValues(new Uint8Array(3)).length]",
    "return T(() => crypto.getRandomValues(new Float32Array(2)))",
    "return [crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac'))]",
    "return [T(() => crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('a'))), T(() => crypto.timingSafeEqual('ab', 'ab')), T(() => crypto.timingSafeEqual(Buffer.alloc(1), 1))]",
    "const a = Buffer.alloc(1000, 1), b = Buffer.alloc(1000, 1); const c = Buffer.from(b); c[999] = 0; return [crypto.timingSafeEqual(a, b), crypto.timingSafeEqual(a, c)]",
    "return [crypto.timingSafeEqual(new Uint16Array([1]), new Uint8Array([1, 0])), crypto.timingSafeEqual(new ArrayBuffer(2), new DataView(new ArrayBuffer(2)))]",
    "return [crypto.pseudoRandomBytes === crypto.randomBytes, crypto.rng === crypto.randomBytes, Object.keys(crypto).includes('prng')]",
    "return Object.keys(crypto)",
    "return [typeof crypto.webcrypto, crypto.webcrypto === globalThis.crypto, crypto.subtle === globalThis.crypto.subtle]",
    "return [crypto.getFips(), T(() => crypto.setFips(true)), crypto.setFips(false), crypto.secureHeapUsed()]",
    "return [crypto.constants.RSA_PKCS1_PSS_PADDING, crypto.constants.POINT_CONVERSION_COMPRESSED, Object.keys(crypto.constants).length]",
    "return require('node:crypto') === require('crypto')",
    # (restored: the Node oracle is one process whose module objects outlive a request)
    "const o = crypto.createHash; crypto.createHash = 5; const r = require('crypto').createHash; crypto.createHash = o; return r",
]  # fmt: skip


@pytest.mark.parametrize("body", RANDOM_CASES)
def test_random_and_misc_match_node(run_js: RunJs, node: NodeOracle, body: str) -> None:
    both(run_js, node, body)


def test_getcurves_lists_only_supported_curves(run_js: RunJs, node: NodeOracle) -> None:
    ours = run_js(PRELUDE + "return crypto.getCurves()")["result"]
    theirs = node.run(NODE_REQUIRE + PRELUDE + "return crypto.getCurves()")["result"]
    assert ours == sorted(ours) and set(ours) <= set(theirs) and "prime256v1" in ours


def test_random_bytes_are_random(run_js: RunJs) -> None:
    out = run_js(
        PRELUDE
        + "return [crypto.randomBytes(16).toString('hex'), crypto.randomBytes(16).toString('hex')]"
    )
    a, b = out["result"]
    assert a != b and len(a) == 32


# ---- the host ops themselves ---------------------------------------------------------


def test_resolve_names() -> None:
    assert hashes.hash_resolve("SHA256") == ["sha256", 32, False]
    assert hashes.hash_resolve("RSA-SHA512/224") == ["sha512_224", 28, False]
    assert hashes.hash_resolve("sha2-256") == ["sha256", 32, False]
    assert hashes.hash_resolve("shake128") == ["shake_128", 16, True]
    assert hashes.hash_resolve("MD4") == [None, 0, False]  # known to OpenSSL, not loadable
    for bad in ("sha3_256", "md2", "", "x" * 100, 5, None, "sha256\u0000", "é"):
        assert hashes.hash_resolve(bad) is None


def test_digest_ops() -> None:
    assert hashes.hash_digest("sha256", b"abc") == hashlib.sha256(b"abc").digest()
    assert hashes.hash_digest("shake_256", b"abc", 7) == hashlib.shake_256(b"abc").digest(7)
    assert hashes.hmac_digest("sha1", b"k", b"d") == hmac.new(b"k", b"d", "sha1").digest()
    assert hashes.timing_safe_equal(b"ab", b"ab") is True
    assert hashes.timing_safe_equal(b"ab", b"ac") is False


@pytest.mark.parametrize(
    "args",
    [
        ("nope", b""),
        ("sha256", "text"),
        ("sha256", b"", 16),
        ("shake_128", b"", -1),
        ("shake_128", b"", hashes.MAX_XOF_OUTPUT + 1),
        ("shake_128", b"", 1.5),
        ("sha256", b"", True),
        (None, b""),
    ],
)
def test_digest_refuses_bad_arguments(args: tuple[Any, ...]) -> None:
    with pytest.raises(BridgeError):
        hashes.hash_digest(*args)


def test_hmac_refuses_bad_arguments() -> None:
    for args in [
        ("shake_128", b"k", b""),
        ("sha1", "k", b""),
        ("sha1", b"k", None),
        ("x", b"", b""),
    ]:
        with pytest.raises(BridgeError):
            hashes.hmac_digest(*args)
    with pytest.raises(BridgeError):
        hashes.timing_safe_equal(b"a", "a")
