"""Bridge ops: asymmetric keys of Node's `crypto` (KeyObject import, export, details).

Keys cross the bridge statelessly: a KeyObject in JS holds its key as canonical DER
(PKCS#8 for private keys, SPKI for public ones; an RSA-PSS key keeps its PSS
algorithm identifier) and every op re-loads it here. Re-loading is cheap (~7 µs for
RSA-2048) because RSA keys are loaded with `unsafe_skip_rsa_key_validation`: Node
never runs RSA_check_key on import either, the check costs ~60 ms per RSA-2048
private key on this machine, and an inconsistent key only gives its own user wrong
results. Parsed keys are cached by their exact DER (keys_common.load_stored).

The sibling modules register the other ops: `keys_export` (export), `keys_gen`
(generation), `keys_sign` (signatures), `keys_rsa` (public-key encryption), `keys_dh`
(key agreement), `keys_x509` / `keys_x509_check` (X509Certificate).
"""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import rsa

from flowgate.codeblock.bridge import keys_asn1 as asn1
from flowgate.codeblock.bridge.keys_common import (
    MAX_RSA_BITS,
    Loaded,
    describe,
    jwk_import,
    key_type_of,
    load_stored,
    node_error,
    public_of,
)
from flowgate.codeblock.bridge.keys_pbes2 import check_iterations, decrypt_pkcs8
from flowgate.codeblock.bridge.registry import BridgeError, op

__all__ = ["load_stored", "public_of"]

_PEM_TYPES = {"pkcs1", "spki", "pkcs8", "sec1", None}
_MAX_KEY_INPUT = 1 << 20


def _unsupported() -> BridgeError:
    return node_error("ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported")


def _passphrase_missing() -> BridgeError:
    return node_error(
        "ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED",
        "error:07880109:common libcrypto routines::interrupted or cancelled",
    )


def _bad_decrypt() -> BridgeError:
    return node_error("ERR_OSSL_BAD_DECRYPT", "error:1C800064:Provider routines::bad decrypt")


def _pem_blocks(text: bytes) -> list[tuple[str, bytes, bytes]]:
    """(label, DER, the block's own text) of every PEM block, in order.

    The DER of an encrypted traditional PEM block (with Proc-Type headers) is its
    ciphertext; such blocks are handed to `cryptography` as text.
    """
    import base64
    import re

    out: list[tuple[str, bytes, bytes]] = []
    for m in re.finditer(rb"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", text, re.S):
        lines = [ln for ln in m.group(2).split(b"\n") if b":" not in ln]
        # Strict, as OpenSSL's decoder: whole 4-character quanta, '=' only at the end.
        body = b"".join(b"".join(lines).split())
        if len(body) % 4 or not re.fullmatch(rb"[A-Za-z0-9+/]*={0,2}", body):
            continue
        der = base64.b64decode(body)
        out.append((m.group(1).decode(), _first_element(der), m.group(0)))
    return out


def _first_element(der: bytes) -> bytes:
    """OpenSSL's d2i readers stop after the first element: bytes after it are ignored."""
    try:
        _, _, end = asn1.read_tlv(der, 0)
    except asn1.DerError:
        return der
    return der[:end]


def _der_shape(der: bytes) -> str:
    """Which structure a DER key is: 'spki', 'pkcs1-public', 'pkcs8', 'pkcs1', 'sec1'."""
    try:
        tag, body, _ = asn1.read_tlv(der, 0)
        items = asn1.children(body) if tag == 0x30 else []
    except asn1.DerError:
        return "?"
    tags = [t for t, _ in items]
    if tags[:2] == [0x30, 0x03]:
        return "spki"
    if tags[:2] == [0x02, 0x02] and len(tags) == 2:
        return "pkcs1-public"
    if tags[:3] == [0x02, 0x30, 0x04]:
        return "pkcs8"
    if tags[:2] == [0x02, 0x04]:
        return "sec1"
    if len(tags) >= 9 and all(t == 0x02 for t in tags[:9]):
        return "pkcs1"
    if tags == [0x30, 0x04]:
        return "encrypted-pkcs8"
    return "?"


def _element_count(der: bytes) -> int:
    try:
        _, body, _ = asn1.read_tlv(der, 0)
        return len(asn1.children(body))
    except asn1.DerError:
        return 0


def _pss_of(der: bytes, private: bool) -> tuple[bool, asn1.PssParams | None]:
    """(is an RSA-PSS SPKI/PKCS#8, its parameters or None when unrestricted)."""
    try:
        oid, params = asn1.algorithm_of(der, private)
    except (asn1.DerError, IndexError):
        return False, None
    if oid != asn1.OID_RSA_PSS:
        return False, None
    try:
        return True, asn1.parse_pss_params(params)
    except asn1.DerError:
        raise _unsupported() from None


