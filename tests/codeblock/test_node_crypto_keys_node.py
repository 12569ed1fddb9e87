"""Differential tests against Node 20: crypto keys (KeyObject, import/export, generation),
signatures, public-key encryption and key agreement: fixed cases.

Keys and most signatures are random, so the two sides are compared through each other:
fixed keys (made once with `cryptography`, see crypto_keys_fixtures) go to both through
`input` and every deterministic output (exports, JWK, details, RSA PKCS#1 v1.5 and EdDSA
signatures, raw RSA, ECDH secrets) is compared exactly. The generated cases are in
test_node_crypto_keys_hypo_node.py.
"""

from __future__ import annotations

import pytest

from tests.codeblock.conftest import RunJs
from tests.codeblock.crypto_keys_fixtures import both
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node


EXPORTS = """
const out = [];
for (const name of Object.keys(K)) {
  if (name === 'cert') continue;
  const priv = crypto.createPrivateKey(K[name].priv);
  const pub = crypto.createPublicKey(K[name].pub);
  out.push([name, priv.type, pub.type, priv.asymmetricKeyType, pub.asymmetricKeyType,
    String(priv.asymmetricKeyDetails.publicExponent), priv.asymmetricKeyDetails.modulusLength,
    priv.asymmetricKeyDetails.namedCurve, priv.symmetricKeySize]);
  for (const o of [{format: 'pem', type: 'spki'}, {format: 'der', type: 'spki'}, {format: 'pem', type: 'pkcs1'},
      {format: 'der', type: 'pkcs1'}, {format: 'jwk'}, {format: 'pem'}, undefined, {format: 'der', type: 'sec1'}])
    out.push(T(() => pub.export(o)));
  for (const o of [{format: 'pem', type: 'pkcs8'}, {format: 'der', type: 'pkcs8'}, {format: 'pem', type: 'pkcs1'},
      {format: 'der', type: 'pkcs1'}, {format: 'pem', type: 'sec1'}, {format: 'der', type: 'sec1'}, {format: 'jwk'},
      {format: 'pem', type: 'spki'}, {format: 'jwk', passphrase: 'x'},
      {format: 'der', type: 'pkcs1', cipher: 'aes-128-cbc', passphrase: 'x'},
      {format: 'pem', type: 'pkcs8', passphrase: 'x'}, {format: 'pem', type: 'pkcs8', cipher: 7, passphrase: 'x'}])
    out.push(T(() => priv.export(o)));
  out.push(T(() => crypto.createPublicKey(priv).export({format: 'der', type: 'spki'})));
  out.push(T(() => crypto.createPublicKey(K[name].priv).export({format: 'jwk'})));
  const jwk = T(() => priv.export({format: 'jwk'}));
  if (!Array.isArray(jwk)) {
    out.push(T(() => crypto.createPrivateKey({key: jwk, format: 'jwk'}).export({format: 'pem', type: 'pkcs8'})));
    out.push(T(() => crypto.createPublicKey({key: jwk, format: 'jwk'}).export({format: 'pem', type: 'spki'})));
  }
  out.push([priv.equals(crypto.createPrivateKey(priv.export({format: 'der', type: 'pkcs8'}).toString('base64')
    ? {key: priv.export({format: 'der', type: 'pkcs8'}), format: 'der', type: 'pkcs8'} : null)),
    pub.equals(crypto.createPublicKey(priv)), pub.equals(priv)]);
}
return out;
"""


def test_key_exports_match_node(run_js: RunJs, node: NodeOracle) -> None:
    both(run_js, node, EXPORTS)


