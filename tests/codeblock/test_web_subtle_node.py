"""WebCrypto (`crypto.subtle`) against Node 20: deterministic results compared exactly.

Each case is one script running a batch of operations (`all([...])`); every
operation's ArrayBuffer result is hex, every failure `[name, class, code]`.
"""

from __future__ import annotations

import pytest

from tests.codeblock.conftest import RunJs
from tests.codeblock.subtle_cases import both
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

CASES = {
    "shapes": """
    const P = Object.getPrototypeOf(s), C = Object.getPrototypeOf(crypto);
    const desc = (o, n) => JSON.stringify(Object.getOwnPropertyDescriptor(o, n), (k, v) => typeof v === 'function' ? 'fn:' + v.name : v);
    const k = await s.generateKey({name: 'HMAC', hash: 'SHA-1'}, true, ['sign']);
    const KP = Object.getPrototypeOf(Object.getPrototypeOf(k));
    return all([
      () => Object.getOwnPropertyNames(P).map((n) => [n, typeof P[n] === 'function' ? P[n].length : null, desc(P, n)]),
      () => Object.getOwnPropertyNames(C).map((n) => [n, desc(C, n)]),
      () => Object.getOwnPropertyNames(KP).map((n) => [n, desc(KP, n)]),
      () => s.digest.call({}, 'SHA-256', bytes(1)), () => s.importKey.call(undefined),
      () => Object.getOwnPropertyDescriptor(C, 'subtle').get.call({}),
      () => crypto.getRandomValues.call({}, new Uint8Array(2)),
      () => Object.getOwnPropertyDescriptor(KP, 'type').get.call({}),
      () => [typeof crypto.randomUUID.call({}), crypto.subtle === crypto.subtle],
    ]);
    """,
    "mutation": """
    const k = await s.importKey('raw', bytes(16), {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']);
    k.usages.push('verify');
    const a = await s.verify('HMAC', k, bytes(32), bytes(1));
    const ops = (await s.exportKey('jwk', k)).key_ops;
    k.algorithm.hash.name = 'SHA-1';
    const len = (await s.sign('HMAC', k, bytes(1))).byteLength;
    k.usages.length = 0;
    return [a, ops, len, await attempt(() => s.sign('HMAC', k, bytes(1))), k.algorithm.length];
    """,
    "inspect": """
    const util = require('util');
    const k = await s.importKey('raw', bytes(16), 'AES-GCM', false, ['encrypt']);
    const p = await s.generateKey({name: 'RSA-PSS', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256'}, true, ['sign', 'verify']);
    const e = await s.generateKey({name: 'ECDH', namedCurve: 'P-384'}, true, ['deriveKey']);
    return [util.inspect(k), util.inspect(p), util.inspect(p, {depth: 4}), util.inspect(e), util.inspect(s), util.inspect(crypto),
      util.inspect({k}, {depth: 0}), util.inspect([k], {compact: false}), util.types.isKeyObject(k),
      [s.digest('SHA-1', bytes(1)), s.digest(), s.sign()].map((x) => { x.catch(() => {}); return x instanceof Promise; })];
    """,
    "digest": """
    return all([
      () => s.digest('SHA-1', bytes(0)), () => s.digest('sha-256', bytes(1)), () => s.digest({name: 'SHA-384'}, bytes(100)),
      () => s.digest('SHA-512', new DataView(bytes(33).buffer, 3, 20)), () => s.digest('SHA-256', bytes(5).buffer),
      () => s.digest('md5', bytes(1)), () => s.digest({}, bytes(1)), () => s.digest('SHA-256', 'abc'),
      () => s.digest(5, bytes(1)), () => s.digest(), () => s.digest('SHA-256'), () => s.digest(null, bytes(1)),
      () => s.digest({name: 'sha-1'}, new Uint16Array([1, 2, 3])),
      () => s.digest('SHA-256', new SharedArrayBuffer(4)), () => s.digest('SHA-256', new Uint8Array(new SharedArrayBuffer(4))),
      () => s.digest('SHA-256', new Float64Array([1.5, -2])), () => s.digest('SHA-256', new DataView(bytes(9).buffer, 2, 5)),
    ]);
    """,
    "hmac": """
    const k = await s.importKey('raw', bytes(20), {name: 'HMAC', hash: 'SHA-256'}, true, ['sign', 'verify']);
    const k1 = await s.importKey('raw', bytes(70, 3), {name: 'HMAC', hash: {name: 'sha-512'}}, false, ['sign']);
    const sig = await s.sign('HMAC', k, enc('hello'));
    return all([
      () => shape(k), () => shape(k1), () => sig, () => s.sign({name: 'hmac'}, k1, bytes(1000)),
      () => s.verify('HMAC', k, sig, enc('hello')), () => s.verify('HMAC', k, sig, enc('hellO')),
      () => s.verify('HMAC', k, sig.slice(1), enc('hello')), () => s.verify('HMAC', k1, sig, enc('hello')),
      () => s.exportKey('jwk', k), () => s.exportKey('raw', k), () => s.exportKey('raw', k1),
      () => s.sign('AES-GCM', k, bytes(1)), () => s.sign('HMAC', k, 'x'), () => s.sign('HMAC', 'k', bytes(1)),
      () => s.importKey('raw', bytes(0), {name: 'HMAC', hash: 'SHA-1'}, true, ['sign']),
      () => s.importKey('raw', bytes(4), {name: 'HMAC', hash: 'SHA-1', length: 32}, true, ['sign']).then(shape),
      () => s.importKey('raw', bytes(4), {name: 'HMAC', hash: 'SHA-1', length: 30}, true, ['sign']),
      () => s.importKey('raw', bytes(4), {name: 'HMAC'}, true, ['sign']),
      () => s.importKey('raw', bytes(4), {name: 'HMAC', hash: 'SHA-1'}, true, ['encrypt']),
      () => s.importKey('raw', bytes(4), {name: 'HMAC', hash: 'SHA-1'}, true, []),
      () => s.importKey('raw', bytes(4), {name: 'HMAC', hash: 'SHA-1'}, true, ['verify', 'sign', 'verify']).then(shape),
      () => s.importKey('jwk', {kty: 'oct', k: 'AQIDBA', alg: 'HS256'}, {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']).then(shape),
      () => s.importKey('jwk', {kty: 'oct', k: 'AQIDBA', alg: 'HS1'}, {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AQIDBA', use: 'enc'}, {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AQIDBA', key_ops: ['verify']}, {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AQIDBA', ext: false}, {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AQIDBA', ext: false}, {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']).then(shape),
      () => s.importKey('jwk', {kty: 'EC', k: 'AQIDBA'}, {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']),
      () => s.importKey('spki', bytes(4), {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']),
      () => s.generateKey({name: 'HMAC', hash: 'SHA-384'}, true, ['sign']).then(shape),
      () => s.generateKey({name: 'HMAC', hash: 'SHA-1', length: 64}, false, ['verify']).then(shape),
      () => s.generateKey({name: 'HMAC', hash: 'SHA-1', length: 7}, false, ['verify']),
      () => s.generateKey({name: 'HMAC'}, true, ['sign']),
      () => s.generateKey({name: 'HMAC', hash: 'SHA-3'}, true, ['sign']),
      () => s.generateKey({name: 'HMAC', hash: 'SHA-1'}, true, ['foo']),
      () => s.generateKey({name: 'HMAC', hash: 'SHA-1'}, true, 'sign'),
      () => s.generateKey({name: 'HMAC', hash: 'SHA-1'}, true, []),
    ]);
    """,
    "aes": """
    const g = await s.importKey('raw', bytes(16), 'AES-GCM', true, ['encrypt', 'decrypt']);
    const g2 = await s.importKey('raw', bytes(32, 2), {name: 'aes-gcm'}, true, ['decrypt', 'encrypt']);
    const c = await s.importKey('raw', bytes(24), 'AES-CBC', true, ['encrypt', 'decrypt']);
    const t = await s.importKey('raw', bytes(16), 'AES-CTR', true, ['encrypt', 'decrypt']);
    const ct = await s.encrypt({name: 'AES-GCM', iv: bytes(12)}, g, enc('secret'));
    return all([
      () => shape(g), () => shape(g2), () => shape(c), () => ct,
      () => s.encrypt({name: 'AES-GCM', iv: bytes(16), additionalData: bytes(9), tagLength: 96}, g2, bytes(100)),
      () => s.encrypt({name: 'AES-GCM', iv: bytes(12), tagLength: 32}, g, bytes(3)),
      () => s.encrypt({name: 'AES-GCM', iv: bytes(12), tagLength: 33}, g, bytes(3)),
      () => s.encrypt({name: 'AES-GCM', iv: bytes(1)}, g, bytes(3)),
      () => s.encrypt({name: 'AES-GCM', iv: bytes(0)}, g, bytes(3)),
      () => s.encrypt({name: 'AES-GCM'}, g, bytes(3)),
      () => s.decrypt({name: 'AES-GCM', iv: bytes(12)}, g, ct).then((b) => new TextDecoder().decode(b)),
      () => s.decrypt({name: 'AES-GCM', iv: bytes(12)}, g, ct.slice(1)),
      () => s.decrypt({name: 'AES-GCM', iv: bytes(12), additionalData: bytes(1)}, g, ct),
      () => s.decrypt({name: 'AES-GCM', iv: bytes(12)}, g, bytes(3)),
      () => s.encrypt({name: 'AES-CBC', iv: bytes(16)}, c, bytes(0)),
      () => s.encrypt({name: 'AES-CBC', iv: bytes(16)}, c, bytes(33)),
      () => s.encrypt({name: 'AES-CBC', iv: bytes(15)}, c, bytes(3)),
      () => s.encrypt({name: 'AES-CBC', iv: bytes(16)}, g, bytes(3)),
      () => s.decrypt({name: 'AES-CBC', iv: bytes(16)}, c, bytes(16)),
      () => s.decrypt({name: 'AES-CBC', iv: bytes(16)}, c, bytes(15)),
      () => s.encrypt({name: 'AES-CBC', iv: bytes(16)}, c, bytes(40)).then((x) => s.decrypt({name: 'AES-CBC', iv: bytes(16)}, c, x)),
      () => s.encrypt({name: 'AES-CTR', counter: bytes(16), length: 64}, t, bytes(50)),
      () => s.encrypt({name: 'AES-CTR', counter: new Uint8Array(16).fill(255), length: 2}, t, bytes(64)),
      () => s.encrypt({name: 'AES-CTR', counter: new Uint8Array(16).fill(255), length: 2}, t, bytes(65)),
      () => s.encrypt({name: 'AES-CTR', counter: new Uint8Array(16).fill(254), length: 9}, t, bytes(90)),
      () => s.encrypt({name: 'AES-CTR', counter: bytes(16), length: 0}, t, bytes(3)),
      () => s.encrypt({name: 'AES-CTR', counter: bytes(16), length: 129}, t, bytes(3)),
      () => s.encrypt({name: 'AES-CTR', counter: bytes(15), length: 64}, t, bytes(3)),
      () => s.encrypt({name: 'AES-CTR', counter: bytes(16)}, t, bytes(3)),
      () => s.decrypt({name: 'AES-CTR', counter: bytes(16), length: 128}, t, bytes(20)),
      () => s.exportKey('jwk', g), () => s.exportKey('jwk', c), () => s.exportKey('jwk', t), () => s.exportKey('raw', g2),
      () => s.exportKey('spki', g), () => s.exportKey('pkcs8', g), () => s.exportKey('foo', g),
      () => s.importKey('raw', bytes(17), 'AES-GCM', true, ['encrypt']),
      () => s.importKey('raw', bytes(16), 'AES-GCM', true, ['sign']),
      () => s.importKey('raw', bytes(16), 'AES-GCM', true, []),
      () => s.importKey('raw', bytes(16), 'AES-GCM', false, ['encrypt']).then((k) => s.exportKey('raw', k)),
      () => s.importKey('spki', bytes(16), 'AES-GCM', true, ['encrypt']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', alg: 'A128CBC'}, 'AES-CBC', true, ['encrypt']).then(shape),
      () => s.importKey('jwk', {kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', alg: 'A256CBC'}, 'AES-CBC', true, ['encrypt']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', alg: 'A128GCM'}, 'AES-CBC', true, ['encrypt']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', use: 'sig'}, 'AES-CBC', true, ['encrypt']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', key_ops: ['encrypt', 'encrypt']}, 'AES-CBC', true, ['encrypt']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', key_ops: 'encrypt'}, 'AES-CBC', true, ['encrypt']),
      () => s.importKey('jwk', {kty: 'oct'}, 'AES-CBC', true, ['encrypt']),
      () => s.importKey('jwk', {k: 'AAECAwQFBgcICQoLDA0ODw'}, 'AES-CBC', true, ['encrypt']),
      () => s.importKey('jwk', bytes(16), 'AES-CBC', true, ['encrypt']),
      () => s.generateKey({name: 'AES-CTR', length: 192}, true, ['encrypt']).then(shape),
      () => s.generateKey({name: 'AES-KW', length: 256}, true, ['wrapKey', 'unwrapKey', 'wrapKey']).then(shape),
      () => s.generateKey({name: 'AES-KW', length: 256}, true, ['encrypt']),
      () => s.generateKey({name: 'AES-GCM', length: 100}, true, ['encrypt']),
      () => s.generateKey({name: 'AES-GCM', length: 'abc'}, true, ['encrypt']),
      () => s.generateKey({name: 'AES-GCM', length: -1}, true, ['encrypt']),
      () => s.generateKey({name: 'AES-GCM', length: '128'}, true, ['encrypt']).then(shape),
      () => s.generateKey({name: 'AES-GCM', length: 128.9}, true, ['encrypt']).then(shape),
      () => s.generateKey({name: 'AES-GCM', length: 128}, 'yes', ['encrypt']).then(shape),
    ]);
    """,
    "kdf": """
    const p = await s.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
    const h = await s.importKey('raw', bytes(22), {name: 'hkdf'}, false, ['deriveBits', 'deriveKey']);
    const pb = (o, len) => s.deriveBits({name: 'PBKDF2', hash: 'SHA-256', salt: enc('salt'), iterations: 1000, ...o}, p, len);
    const hk = (o, len) => s.deriveBits({name: 'HKDF', hash: 'SHA-256', salt: bytes(13), info: bytes(10), ...o}, h, len);
    return all([
      () => shape(p), () => shape(h), () => pb({}, 256), () => pb({hash: 'SHA-1', iterations: 1}, 160),
      () => pb({hash: 'SHA-512', iterations: 3}, 1024), () => pb({}, 0), () => pb({}, null), () => pb({}, undefined),
      () => pb({}, 7), () => pb({iterations: 0}, 256), () => pb({salt: undefined}, 256), () => pb({hash: 'MD5'}, 256),
      () => s.deriveBits({name: 'PBKDF2', hash: 'SHA-256', salt: enc('s'), iterations: 1}, p),
      () => hk({}, 256), () => hk({hash: 'SHA-384', info: bytes(0), salt: bytes(0)}, 1000 * 8), () => hk({}, 0),
      () => hk({}, 12), () => hk({}, null), () => hk({}, 255 * 32 * 8), () => hk({}, 255 * 32 * 8 + 8), () => hk({info: undefined}, 8),
      () => s.deriveBits({name: 'PBKDF2', hash: 'SHA-256', salt: enc('s'), iterations: 1}, h, 8),
      () => s.importKey('raw', bytes(4), 'PBKDF2', true, ['deriveBits']),
      () => s.importKey('raw', bytes(4), 'PBKDF2', false, ['sign']),
      () => s.importKey('jwk', {kty: 'oct', k: 'AAAA'}, 'PBKDF2', false, ['deriveBits']),
      () => s.importKey('raw', bytes(4), 'HKDF', false, []),
      () => s.importKey('raw', bytes(4), 'PBKDF2', false, ['deriveKey']).then((k) => s.deriveBits({name: 'PBKDF2', hash: 'SHA-1', salt: bytes(1), iterations: 1}, k, 8)),
      () => s.deriveKey({name: 'HKDF', hash: 'SHA-256', salt: bytes(4), info: bytes(2)}, h, {name: 'HMAC', hash: 'SHA-1'}, true, ['sign']).then((k) => s.exportKey('jwk', k)),
      () => s.deriveKey({name: 'HKDF', hash: 'SHA-256', salt: bytes(4), info: bytes(2)}, h, {name: 'HMAC', hash: 'SHA-512', length: 24}, true, ['sign']).then(shape),
      () => s.deriveKey({name: 'PBKDF2', hash: 'SHA-256', salt: bytes(4), iterations: 3}, p, {name: 'AES-CBC', length: 192}, true, ['encrypt']).then((k) => s.exportKey('jwk', k)),
      () => s.deriveKey({name: 'PBKDF2', hash: 'SHA-256', salt: bytes(4), iterations: 3}, p, {name: 'AES-CBC', length: 100}, true, ['encrypt']),
      () => s.deriveKey({name: 'PBKDF2', hash: 'SHA-256', salt: bytes(4), iterations: 3}, p, {name: 'AES-CBC'}, true, ['encrypt']),
      () => s.deriveKey({name: 'PBKDF2', hash: 'SHA-256', salt: bytes(4), iterations: 3}, p, {name: 'HKDF'}, false, ['deriveBits']),
      () => s.deriveKey({name: 'PBKDF2', hash: 'SHA-256', salt: bytes(4), iterations: 3}, p, {name: 'AES-GCM', length: 128}, true, ['sign']),
      () => s.deriveKey({name: 'PBKDF2', hash: 'SHA-256', salt: bytes(4), iterations: 3}, p, {name: 'AES-GCM', length: 128}, true, []),
    ]);
    """,
    "errors": """
    const k = await s.importKey('raw', bytes(16), 'AES-GCM', true, ['encrypt']);
    return all([
      () => s.encrypt({name: 'AES-GCM', iv: bytes(12)}, k), () => s.encrypt({name: 'AES-GCM', iv: 'x'}, k, bytes(1)),
      () => s.decrypt({name: 'AES-GCM', iv: bytes(12)}, k, bytes(40)), () => s.encrypt({name: 'RSA-OAEP'}, k, bytes(1)),
      () => s.encrypt('AES-GCM', k, bytes(1)), () => s.encrypt({name: 'AES-GCM', iv: bytes(12), tagLength: 'x'}, k, bytes(1)),
      () => s.importKey('foo', bytes(16), 'AES-GCM', true, ['encrypt']), () => s.importKey('raw', {}, 'AES-GCM', true, ['encrypt']),
      () => s.importKey('raw', bytes(16), 'AES-GCM', true), () => s.exportKey('raw', {}), () => s.exportKey('raw'),
      () => s.generateKey(5, true, ['encrypt']), () => s.generateKey(null, true, ['encrypt']),
      () => s.generateKey({name: 5}, true, ['encrypt']), () => s.generateKey({name: 'SHA-256'}, true, ['encrypt']),
      () => s.sign({name: 'ECDSA'}, k, bytes(1)), () => s.deriveBits({name: 'HKDF'}, k, 8),
      () => s.wrapKey('raw', k, k, 'AES-GCM'), () => s.unwrapKey('raw', bytes(1), k, 'AES-KW', 'AES-GCM', true, ['encrypt']),
      () => [Object.prototype.toString.call(k), Object.keys(k), k instanceof k.constructor, k.constructor.name],
      () => { try { new k.constructor(); } catch (e) { return err(e); } },
      () => { try { new s.constructor(); } catch (e) { return err(e); } },
      () => { try { new crypto.constructor(); } catch (e) { return err(e); } },
      () => [crypto instanceof crypto.constructor, crypto.constructor.name, s.constructor.name],
      () => Object.keys(Object.getPrototypeOf(crypto)),
      () => Object.keys(Object.getPrototypeOf(Object.getPrototypeOf(k))),
      () => [Object.prototype.toString.call(crypto), Object.prototype.toString.call(s), Object.keys(crypto), Object.keys(s)],
      () => Object.keys(Object.getPrototypeOf(s)),
      () => Object.keys(Object.getPrototypeOf(k)),
      () => [k.algorithm === k.algorithm, k.usages === k.usages, Object.keys(k.algorithm)],
    ]);
    """,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_subtle_matches_node(run_js: RunJs, node: NodeOracle, name: str) -> None:
    both(run_js, node, CASES[name])


def test_non_extractable_material_stays_hidden(run_js: RunJs) -> None:
    """A non-extractable key's bytes are reachable by no property, inspection or export."""
    code = """
    const util = require('util');
    const secret = new Uint8Array(16).fill(0xab);
    const k = await crypto.subtle.importKey('raw', secret, 'AES-GCM', false, ['encrypt', 'wrapKey']);
    const seen = [JSON.stringify(k), util.inspect(k, {showHidden: true, depth: 9}), String(Reflect.ownKeys(k)),
      String(Object.getOwnPropertyNames(Object.getPrototypeOf(k))), JSON.stringify(k.algorithm)];
    const tries = [];
    for (const f of [() => crypto.subtle.exportKey('raw', k), () => crypto.subtle.exportKey('jwk', k),
                     () => crypto.subtle.wrapKey('raw', k, k, {name: 'AES-GCM', iv: new Uint8Array(12)})]) {
      try { await f(); tries.push('exported'); } catch (e) { tries.push(e.name); }
    }
    return {seen: seen.join('|'), tries};
    """
    out = run_js(code)
    assert out["success"], out
    assert (
        "abab" not in out["result"]["seen"].lower() and "q6ur" not in out["result"]["seen"].lower()
    )
    assert out["result"]["tries"] == ["InvalidAccessException"] * 3