#: Key algorithms `cryptography` deprecates (DSA, finite-field DH): refused before it
#: parses them, which would warn on every load (and raise under `-W error`).
_DEPRECATED_OIDS = (asn1.OID_DSA, asn1.OID_DH, asn1.OID_X942_DH)


def _refuse_deprecated(der: bytes, private: bool) -> None:
    try:
        oid, _ = asn1.algorithm_of(der, private)
    except (asn1.DerError, IndexError):
        return
    if oid in _DEPRECATED_OIDS:
        raise _unsupported()


def _load_der_private(der: bytes, passphrase: bytes | None) -> Loaded:
    shape = _der_shape(der)
    if shape == "pkcs8":
        _refuse_deprecated(der, True)
    if shape == "encrypted-pkcs8" and not check_iterations(der):
        raise BridgeError(
            "encrypted keys are limited to 1,000,000 key-derivation iterations in code blocks",
            code="ERR_FLOWGATE_LIMIT",
            type="RangeError",
        )
    try:
        key = ser.load_der_private_key(der, passphrase, unsafe_skip_rsa_key_validation=True)
    except TypeError as exc:  # encrypted without a password, or a password for a plain key
        if passphrase is None:
            raise _passphrase_missing() from exc
        key = ser.load_der_private_key(der, None, unsafe_skip_rsa_key_validation=True)
    except (ValueError, UnsupportedAlgorithm) as exc:
        if passphrase is not None and _der_shape(der) == "encrypted-pkcs8":
            raise _bad_decrypt() from exc
        raise _unsupported() from exc
    if passphrase is not None and isinstance(key, rsa.RSAPrivateKey):
        # `cryptography` reads an RSA-PSS key as plain RSA: look inside ourselves.
        plain = decrypt_pkcs8(der, passphrase)
        if plain is not None and _pss_of(plain, True)[0]:
            return _load_der_private(plain, None)
    is_pss, pss = _pss_of(der, True)
    return Loaded(key, "private", "rsa-pss" if is_pss else key_type_of(key), pss)


def _load_der_public(der: bytes) -> Loaded:
    if _der_shape(der) == "spki":
        _refuse_deprecated(der, False)
    try:
        key = ser.load_der_public_key(der)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise _unsupported() from exc
    is_pss, pss = _pss_of(der, False)
    return Loaded(key, "public", "rsa-pss" if is_pss else key_type_of(key), pss)


_PUBLIC_LABELS = (
    ("PUBLIC KEY",),
    ("RSA PUBLIC KEY",),
    ("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"),
)


def _load_pem(kind: str, data: bytes, passphrase: bytes | None) -> Loaded:
    """OpenSSL's PEM readers: each looks through the whole input for its own labels.

    A public key is the first "PUBLIC KEY" block, else "RSA PUBLIC KEY", else a
    certificate's key, else the public half of the first private key; a private key
    is the first block whose label ends in "PRIVATE KEY".
    """
    blocks = _pem_blocks(data)
    if kind == "public":
        for labels in _PUBLIC_LABELS:
            for label, der, _ in blocks:
                if label in labels:
                    return _load_der_public(der) if "CERT" not in label else _load_cert_key(der)
    for label, der, raw in blocks:
        if not label.endswith("PRIVATE KEY"):
            continue
        if label in ("DSA PRIVATE KEY",):
            raise _unsupported()
        if label == "ENCRYPTED PRIVATE KEY":
            return _load_encrypted_pkcs8(der, passphrase)
        if b"Proc-Type: 4,ENCRYPTED" in raw:
            return _load_encrypted_pem(raw, passphrase)
        return _load_der_private(der, None)
    raise _unsupported()


def _load_encrypted_pkcs8(der: bytes, passphrase: bytes | None) -> Loaded:
    if passphrase is None:
        raise _passphrase_missing()
    try:
        return _load_der_private(der, passphrase)
    except BridgeError as exc:
        if exc.code == "ERR_OSSL_UNSUPPORTED":
            raise _bad_decrypt() from None
        raise


def _load_cert_key(der: bytes) -> Loaded:
    try:
        cert = x509.load_der_x509_certificate(der)
        if cert.public_key_algorithm_oid.dotted_string in _DEPRECATED_OIDS:
            raise _unsupported()
        pub: Any = cert.public_key()
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise _unsupported() from exc
    return Loaded(pub, "public", key_type_of(pub), None)


