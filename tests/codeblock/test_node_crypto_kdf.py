"""Differential tests against Node 20: pbkdf2, scrypt, hkdf (sync and callback forms, argument
errors), plus the host ops of bridge/kdf.py directly (caps, bad arguments)."""

from __future__ import annotations

import contextlib
import hashlib
import inspect
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowgate.codeblock.bridge import kdf
from flowgate.codeblock.bridge.registry import OPS, BridgeError
from tests.codeblock.conftest import RunJs
from tests.codeblock.test_node_crypto_hash import both
from tests.node_oracle import NodeOracle

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

CASES = [
    "return T(() => crypto.pbkdf2Sync('p', 's', 1, 10, 'sha256'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 0, 10, 'sha256'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 1, -1, 'sha256'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 1, 0, 'sha256'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 1, 10, 'foo'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 1, 10))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 1.5, 10, 'sha1'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 2 ** 31, 10, 'sha1'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', '1', 10, 'sha1'))",
    "return T(() => crypto.pbkdf2Sync(1, 's', 1, 10, 'sha1'))",
    "return T(() => crypto.pbkdf2Sync('p', null, 1, 10, 'sha1'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 1, 10, 'shake128'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 1, 10, 'SHA256'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 1, 10, 'RSA-SHA512'))",
    "return T(() => crypto.pbkdf2Sync('p', 's', 1, 10, 'md4'))",
    "return T(() => crypto.pbkdf2Sync(new ArrayBuffer(3), new Uint16Array(2), 3, 100, 'sha512'))",
    "return T(() => crypto.pbkdf2Sync('', '', 1, 64, 'sha3-256'))",
    "return T(() => crypto.pbkdf2('p', 's', 1, 10, 'sha1'))",
    "return T(() => crypto.pbkdf2('p', 's', 1, 10, 'foo', () => {}))",
    "return T(() => crypto.pbkdf2('p', 's', 0, 10, 'sha1', () => {}))",
    "return await new Promise(r => crypto.pbkdf2('p', 's', 2, 20, 'sha1', (e, k) => r([e, k.toString('hex')])))",
    "return await new Promise(r => crypto.pbkdf2('p', 's', 2, 20, 'shake256', (e, k) => r([e.message, k])))",
    "const order = []; crypto.pbkdf2('p', 's', 1, 4, 'sha1', () => order.push('cb')); order.push('sync'); await new Promise(r => setTimeout(r, 20)); return order",
    "return T(() => crypto.scryptSync('p', 's', 16))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 3}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 2 ** 20}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 1024, cost: 2}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {r: 1, blockSize: 2}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {p: 1, parallelization: 2}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {r: 0}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {p: 0, N: 0, maxmem: 0}))",
    "return T(() => crypto.scryptSync('p', 's', 0))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 16, r: 1, p: 1, maxmem: 1000}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 16, r: 1, p: 1, maxmem: 3000}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 16, r: 1, p: 1, maxmem: -1}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 16, r: 1, p: 1, maxmem: 1.5}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {cost: 16, blockSize: 2, parallelization: 3}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: -1}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 'x'}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 16, r: 1, p: 2 ** 30}))",
    "return T(() => crypto.scryptSync('p', 's', 16, {N: 2 ** 16, r: 8, p: 1, maxmem: 2 ** 40}))",
    "return T(() => crypto.scryptSync('p', 's', -1))",
    "return T(() => crypto.scryptSync('p', 's', 'x'))",
    "return T(() => crypto.scryptSync(5, 's', 16))",
    "return T(() => crypto.scryptSync('p', 's', 16, null))",
    "return T(() => crypto.scrypt('p', 's', 16))",
    "return T(() => crypto.scrypt('p', 's', 16, {N: 3}, () => {}))",
    "return await new Promise(r => crypto.scrypt('p', 's', 8, (e, k) => r([e, k.toString('hex')])))",
    "return await new Promise(r => crypto.scrypt('p', 's', 8, {N: 32, r: 2, p: 2}, (e, k) => r([e, k.toString('hex')])))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', 'i', 10))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', 'i', 255 * 32 + 1))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', 'i', 255 * 32))",
    "return T(() => crypto.hkdfSync('sha256', '', 's', 'i', 10))",
    "return T(() => crypto.hkdfSync('foo', 'k', 's', 'i', 10))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', 'i', 0))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', 'x'.repeat(1025), 10))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', 'x'.repeat(1024), 10))",
    "return T(() => crypto.hkdfSync('sha256', 5, 's', 'i', 10))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 5, 'i', 10))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', null, 10))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', 'i', -1))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', 'i', 1.5))",
    "return T(() => crypto.hkdfSync('sha256', 'k', 's', 'i', '1'))",
    "return T(() => crypto.hkdfSync(5, 'k', 's', 'i', 1))",
    "return T(() => crypto.hkdfSync('SHA512', new ArrayBuffer(5), new Uint8Array(3), new DataView(new ArrayBuffer(2)), 70))",
    "return T(() => crypto.hkdfSync('sha1', crypto.createSecretKey(Buffer.from('key')), '', '', 20))",
    "return T(() => crypto.hkdfSync('sha3-256', 'k', '', '', 20))",
    "return T(() => crypto.hkdfSync('md5', 'k', 's', 'i', 16))",
    "return crypto.hkdfSync('sha256', 'k', 's', 'i', 10) instanceof ArrayBuffer",
    "return T(() => crypto.hkdf('sha256', 'k', 's', 'i', 10))",
    "return await new Promise(r => crypto.hkdf('sha384', 'k', 's', 'i', 10, (e, k) => r([e, k instanceof ArrayBuffer, Buffer.from(k).toString('hex')])))",
    "return T(() => crypto.hkdf('sha256', 'k', 's', 'i', 255 * 32 + 1, () => {}))",
    "return T(() => crypto.hkdf('sha256', 'k', 's', 'i', 1, 5))",
    "return T(() => crypto.hkdf('nope', 'k', 's', 'i', 1, () => {}))",
]  # fmt: skip


