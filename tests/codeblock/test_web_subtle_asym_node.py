"""WebCrypto asymmetric keys against Node 20: RSA, ECDSA/ECDH, Ed25519/X25519.

Node generates the keys once (module fixture); both engines import them from
`input`. Deterministic things are compared exactly (exports in every format,
key shapes, RSASSA-PKCS1-v1_5 / RSA-PSS(salt 0) / Ed25519 signatures, ECDH and
X25519 bits); random things are cross-verified (ECDSA and PSS signatures, OAEP
ciphertexts made by one engine are checked by the other).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.subtle_cases import PRELUDE, both
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

GENERATE = """
const out = {};
const b64 = (b) => Buffer.from(b).toString('base64');
const specs = {
  rsa: [{name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256'}, ['sign', 'verify']],
  rsa1k: [{name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([3]), hash: 'SHA-1'}, ['encrypt', 'decrypt']],
  p256: [{name: 'ECDSA', namedCurve: 'P-256'}, ['sign', 'verify']],
  p384: [{name: 'ECDSA', namedCurve: 'P-384'}, ['sign', 'verify']],
  p521: [{name: 'ECDSA', namedCurve: 'P-521'}, ['sign', 'verify']],
  ecdh256: [{name: 'ECDH', namedCurve: 'P-256'}, ['deriveBits']],
  ecdh256b: [{name: 'ECDH', namedCurve: 'P-256'}, ['deriveBits']],
  ecdh384: [{name: 'ECDH', namedCurve: 'P-384'}, ['deriveBits']],
  ed: [{name: 'Ed25519'}, ['sign', 'verify']],
  x: [{name: 'X25519'}, ['deriveBits']],
  xb: [{name: 'X25519'}, ['deriveBits']],
  ed448: [{name: 'Ed448'}, ['sign', 'verify']],
  x448: [{name: 'X448'}, ['deriveBits']],
  x448b: [{name: 'X448'}, ['deriveBits']],
};
for (const [id, [alg, usages]] of Object.entries(specs)) {
  const k = await crypto.subtle.generateKey(alg, true, usages);
  out[id] = {
    pkcs8: b64(await crypto.subtle.exportKey('pkcs8', k.privateKey)),
    spki: b64(await crypto.subtle.exportKey('spki', k.publicKey)),
    jwk: await crypto.subtle.exportKey('jwk', k.privateKey),
    pubjwk: await crypto.subtle.exportKey('jwk', k.publicKey),
  };
}
return out;
"""

KEYS_JS = """
const b64d = (t) => Uint8Array.from(atob(t), (c) => c.charCodeAt(0));
const K = input.keys;
const imp = (id, fmt, alg, usages, ext = true) => s.importKey(fmt, fmt === 'jwk' ? K[id].jwk : b64d(K[id][fmt]), alg, ext, usages);
"""


@pytest.fixture(scope="module")
def keys(node: NodeOracle) -> dict[str, Any]:
    out = node.run(GENERATE)
    assert out["success"], out
    result: dict[str, Any] = out["result"]
    return result


def run_both(run_js: RunJs, node: NodeOracle, keys: dict[str, Any], body: str) -> Any:
    return both(run_js, node, KEYS_JS + body, {"keys": keys})


def test_rsa_import_export_and_signatures(
    run_js: RunJs, node: NodeOracle, keys: dict[str, Any]
) -> None:
    run_both(
        run_js,
        node,
        keys,
        """
    const alg = {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'};
    const priv = await imp('rsa', 'pkcs8', alg, ['sign']);
    const pub = await imp('rsa', 'spki', alg, ['verify']);
    const jpriv = await imp('rsa', 'jwk', alg, ['sign']);
    const sig = await s.sign('RSASSA-PKCS1-v1_5', priv, enc('hello'));
    const pss = await imp('rsa', 'pkcs8', {name: 'RSA-PSS', hash: 'SHA-384'}, ['sign']);
    const psspub = await imp('rsa', 'spki', {name: 'RSA-PSS', hash: 'SHA-384'}, ['verify']);
    return all([
      () => shape(priv), () => shape(pub), () => shape(jpriv), () => shape(pss), () => sig,
      () => s.sign(alg, jpriv, enc('hello')), () => s.verify(alg, pub, sig, enc('hello')), () => s.verify(alg, pub, sig, enc('hellO')),
      () => s.exportKey('pkcs8', priv), () => s.exportKey('spki', pub), () => s.exportKey('jwk', priv), () => s.exportKey('jwk', pub),
      () => s.exportKey('pkcs8', jpriv), () => s.exportKey('jwk', pss), () => s.exportKey('raw', pub), () => s.exportKey('spki', priv),
      () => s.exportKey('pkcs8', pub), () => s.sign({name: 'RSA-PSS', saltLength: 0}, pss, bytes(100)),
      () => s.sign({name: 'RSA-PSS', saltLength: 48}, pss, bytes(10)).then((x) => s.verify({name: 'RSA-PSS', saltLength: 48}, psspub, x, bytes(10))),
      () => s.sign({name: 'RSA-PSS', saltLength: 48}, pss, bytes(10)).then((x) => s.verify({name: 'RSA-PSS', saltLength: 47}, psspub, x, bytes(10))),
      () => s.sign({name: 'RSA-PSS', saltLength: 300}, pss, bytes(10)), () => s.sign({name: 'RSA-PSS'}, pss, bytes(10)),
      () => s.sign(alg, pub, bytes(1)), () => s.sign({name: 'RSA-PSS', saltLength: 0}, priv, bytes(1)),
      () => imp('rsa', 'pkcs8', alg, ['verify']), () => imp('rsa', 'spki', alg, ['sign']), () => imp('rsa', 'pkcs8', alg, []),
      () => imp('rsa', 'spki', alg, []).then(shape), () => imp('rsa', 'raw', alg, ['verify']), () => imp('rsa', 'spki', {name: 'RSA-PSS'}, ['verify']),
      () => imp('rsa', 'jwk', {name: 'RSA-PSS', hash: 'SHA-256'}, ['sign']), () => imp('rsa', 'pkcs8', {name: 'ECDSA', namedCurve: 'P-256'}, ['sign']),
      () => s.importKey('jwk', K.rsa.pubjwk, alg, true, ['verify']).then(shape),
      () => s.importKey('jwk', {...K.rsa.jwk, alg: undefined}, {name: 'RSA-PSS', hash: 'SHA-512'}, true, ['sign']).then((k) => s.exportKey('jwk', k)),
      () => s.importKey('spki', bytes(40), alg, true, ['verify']), () => s.importKey('pkcs8', bytes(40), alg, true, ['sign']),
    ]);
    """,
    )


def test_rsa_oaep(run_js: RunJs, node: NodeOracle, keys: dict[str, Any]) -> None:
    body = """
    const alg = {name: 'RSA-OAEP', hash: 'SHA-1'};
    const priv = await imp('rsa1k', 'pkcs8', alg, ['decrypt', 'unwrapKey']);
    const pub = await imp('rsa1k', 'jwk', alg, ['decrypt']).then(() => imp('rsa1k', 'spki', alg, ['encrypt']));
    const mine = input.ct ? await s.decrypt({name: 'RSA-OAEP', label: enc('L')}, priv, unhex(input.ct)) : null;
    const ct = await s.encrypt({name: 'RSA-OAEP', label: enc('L')}, pub, enc('top secret'));
    return all([
      () => shape(priv), () => shape(pub), () => hex(ct).length, () => mine && new TextDecoder().decode(mine),
      () => s.decrypt({name: 'RSA-OAEP'}, priv, ct), () => s.decrypt({name: 'RSA-OAEP', label: enc('L')}, priv, bytes(128)),
      () => s.encrypt({name: 'RSA-OAEP'}, pub, bytes(200)), () => s.encrypt({name: 'RSA-OAEP'}, priv, bytes(2)),
      () => s.exportKey('jwk', priv), () => s.exportKey('jwk', pub),
      () => ({ct: hex(ct)}),
    ]);
    """
    inp: dict[str, Any] = {"keys": keys}
    code = PRELUDE + KEYS_JS + body
    ours, theirs = run_js(code, inp), node.run(code, inp)
    assert ours["success"] and theirs["success"], (ours, theirs)
    assert ours["result"][:-1] == theirs["result"][:-1]
    # Each engine decrypts what the other encrypted.
    for producer, consumer in ((ours, node.run), (theirs, lambda c, i: run_js(c, i))):
        out = consumer(code, {"keys": keys, "ct": producer["result"][-1]["ct"]})
        assert out["result"][3] == "top secret", out


ECDSA = """
const id = input.id, curve = K[id].jwk.crv;
const priv = await imp(id, 'pkcs8', {name: 'ECDSA', namedCurve: curve}, ['sign']);
const pub = await imp(id, 'spki', {name: 'ECDSA', namedCurve: curve}, ['verify']);
const sig = await s.sign({name: 'ECDSA', hash: input.hash}, priv, enc('message'));
const theirs = input.sig ? await s.verify({name: 'ECDSA', hash: input.hash}, pub, unhex(input.sig), enc('message')) : null;
return all([
  () => shape(priv), () => shape(pub), () => hex(sig).length, () => theirs,
  () => s.verify({name: 'ECDSA', hash: input.hash}, pub, sig, enc('message')),
  () => s.verify({name: 'ECDSA', hash: input.hash}, pub, sig, enc('messagE')),
  () => s.verify({name: 'ECDSA', hash: input.hash}, pub, sig.slice(1), enc('message')),
  () => s.exportKey('pkcs8', priv), () => s.exportKey('spki', pub), () => s.exportKey('raw', pub), () => s.exportKey('jwk', priv),
  () => s.exportKey('jwk', pub), () => s.exportKey('raw', priv), () => s.exportKey('pkcs8', pub),
  () => imp(id, 'jwk', {name: 'ECDSA', namedCurve: curve}, ['sign']).then((k) => s.exportKey('pkcs8', k)),
  () => s.exportKey('raw', pub).then((r) => s.importKey('raw', r, {name: 'ECDSA', namedCurve: curve}, true, ['verify'])).then(shape),
  () => s.exportKey('raw', pub).then((r) => s.importKey('raw', r, {name: 'ECDSA', namedCurve: curve}, true, ['sign'])),
  () => s.importKey('jwk', K[id].pubjwk, {name: 'ECDSA', namedCurve: curve}, true, ['verify']).then(shape),
  () => s.importKey('jwk', {...K[id].jwk, crv: 'P-999'}, {name: 'ECDSA', namedCurve: curve}, true, ['sign']),
  () => s.importKey('jwk', {...K[id].jwk, kty: 'RSA'}, {name: 'ECDSA', namedCurve: curve}, true, ['sign']),
  () => s.importKey('jwk', {...K[id].jwk, x: 'AAAA'}, {name: 'ECDSA', namedCurve: curve}, true, ['sign']),
  () => s.importKey('jwk', {...K[id].jwk, ext: false}, {name: 'ECDSA', namedCurve: curve}, true, ['sign']),
  () => s.importKey('jwk', {...K[id].jwk, use: 'enc'}, {name: 'ECDSA', namedCurve: curve}, true, ['sign']),
  () => imp(id, 'spki', {name: 'ECDSA', namedCurve: curve === 'P-256' ? 'P-384' : 'P-256'}, ['verify']),
  () => imp(id, 'spki', {name: 'ECDSA', namedCurve: 'P-999'}, ['verify']),
  () => imp(id, 'spki', {name: 'ECDH', namedCurve: curve}, []).then(shape),
  () => imp(id, 'pkcs8', {name: 'ECDSA', namedCurve: curve}, []),
  () => s.sign({name: 'ECDSA'}, priv, bytes(1)), () => s.sign({name: 'ECDSA', hash: 'SHA-1'}, pub, bytes(1)),
  () => ({sig: hex(sig)}),
]);
"""


@pytest.mark.parametrize(
    ("kid", "hash_name"),
    [("p256", "SHA-256"), ("p384", "SHA-384"), ("p521", "SHA-512"), ("p256", "SHA-1")],
)
def test_ecdsa(
    run_js: RunJs, node: NodeOracle, keys: dict[str, Any], kid: str, hash_name: str
) -> None:
    code = PRELUDE + KEYS_JS + ECDSA
    inp: dict[str, Any] = {"keys": keys, "id": kid, "hash": hash_name}
    ours, theirs = run_js(code, inp), node.run(code, inp)
    assert ours["success"] and theirs["success"], (ours, theirs)
    diffs = [
        (i, a, b)
        for i, (a, b) in enumerate(zip(ours["result"][:-1], theirs["result"][:-1], strict=True))
        if a != b
    ]
    assert not diffs
    assert node.run(code, {**inp, "sig": ours["result"][-1]["sig"]})["result"][3] is True
    assert run_js(code, {**inp, "sig": theirs["result"][-1]["sig"]})["result"][3] is True


def test_ecdh_and_x25519(run_js: RunJs, node: NodeOracle, keys: dict[str, Any]) -> None:
    run_both(
        run_js,
        node,
        keys,
        """
    const a = await imp('ecdh256', 'pkcs8', {name: 'ECDH', namedCurve: 'P-256'}, ['deriveBits', 'deriveKey']);
    const b = await imp('ecdh256b', 'spki', {name: 'ECDH', namedCurve: 'P-256'}, []);
    const c = await imp('ecdh384', 'spki', {name: 'ECDH', namedCurve: 'P-384'}, []);
    const xa = await imp('x', 'pkcs8', {name: 'X25519'}, ['deriveBits']);
    const xb = await imp('xb', 'jwk', {name: 'X25519'}, ['deriveBits']).then(() => imp('xb', 'spki', {name: 'X25519'}, []));
    const ed = await imp('ed', 'spki', {name: 'Ed25519'}, ['verify']);
    return all([
      () => shape(a), () => shape(b), () => shape(xa), () => shape(xb),
      () => s.deriveBits({name: 'ECDH', public: b}, a, 256), () => s.deriveBits({name: 'ECDH', public: b}, a, null),
      () => s.deriveBits({name: 'ECDH', public: b}, a), () => s.deriveBits({name: 'ECDH', public: b}, a, 12),
      () => s.deriveBits({name: 'ECDH', public: b}, a, 264), () => s.deriveBits({name: 'ECDH', public: c}, a, 128),
      () => s.deriveBits({name: 'ECDH', public: a}, a, 128), () => s.deriveBits({name: 'ECDH', public: 1}, a, 128),
      () => s.deriveBits({name: 'ECDH'}, a, 128), () => s.deriveBits({name: 'ECDH', public: xb}, a, 128),
      () => s.deriveKey({name: 'ECDH', public: b}, a, {name: 'AES-GCM', length: 256}, true, ['encrypt']).then((k) => s.exportKey('raw', k)),
      () => s.deriveKey({name: 'ECDH', public: b}, a, {name: 'HMAC', hash: 'SHA-256', length: 128}, true, ['sign']).then((k) => s.exportKey('jwk', k)),
      () => s.deriveBits({name: 'X25519', public: xb}, xa, 256), () => s.deriveBits({name: 'X25519', public: xb}, xa, null),
      () => s.deriveBits({name: 'X25519', public: xb}, xa, 20), () => s.deriveBits({name: 'ECDH', public: xb}, xa, 128),
      () => s.deriveBits({name: 'X25519', public: ed}, xa, 128),
      () => s.exportKey('jwk', xa), () => s.exportKey('raw', xb), () => s.exportKey('pkcs8', xa), () => s.exportKey('jwk', a),
      () => imp('x', 'pkcs8', {name: 'X25519'}, ['sign']), () => imp('xb', 'spki', {name: 'X25519'}, ['deriveBits']),
      () => imp('ecdh256b', 'spki', {name: 'ECDH', namedCurve: 'P-256'}, ['deriveBits']),
      () => s.importKey('raw', bytes(31), {name: 'X25519'}, true, []),
      () => s.importKey('raw', bytes(32), {name: 'X25519'}, true, []).then(shape),
      () => s.generateKey({name: 'X25519'}, true, ['deriveBits']).then((k) => [shape(k.publicKey), shape(k.privateKey)]),
      () => s.generateKey({name: 'ECDH', namedCurve: 'P-521'}, false, ['deriveKey']).then((k) => [shape(k.publicKey), shape(k.privateKey)]),
      () => s.generateKey({name: 'ECDH', namedCurve: 'P-256'}, true, ['sign']),
    ]);
    """,
    )


def test_ed25519(run_js: RunJs, node: NodeOracle, keys: dict[str, Any]) -> None:
    run_both(
        run_js,
        node,
        keys,
        """
    const priv = await imp('ed', 'pkcs8', {name: 'Ed25519'}, ['sign']);
    const pub = await imp('ed', 'spki', 'Ed25519', ['verify']);
    const jpriv = await imp('ed', 'jwk', 'ed25519', ['sign']);
    const sig = await s.sign('Ed25519', priv, enc('hi'));
    return all([
      () => shape(priv), () => shape(pub), () => shape(jpriv), () => sig, () => s.sign({name: 'Ed25519'}, jpriv, bytes(1000)),
      () => s.verify('Ed25519', pub, sig, enc('hi')), () => s.verify('Ed25519', pub, sig, enc('ho')),
      () => s.verify('Ed25519', pub, sig.slice(2), enc('hi')), () => s.sign('Ed25519', pub, enc('hi')),
      () => s.exportKey('jwk', priv), () => s.exportKey('jwk', pub), () => s.exportKey('raw', pub), () => s.exportKey('spki', pub),
      () => s.exportKey('pkcs8', jpriv), () => s.exportKey('raw', priv),
      () => s.exportKey('raw', pub).then((r) => s.importKey('raw', r, 'Ed25519', false, ['verify'])).then(shape),
      () => s.importKey('jwk', {...K.ed.jwk, alg: 'EdDSA'}, 'Ed25519', true, ['sign']).then(shape),
      () => s.importKey('jwk', {...K.ed.jwk, crv: 'X25519'}, 'Ed25519', true, ['sign']),
      () => s.importKey('jwk', K.ed.pubjwk, 'Ed25519', true, ['verify']).then(shape),
      () => imp('ed', 'pkcs8', 'Ed25519', ['verify']), () => imp('ed', 'pkcs8', 'X25519', ['deriveBits']),
      () => s.generateKey('Ed25519', true, ['sign', 'verify']).then((k) => [shape(k.publicKey), shape(k.privateKey)]),
      () => s.generateKey('Ed25519', true, ['verify']),
      () => s.generateKey('Ed25519', true, ['encrypt']),
    ]);
    """,
    )


def test_generated_rsa_shapes(run_js: RunJs, node: NodeOracle) -> None:
    both(
        run_js,
        node,
        """
    const g = (name, bits, e, hash, usages, ext = true) => s.generateKey({name, modulusLength: bits, publicExponent: new Uint8Array(e), hash}, ext, usages)
      .then((k) => [shape(k.publicKey), shape(k.privateKey), Object.keys(k), Object.getPrototypeOf(k)]);
    return all([
      () => g('RSA-PSS', 1024, [1, 0, 1], 'SHA-256', ['sign', 'verify']),
      () => g('RSA-OAEP', 1024, [3], 'sha-1', ['wrapKey', 'decrypt', 'encrypt', 'unwrapKey'], false),
      () => g('RSASSA-PKCS1-v1_5', 512, [0, 1, 0, 1], 'SHA-512', ['sign']),
      () => g('RSA-OAEP', 1024, [1, 0, 1], 'SHA-256', ['sign']),
      () => g('RSA-PSS', 1024, [1, 0, 1], 'SHA-256', ['verify']),
      () => g('RSA-PSS', 1024, [2], 'SHA-256', ['sign']),
      () => g('RSA-PSS', 255, [1, 0, 1], 'SHA-256', ['sign']),
      () => s.generateKey({name: 'RSA-PSS', modulusLength: 1024, publicExponent: [1, 0, 1], hash: 'SHA-256'}, true, ['sign']),
      () => s.generateKey({name: 'RSA-PSS', modulusLength: 1024, hash: 'SHA-256'}, true, ['sign']),
      () => s.generateKey({name: 'RSA-PSS', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1])}, true, ['sign']),
      () => s.generateKey({name: 'ECDSA', namedCurve: 'P-257'}, true, ['sign']),
      () => s.generateKey({name: 'ECDSA'}, true, ['sign']),
      () => s.generateKey({name: 'ECDSA', namedCurve: 'P-384'}, true, ['verify']),
    ]);
    """,
    )


def test_ed448_and_x448(run_js: RunJs, node: NodeOracle, keys: dict[str, Any]) -> None:
    run_both(
        run_js,
        node,
        keys,
        """
    const priv = await imp('ed448', 'pkcs8', 'Ed448', ['sign']);
    const pub = await imp('ed448', 'jwk', 'Ed448', ['sign']).then(() => imp('ed448', 'spki', 'Ed448', ['verify']));
    const xa = await imp('x448', 'jwk', 'X448', ['deriveBits']);
    const xb = await imp('x448b', 'spki', 'X448', []);
    const sig = await s.sign('Ed448', priv, enc('hi'));
    return all([
      () => shape(priv), () => shape(pub), () => shape(xa), () => sig, () => s.verify('Ed448', pub, sig, enc('hi')),
      () => s.verify({name: 'Ed448', context: new Uint8Array(0)}, pub, sig, enc('hi')),
      () => s.sign({name: 'Ed448', context: bytes(2)}, priv, enc('hi')),
      () => s.exportKey('jwk', priv), () => s.exportKey('raw', pub), () => s.exportKey('pkcs8', priv),
      () => s.deriveBits({name: 'X448', public: xb}, xa, null), () => s.deriveBits({name: 'X448', public: xb}, xa, 100),
      () => s.exportKey('jwk', xa), () => s.exportKey('spki', xb),
      () => s.importKey('raw', bytes(57), 'Ed448', true, ['verify']).then(shape),
      () => s.importKey('raw', bytes(56), 'Ed448', true, ['verify']),
    ]);
    """,
    )


EDGES = """
const r = async (f) => { try { const v = await f(); return v instanceof ArrayBuffer ? hex(v) : v; } catch (e) { return [e.name, e.code]; } };
const out = [];
const {alg: _a, key_ops: _o, ...rsaJwk} = input.keys.rsa.jwk;
input = {rsa: rsaJwk};
const pss = await s.importKey('jwk', input.rsa, {name: 'RSA-PSS', hash: 'SHA-256'}, true, ['sign']);
const psspub = await s.importKey('jwk', {kty: 'RSA', n: input.rsa.n, e: input.rsa.e}, {name: 'RSA-PSS', hash: 'SHA-256'}, true, ['verify']);
const sig = await s.sign({name: 'RSA-PSS', saltLength: 0}, pss, new Uint8Array(3));
out.push(await r(() => s.verify({name: 'RSA-PSS', saltLength: 300}, psspub, sig, new Uint8Array(3))));
out.push(await r(() => s.verify({name: 'RSA-PSS', saltLength: 0}, psspub, sig.slice(0, 10), new Uint8Array(3))));
out.push(await r(() => s.verify({name: 'RSASSA-PKCS1-v1_5'}, psspub, sig, new Uint8Array(3))));
const comp = new Uint8Array([2, ...new Uint8Array(32).fill(0), 1]);
out.push(await r(() => s.importKey('raw', comp.slice(0, 33), {name: 'ECDSA', namedCurve: 'P-256'}, true, ['verify'])));
const ec = await s.generateKey({name: 'ECDSA', namedCurve: 'P-256'}, true, ['sign', 'verify']);
const raw = new Uint8Array(await s.exportKey('raw', ec.publicKey));
const c = new Uint8Array(33); c[0] = 2 + (raw[64] & 1); c.set(raw.slice(1, 33), 1);
out.push(await r(async () => { const k = await s.importKey('raw', c, {name: 'ECDSA', namedCurve: 'P-256'}, true, ['verify']); return hex(await s.exportKey('raw', k)) === hex(raw); }));
out.push(await r(() => s.verify({name: 'ECDSA', hash: 'SHA-256'}, ec.publicKey, new Uint8Array(64).fill(255), new Uint8Array(3))));
out.push(await r(() => s.verify({name: 'ECDSA', hash: 'SHA-256'}, ec.publicKey, new Uint8Array(64), new Uint8Array(3))));
const oaep = await s.importKey('jwk', {...input.rsa, alg: 'RSA-OAEP-256'}, {name: 'RSA-OAEP', hash: 'SHA-256'}, true, ['unwrapKey', 'decrypt']);
const oaeppub = await s.importKey('jwk', {kty: 'RSA', n: input.rsa.n, e: input.rsa.e}, {name: 'RSA-OAEP', hash: 'SHA-256'}, true, ['wrapKey']);
const aes = await s.importKey('raw', new Uint8Array(16).fill(7), 'AES-GCM', true, ['encrypt']);
const w = await s.wrapKey('jwk', aes, oaeppub, {name: 'RSA-OAEP'});
out.push(await r(async () => { const k = await s.unwrapKey('jwk', w, oaep, 'RSA-OAEP', 'AES-GCM', true, ['encrypt']); return [k.algorithm, hex(await s.exportKey('raw', k))]; }));
out.push(await r(() => s.unwrapKey('raw', w, oaep, 'RSA-OAEP', 'AES-GCM', true, ['encrypt'])));
out.push(await r(() => s.wrapKey('raw', aes, oaeppub, {name: 'RSA-OAEP', label: new Uint8Array(2)}).then(x => x.length)));
out.push(await r(() => s.wrapKey('pkcs8', aes, oaeppub, {name: 'RSA-OAEP'})));
out.push(await r(() => s.wrapKey('raw', aes, oaep, {name: 'RSA-OAEP'})));
return out;
"""


def test_rsa_pss_oaep_wrapping_and_ec_point_edges(
    run_js: RunJs, node: NodeOracle, keys: dict[str, Any]
) -> None:
    """PSS salt limits, PKCS1 on a PSS key, compressed EC points, junk ECDSA signatures, RSA-OAEP wrapping."""
    run_both(run_js, node, keys, EDGES)


IMPORT_FUZZ = """
const one = async (c) => {
  const src = K[c.key];
  let data;
  if (c.format === 'jwk') data = {...(c.pub ? src.pubjwk : src.jwk), ...c.patch};
  else if (c.format === 'raw') data = b64d(src.spki).slice(-c.rawLen);
  else data = b64d(src[c.format]);
  const k = await s.importKey(c.format, data, c.alg, c.extractable, c.usages);
  return [shape(k), c.extractable ? await attempt(() => s.exportKey(c.format, k)) : null];
};
return all(input.calls.map((c) => () => one(c)));
"""

IMPORT_CALL = st.fixed_dictionaries(
    {
        "key": st.sampled_from(["rsa", "p256", "p384", "ecdh256", "ed", "x", "ed448"]),
        "format": st.sampled_from(["spki", "pkcs8", "jwk", "raw"]),
        "pub": st.booleans(),
        "rawLen": st.sampled_from([32, 57, 65, 97, 31]),
        "alg": st.fixed_dictionaries(
            {
                "name": st.sampled_from(
                    [
                        "RSA-PSS",
                        "RSA-OAEP",
                        "RSASSA-PKCS1-v1_5",
                        "ECDSA",
                        "ECDH",
                        "Ed25519",
                        "X25519",
                        "Ed448",
                        "HMAC",
                    ]
                )
            },
            optional={
                "hash": st.sampled_from(["SHA-256", "SHA-1", "MD5"]),
                "namedCurve": st.sampled_from(["P-256", "P-384", "P-521", "K-256"]),
            },
        ),
        "extractable": st.booleans(),
        "usages": st.lists(
            st.sampled_from(["sign", "verify", "encrypt", "decrypt", "deriveBits", "wrapKey"]),
            max_size=3,
        ),
        "patch": st.dictionaries(
            # Not "d": an RSA JWK whose d disagrees with its CRT numbers is a DataError here
            # (Node/OpenSSL import it, docs/runtime-modules.md).
            st.sampled_from(["use", "key_ops", "ext", "alg", "crv", "kty", "x"]),
            st.sampled_from(
                [
                    *("sig", "enc", "RS256", "PS384", "ES256", "EdDSA", "P-256", "EC", "RSA"),
                    *(
                        "OKP",
                        "Ed25519",
                        "AAAA",
                        "",
                        False,
                        True,
                        ["sign"],
                        ["verify", "verify"],
                        [],
                    ),
                ]
            ),
            max_size=2,
        ),
    }
)


@settings(max_examples=50, deadline=None)
@given(calls=st.lists(IMPORT_CALL, min_size=1, max_size=8))
def test_import_fuzz_matches_node(
    run_js: RunJs, node: NodeOracle, keys: dict[str, Any], calls: list[dict[str, Any]]
) -> None:
    """Keys imported under random algorithms, formats and usages: same key or same error."""
    both(run_js, node, KEYS_JS + IMPORT_FUZZ, {"keys": keys, "calls": calls})


OPS_FUZZ = """
const keysOf = {};
const load = async (id, name, extra) => {
  const alg = {name, ...extra};
  const usagesPriv = {ECDH: ['deriveBits'], X25519: ['deriveBits'], 'RSA-OAEP': ['decrypt']}[name] || ['sign'];
  const usagesPub = {ECDH: [], X25519: [], 'RSA-OAEP': ['encrypt']}[name] || ['verify'];
  return [await imp(id, 'pkcs8', alg, usagesPriv), await imp(id, 'spki', alg, usagesPub)];
};
const K2 = {
  rsa: await load('rsa', 'RSA-PSS', {hash: 'SHA-256'}), pkcs1: await load('rsa', 'RSASSA-PKCS1-v1_5', {hash: 'SHA-384'}),
  oaep: await load('rsa1k', 'RSA-OAEP', {hash: 'SHA-1'}), p256: await load('p256', 'ECDSA', {namedCurve: 'P-256'}),
  ecdh: await load('ecdh256', 'ECDH', {namedCurve: 'P-256'}), ecdhb: await load('ecdh256b', 'ECDH', {namedCurve: 'P-256'}),
  ecdh384: await load('ecdh384', 'ECDH', {namedCurve: 'P-384'}), ed: await load('ed', 'Ed25519', {}),
  x: await load('x', 'X25519', {}), xb: await load('xb', 'X25519', {}),
};
const val = (v) => v !== null && typeof v === 'object' && '$buf' in v ? bytes(v.$buf)
  : v !== null && typeof v === 'object' && '$key' in v ? K2[v.$key][v.pub ? 1 : 0] : v;
const NAME = {rsa: 'RSA-PSS', pkcs1: 'RSASSA-PKCS1-v1_5', oaep: 'RSA-OAEP', p256: 'ECDSA', ecdh: 'ECDH', ecdhb: 'ECDH',
  ecdh384: 'ECDH', ed: 'Ed25519', x: 'X25519', xb: 'X25519'};
const OP = {rsa: 'sign', pkcs1: 'sign', oaep: 'encrypt', p256: 'sign', ecdh: 'deriveBits', ecdhb: 'deriveBits',
  ecdh384: 'deriveBits', ed: 'sign', x: 'deriveBits', xb: 'deriveBits'};
const one = async (c) => {
  const alg = {name: c.name === null ? NAME[c.key] : c.name};
  if (c.op === null) c.op = c.pub && OP[c.key] === 'sign' ? 'verify' : (c.pub && OP[c.key] === 'encrypt' ? 'encrypt' : (OP[c.key] === 'encrypt' ? 'decrypt' : OP[c.key]));
  for (const [k, v] of Object.entries(c.members)) alg[k] = val(v);
  const key = K2[c.key][c.pub ? 1 : 0];
  const data = bytes(c.size);
  switch (c.op) {
    case 'sign': return s.sign(alg, key, data).then((b) => c.key === 'pkcs1' || c.key === 'ed' || alg.saltLength === 0 ? hex(b) : b.byteLength);
    case 'verify': return s.verify(alg, key, bytes(c.size + 1), data);
    case 'encrypt': return s.encrypt(alg, key, data).then((b) => b.byteLength);
    case 'decrypt': return s.decrypt(alg, key, data);
    case 'deriveBits': return s.deriveBits(alg, key, val(c.length));
  }
};
return all(input.calls.map((c) => () => one(c)));
"""

OPS_CALL = st.fixed_dictionaries(
    {
        # None: the operation / algorithm name that fits the key (most calls then get past the
        # algorithm checks and exercise the members and the crypto).
        "op": st.none()
        | st.none()
        | st.sampled_from(["sign", "verify", "encrypt", "decrypt", "deriveBits"]),
        "key": st.sampled_from(
            ["rsa", "pkcs1", "oaep", "p256", "ecdh", "ecdhb", "ecdh384", "ed", "x", "xb"]
        ),
        "pub": st.booleans(),
        "name": st.none()
        | st.none()
        | st.sampled_from(
            [
                *("RSA-PSS", "RSASSA-PKCS1-v1_5", "RSA-OAEP", "ECDSA", "ECDH", "Ed25519"),
                *("X25519", "HMAC"),
            ]
        ),
        "members": st.dictionaries(
            st.sampled_from(["hash", "saltLength", "label", "public"]),
            st.one_of(
                st.sampled_from(["SHA-256", "SHA-1", "sha-512", "MD5", 0, 20, 32, 200, -1]),
                st.fixed_dictionaries({"$buf": st.integers(0, 8)}),
                st.fixed_dictionaries(
                    {
                        "$key": st.sampled_from(["ecdh", "ecdhb", "ecdh384", "x", "xb", "ed"]),
                        "pub": st.booleans(),
                    }
                ),
            ),
            max_size=3,
        ),
        "size": st.integers(0, 130),
        "length": st.sampled_from([None, 0, 8, 12, 128, 256, 257, 384, "x"]),
    }
)


@settings(max_examples=50, deadline=None)
@given(calls=st.lists(OPS_CALL, min_size=1, max_size=10))
def test_operation_fuzz_matches_node(
    run_js: RunJs, node: NodeOracle, keys: dict[str, Any], calls: list[dict[str, Any]]
) -> None:
    """Random operations on Node-made keys: same deterministic result or same error."""
    both(run_js, node, KEYS_JS + OPS_FUZZ, {"keys": keys, "calls": calls})


def test_keyobject_from_cryptokey(run_js: RunJs, node: NodeOracle, keys: dict[str, Any]) -> None:
    """require('crypto').KeyObject.from(cryptoKey): node/crypto_keys reads web/subtle_keys.keyObjectState."""
    code = """
    const { KeyObject, createPublicKey } = require('crypto');
    const from = async (id, fmt, alg, usages) => {
      const k = KeyObject.from(await imp(id, fmt, alg, usages));
      const d = k.asymmetricKeyDetails;
      return [k.type, k.asymmetricKeyType, d && JSON.stringify(d, (_, v) => typeof v === 'bigint' ? String(v) : v),
        k.type === 'secret' ? k.symmetricKeySize : k.export({format: 'jwk'})];
    };
    return all([
      () => from('rsa', 'pkcs8', {name: 'RSA-PSS', hash: 'SHA-256'}, ['sign']),
      () => from('rsa', 'spki', {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'}, ['verify']),
      () => from('p384', 'pkcs8', {name: 'ECDSA', namedCurve: 'P-384'}, ['sign']),
      () => from('ed', 'spki', {name: 'Ed25519'}, ['verify']),
      () => from('x', 'pkcs8', {name: 'X25519'}, ['deriveBits']),
      () => s.importKey('raw', bytes(24), 'AES-CBC', false, ['encrypt']).then((k) => KeyObject.from(k))
        .then((k) => [k.type, k.symmetricKeySize, k.export().length]),
      () => { try { KeyObject.from({}); } catch (e) { return err(e); } },
      () => imp('ed', 'pkcs8', 'Ed25519', ['sign']).then((k) => createPublicKey(KeyObject.from(k)).export({format: 'jwk'})),
    ]);
    """
    both(run_js, node, KEYS_JS + code, {"keys": keys})


def test_derive_key_combinations(run_js: RunJs, node: NodeOracle, keys: dict[str, Any]) -> None:
    """deriveKey from every base (ECDH, X25519, PBKDF2, HKDF) to every derivable key type."""
    code = """
    const ecdh = await imp('ecdh256', 'pkcs8', {name: 'ECDH', namedCurve: 'P-256'}, ['deriveKey']);
    const ecdhPub = await imp('ecdh256b', 'spki', {name: 'ECDH', namedCurve: 'P-256'}, []);
    const x = await imp('x', 'pkcs8', 'X25519', ['deriveKey']);
    const xPub = await imp('xb', 'spki', 'X25519', []);
    const pb = await s.importKey('raw', bytes(12), 'PBKDF2', false, ['deriveKey']);
    const hk = await s.importKey('raw', bytes(12), 'HKDF', false, ['deriveKey', 'deriveBits']);
    const bases = [
      [{name: 'ECDH', public: ecdhPub}, ecdh], [{name: 'X25519', public: xPub}, x],
      [{name: 'PBKDF2', hash: 'SHA-256', salt: bytes(3), iterations: 2}, pb],
      [{name: 'HKDF', hash: 'SHA-384', salt: bytes(3), info: bytes(4)}, hk],
    ];
    const targets = [
      [{name: 'AES-GCM', length: 128}, ['encrypt']], [{name: 'AES-CTR', length: 256}, ['decrypt']],
      [{name: 'AES-KW', length: 192}, ['wrapKey']], [{name: 'AES-CBC', length: 64}, ['encrypt']],
      [{name: 'HMAC', hash: 'SHA-1'}, ['sign']], [{name: 'HMAC', hash: 'SHA-512'}, ['verify']],
      [{name: 'HMAC', hash: 'SHA-256', length: 8}, ['sign']], [{name: 'HMAC', hash: 'SHA-256', length: 100}, ['sign']],
      [{name: 'HMAC', hash: 'SHA-256', length: 0}, ['sign']], [{name: 'HKDF'}, ['deriveBits']],
      [{name: 'PBKDF2'}, ['deriveBits']], [{name: 'ECDSA', namedCurve: 'P-256'}, ['sign']],
      [{name: 'AES-GCM', length: 128}, ['sign']], [{name: 'AES-GCM', length: 128}, []],
    ];
    const calls = [];
    for (const [alg, base] of bases) {
      for (const [target, usages] of targets) {
        for (const extractable of [true, false]) {
          calls.push(() => s.deriveKey(alg, base, target, extractable, usages)
            .then(async (k) => [shape(k), extractable ? hex(await s.exportKey('raw', k)) : null]));
        }
      }
    }
    return all(calls);
    """
    both(run_js, node, KEYS_JS + code, {"keys": keys})


OURS_GENERATE = """
const b64 = (b) => btoa(String.fromCharCode(...new Uint8Array(b)));
const specs = [
  ['RSA-PSS', {modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256'}, ['sign', 'verify']],
  ['RSASSA-PKCS1-v1_5', {modulusLength: 2048, publicExponent: new Uint8Array([3]), hash: 'SHA-1'}, ['sign', 'verify']],
  ['RSA-OAEP', {modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-384'}, ['encrypt', 'decrypt']],
  ['ECDSA', {namedCurve: 'P-521'}, ['sign', 'verify']], ['ECDH', {namedCurve: 'P-384'}, ['deriveBits']],
  ['Ed25519', {}, ['sign', 'verify']], ['X25519', {}, ['deriveBits']], ['Ed448', {}, ['sign', 'verify']],
];
const out = [];
for (const [name, extra, usages] of specs) {
  const alg = {name, ...extra};
  const k = await s.generateKey(alg, true, usages);
  const msg = enc('made by flowgate');
  let proof = null;
  if (usages[0] === 'sign') {
    const p = name === 'RSA-PSS' ? {name, saltLength: 32} : name === 'ECDSA' ? {name, hash: 'SHA-384'} : {name};
    proof = b64(await s.sign(p, k.privateKey, msg));
  } else if (usages[0] === 'encrypt') {
    proof = b64(await s.encrypt({name}, k.publicKey, msg));
  }
  out.push({name, extra: {...extra, publicExponent: extra.publicExponent && Array.from(extra.publicExponent)}, usages,
    pkcs8: b64(await s.exportKey('pkcs8', k.privateKey)), spki: b64(await s.exportKey('spki', k.publicKey)),
    jwk: await s.exportKey('jwk', k.privateKey), pubjwk: await s.exportKey('jwk', k.publicKey), proof});
}
return out;
"""

NODE_CHECK = """
const b64 = (b) => Buffer.from(b).toString('base64');
const b64d = (t) => Buffer.from(t, 'base64');
const out = [];
for (const g of input.generated) {
  const alg = {name: g.name, ...g.extra};
  if (alg.publicExponent) alg.publicExponent = new Uint8Array(alg.publicExponent);
  const priv = await crypto.subtle.importKey('pkcs8', b64d(g.pkcs8), alg, true, [g.usages[0] === 'encrypt' ? 'decrypt' : g.usages[0]]);
  const jpriv = await crypto.subtle.importKey('jwk', g.jwk, alg, true, g.jwk.key_ops);
  const pubUsages = g.usages[0] === 'sign' ? ['verify'] : g.usages[0] === 'encrypt' ? ['encrypt'] : [];
  const pub = await crypto.subtle.importKey('spki', b64d(g.spki), alg, true, pubUsages);
  const row = [g.name, b64(await crypto.subtle.exportKey('pkcs8', priv)) === g.pkcs8,
    b64(await crypto.subtle.exportKey('pkcs8', jpriv)) === g.pkcs8, b64(await crypto.subtle.exportKey('spki', pub)) === g.spki,
    JSON.stringify(await crypto.subtle.exportKey('jwk', priv)) === JSON.stringify(g.jwk),
    JSON.stringify(await crypto.subtle.exportKey('jwk', pub)) === JSON.stringify(g.pubjwk)];
  const msg = new TextEncoder().encode('made by flowgate');
  if (g.usages[0] === 'sign') {
    const p = g.name === 'RSA-PSS' ? {name: g.name, saltLength: 32} : g.name === 'ECDSA' ? {name: g.name, hash: 'SHA-384'} : {name: g.name};
    row.push(await crypto.subtle.verify(p, pub, b64d(g.proof), msg));
  } else if (g.usages[0] === 'encrypt') {
    row.push(new TextDecoder().decode(await crypto.subtle.decrypt({name: g.name}, priv, b64d(g.proof))));
  }
  out.push(row);
}
return out;
"""


def test_keys_generated_here_work_in_node(run_js: RunJs, node: NodeOracle) -> None:
    """Our generated keys, exported in every format, import into Node and export back identically;
    Node verifies our signatures and decrypts our ciphertexts."""
    ours = run_js(PRELUDE + OURS_GENERATE)
    assert ours["success"], ours
    checked = node.run(NODE_CHECK, {"generated": ours["result"]})
    assert checked["success"], checked
    for row in checked["result"]:
        assert all(v is True or v == "made by flowgate" for v in row[1:]), row