def _load_encrypted_pem(data: bytes, passphrase: bytes | None) -> Loaded:
    if passphrase is None:
        raise _passphrase_missing()
    try:
        key = ser.load_pem_private_key(data, passphrase, unsafe_skip_rsa_key_validation=True)
    except (ValueError, TypeError) as exc:
        raise _bad_decrypt() from exc
    return Loaded(key, "private", key_type_of(key), None)


def _load_der(kind: str, data: bytes, der_type: str | None, passphrase: bytes | None) -> Loaded:
    data = _first_element(data)
    shape = _der_shape(data)
    wanted = {
        ("public", "spki"): ("spki",),
        ("public", "pkcs1"): ("pkcs1-public", "pkcs1"),
        ("private", "pkcs8"): ("pkcs8", "encrypted-pkcs8"),
        ("private", "pkcs1"): ("pkcs1",),
        ("private", "sec1"): ("sec1",),
    }.get((kind, der_type or ""))
    if kind == "public" and der_type in ("pkcs8", "sec1"):
        return _load_der("private", data, der_type, passphrase)
    if wanted is None:
        raise BridgeError(
            f"The property 'options.type' is invalid. Received {der_type!r}",
            code="ERR_INVALID_ARG_VALUE",
            type="TypeError",
        )
    if shape not in wanted:
        # OpenSSL's decoder: too few elements is a missing field, others a wrong tag.
        if _element_count(data) < 2:
            raise node_error(
                "ERR_OSSL_ASN1_FIELD_MISSING",
                "error:06800079:asn1 encoding routines::field missing",
            )
        raise node_error(
            "ERR_OSSL_ASN1_WRONG_TAG", "error:068000A8:asn1 encoding routines::wrong tag"
        )
    if shape in ("spki", "pkcs1-public"):
        return _load_der_public(data)
    return _load_der_private(data, passphrase)


def _check_size(loaded: Loaded) -> None:
    size = getattr(loaded.key, "key_size", 0)
    if loaded.asymmetric_type in ("rsa", "rsa-pss") and size > MAX_RSA_BITS:
        raise BridgeError(
            f"RSA keys are limited to {MAX_RSA_BITS} bits in code blocks",
            code="ERR_FLOWGATE_LIMIT",
            type="RangeError",
        )


@op("keys.import")
def import_key(
    kind: Any, fmt: Any, data: Any, der_type: Any = None, passphrase: Any = None
) -> dict[str, Any]:
    """Parse a key given to createPublicKey / createPrivateKey (PEM, DER or JWK).

    `kind` is what is wanted ('public' derives it from a private key, as Node does).
    Returns the KeyObject's state: {type, der, asymmetricKeyType, details}.
    """
    if kind not in ("public", "private") or fmt not in ("pem", "der", "jwk"):
        raise BridgeError("invalid key import request", code="ERR_INVALID_ARG_VALUE")
    if passphrase is not None and not isinstance(passphrase, bytes):
        raise BridgeError("passphrase must be bytes", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    if fmt == "jwk":
        if not isinstance(data, dict):
            raise BridgeError(
                "JWK must be an object", code="ERR_INVALID_ARG_TYPE", type="TypeError"
            )
        loaded = jwk_import(kind, data)
    else:
        if isinstance(data, str):
            data = data.encode()
        if not isinstance(data, bytes) or der_type not in _PEM_TYPES:
            raise BridgeError("invalid key data", code="ERR_INVALID_ARG_TYPE", type="TypeError")
        if len(data) > _MAX_KEY_INPUT:
            raise _unsupported()
        if fmt == "pem":
            loaded = _load_pem(kind, data, passphrase)
        else:
            loaded = _load_der(kind, data, der_type, passphrase)
    _check_size(loaded)
    if kind == "public" and loaded.kind == "private":
        loaded = Loaded(public_of(loaded.key), "public", loaded.asymmetric_type, loaded.pss)
    return describe(loaded)


@op("keys.public")
def public_from_private(der: Any) -> dict[str, Any]:
    """The public half of a stored private key (createPublicKey(privateKeyObject))."""
    loaded = load_stored("private", der)
    return describe(Loaded(public_of(loaded.key), "public", loaded.asymmetric_type, loaded.pss))


from flowgate.codeblock.bridge import (  # noqa: E402,F401
    keys_dh,
    keys_export,
    keys_gen,
    keys_rsa,
    keys_sign,
    keys_x509,
    keys_x509_check,
)