@pytest.mark.parametrize("body", CASES)
def test_kdf_cases_match_node(run_js: RunJs, node: NodeOracle, body: str) -> None:
    both(run_js, node, body)


KDF_BATCH = """
const out = [];
const b = (h) => Buffer.from(h, 'hex');
for (const c of input.cases) {
  out.push(T(() => crypto.pbkdf2Sync(b(c.pw), b(c.salt), c.iter, c.len, c.digest)));
  out.push(T(() => crypto.pbkdf2Sync(b(c.pw).toString('latin1'), b(c.salt).toString('latin1'), c.iter, c.len, c.digest)));
  out.push(T(() => crypto.hkdfSync(c.digest, b(c.pw), b(c.salt), b(c.info), c.len)));
  out.push(T(() => crypto.scryptSync(b(c.pw), b(c.salt), c.len, {N: c.N, r: c.r, p: c.p})));
}
return out;
"""
DIGESTS = ["sha1", "sha256", "sha512", "sha384", "sha224", "md5", "sha3-512", "sha512-256",
           "blake2b512", "SHA256", "RSA-SHA1", "sm3"]  # fmt: skip
kdf_case = st.fixed_dictionaries(
    {
        "pw": st.binary(max_size=40).map(bytes.hex),
        "salt": st.binary(max_size=40).map(bytes.hex),
        "info": st.binary(max_size=40).map(bytes.hex),
        "iter": st.integers(1, 50),
        "len": st.integers(0, 100),
        "digest": st.sampled_from(DIGESTS),
        "N": st.sampled_from([0, 2, 4, 16, 64, 3, 1]),
        "r": st.integers(0, 4),
        "p": st.integers(0, 3),
    }
)


@SETTINGS
@given(cases=st.lists(kdf_case, min_size=15, max_size=15))
def test_generated_kdfs_match_node(
    run_js: RunJs, node: NodeOracle, cases: list[dict[str, Any]]
) -> None:
    both(run_js, node, KDF_BATCH, {"cases": cases})


# ---- the host ops themselves ---------------------------------------------------------


def test_ops_compute_the_standard_values() -> None:
    assert kdf.pbkdf2(b"p", b"s", 3, 20, "sha1") == hashlib.pbkdf2_hmac("sha1", b"p", b"s", 3, 20)
    assert kdf.scrypt(b"p", b"s", 16, 16, 1, 1, 0) == hashlib.scrypt(
        b"p", salt=b"s", n=16, r=1, p=1, dklen=16
    )
    assert len(kdf.hkdf("sha256", b"k", b"", b"", 42)) == 42


