"""Bridge ops: signatures (createSign/createVerify, crypto.sign/crypto.verify).

RSA (PKCS#1 v1.5 and PSS), RSA-PSS keys, ECDSA (DER or IEEE P1363 r||s), Ed25519
and Ed448, all through `cryptography`.
"""

from __future__ import annotations

from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils

from flowgate.codeblock.bridge.keys_common import (
    Loaded,
    canonical_hash,
    hash_algorithm,
    load_stored,
    node_error,
    public_of,
)
from flowgate.codeblock.bridge.registry import BridgeError, op

RSA_PKCS1_PADDING = 1
RSA_PKCS1_PSS_PADDING = 6
RSA_PSS_SALTLEN_DIGEST = -1
RSA_PSS_SALTLEN_MAX_SIGN = -2
RSA_PSS_SALTLEN_AUTO = -2
_MAX_DATA = 64 << 20


def _invalid_digest() -> BridgeError:
    return node_error("ERR_OSSL_INVALID_DIGEST", "error:1C80007A:Provider routines::invalid digest")


def _digest_for(loaded: Loaded, name: Any) -> Any:
    """The hash to use (None for EdDSA); Node's default for a null algorithm is SHA-256.

    The checks run in OpenSSL's order: an unknown name first, then what the key allows.
    """
    canonical = None
    if name is not None:
        canonical = canonical_hash(name)
        if canonical is None:
            raise node_error("ERR_CRYPTO_INVALID_DIGEST", f"Invalid digest: {name}", "TypeError")
    akt = loaded.asymmetric_type
    if akt in ("ed25519", "ed448"):
        if name is not None:
            raise _invalid_digest()
        return None
    if akt in ("x25519", "x448"):
        raise node_error(
            "ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE",
            "error:03000096:digital envelope routines::operation not supported for this keytype",
        )
    if loaded.pss is not None:
        if canonical is not None and canonical != loaded.pss.hash:
            raise node_error(
                "ERR_OSSL_DIGEST_NOT_ALLOWED",
                "error:1C8000AE:Provider routines::digest not allowed",
            )
        return hash_algorithm(loaded.pss.hash)
    return hash_algorithm(canonical or "sha256")


def _rsa_padding(loaded: Loaded, digest: Any, pad: Any, salt: Any, signing: bool) -> Any:
    pss_key = loaded.asymmetric_type == "rsa-pss"
    if pad is None:
        pad = RSA_PKCS1_PSS_PADDING if pss_key else RSA_PKCS1_PADDING
    if pad == RSA_PKCS1_PADDING and not pss_key:
        return padding.PKCS1v15()
    if pad != RSA_PKCS1_PSS_PADDING:
        raise node_error(
            "ERR_OSSL_RSA_ILLEGAL_OR_UNSUPPORTED_PADDING_MODE",
            "error:1C8000A5:Provider routines::illegal or unsupported padding mode",
        )
    mgf_hash = digest
    if loaded.pss is not None:
        mgf_hash = hash_algorithm(loaded.pss.mgf1_hash)
        if salt is None:
            salt = loaded.pss.salt_length
    if salt is None or salt == RSA_PSS_SALTLEN_MAX_SIGN:
        length: Any = padding.PSS.MAX_LENGTH if signing else padding.PSS.AUTO
    elif salt == RSA_PSS_SALTLEN_DIGEST:
        length = padding.PSS.DIGEST_LENGTH
    elif isinstance(salt, int) and salt >= 0:
        length = salt
    else:
        raise node_error(
            "ERR_OSSL_RSA_INVALID_SALT_LENGTH",
            "error:1C80009C:Provider routines::invalid salt length",
        )
    return padding.PSS(mgf=padding.MGF1(mgf_hash), salt_length=length)


def _check_data(data: Any) -> bytes:
    if not isinstance(data, bytes) or len(data) > _MAX_DATA:
        raise BridgeError("invalid data", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    return data


@op("keys.digest_ok")
def digest_ok(name: Any) -> bool:
    """Whether createSign / createVerify know the digest name."""
    return canonical_hash(name) is not None


def _p1363_size(key: Any) -> int:
    return int((key.curve.key_size + 7) // 8)


@op("keys.sign")
def sign(
    der: Any,
    algorithm: Any,
    data: Any,
    pad: Any = None,
    salt: Any = None,
    dsa_encoding: Any = "der",
) -> bytes:
    """Sign `data` with a stored private key; `algorithm` is a digest name or None."""
    loaded = load_stored("private", der)
    data = _check_data(data)
    digest = _digest_for(loaded, algorithm)
    key = loaded.key
    try:
        if loaded.asymmetric_type in ("ed25519", "ed448"):
            out: bytes = key.sign(data)
            return out
        if loaded.asymmetric_type == "ec":
            der_sig = key.sign(data, ec.ECDSA(digest))
            if dsa_encoding == "ieee-p1363":
                r, s = utils.decode_dss_signature(der_sig)
                size = _p1363_size(key)
                return r.to_bytes(size, "big") + s.to_bytes(size, "big")
            out = der_sig
            return out
        out = key.sign(data, _rsa_padding(loaded, digest, pad, salt, True), digest)
        return out
    except UnsupportedAlgorithm:
        raise _invalid_digest() from None
    except ValueError:
        raise node_error(
            "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE",
            "error:0200006E:rsa routines::data too large for key size",
        ) from None


def _p1363_to_der(key: Any, sig: bytes) -> bytes | None:
    size = _p1363_size(key)
    if len(sig) != 2 * size:
        return None
    r = int.from_bytes(sig[:size], "big")
    s = int.from_bytes(sig[size:], "big")
    return utils.encode_dss_signature(r, s)


@op("keys.verify")
def verify(
    kind: Any,
    der: Any,
    algorithm: Any,
    data: Any,
    signature: Any,
    pad: Any = None,
    salt: Any = None,
    dsa_encoding: Any = "der",
) -> bool:
    """Verify a signature with a stored public (or private) key; False when it does not match."""
    loaded = load_stored(kind, der)
    data = _check_data(data)
    signature = _check_data(signature)
    digest = _digest_for(loaded, algorithm)
    key = public_of(loaded.key)
    try:
        if loaded.asymmetric_type in ("ed25519", "ed448"):
            key.verify(signature, data)
        elif loaded.asymmetric_type == "ec":
            if dsa_encoding == "ieee-p1363":
                converted = _p1363_to_der(key, signature)
                if converted is None:
                    return False
                signature = converted
            key.verify(signature, data, ec.ECDSA(digest))
        else:
            key.verify(signature, data, _rsa_padding(loaded, digest, pad, salt, False), digest)
    except InvalidSignature:
        return False
    except UnsupportedAlgorithm:
        raise _invalid_digest() from None
    except ValueError:
        return False
    return True
