"""Bridge ops: key agreement (crypto.diffieHellman, createECDH, ECDH.convertKey).

An ECDH object in JS keeps its raw private scalar and public point; each op here
rebuilds the `cryptography` key from them (stateless, like the KeyObject ops).
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec

from flowgate.codeblock.bridge.keys_common import load_stored, node_error
from flowgate.codeblock.bridge.keys_gen import CURVES
from flowgate.codeblock.bridge.registry import BridgeError, op

#: createECDH accepts OpenSSL short names only (not 'P-256').
ECDH_CURVES = {name: cls for name, cls in CURVES.items() if not name.startswith("P-")}
_FORMATS = ("uncompressed", "compressed", "hybrid")


def _curve(name: Any) -> ec.EllipticCurve:
    cls = ECDH_CURVES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise node_error("ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name", "TypeError")
    return cls()


@op("keys.dh")
def diffie_hellman(private_der: Any, public_kind: Any, public_der: Any) -> bytes:
    """crypto.diffieHellman({privateKey, publicKey}) for EC, X25519 and X448 keys."""
    priv = load_stored("private", private_der)
    pub = load_stored(public_kind, public_der)
    a, b = priv.asymmetric_type, pub.asymmetric_type
    if a != b or a not in ("ec", "x25519", "x448"):
        raise node_error(
            "ERR_CRYPTO_INCOMPATIBLE_KEY", f"Incompatible key types for Diffie-Hellman: {a} and {b}"
        )
    peer = pub.key.public_key() if pub.kind == "private" else pub.key
    try:
        if a == "ec":
            if priv.key.curve.name != peer.curve.name:
                raise ValueError("curve mismatch")
            out: bytes = priv.key.exchange(ec.ECDH(), peer)
        else:
            out = priv.key.exchange(peer)
    except ValueError:
        raise node_error(
            "ERR_OSSL_MISMATCHING_DOMAIN_PARAMETERS",
            "error:1C8000CB:Provider routines::mismatching domain parameters",
        ) from None
    return out


def _private_scalar(curve: ec.EllipticCurve, raw: Any) -> ec.EllipticCurvePrivateKey:
    if not isinstance(raw, bytes) or len(raw) > 128:
        raise BridgeError("invalid private key", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    try:
        return ec.derive_private_key(int.from_bytes(raw, "big"), curve)
    except ValueError:
        raise node_error(
            "ERR_CRYPTO_INVALID_KEYTYPE",
            "Private key is not valid for specified curve.",
            "RangeError",
        ) from None


def _point(key: ec.EllipticCurvePublicKey, fmt: str) -> bytes:
    if fmt == "compressed":
        return key.public_bytes(ser.Encoding.X962, ser.PublicFormat.CompressedPoint)
    raw = key.public_bytes(ser.Encoding.X962, ser.PublicFormat.UncompressedPoint)
    if fmt == "hybrid":
        return bytes([6 | (raw[-1] & 1)]) + raw[1:]
    return raw


def _public_point(curve: ec.EllipticCurve, raw: Any) -> ec.EllipticCurvePublicKey:
    """Parse an X9.62 point (uncompressed, compressed or hybrid); None-safe errors."""
    if not isinstance(raw, bytes) or len(raw) > 300:
        raise ValueError("bad point")
    if raw and raw[0] in (6, 7):
        if raw[0] & 1 != raw[-1] & 1:
            raise ValueError("hybrid parity")
        raw = b"\x04" + raw[1:]
    return ec.EllipticCurvePublicKey.from_encoded_point(curve, raw)


def _private_bytes(key: ec.EllipticCurvePrivateKey) -> bytes:
    """The scalar without leading zero bytes, as Node's getPrivateKey (BN_bn2bin) gives it."""
    value = key.private_numbers().private_value
    return value.to_bytes((value.bit_length() + 7) // 8, "big")


@op("keys.ecdh_check")
def ecdh_check(curve_name: Any) -> None:
    """createECDH(curve): refuse an unknown curve up front, as Node does."""
    _curve(curve_name)


@op("keys.ecdh_generate")
def ecdh_generate(curve_name: Any) -> list[bytes]:
    """[private scalar, uncompressed public point] of a new key on `curve_name`."""
    key = ec.generate_private_key(_curve(curve_name))
    return [_private_bytes(key), _point(key.public_key(), "uncompressed")]


@op("keys.ecdh_set_private")
def ecdh_set_private(curve_name: Any, raw: Any) -> list[bytes]:
    """ECDH.setPrivateKey: [normalised scalar, uncompressed public point]."""
    key = _private_scalar(_curve(curve_name), raw)
    return [_private_bytes(key), _point(key.public_key(), "uncompressed")]


@op("keys.ecdh_compute")
def ecdh_compute(curve_name: Any, raw_private: Any, peer: Any) -> bytes:
    """ECDH.computeSecret: the shared x coordinate."""
    curve = _curve(curve_name)
    key = _private_scalar(curve, raw_private)
    if peer == b"\x00":  # the point at infinity parses, then the exchange fails
        raise node_error("ERR_CRYPTO_OPERATION_FAILED", "Failed to compute ECDH key")
    try:
        out: bytes = key.exchange(ec.ECDH(), _public_point(curve, peer))
    except ValueError:
        raise node_error(
            "ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY", "Public key is not valid for specified curve"
        ) from None
    return out


@op("keys.ecdh_convert")
def ecdh_convert(curve_name: Any, raw: Any, fmt: Any, strict: Any = False) -> bytes:
    """ECDH.convertKey / getPublicKey(format) / setPublicKey (`strict`): re-encode a point.

    OpenSSL takes an empty input and the point at infinity (`00`) and gives them back;
    `cryptography` has no such points, so convertKey answers them itself.
    """
    if fmt not in _FORMATS:
        raise node_error(
            "ERR_CRYPTO_ECDH_INVALID_FORMAT", f"Invalid ECDH format: {fmt}", "TypeError"
        )
    curve = _curve(curve_name)
    if raw == b"\x00" or (raw == b"" and not strict):
        return bytes(raw)  # setPublicKey (strict) keeps the point at infinity too
    try:
        key = _public_point(curve, raw)
    except ValueError:
        raise node_error(
            "ERR_CRYPTO_OPERATION_FAILED", "Failed to convert Buffer to EC_POINT"
        ) from None
    return _point(key, str(fmt))
