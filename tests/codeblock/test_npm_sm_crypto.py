"""sm-crypto-v2 1.15.1 in code blocks, differential against Node 20's sm-crypto-v2: SM3 (plain,
HMAC), SM4 (modes, paddings, output formats, GCM), SM2 across the two engines (a signature or
ciphertext made in one is verified or decrypted in the other, as SM2 signing and encryption are
randomised), key helpers, errors, and the lazy shape of `require('sm-crypto-v2')`."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowgate.codeblock.bridge import sm2 as sm2_op
from flowgate.codeblock.bridge.registry import BridgeError
from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same, assert_same_outcome
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

PRIV = "5c5fc973647cf78431cd4e8cea20cdbead5cba7887f54d14dacad51117f8272e"
PUB = (
    "04a4ae921adf796debcbf5bcd5817330b337b760fac3727aca7e8aefcf2da1b592"
    "2192d6138c0be21a77b5ab4cc2b2fdc82d74ee6e2457b85ba90cd293bdd59084"
)
KEY = "0123456789abcdeffedcba9876543210"
KEYS = {"priv": PRIV, "pub": PUB, "key": KEY}


def ok(envelope: dict[str, Any]) -> Any:
    assert envelope["success"], envelope
    return envelope["result"]


@settings(max_examples=12, deadline=None)
@given(s=st.text(max_size=100), k=st.binary(min_size=1, max_size=80))
def test_sm3(run_js: RunJs, node: NodeOracle, s: str, k: bytes) -> None:
    code = """const { sm3 } = require('sm-crypto-v2');
    return [sm3(input.s), sm3(input.s, { key: input.k }), sm3(input.s, { mode: 'hmac', key: new Uint8Array([1, 2, 3]) }),
      sm3(new Uint8Array([...input.s].map((c) => c.charCodeAt(0) & 255))), sm3(new Uint8Array(0))];"""
    assert_same(run_js, node, code, {"s": s, "k": k.hex()})


SM4 = """
const { sm4 } = require('sm-crypto-v2'); const k = input.key, iv = 'fedcba98765432100123456789abcdef';
const out = [];
for (const mode of [undefined, 'ecb', 'cbc']) {
  for (const padding of ['pkcs#7', 'pkcs#5', 'none']) {
    const msg = padding === 'none' ? input.msg.padEnd(32, '.').slice(0, 32) : input.msg;
    const opts = { mode, iv, padding };
    const hex = sm4.encrypt(msg, k, opts), arr = sm4.encrypt(msg, k, { ...opts, output: 'array' });
    out.push([mode, padding, hex, Array.from(arr), sm4.decrypt(hex, k, opts),
      Array.from(sm4.decrypt(hex, k, { ...opts, output: 'array' })), sm4.decrypt(arr, k, opts)]);
  }
}
const bytes = sm4.encrypt(new Uint8Array([1, 2, 3, 250]), new Uint8Array(16).fill(7));
out.push(bytes, Array.from(sm4.sm4(new Uint8Array(16), k, 1, { padding: 'none', output: 'array' })));
const g = sm4.encrypt(input.msg, k, { mode: 'gcm', iv: '000000000000000000000000', aad: 'abcd', outputTag: true });
out.push(g, sm4.decrypt(g.output, k, { mode: 'gcm', iv: '000000000000000000000000', aad: 'abcd', tag: g.tag }));
return out;
"""


@settings(max_examples=6, deadline=None)
@given(msg=st.text(max_size=40))
def test_sm4(run_js: RunJs, node: NodeOracle, msg: str) -> None:
    assert_same(run_js, node, SM4, {"key": KEY, "msg": msg})


SIGN = """const { sm2 } = require('sm-crypto-v2'); const m = input.msg;
return [sm2.doSignature(m, input.priv), sm2.doSignature(m, input.priv, { der: true }),
  sm2.doSignature(m, input.priv, { hash: true }), sm2.doSignature(m, input.priv, { hash: true, publicKey: input.pub }),
  sm2.doSignature(m, input.priv, { hash: true, der: true, userId: 'alice@example' })];"""
VERIFY = """const { sm2 } = require('sm-crypto-v2'); const m = input.msg, s = input.sigs, p = input.pub;
return [sm2.doVerifySignature(m, s[0], p), sm2.doVerifySignature(m, s[1], p, { der: true }),
  sm2.doVerifySignature(m, s[2], p, { hash: true }), sm2.doVerifySignature(m, s[3], p, { hash: true }),
  sm2.doVerifySignature(m, s[4], p, { hash: true, der: true, userId: 'alice@example' }),
  sm2.doVerifySignature(m + '!', s[0], p), sm2.doVerifySignature(m, s[2], p)];"""


def test_sm2_signatures_across_engines(run_js: RunJs, node: NodeOracle) -> None:
    data = {**KEYS, "msg": "签名 message ✓"}
    expected = [True, True, True, True, True, False, False]
    ours = ok(run_js(SIGN, data))
    assert ok(node.run(VERIFY, {**data, "sigs": ours})) == expected
    theirs = ok(node.run(SIGN, data))
    assert ok(run_js(VERIFY, {**data, "sigs": theirs})) == expected


ENCRYPT = """const { sm2 } = require('sm-crypto-v2');
return [sm2.doEncrypt(input.msg, input.pub), sm2.doEncrypt(input.msg, input.pub, 0),
  sm2.doEncrypt(input.msg, input.pub, 1, { asn1: true }), sm2.doEncrypt(new Uint8Array([0, 1, 255]), input.pub)];"""
DECRYPT = """const { sm2 } = require('sm-crypto-v2'); const c = input.cts, k = input.priv;
return [sm2.doDecrypt(c[0], k), sm2.doDecrypt(c[1], k, 0), sm2.doDecrypt(c[2], k, 1, { asn1: true }),
  Array.from(sm2.doDecrypt(c[3], k, 1, { output: 'array' })), sm2.doDecrypt(c[1], k, 1)];"""


def test_sm2_encryption_across_engines(run_js: RunJs, node: NodeOracle) -> None:
    data = {**KEYS, "msg": "加密 ✓ text"}
    expected = [data["msg"], data["msg"], data["msg"], [0, 1, 255], ""]
    ours = ok(run_js(ENCRYPT, data))
    assert ok(node.run(DECRYPT, {**data, "cts": ours})) == expected
    theirs = ok(node.run(ENCRYPT, data))
    assert ok(run_js(DECRYPT, {**data, "cts": theirs})) == expected


def test_sm2_fresh_keys_across_engines(run_js: RunJs, node: NodeOracle) -> None:
    make = """const { sm2 } = require('sm-crypto-v2'); const kp = sm2.generateKeyPairHex();
    return [kp, sm2.doSignature('m', kp.privateKey, { hash: true }), sm2.doEncrypt('m', kp.publicKey),
      sm2.getPublicKeyFromPrivateKey(kp.privateKey) === kp.publicKey, sm2.verifyPublicKey(kp.publicKey)];"""
    check = """const { sm2 } = require('sm-crypto-v2'); const [kp, sig, ct] = input.made;
    return [sm2.doVerifySignature('m', sig, kp.publicKey, { hash: true }), sm2.doDecrypt(ct, kp.privateKey),
      sm2.getPublicKeyFromPrivateKey(kp.privateKey) === kp.publicKey, kp.privateKey.length, kp.publicKey.length];"""
    for made_by, checked_by in ((run_js, node.run), (node.run, run_js)):
        made = ok(made_by(make))
        assert made[3:] == [True, True]
        assert ok(checked_by(check, {"made": made})) == [True, "m", True, 64, 130]


def test_sm2_key_helpers(run_js: RunJs, node: NodeOracle) -> None:
    code = """const { sm2 } = require('sm-crypto-v2'); const c = sm2.compressPublicKeyHex(input.pub);
    return [sm2.getPublicKeyFromPrivateKey(input.priv), c, sm2.comparePublicKeyHex(c, input.pub),
      sm2.comparePublicKeyHex(input.pub, sm2.getPublicKeyFromPrivateKey('00'.repeat(31) + '01')), sm2.verifyPublicKey(input.pub),
      sm2.verifyPublicKey(c), sm2.generateKeyPairHex('12345'), sm2.generateKeyPairHex('123456789012345678901234567890'),
      sm2.utf8ToHex('中a'), sm2.leftPad('ab', 5), sm2.arrayToHex([1, 255]), sm2.arrayToUtf8([228, 184, 173]),
      Array.from(sm2.hexToArray('0aff')), sm2.getZ(input.pub).length, sm2.getHash('abcd', input.pub),
      Array.from(sm2.ecdh(input.priv, input.pub)).length, Object.keys(sm2).join()];"""
    assert_same(run_js, node, code, KEYS)


@pytest.mark.parametrize(
    "code",
    [
        "return sm4.encrypt('x', '0123')",
        "return sm4.encrypt('x', input.key, { mode: 'cbc' })",
        "return sm4.decrypt('00112233445566778899aabbccddeeff', input.key)",
        "return sm3('x', { key: '' })",
        "return sm3('x', { mode: 'other', key: '00' })",
        "return sm2.doDecrypt('00', input.priv)",
        "return sm2.compressPublicKeyHex('04ab')",
        "return sm2.verifyPublicKey('04' + '00'.repeat(64))",
        "return sm2.doVerifySignature('m', '00', input.pub)",
        "return sm2.getPublicKeyFromPrivateKey('01')",
        "return sm2.getPublicKeyFromPrivateKey('ff'.repeat(32))",
    ],
)
def test_errors(run_js: RunJs, node: NodeOracle, code: str) -> None:
    prelude = "const { sm2, sm3, sm4 } = require('sm-crypto-v2');\n"
    assert_same_outcome(run_js, node, prelude + code, KEYS)


def test_shape(run_js: RunJs, node: NodeOracle) -> None:
    code = """const s = require('sm-crypto-v2'); const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k);
      return [typeof x.get, x.enumerable, x.configurable, 'value' in x]; };
    return [Object.keys(s), s.__esModule, Object.keys(s).map((k) => d(s, k)), Object.keys(s.sm4),
      Object.keys(s.sm2).map((k) => typeof s.sm2[k]), d(s.sm2, 'doEncrypt'), typeof s.kdf, typeof s.hkdf,
      s === require('sm-crypto-v2/dist/index.js'), s.sm2 === s.sm2, Array.from(s.kdf('abcd', 6)),
      Array.from(s.hkdf('ikm', 'salt', 'info', 10))];"""
    assert_same(run_js, node, code)


def test_host_multiplication() -> None:
    """The `sm2.mul` op against the curve's group law: n*G is infinity, (n-1)*G is -G, and
    projective inputs (any Z) give the same affine result."""
    gx = 0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7
    gy = 0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0
    assert sm2_op.multiply(gx, gy, sm2_op.N) is None
    assert sm2_op.multiply(gx, gy, sm2_op.N - 1) == (gx, sm2_op.P - gy)
    assert sm2_op.sm2_mul(gx, gy, 1, 1) == [gx, gy]
    z = 12345
    two = sm2_op.sm2_mul(gx * z % sm2_op.P, gy * z % sm2_op.P, z, 2)
    assert two == list(sm2_op.multiply(gx, gy, 2) or ())
    assert sm2_op.sm2_mul(gx, gy, 0, 5) is None
    # the base-point table against plain double-and-add from 2G: k*G == (k/2)*(2G)
    g2 = sm2_op.multiply(gx, gy, 2)
    assert g2 is not None
    half = pow(2, -1, sm2_op.N)
    for k in (3, 0xFFFF, sm2_op.N - 2, 0x1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF):
        assert sm2_op.multiply(gx, gy, k) == sm2_op.multiply(*g2, k * half % sm2_op.N)
        assert sm2_op.multiply(*g2, k) == sm2_op._double_and_add(*g2, k)
    with pytest.raises(BridgeError):
        sm2_op.sm2_mul(gx, gy, 1, 0)
    with pytest.raises(BridgeError):
        sm2_op.sm2_mul(sm2_op.P, gy, 1, 1)


STUBBED = """const { sm2 } = require('sm-crypto-v2');
// A deterministic getRandomValues (restored after: the Node oracle lives on): with the same
// random bytes both engines must produce the same keys, ciphertexts and signatures, which also
// shows that the package draws its randomness from crypto.getRandomValues.
let n = 7;
const fill = (a) => { const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (let i = 0; i < b.length; i++) { n = (n * 1103515245 + 12345) % 2147483648; b[i] = n >> 16; } return a; };
const own = Object.getOwnPropertyDescriptor(crypto, 'getRandomValues'); // Node: own, here: inherited
crypto.getRandomValues = fill;
try {
  const kp = sm2.generateKeyPairHex();
  return [kp, sm2.doEncrypt('msg', kp.publicKey), sm2.doEncrypt('msg', kp.publicKey, 0),
    sm2.doSignature('msg', kp.privateKey), sm2.doSignature('msg', kp.privateKey, { hash: true, der: true })];
} finally {
  if (own) Object.defineProperty(crypto, 'getRandomValues', own); else delete crypto.getRandomValues;
}"""


def test_sm2_randomness_is_getrandomvalues(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(run_js, node, STUBBED)


def test_sm2_key_exchange(run_js: RunJs, node: NodeOracle) -> None:
    code = """const { sm2 } = require('sm-crypto-v2');
    const kp = (d) => { const privateKey = d.padStart(64, '0'); return { privateKey, publicKey: sm2.getPublicKeyFromPrivateKey(privateKey) }; };
    const A = { privateKey: input.priv, publicKey: input.pub }, eA = kp('a1b2c3'), B = kp('0badc0ffee'), eB = kp('5eed');
    const ka = sm2.calculateSharedKey(A, eA, B.publicKey, eB.publicKey, 32, false, 'alice', 'bob');
    const kb = sm2.calculateSharedKey(B, eB, A.publicKey, eA.publicKey, 32, true, 'bob', 'alice');
    const p = sm2.precomputePublicKey(B.publicKey, 4);
    return [Array.from(ka), Array.from(kb), Array.from(sm2.calculateSharedKey(A, eA, B.publicKey, eB.publicKey, 20)),
      sm2.doVerifySignature('m', sm2.doSignature('m', B.privateKey, { hash: true }), p, { hash: true, publicKey: B.publicKey }),
      Array.from(sm2.ecdh(eA.privateKey, eB.publicKey))];"""
    assert_same(run_js, node, code, KEYS)


def test_sm3_inputs(run_js: RunJs, node: NodeOracle) -> None:
    """Large inputs, Buffers, plain arrays (the package's own path and errors), odd keys."""
    code = """const { sm3 } = require('sm-crypto-v2'); const big = 'ab✓'.repeat(5000);
    const tryIt = (f) => { try { return f(); } catch (e) { return e.constructor.name + ': ' + e.message; } };
    return [sm3(big), sm3(big, { key: '00ff'.repeat(40) }), sm3(Buffer.from('abc')), sm3(new Uint8Array(200).fill(9)),
      tryIt(() => sm3([1, 2, 3])), tryIt(() => sm3('x', { key: [1, 2] })), tryIt(() => sm3('\\ud800x')),
      sm3('x', { key: new Uint8Array(0) }), tryIt(() => sm3(new Uint16Array([1, 2]))), sm3('')];"""
    assert_same(run_js, node, code)


def test_utf8_conversion_quirks(run_js: RunJs, node: NodeOracle) -> None:
    """The package's own UTF-8 conversion mis-encodes U+40000..U+FFFFF and refuses lone
    surrogates; TextEncoder (the fast path, strings over 128 characters) is only used where
    the bytes are the same."""
    code = """const { sm3, sm4, sm2 } = require('sm-crypto-v2'); const k = '0123456789abcdeffedcba9876543210';
    const tryIt = (f) => { try { return f(); } catch (e) { return e.message; } };
    const out = [];
    for (const s of ['\\u{1F600}', '\\u{3FFFF}', '\\u{40000}', '\\u{FFFFD}', '\\u{100000}', '\\u{10FFFF}',
      'a\\u{50000}b', '\\udc00', 'x\\ud83d', '中文 ✓', 'x'.repeat(300)].flatMap((s) => [s, 'y'.repeat(200) + s])) {
      out.push([tryIt(() => sm3(s)), tryIt(() => sm4.encrypt(s, k)), tryIt(() => sm2.utf8ToHex(s))]);
    }
    return out;"""
    assert_same(run_js, node, code)


SM4_LARGE = """const { sm4 } = require('sm-crypto-v2'); const k = input.key, iv = 'fedcba98765432100123456789abcdef';
const out = [];
for (const len of [111, 127, 128, 143, 144, 1000, 4099]) {
  const msg = 'm✓'.repeat(len).slice(0, len);
  for (const mode of ['ecb', 'cbc', undefined]) {
    for (const padding of ['pkcs#7', 'none']) {
      const opts = { mode, iv, padding };
      const hex = sm4.encrypt(msg, k, opts);
      const back = sm4.decrypt(hex, k, { ...opts, output: 'array' });
      out.push([len, mode, padding, hex, Array.from(back).slice(-20), back.length]);
    }
  }
}
const bytes = new Uint8Array(300).map((_, i) => i);
out.push(sm4.encrypt(bytes, Array.from({ length: 16 }, (_, i) => i), { mode: 'cbc', iv: Array(16).fill(7) }),
  sm4.encrypt(bytes, Array.from({ length: 16 }, (_, i) => i * 40), { mode: 'cbc', iv: Array(16).fill(-1) }),
  sm4.decrypt(sm4.encrypt(bytes, k), k, { output: 'array' }).length);
try { sm4.decrypt('00'.repeat(160), k); } catch (e) { out.push(e.message); }
return out;
"""


def test_sm4_large_payloads(run_js: RunJs, node: NodeOracle) -> None:
    """From 128 bytes on, whole blocks go to the host: outputs, padding checks, partial final
    blocks with padding 'none' and non-byte keys (the package's own loop) must stay Node's."""
    assert_same(run_js, node, SM4_LARGE, {"key": KEY})
