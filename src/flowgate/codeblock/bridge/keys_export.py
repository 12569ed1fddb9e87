"""Bridge op: KeyObject.export for asymmetric keys (PEM, DER, JWK; encrypted PEM/DER).

Unencrypted PKCS#8 and SPKI exports are the KeyObject's canonical DER itself (see
keys.py); PKCS#1 / SEC1 and encrypted forms are written by `cryptography`.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization as ser

from flowgate.codeblock.bridge.keys_common import (
    AnyPrivate,
    AnyPublic,
    Loaded,
    jwk_export,
    load_stored,
    node_error,
    store,
)
from flowgate.codeblock.bridge.keys_pbes2 import encrypt_pkcs8
from flowgate.codeblock.bridge.registry import BridgeError, op


def _encryption(
    cipher: Any, passphrase: Any, fmt: str, der_type: str
) -> ser.KeySerializationEncryption:
    if cipher is None:
        return ser.NoEncryption()
    if not isinstance(passphrase, bytes) or not isinstance(cipher, str):
        raise BridgeError("a cipher needs a passphrase", code="ERR_INVALID_ARG_VALUE")
    if der_type in ("pkcs1", "sec1") and fmt == "der":
        raise node_error(
            "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
            f"The selected key encoding {der_type} does not support encryption.",
        )
    if not passphrase:
        raise BridgeError("empty passphrase", code="ERR_OSSL_EVP_BAD_DECRYPT")
    # `cryptography` picks the scheme: PBES2 + AES-256-CBC for PKCS#8, AES-256-CBC
    # DEK-Info for traditional PEM (docs/runtime-modules.md: known differences).
    return ser.BestAvailableEncryption(passphrase)


def _incompatible(der_type: str, family: str) -> BridgeError:
    return node_error(
        "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
        f"The selected key encoding {der_type} can only be used for {family} keys.",
    )


def _export_public(loaded: Loaded, fmt: str, der_type: str) -> bytes | str:
    key: AnyPublic = loaded.key
    encoding = ser.Encoding.PEM if fmt == "pem" else ser.Encoding.DER
    if der_type == "pkcs1":
        if loaded.asymmetric_type != "rsa":
            raise _incompatible("pkcs1", "RSA")
        out = key.public_bytes(encoding, ser.PublicFormat.PKCS1)
    elif der_type == "spki":
        der = store(loaded)
        if fmt == "der":
            return der
        out = _pem("PUBLIC KEY", der)
    else:
        raise BridgeError(
            f"The property 'options.type' is invalid. Received {der_type!r}",
            code="ERR_INVALID_ARG_VALUE",
            type="TypeError",
        )
    return out.decode() if fmt == "pem" else out


def _pem(label: str, der: bytes) -> bytes:
    import base64

    body = base64.b64encode(der)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return (
        b"-----BEGIN "
        + label.encode()
        + b"-----\n"
        + b"\n".join(lines)
        + (b"\n-----END " + label.encode() + b"-----\n")
    )


def _export_private(loaded: Loaded, fmt: str, der_type: str, cipher: Any, passphrase: Any) -> Any:
    key: AnyPrivate = loaded.key
    encoding = ser.Encoding.PEM if fmt == "pem" else ser.Encoding.DER
    if der_type == "pkcs1" and loaded.asymmetric_type != "rsa":
        raise _incompatible("pkcs1", "RSA")
    if der_type == "sec1" and loaded.asymmetric_type != "ec":
        raise _incompatible("sec1", "EC")
    if der_type not in ("pkcs1", "pkcs8", "sec1"):
        raise BridgeError(
            f"The property 'options.type' is invalid. Received {der_type!r}",
            code="ERR_INVALID_ARG_VALUE",
            type="TypeError",
        )
    encryption = _encryption(cipher, passphrase, fmt, der_type)
    if der_type == "pkcs8" and isinstance(encryption, ser.NoEncryption):
        der = store(loaded)
        return der if fmt == "der" else _pem("PRIVATE KEY", der).decode()
    if loaded.asymmetric_type == "rsa-pss":
        # Only pkcs8 reaches here for RSA-PSS keys; `cryptography` would drop the PSS OID.
        encrypted = encrypt_pkcs8(store(loaded), passphrase)
        return encrypted if fmt == "der" else _pem("ENCRYPTED PRIVATE KEY", encrypted).decode()
    private_format = ser.PrivateFormat.PKCS8
    if der_type in ("pkcs1", "sec1"):
        private_format = ser.PrivateFormat.TraditionalOpenSSL
    out = key.private_bytes(encoding, private_format, encryption)
    return out.decode() if fmt == "pem" else out


@op("keys.export")
def export_key(
    kind: Any,
    der: Any,
    fmt: Any,
    der_type: Any = None,
    cipher: Any = None,
    passphrase: Any = None,
) -> Any:
    """KeyObject.export for asymmetric keys: PEM text, DER bytes or a JWK dict."""
    loaded = load_stored(kind, der)
    if fmt == "jwk":
        return jwk_export(loaded)
    if fmt not in ("pem", "der"):
        raise BridgeError("invalid export format", code="ERR_INVALID_ARG_VALUE", type="TypeError")
    if loaded.kind == "public":
        return _export_public(loaded, fmt, der_type)
    return _export_private(loaded, fmt, der_type, cipher, passphrase)
