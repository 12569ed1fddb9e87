"""WebCrypto key material: generate, import (raw/spki/pkcs8/jwk) and export.

A CryptoKey keeps its material in JS (raw bytes for secret keys, pkcs8 / spki DER
for asymmetric ones); these ops turn formats into that material and back. What
the JS side gets from an import is `{type, data, info}`, `info` holding what the
key's `algorithm` reports (modulusLength, publicExponent, namedCurve, length).
"""

from __future__ import annotations

import os
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, x448, x25519

from flowgate.codeblock.bridge.subtle_jwk import export_jwk, import_jwk
from flowgate.codeblock.bridge.subtle_util import (
    MAX_RSA_BITS,
    MAX_RSA_KEYGEN_BITS,
    data_error,
    fail,
    load_private_der,
    need_bytes,
    need_dict,
    need_int,
    need_str,
    operation_error,
    private_der,
    public_der,
    remember,
)

AES = ("AES-GCM", "AES-CBC", "AES-CTR", "AES-KW")
RSA = ("RSA-OAEP", "RSA-PSS", "RSASSA-PKCS1-v1_5")
EC = ("ECDSA", "ECDH")
OKP = ("Ed25519", "X25519", "Ed448", "X448")
KDF = ("PBKDF2", "HKDF")
CURVES: dict[str, type[ec.EllipticCurve]] = {
    "P-256": ec.SECP256R1,
    "P-384": ec.SECP384R1,
    "P-521": ec.SECP521R1,
}
CURVE_NAMES = {cls.name: name for name, cls in CURVES.items()}
OKP_TYPES: dict[str, tuple[type[Any], type[Any]]] = {
    "Ed25519": (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey),
    "X25519": (x25519.X25519PrivateKey, x25519.X25519PublicKey),
    "Ed448": (ed448.Ed448PrivateKey, ed448.Ed448PublicKey),
    "X448": (x448.X448PrivateKey, x448.X448PublicKey),
}
HASH_BLOCK_BITS = {"SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024}


def asymmetric_info(name: str, key: Any) -> dict[str, Any]:
    """What the CryptoKey's algorithm reports beyond name/hash."""
    if name in RSA:
        public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
        e = public.public_numbers().e
        return {
            "modulusLength": key.key_size,
            "publicExponent": e.to_bytes(max(1, (e.bit_length() + 7) // 8), "big"),
        }
    if name in EC:
        return {"namedCurve": CURVE_NAMES[key.curve.name]}
    return {}


def pair(name: str, private: Any) -> dict[str, Any]:
    priv, pub = private_der(private), public_der(private.public_key())
    remember("private", priv, private)
    remember("public", pub, private.public_key())
    return {"private": priv, "public": pub, "info": asymmetric_info(name, private)}


def generate(alg: Any) -> dict[str, Any]:
    """generateKey: `{secret}` bytes, or `{private, public}` DER plus `info`."""
    alg = need_dict(alg, "algorithm")
    name = need_str(alg.get("name"), "algorithm.name")
    if name in AES:
        length = alg.get("length")
        if length not in (128, 192, 256):
            operation_error("AES key length must be 128, 192, or 256 bits")
        return {"secret": os.urandom(length // 8), "info": {"length": length}}
    if name == "HMAC":
        length = alg.get("length")
        if length is None:
            length = HASH_BLOCK_BITS.get(need_str(alg.get("hash"), "hash"), 512)
        length = need_int(length, "algorithm.length", 1, 65536)
        if length % 8:
            operation_error("Invalid key length")
        return {"secret": os.urandom(length // 8), "info": {"length": length}}
    if name in RSA:
        bits = need_int(alg.get("modulusLength"), "algorithm.modulusLength", 0, 1 << 32)
        exponent = int.from_bytes(need_bytes(alg.get("publicExponent"), "publicExponent"), "big")
        if bits > MAX_RSA_KEYGEN_BITS:
            fail(
                "NotSupportedError",
                f"modulusLength above {MAX_RSA_KEYGEN_BITS} is not supported here",
            )
        if bits < 512 or exponent < 3 or exponent % 2 == 0 or exponent.bit_length() > 32:
            operation_error()
        return pair(name, _generate_rsa(exponent, bits))
    if name in EC:
        curve = CURVES.get(need_str(alg.get("namedCurve"), "namedCurve"))
        if curve is None:
            fail("NotSupportedError", "Unrecognized namedCurve")
        return pair(name, ec.generate_private_key(curve()))
    if name in OKP:
        return pair(name, OKP_TYPES[name][0].generate())
    fail("NotSupportedError", "Unrecognized algorithm name")


def check_kind(name: str, key: Any, private: bool) -> None:
    """The parsed key must be of the algorithm's family (an RSA spki is no ECDSA key)."""
    if name in RSA:
        ok = isinstance(key, rsa.RSAPrivateKey if private else rsa.RSAPublicKey)
        if ok and key.key_size > MAX_RSA_BITS:
            fail("NotSupportedError", f"RSA keys above {MAX_RSA_BITS} bits are not supported here")
    elif name in EC:
        ok = isinstance(key, ec.EllipticCurvePrivateKey if private else ec.EllipticCurvePublicKey)
    else:
        ok = isinstance(key, OKP_TYPES[name][0 if private else 1])
    if not ok:
        data_error("Invalid key type")


def parse_der(name: str, fmt: str, data: bytes) -> Any:
    try:
        if fmt == "pkcs8":
            key: Any = load_private_der(data)
        else:
            key = serialization.load_der_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        data_error()
    check_kind(name, key, fmt == "pkcs8")
    return key


def import_raw_public(name: str, alg: dict[str, Any], data: bytes) -> Any:
    if name in EC:
        curve = CURVES[need_str(alg.get("namedCurve"), "namedCurve")]
        try:
            return ec.EllipticCurvePublicKey.from_encoded_point(curve(), data)
        except ValueError:
            data_error()
    try:
        return OKP_TYPES[name][1].from_public_bytes(data)
    except ValueError:
        size = 32 if name in ("Ed25519", "X25519") else (57 if name == "Ed448" else 56)
        data_error(f"{name} raw keys must be exactly {size}-bytes")


def imported(name: str, alg: dict[str, Any], key: Any, private: bool) -> dict[str, Any]:
    if name in EC:
        want = need_str(alg.get("namedCurve"), "namedCurve")
        if CURVE_NAMES.get(key.curve.name) != want:
            data_error("Named curve mismatch")
    der = private_der(key) if private else public_der(key)
    remember("private" if private else "public", der, key)
    return {
        "type": "private" if private else "public",
        "data": der,
        "info": asymmetric_info(name, key),
    }


def import_key(fmt: Any, key_data: Any, alg: Any, extractable: Any, usages: Any) -> dict[str, Any]:
    """importKey: `{type, data, info}` (usages are checked on the JS side, jwk's here)."""
    fmt = need_str(fmt, "format")
    alg = need_dict(alg, "algorithm")
    name = need_str(alg.get("name"), "algorithm.name")
    if name in EC and need_str(alg.get("namedCurve"), "namedCurve") not in CURVES:
        fail("NotSupportedError", "Unrecognized namedCurve")
    if fmt == "jwk":
        if name in KDF:
            fail(
                "NotSupportedError",
                f"Unable to import {'RSA' if name in RSA else name} key with format {fmt}",
            )
        return import_jwk(name, need_dict(key_data, "keyData"), alg, bool(extractable), usages)
    data = need_bytes(key_data, "keyData")
    if name in AES or name in KDF or name == "HMAC":
        if fmt != "raw":
            # Node 20 names this one DOMException 'Error' for HMAC (a quirk, copied).
            kind = "Error" if name == "HMAC" else "NotSupportedError"
            fail(kind, f"Unable to import {name} key with format {fmt}")
        return import_secret(name, alg, data)
    if fmt in ("spki", "pkcs8"):
        return imported(name, alg, parse_der(name, fmt, data), fmt == "pkcs8")
    if fmt == "raw" and name not in RSA:
        return imported(name, alg, import_raw_public(name, alg, data), False)
    fail(
        "NotSupportedError",
        f"Unable to import {'RSA' if name in RSA else name} key with format {fmt}",
    )


def import_secret(name: str, alg: dict[str, Any], data: bytes) -> dict[str, Any]:
    bits = len(data) * 8
    if name in AES and bits not in (128, 192, 256):
        data_error("Invalid key length")
    if name == "HMAC":
        if bits == 0:
            data_error("Zero-length key is not supported")
        length = alg.get("length")
        if length is not None and length != bits:
            data_error("Invalid key length")
    info = {"length": bits} if name in AES or name == "HMAC" else {}
    return {"type": "secret", "data": data, "info": info}


def export_key(fmt: Any, key: Any) -> Any:
    """exportKey of a key's material: bytes, or a dict for jwk (without key_ops/ext)."""
    fmt = need_str(fmt, "format")
    key = need_dict(key, "key")
    kind = need_str(key.get("type"), "key.type")
    data = need_bytes(key.get("data"), "key.data")
    alg = need_dict(key.get("algorithm"), "key.algorithm")
    name = need_str(alg.get("name"), "algorithm.name")
    if fmt == "jwk":
        return export_jwk(name, kind, data, alg)
    if kind == "secret":
        if fmt != "raw":
            fail("InvalidAccessError", f"Unable to export a raw {name} secret key")
        return data
    if fmt == "pkcs8" and kind == "private":
        return data
    if fmt == "spki" and kind == "public":
        return data
    if fmt == "raw" and kind == "public" and name not in RSA:
        pub = serialization.load_der_public_key(data)
        if isinstance(pub, ec.EllipticCurvePublicKey):
            return pub.public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    what = "private" if kind == "private" else "public"
    shown = "raw" if fmt in ("raw", "spki") and kind == "private" else fmt
    fail("InvalidAccessError", f"Unable to export a {shown} {name} {what} key")


def _generate_rsa(exponent: int, bits: int) -> rsa.RSAPrivateKey:
    """Node also allows 512..1023 bits and exponents such as 17, which the public
    `rsa.generate_private_key` refuses; its Rust binding does not. The binding is
    private API, so a `cryptography` release without it falls back to the public
    function (and its narrower rules: an OperationError for those keys)."""
    try:
        from cryptography.hazmat.bindings._rust import openssl as rust_openssl

        generate = rust_openssl.rsa.generate_private_key
    except (ImportError, AttributeError):
        generate = None
    if generate is not None:
        key: rsa.RSAPrivateKey = generate(exponent, bits)
        return key
    try:
        return rsa.generate_private_key(exponent, bits)
    except ValueError:
        operation_error()