# Same snippet on both sides: the value, or the error's name, code and message.
CASES = [
    # createPrivateKey / createPublicKey inputs
    "return T(() => crypto.createPrivateKey(Buffer.from(K.rsa.priv)))",
    "return T(() => crypto.createPrivateKey('garbage'))",
    "return T(() => crypto.createPublicKey('garbage'))",
    "return T(() => crypto.createPrivateKey(''))",
    "return T(() => crypto.createPrivateKey(5))",
    "return T(() => crypto.createPublicKey(undefined))",
    "return T(() => crypto.createPrivateKey({key: 5}))",
    "return T(() => crypto.createPublicKey({key: 5}))",
    "return T(() => crypto.createPrivateKey({key: B('3000'), format: 'der'}))",
    "return T(() => crypto.createPrivateKey({key: B('3000'), format: 'der', type: 'spki'}))",
    "return T(() => crypto.createPrivateKey({key: K.rsa.priv, format: 'xml'}))",
    "return T(() => crypto.createPrivateKey(K.rsa.pub))",
    "return T(() => crypto.createPublicKey(crypto.createPublicKey(K.rsa.pub)))",
    "return T(() => crypto.createPublicKey(crypto.createPrivateKey(K.rsa.priv)))",
    "return T(() => crypto.createPrivateKey(crypto.createPrivateKey(K.rsa.priv)))",
    "return T(() => crypto.createPublicKey(crypto.createSecretKey(Buffer.from('ab'))))",
    "return T(() => crypto.createPublicKey({key: crypto.createPrivateKey(K.ed25519.priv)}))",
    "return T(() => crypto.createPublicKey({key: 'x', format: 'jwk'}))",
    "return T(() => crypto.createPublicKey({key: {kty: 'foo'}, format: 'jwk'}))",
    "return T(() => crypto.createPublicKey({key: {kty: 'EC', crv: 'P-100'}, format: 'jwk'}))",
    "return T(() => crypto.createPublicKey({key: {kty: 'EC', crv: 'P-256', x: 'AQAB', y: 'AQAB'}, format: 'jwk'}))",
    "return T(() => crypto.createPrivateKey({key: {kty: 'EC', crv: 'P-256', x: 'AQAB', y: 'AQAB'}, format: 'jwk'}))",
    "return T(() => crypto.createPublicKey({key: {kty: 'OKP', crv: 'Ed25519', x: 'AQAB'}, format: 'jwk'}))",
    "return T(() => crypto.createPublicKey({key: {kty: 'OKP', crv: 'X25519'}, format: 'jwk'}))",
    "return T(() => crypto.createPrivateKey({key: {kty: 'RSA', n: 'AQAB', e: 'AQAB'}, format: 'jwk'}))",
    "const j = crypto.createPrivateKey(K.ed448.priv).export({format: 'jwk'});"
    " return T(() => crypto.createPublicKey({key: j, format: 'jwk'}).export({format: 'jwk'}))",
    "const d = crypto.createPrivateKey(K.p256.priv).export({format: 'der', type: 'sec1'});"
    " return [T(() => crypto.createPrivateKey({key: d, format: 'der', type: 'sec1'}).export({format: 'jwk'})),"
    " TC(() => crypto.createPrivateKey({key: d, format: 'der', type: 'pkcs8'}))]",
    "const d = crypto.createPrivateKey(K.rsa.priv).export({format: 'der', type: 'pkcs1'});"
    " return T(() => crypto.createPrivateKey({key: d, format: 'der', type: 'pkcs1'}).asymmetricKeyDetails.modulusLength)",
    "const d = crypto.createPublicKey(K.rsa.pub).export({format: 'der', type: 'pkcs1'});"
    " return T(() => crypto.createPublicKey({key: d.toString('base64'), encoding: 'base64', format: 'der', type: 'pkcs1'}))",
    "return [T(() => crypto.createPublicKey(K.cert).export({format: 'jwk'})), T(() => crypto.createPrivateKey(K.cert)),"
    " T(() => crypto.createPublicKey(null)), T(() => crypto.createPrivateKey(null))]",
    "const u = require('util'); const k = crypto.createPrivateKey(K.ed25519.priv); const s = crypto.createSecretKey(B('01'));"
    " const out = [u.inspect(k), u.inspect(s)]; k.asymmetricKeyType; const e = crypto.createPublicKey(K.p256.pub);"
    " e.asymmetricKeyDetails; out.push(u.inspect(k), u.inspect(e), u.inspect(crypto.createECDH('prime256v1')));"
    " return out",
    "return [Object.getOwnPropertyNames(crypto.KeyObject.prototype), Object.getOwnPropertyNames("
    "Object.getPrototypeOf(crypto.createSecretKey(B('01')))), Object.getOwnPropertyNames(Object.getPrototypeOf("
    "Object.getPrototypeOf(crypto.createPublicKey(K.rsa.pub)))), Object.getOwnPropertyNames(crypto.ECDH.prototype)]",
    # PEM inputs holding several blocks: each reader looks for its own labels
    "const j = (f) => T(() => f().export({format: 'jwk'}).kty); return [j(() => crypto.createPrivateKey(K.cert + K.rsa.priv)),"
    " j(() => crypto.createPublicKey(K.cert + K.rsa.pub)), j(() => crypto.createPublicKey(K.rsa.priv + K.cert)),"
    " j(() => crypto.createPublicKey('junk\\n' + K.ed25519.pub)), j(() => crypto.createPrivateKey(K.p256.pub + K.x25519.priv)),"
    " j(() => crypto.createPublicKey(K.x448.priv + K.ed448.pub)), j(() => crypto.createPrivateKey(K.cert)),"
    " j(() => crypto.createPublicKey(K.p384.priv + K.p256.priv)),"
    " j(() => crypto.createPrivateKey({key: K.cert + crypto.createPrivateKey(K.rsa.priv).export({format: 'pem', type: 'pkcs8',"
    " cipher: 'aes-128-cbc', passphrase: 'p'}), passphrase: 'p'}))]",
    # encrypted private keys
    "const e = crypto.createPrivateKey(K.rsa.priv).export({format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw'});"
    " return [T(() => crypto.createPrivateKey({key: e, passphrase: 'pw'}).export({format: 'jwk'}).n),"
    " T(() => crypto.createPrivateKey({key: e, passphrase: Buffer.from('pw')}).type),"
    " T(() => crypto.createPrivateKey(e)), T(() => crypto.createPrivateKey({key: e, passphrase: 'no'})),"
    " T(() => crypto.createPrivateKey({key: e, passphrase: 5})), T(() => crypto.createPublicKey(e)),"
    " T(() => crypto.createPublicKey({key: e, passphrase: 'pw'}).export({format: 'jwk'}).n)]",
    "const e = crypto.createPrivateKey(K.p384.priv).export({format: 'pem', type: 'sec1', cipher: 'aes-128-cbc', passphrase: 'pw'});"
    " return [e.split('\\n')[1], T(() => crypto.createPrivateKey({key: e, passphrase: 'pw'}).export({format: 'jwk'}).d),"
    " T(() => crypto.createPrivateKey({key: e, passphrase: 'bad'}))]",
    "const e = crypto.createPrivateKey(K.ed25519.priv).export({format: 'der', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw'});"
    " return T(() => crypto.createPrivateKey({key: e, format: 'der', type: 'pkcs8', passphrase: 'pw'}).export({format: 'jwk'}).d)",
    # RSA-PSS keys encrypted both ways (PBES2 written by bridge/keys_pbes2.py)
    "const r = crypto.generateKeyPairSync('rsa-pss', {modulusLength: 1024, hashAlgorithm: 'sha384', saltLength: 9,"
    " privateKeyEncoding: {format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw'}});"
    " const k = crypto.createPrivateKey({key: r.privateKey, passphrase: 'pw'});"
    " return [r.privateKey.split('\\n')[0], k.asymmetricKeyType, k.asymmetricKeyDetails.saltLength, k.asymmetricKeyDetails.hashAlgorithm,"
    " T(() => crypto.createPrivateKey({key: r.privateKey, passphrase: 'no'})), T(() => crypto.createPrivateKey(r.privateKey))]",
    "const k = crypto.generateKeyPairSync('rsa-pss', {modulusLength: 1024, mgf1HashAlgorithm: 'sha512'}).privateKey;"
    " const der = k.export({format: 'der', type: 'pkcs8', cipher: 'aes-128-cbc', passphrase: B('0001')});"
    " const back = crypto.createPrivateKey({key: der, format: 'der', type: 'pkcs8', passphrase: B('0001')});"
    " return [back.asymmetricKeyType, back.asymmetricKeyDetails.mgf1HashAlgorithm, back.equals(k)]",
    # secret keys
    "return T(() => crypto.createSecretKey(B('0102')).export())",
    "const k = crypto.createSecretKey('0102', 'hex'); return [k.type, k.symmetricKeySize, k.asymmetricKeyType,"
    " k.asymmetricKeyDetails, T(() => k.export({format: 'jwk'})), T(() => k.export({format: 'buffer'}))]",
    "return [T(() => crypto.createSecretKey(5)), T(() => crypto.createSecretKey(Buffer.alloc(0)).symmetricKeySize)]",
    "return [T(() => crypto.createSecretKey(Buffer.from('ab')).export({format: 'pem'})),"
    " T(() => crypto.createSecretKey(Buffer.from('ab')).export(5))]",
    "const a = crypto.createSecretKey(Buffer.from('ab')); return [a.equals(crypto.createSecretKey(Buffer.from('ab'))),"
    " a.equals(crypto.createSecretKey(Buffer.from('abc'))), T(() => a.equals('x')),"
    " a.equals(crypto.createPrivateKey(K.rsa.priv))]",
    "const buf = Buffer.from('abc'); const k = crypto.createSecretKey(buf); buf[0] = 0; return k.export().toString()",
    # KeyObject shape
    "const k = crypto.createPrivateKey(K.ed25519.priv); return [Object.prototype.toString.call(k),"
    " k instanceof crypto.KeyObject, k.constructor.name, Object.keys(k), k.asymmetricKeyDetails,"
    " crypto.createSecretKey(Buffer.from('a')).constructor.name, typeof crypto.KeyObject]",
    "return [T(() => crypto.KeyObject.from({})), T(() => new crypto.KeyObject('secret', {})),"
    " T(() => new crypto.KeyObject('foo', {}))]",
    "const k = crypto.createPrivateKey(K.rsa.priv); const d = k.asymmetricKeyDetails; d.x = 1;"
    " return [k.asymmetricKeyDetails === d, typeof d.publicExponent]",
    # export errors
    "const k = crypto.createPublicKey(K.rsa.pub); return [T(() => k.export()), T(() => k.export({format: 'pem', type: 'pkcs8'}))]",
    "const k = crypto.createPrivateKey(K.rsa.priv); return [T(() => k.export()),"
    " T(() => k.export({format: 'pem', type: 'pkcs8', cipher: 'aes-128-cbc'})),"
    " T(() => k.export({format: 'pem', type: 'pkcs8', passphrase: 'x'}))]",
    "return T(() => crypto.createPrivateKey(K.p256.priv).export({format: 'der', type: 'sec1', cipher: 'aes-128-cbc', passphrase: 'x'}))",
    # generateKeyPairSync option validation
    "return T(() => crypto.generateKeyPairSync('rsa'))",
    "return T(() => crypto.generateKeyPairSync('rsa', {modulusLength: 'x'}))",
    "return T(() => crypto.generateKeyPairSync('rsa', {modulusLength: -1}))",
    "return T(() => crypto.generateKeyPairSync('rsa', {modulusLength: 1024.5}))",
    "return T(() => crypto.generateKeyPairSync('rsa', {modulusLength: 1024, publicExponent: 'x'}))",
    "return T(() => crypto.generateKeyPairSync(5))",
    "return T(() => crypto.generateKeyPairSync('foo'))",
    "return T(() => crypto.generateKeyPairSync('ec', {}))",
    "return T(() => crypto.generateKeyPairSync('ec', {namedCurve: 'foo'}))",
    "return T(() => crypto.generateKeyPairSync('ec', {namedCurve: 'P-256', paramEncoding: 'x'}))",
    "return T(() => crypto.generateKeyPairSync('rsa-pss', {modulusLength: 1024, saltLength: -1}))",
    "return T(() => crypto.generateKeyPairSync('rsa-pss', {modulusLength: 1024, hashAlgorithm: 5}))",
    "return T(() => crypto.generateKeyPairSync('rsa-pss', {modulusLength: 1024, hashAlgorithm: 'foo'}))",
    "return T(() => crypto.generateKeyPairSync('ed25519', 5))",
    "return T(() => crypto.generateKeyPairSync('ed25519', {publicKeyEncoding: 'pem'}))",
    "return T(() => crypto.generateKeyPairSync('ed25519', {publicKeyEncoding: {format: 'pem'}}))",
    "return T(() => crypto.generateKeyPairSync('ed25519', {publicKeyEncoding: {format: 'pem', type: 'pkcs1'}}))",
    "return T(() => crypto.generateKeyPairSync('rsa', {modulusLength: 1024, privateKeyEncoding: {format: 'pem', type: 'sec1'}}))",
    "return [T(() => crypto.generateKeyPair('ed25519', {})), T(() => crypto.generateKeyPair('ed25519', {}, 5))]",
    "const r = crypto.generateKeyPairSync('ec', {namedCurve: 'P-384', publicKeyEncoding: {format: 'jwk'},"
    " privateKeyEncoding: {format: 'jwk'}}); return [Object.keys(r.publicKey), Object.keys(r.privateKey), r.publicKey.crv]",
    "const r = crypto.generateKeyPairSync('x448', {publicKeyEncoding: {format: 'der', type: 'spki'},"
    " privateKeyEncoding: {format: 'pem', type: 'pkcs8'}}); return [r.publicKey.length, r.privateKey.split('\\n')[0],"
    " Buffer.isBuffer(r.publicKey)]",
    "const r = crypto.generateKeyPairSync('rsa', {modulusLength: 1024, publicExponent: 3}); return [r.publicKey.asymmetricKeyDetails, r.privateKey.asymmetricKeyType]",
    "const r = crypto.generateKeyPairSync('rsa-pss', {modulusLength: 1024, hashAlgorithm: 'SHA384', saltLength: 7});"
    " return [r.publicKey.asymmetricKeyDetails, r.privateKey.asymmetricKeyType, T(() => r.privateKey.export({format: 'jwk'}))]",
    "const r = crypto.generateKeyPairSync('rsa-pss', {modulusLength: 1024, mgf1HashAlgorithm: 'sha256'}); return r.privateKey.asymmetricKeyDetails",
    "const r = crypto.generateKeyPairSync('rsa-pss', {modulusLength: 1024}); return [r.privateKey.asymmetricKeyDetails,"
    " T(() => r.privateKey.export({format: 'pem', type: 'pkcs1'}))]",
    # generateKey(Sync)
    "return [crypto.generateKeySync('hmac', {length: 123}).symmetricKeySize, crypto.generateKeySync('aes', {length: 192}).symmetricKeySize]",
    "return [T(() => crypto.generateKeySync('aes', {length: 100})), T(() => crypto.generateKeySync('hmac', {length: 7})),"
    " T(() => crypto.generateKeySync('hmac', {})), T(() => crypto.generateKeySync('rsa', {length: 8})),"
    " T(() => crypto.generateKeySync('hmac'))]",
    "return await new Promise((res) => crypto.generateKey('aes', {length: 256}, (e, k) => res([e, k.type, k.symmetricKeySize])))",
    "const r = await require('util').promisify(crypto.generateKeyPair)('ed25519'); return Object.keys(r).map((k) => r[k].type)",
    "return await new Promise((res) => crypto.generateKeyPair('ec', {namedCurve: 'P-256', publicKeyEncoding: {format: 'pem', type: 'spki'}},"
    " (e, pub, priv) => res([e, typeof pub, priv.type])))",
    "let sync = true; const p = new Promise((res) => crypto.generateKeyPair('x25519', (e, pub) => res(sync))); sync = false; return await p",
    "const r = []; const cb = (e) => r.push(['cb', e && e.code]);"
    " for (const f of [() => crypto.generateKeyPair('ec', {namedCurve: 'foo'}, cb),"
    " () => crypto.sign('sha256', Buffer.from('x'), 'garbage', cb),"
    " () => crypto.sign('foo', Buffer.from('x'), K.ed25519.priv, cb),"
    " () => crypto.verify('foo', Buffer.from('x'), K.rsa.pub, Buffer.alloc(2), cb)]) {"
    " try { f(); r.push('returned'); } catch (e) { r.push(['sync', e.code]); } }"
    " await new Promise((res) => setTimeout(res, 50)); return r",
    # sign / verify argument handling
    "return T(() => crypto.sign('sha256', Buffer.from('x')))",
    "return T(() => crypto.sign(5, Buffer.from('x'), K.rsa.priv))",
    "return T(() => crypto.sign('sha256', 5, K.rsa.priv))",
    "return T(() => crypto.sign('sha256', 'x', K.rsa.priv))",
    "return T(() => crypto.sign('foo', Buffer.from('x'), K.rsa.priv))",
    "return T(() => crypto.sign('sha256', Buffer.from('x'), {key: K.rsa.priv, padding: 'x'}))",
    "return T(() => crypto.sign('sha256', Buffer.from('x'), {key: K.p256.priv, dsaEncoding: 'x'}))",
    "return T(() => crypto.sign('sha256', Buffer.from('x'), K.rsa.pub))",
    "return T(() => crypto.sign('sha256', Buffer.from('x'), crypto.createSecretKey(Buffer.from('x'))))",
    "return T(() => crypto.sign('sha256', Buffer.from('x'), K.rsa.priv, 5))",
    "return T(() => crypto.sign('sha256', Buffer.from('x'), K.ed25519.priv))",
    "return T(() => crypto.sign('foo', Buffer.from('x'), K.ed25519.priv))",
    "return T(() => crypto.sign(null, Buffer.from('x'), K.x25519.priv))",
    "return T(() => crypto.sign('sha256', Buffer.from('x'), K.x448.priv))",
    "return T(() => crypto.verify('sha256', Buffer.from('x'), K.rsa.pub, 'abc'))",
    "return T(() => crypto.verify('sha256', new ArrayBuffer(2), K.rsa.pub, Buffer.alloc(2)))",
    "return T(() => crypto.verify('sha256', Buffer.from('x'), K.rsa.pub, Buffer.alloc(3)))",
    "return T(() => crypto.verify('sha256', Buffer.from('x'), K.p256.pub, Buffer.alloc(3)))",
    "return T(() => crypto.verify(null, Buffer.from('x'), K.ed25519.pub, Buffer.alloc(64)))",
    "return T(() => crypto.verify('sha256', Buffer.from('x'), {key: K.p256.pub, dsaEncoding: 'ieee-p1363'}, Buffer.alloc(63)))",
    "const s = crypto.Sign('sha256'), v = new crypto.Verify('sha256'); return [s instanceof crypto.Sign,"
    " v instanceof crypto.Verify, s.constructor.name, require('util').inspect(crypto.createSign('sha1')).split(' ')[0],"
    " typeof crypto.Sign, T(() => crypto.Sign('nope')), crypto.createVerify('sha1') instanceof crypto.Verify]",
    "return T(() => crypto.createSign('foo'))",
    "return T(() => crypto.createSign(5))",
    "return T(() => crypto.createSign('sha256').update(5))",
    "return T(() => crypto.createSign('sha256').update('x').sign())",
    "const s = crypto.createSign('sha256'); s.update('x'); s.sign(K.rsa.priv);"
    " return [T(() => s.sign(K.rsa.priv)), T(() => s.update('y'))]",
    "return T(() => crypto.createSign('sha256').update('x').sign(K.ed25519.priv))",
    "return T(() => crypto.createSign('sha256').update('x').sign(K.x25519.priv))",
    "return T(() => crypto.createSign('SHA256').update('abcd', 'hex').update(B('ff')).sign(K.rsa.priv, 'base64'))",
    "return T(() => crypto.createSign('RSA-SHA1').update('x').sign({key: K.rsa.priv}, 'hex'))",
    "const sig = crypto.sign('sha512', Buffer.from('m'), K.rsa.priv);"
    " return [crypto.createVerify('sha512').update('m').verify(K.rsa.pub, sig),"
    " crypto.createVerify('sha512').update('m').verify(K.rsa.priv, sig.toString('base64'), 'base64'),"
    " crypto.createVerify('sha512').update('n').verify(K.rsa.pub, sig), crypto.verify('sha512', Buffer.from('m'), K.rsa.priv, sig)]",
    "return T(() => crypto.sign('blake2b512', Buffer.from('x'), K.rsa.priv))",
    # RSA encryption argument handling and errors
    "return T(() => crypto.privateDecrypt({key: K.rsa.priv, padding: 1}, Buffer.alloc(128)))",
    "return T(() => crypto.publicEncrypt(K.rsa.pub, Buffer.alloc(100)))",
    "return [T(() => crypto.publicEncrypt(K.rsa.pub, Buffer.alloc(86)).length),"
    " T(() => crypto.publicEncrypt({key: K.rsa.pub, padding: 1}, Buffer.alloc(117)).length),"
    " T(() => crypto.publicEncrypt({key: K.rsa.pub, padding: 1}, Buffer.alloc(118)))]",
    "return T(() => crypto.publicEncrypt({key: K.rsa.pub, oaepHash: 'foo'}, Buffer.from('x')))",
    "return T(() => crypto.publicEncrypt({key: K.rsa.pub, oaepHash: 5}, Buffer.from('x')))",
    "return T(() => crypto.publicEncrypt(K.rsa.pub, 5))",
    "return T(() => crypto.publicEncrypt(K.p256.pub, Buffer.from('x')))",
    "return T(() => crypto.privateDecrypt(K.rsa.priv, Buffer.alloc(128)))",
    "return T(() => crypto.publicDecrypt(K.rsa.pub, Buffer.alloc(128)))",
    "return [T(() => crypto.privateEncrypt(K.rsa.priv, Buffer.from('abc'))), T(() => crypto.privateEncrypt(K.rsa.priv, Buffer.alloc(118)))]",
    "const c = crypto.privateEncrypt(K.rsa2048.priv, Buffer.from('hello'));"
    " return [T(() => crypto.publicDecrypt(K.rsa2048.pub, c)), T(() => crypto.publicDecrypt(K.rsa2048.priv, c.toString('base64')))]",
    "return [T(() => crypto.publicEncrypt({key: K.rsa.pub, padding: 3}, Buffer.alloc(127, 1))),"
    " T(() => crypto.publicEncrypt({key: K.rsa.pub, padding: 3}, Buffer.alloc(129, 1))),"
    " T(() => crypto.publicEncrypt({key: K.rsa.pub, padding: 3}, Buffer.alloc(128, 255))),"
    " T(() => crypto.privateDecrypt({key: K.rsa.priv, padding: 3}, Buffer.alloc(127, 1))),"
    " T(() => crypto.privateEncrypt({key: K.rsa.priv, padding: 3}, Buffer.alloc(128, 1))),"
    " T(() => crypto.publicDecrypt({key: K.rsa.pub, padding: 3}, Buffer.alloc(128, 1))),"
    " T(() => crypto.privateDecrypt({key: K.rsa.priv, padding: 3}, Buffer.alloc(128, 0)))]",
    # diffieHellman
    "const a = crypto.createPrivateKey(K.x25519.priv), b = crypto.createPrivateKey(K.x448.priv);"
    " return [T(() => crypto.diffieHellman({privateKey: a, publicKey: crypto.createPublicKey(a)})),"
    " T(() => crypto.diffieHellman({privateKey: a, publicKey: b})), T(() => crypto.diffieHellman({privateKey: 'x', publicKey: b})),"
    " T(() => crypto.diffieHellman({privateKey: crypto.createPublicKey(a), publicKey: b})), T(() => crypto.diffieHellman())]",
    "const a = crypto.createPrivateKey(K.p256.priv); return [T(() => crypto.diffieHellman({privateKey: a,"
    " publicKey: crypto.createPublicKey(K.p384.pub)})), T(() => crypto.diffieHellman({privateKey: crypto.createPrivateKey(K.ed25519.priv),"
    " publicKey: crypto.createPublicKey(K.ed25519.pub)}))]",
    "return ['p256', 'p384', 'p521', 'k256', 'x25519', 'x448'].map((n) => T(() => crypto.diffieHellman({"
    "privateKey: crypto.createPrivateKey(K[n].priv), publicKey: crypto.createPublicKey(K[n].pub)})))",
    # ECDH
    "const e = crypto.createECDH('prime256v1'); e.setPrivateKey(B('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721'));"
    " return [e.getPublicKey('hex'), e.getPublicKey('base64', 'compressed'), T(() => e.getPublicKey(null, 'hybrid')),"
    " e.getPrivateKey('hex'), T(() => e.getPublicKey('hex', 'foo'))]",
    "const e = crypto.createECDH('secp384r1'); e.setPrivateKey(B('01')); return [e.getPrivateKey('hex'), e.getPublicKey('hex')]",
    "return [T(() => crypto.createECDH('prime256v1').setPrivateKey(Buffer.alloc(32))),"
    " T(() => crypto.createECDH('prime256v1').computeSecret(Buffer.alloc(65))),"
    " T(() => crypto.createECDH('prime256v1').getPublicKey()), T(() => crypto.createECDH('prime256v1').getPrivateKey()),"
    " T(() => crypto.createECDH('P-256')), T(() => crypto.createECDH('secp256r1')), T(() => crypto.createECDH(5))]",
    "const e = crypto.createECDH('secp256k1'); e.setPrivateKey('11'.repeat(32), 'hex');"
    " return [T(() => e.computeSecret(B('0400'))), T(() => e.computeSecret(crypto.createECDH('secp256k1').generateKeys()).length)]",
    "return [crypto.ECDH.convertKey('02' + '6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296', 'prime256v1', 'hex', 'hex'),"
    " T(() => crypto.ECDH.convertKey(B('0211'), 'prime256v1')), T(() => crypto.ECDH.convertKey(B('0211'), 'nope')),"
    " T(() => crypto.ECDH.convertKey(B('0211'), 5))]",
    "const e = crypto.createECDH('secp521r1'); return [e.generateKeys().length, e.generateKeys('hex', 'compressed').length]",
    # WebCrypto keys
    "const k = await crypto.subtle.generateKey({name: 'ECDSA', namedCurve: 'P-384'}, true, ['sign', 'verify']);"
    " const ko = crypto.KeyObject.from(k.privateKey); const sig = crypto.sign('sha384', B('01'), k.privateKey);"
    " return [ko.type, ko.asymmetricKeyType, ko.asymmetricKeyDetails, crypto.verify('sha384', B('01'), {key: k.publicKey}, sig),"
    " crypto.createPublicKey(k.privateKey).equals(crypto.KeyObject.from(k.publicKey)), T(() => crypto.createPrivateKey(k.privateKey))]",
    "const h = await crypto.subtle.importKey('raw', B('0102'), {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']);"
    " return [crypto.KeyObject.from(h).export().toString('hex'), T(() => crypto.KeyObject.from({})), T(() => crypto.createPublicKey(h))]",
    "const k = await crypto.subtle.importKey('spki', crypto.createPublicKey(K.rsa.pub).export({format: 'der', type: 'spki'}),"
    " {name: 'RSA-PSS', hash: 'SHA-256'}, true, ['verify']); return crypto.KeyObject.from(k).export({format: 'jwk'})",
    "const e = crypto.createECDH('prime256v1'); return [typeof crypto.ECDH, e instanceof crypto.ECDH, e.setPrivateKey(B('05')) === e]",
]


@pytest.mark.parametrize("body", CASES)
def test_cases_match_node(run_js: RunJs, node: NodeOracle, body: str) -> None:
    both(run_js, node, body)