def test_pbkdf2_cap_admits_owasp_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", lambda *args: b"ok")  # count, do not run
    for digest, iterations, size in (
        ("sha1", 1_300_000, 20),
        ("sha256", 600_000, 32),
        ("sha512", 210_000, 64),
    ):
        assert kdf.pbkdf2(b"p", b"s", iterations, size, digest) == b"ok"
    for digest, iterations in (
        ("sha512", 2_000_001),
        ("sha256", 4_000_001),
        ("sha3_256", 1_400_000),
    ):
        with pytest.raises(BridgeError):
            kdf.pbkdf2(b"p", b"s", iterations, 32, digest)


def test_ops_cap_the_work() -> None:
    with pytest.raises(BridgeError) as info:
        kdf.pbkdf2(b"p", b"s", 2**31 - 1, 10, "sha256")
    assert info.value.code == "ERR_FLOWGATE_CRYPTO_LIMIT"
    with pytest.raises(BridgeError) as info:
        kdf.scrypt(b"p", b"s", 16, 2**20, 8, 1, 2**40)
    assert info.value.code == "ERR_FLOWGATE_CRYPTO_LIMIT"
    with pytest.raises(BridgeError) as info:
        kdf.scrypt(b"p", b"s", 16, 2**14, 1, 1000, 2**40)
    assert info.value.code == "ERR_FLOWGATE_CRYPTO_LIMIT"
    with pytest.raises(BridgeError) as info:
        kdf.hkdf("sha256", b"k", b"", b"", kdf.MAX_KEYLEN + 1)
    assert info.value.code in ("ERR_FLOWGATE_CRYPTO_LIMIT", "ERR_CRYPTO_INVALID_KEYLEN")


@pytest.mark.parametrize(
    "call",
    [
        lambda: kdf.pbkdf2("p", b"s", 1, 1, "sha1"),
        lambda: kdf.pbkdf2(b"p", b"s", 0, 1, "sha1"),
        lambda: kdf.pbkdf2(b"p", b"s", 1, -1, "sha1"),
        lambda: kdf.pbkdf2(b"p", b"s", 1, 1, "nope"),
        lambda: kdf.pbkdf2(b"p", b"s", True, 1, "sha1"),
        lambda: kdf.pbkdf2(b"p", b"s", 1, 1, "shake_128"),
        lambda: kdf.scrypt(b"p", b"s", 16, 3, 1, 1, 0),
        lambda: kdf.scrypt(b"p", b"s", 16, 16, 0, 1, 0),
        lambda: kdf.scrypt(b"p", None, 16, 16, 1, 1, 0),
        lambda: kdf.scrypt(b"p", b"s", 16, 16, 1, 1, -1),
        lambda: kdf.hkdf("sha256", b"k", b"s", b"i" * 1025, 1),
        lambda: kdf.hkdf("ripemd160", b"k", b"s", b"", 1),
        lambda: kdf.hkdf("sha256", "k", b"s", b"", 1),
        lambda: kdf.hkdf("sha256", b"k", b"s", b"", 1.0),
    ],
)
def test_ops_refuse_bad_arguments(call: Any) -> None:
    with pytest.raises(BridgeError):
        call()


# ---- every op of this area, fed junk: a BridgeError or a result, never another exception ----

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, 1, 2, 4, 8, 12, 16, 24, 32, 64, 2**31, -1]),
    st.floats(allow_nan=True),
    st.text(max_size=10),
    st.sampled_from(["sha256", "aes", "cbc", "ctr", "gcm", "xts", "cfb8", "aes-gcm", "shake_128"]),
    st.binary(max_size=40),
    st.just(bytes(70_000)),  # past CCM's 13-byte-nonce message limit
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
AREA_OPS = sorted(
    name
    for name in OPS
    if name.split(".")[0] in ("hash", "hmac", "cipher", "kdf") or name == "crypto.timingSafeEqual"
)


@pytest.mark.parametrize("name", AREA_OPS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_ops_fed_junk_raise_bridge_errors_only(name: str, data: st.DataObject) -> None:
    handler = OPS[name]
    params = inspect.signature(handler).parameters.values()
    required = sum(1 for p in params if p.default is inspect.Parameter.empty)
    args = data.draw(st.lists(JUNK, min_size=required, max_size=len(params)))
    with contextlib.suppress(BridgeError):
        handler(*args)
