"""Shared fixtures of the crypto-keys differential tests: fixed keys (made once with
`cryptography`, handed to both sides through `input`), the snippet prelude and the
helpers that run a snippet in Flowgate, in Node, or in both and compare."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, x448, x25519
from hypothesis import HealthCheck, settings

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import NODE_REQUIRE
from tests.node_oracle import NodeOracle

PRELUDE = """
const crypto = require('crypto');
const enc = (r) => Buffer.isBuffer(r) ? 'buf:' + r.toString('hex')
  : (r instanceof crypto.KeyObject) ? ['KeyObject', r.type, r.asymmetricKeyType] : r;
const T = (f) => { try { return enc(f()); } catch (e) { return ['ERR', e.name, e.code, e.message]; } };
const TC = (f) => { try { return enc(f()); } catch (e) { return ['ERR', e.name, e.code]; } };
const B = (hex) => Buffer.from(hex, 'hex');
const K = input.keys;
const J = (v) => JSON.parse(JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? `${x}n` : x)) ?? 'null');
"""

SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _certificate() -> str:
    """A self-signed certificate (createPublicKey accepts X.509 PEM, as Node does)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "flowgate.test")])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(ser.Encoding.PEM).decode()


def _pems() -> dict[str, dict[str, str]]:
    made: dict[str, Any] = {
        "rsa": rsa.generate_private_key(65537, 1024),
        "rsa2048": rsa.generate_private_key(65537, 2048),
        "p256": ec.generate_private_key(ec.SECP256R1()),
        "p384": ec.generate_private_key(ec.SECP384R1()),
        "p521": ec.generate_private_key(ec.SECP521R1()),
        "k256": ec.generate_private_key(ec.SECP256K1()),
        "ed25519": ed25519.Ed25519PrivateKey.generate(),
        "ed448": ed448.Ed448PrivateKey.generate(),
        "x25519": x25519.X25519PrivateKey.generate(),
        "x448": x448.X448PrivateKey.generate(),
    }
    out: dict[str, dict[str, str]] = {}
    for name, key in made.items():
        out[name] = {
            "priv": key.private_bytes(
                ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()
            ).decode(),
            "pub": key.public_key()
            .public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo)
            .decode(),
        }
    return out


KEYS: dict[str, Any] = _pems()
KEYS["cert"] = _certificate()
ASYM = [name for name in KEYS if name != "cert"]
SIGNING = ["rsa", "rsa2048", "p256", "p384", "p521", "k256", "ed25519", "ed448"]


def both(run_js: RunJs, node: NodeOracle, body: str, inp: dict[str, Any] | None = None) -> Any:
    code = PRELUDE + f"return J(await (async () => {{\n{body}\n}})());"
    data = {"keys": KEYS, **(inp or {})}
    ours, theirs = run_js(code, data), node.run(NODE_REQUIRE + code, data)
    assert theirs["success"], theirs
    assert ours["success"], ours
    assert ours["result"] == theirs["result"]
    return ours["result"]


def run_ours(run_js: RunJs, body: str, inp: dict[str, Any] | None = None) -> Any:
    out = run_js(PRELUDE + body, {"keys": KEYS, **(inp or {})})
    assert out["success"], out
    return out["result"]


def run_node(node: NodeOracle, body: str, inp: dict[str, Any] | None = None) -> Any:
    out = node.run(NODE_REQUIRE + PRELUDE + body, {"keys": KEYS, **(inp or {})})
    assert out["success"], out
    return out["result"]
