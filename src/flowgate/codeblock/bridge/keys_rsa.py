"""Bridge op: publicEncrypt / privateDecrypt / privateEncrypt / publicDecrypt.

privateEncrypt and publicDecrypt are PKCS#1 v1.5 with block type 1, i.e. an RSA
signature without the DigestInfo wrapper: `cryptography` does exactly that with
`sign(data, PKCS1v15(), NoDigestInfo())` and
`recover_data_from_signature(data, PKCS1v15(), None)`, so no raw RSA is done here.
RSA_NO_PADDING (raw RSA, "textbook" m^e / c^d mod n) has no `cryptography` route at
all, so it is computed here from the key's numbers with Python's pow(); the private
exponentiation is blinded (a fresh random r per call) so its timing does not depend
on the input. It is the only arithmetic done by hand, and it is only reachable by
asking for RSA_NO_PADDING explicitly, as in Node.
"""

from __future__ import annotations

import secrets
from math import gcd
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import padding, utils

from flowgate.codeblock.bridge.keys_common import (
    canonical_hash,
    hash_algorithm,
    load_stored,
    node_error,
    public_of,
)
from flowgate.codeblock.bridge.registry import BridgeError, op

RSA_PKCS1_PADDING = 1
RSA_NO_PADDING = 3
RSA_PKCS1_OAEP_PADDING = 4
_MAX_DATA = 1 << 12


def _too_large() -> BridgeError:
    return node_error(
        "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE",
        "error:0200006E:rsa routines::data too large for key size",
    )


def _oaep(oaep_hash: Any, label: Any) -> padding.OAEP:
    name = canonical_hash("sha1" if oaep_hash is None else oaep_hash)
    if name is None or name == "sm3":
        raise node_error("ERR_OSSL_EVP_INVALID_DIGEST", "Invalid digest used")
    if name not in _OAEP_HASHES:
        raise BridgeError(
            f"OAEP with the digest {oaep_hash} is not supported in code blocks",
            code="ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
        )
    algorithm = hash_algorithm(name)
    if label is not None and not isinstance(label, bytes):
        raise BridgeError("invalid oaepLabel", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    return padding.OAEP(mgf=padding.MGF1(algorithm), algorithm=algorithm, label=label or None)


def _unsupported_padding(signing_side: bool = False) -> BridgeError:
    """OpenSSL words it by operation: the cipher side vs the signature-like side."""
    if signing_side:
        return node_error(
            "ERR_OSSL_ILLEGAL_OR_UNSUPPORTED_PADDING_MODE",
            "error:1C8000A5:Provider routines::illegal or unsupported padding mode",
        )
    return node_error(
        "ERR_OSSL_RSA_UNKNOWN_PADDING_TYPE", "error:02000076:rsa routines::unknown padding type"
    )


#: The OAEP digests `cryptography` allows (OpenSSL also takes MD5, SHA-3, SHA-512/t).
_OAEP_HASHES = ("sha1", "sha224", "sha256", "sha384", "sha512")


def _check_rsa(akt: str) -> None:
    if akt not in ("rsa", "rsa-pss"):
        raise node_error(
            "ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE",
            "error:03000096:digital envelope routines::operation not supported for this keytype",
        )


def _raw(key: Any, data: bytes, private: bool, encrypting: bool) -> bytes:
    """RSA_NO_PADDING: the bare RSA permutation, checked as OpenSSL checks it."""
    k = (key.key_size + 7) // 8
    if len(data) > k:
        if encrypting:
            raise _too_large()
        raise node_error(
            "ERR_OSSL_RSA_DATA_GREATER_THAN_MOD_LEN",
            "error:0200006C:rsa routines::data greater than mod len",
        )
    if encrypting and len(data) < k:
        raise node_error(
            "ERR_OSSL_RSA_DATA_TOO_SMALL_FOR_KEY_SIZE",
            "error:0200007A:rsa routines::data too small for key size",
        )
    pub = (key.public_key() if private else key).public_numbers()
    n: int = pub.n
    e: int = pub.e
    m = int.from_bytes(data, "big")
    if m >= n:
        raise node_error(
            "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_MODULUS",
            "error:02000084:rsa routines::data too large for modulus",
        )
    if not private:
        return pow(m, e, n).to_bytes(k, "big")
    d: int = key.private_numbers().d
    while True:
        r = secrets.randbelow(n - 2) + 2
        if gcd(r, n) == 1:
            break
    blinded = (m * pow(r, e, n)) % n
    return (pow(blinded, d, n) * pow(r, -1, n) % n).to_bytes(k, "big")


def _public_encrypt(key: Any, data: bytes, pad: int, oaep_hash: Any, label: Any) -> bytes:
    k = (key.key_size + 7) // 8
    if pad == RSA_NO_PADDING:
        return _raw(key, data, False, True)
    if pad == RSA_PKCS1_OAEP_PADDING:
        scheme = _oaep(oaep_hash, label)
        if len(data) > k - 2 * scheme.algorithm.digest_size - 2:
            raise _too_large()
        out: bytes = key.encrypt(data, scheme)
        return out
    if pad == RSA_PKCS1_PADDING:
        if len(data) > k - 11:
            raise _too_large()
        out = key.encrypt(data, padding.PKCS1v15())
        return out
    raise _unsupported_padding()


def _private_decrypt(key: Any, data: bytes, pad: int, oaep_hash: Any, label: Any) -> bytes:
    if pad == RSA_PKCS1_PADDING:
        # Node 20 refuses it (Marvin attack, CVE-2023-46809) unless a flag reverts that.
        raise BridgeError(
            "RSA_PKCS1_PADDING is no longer supported for private decryption, this can be "
            "reverted with --security-revert=CVE-2023-46809",
            code="ERR_INVALID_ARG_VALUE",
            type="TypeError",
        )
    if pad == RSA_NO_PADDING:
        return _raw(key, data, True, False)
    if pad != RSA_PKCS1_OAEP_PADDING:
        raise _unsupported_padding()
    try:
        out: bytes = key.decrypt(data, _oaep(oaep_hash, label))
    except ValueError:
        raise node_error(
            "ERR_OSSL_RSA_OAEP_DECODING_ERROR", "error:02000079:rsa routines::oaep decoding error"
        ) from None
    return out


def _private_encrypt(key: Any, data: bytes, pad: int) -> bytes:
    if pad == RSA_NO_PADDING:
        return _raw(key, data, True, True)
    if pad != RSA_PKCS1_PADDING:
        raise _unsupported_padding(signing_side=True)
    if len(data) > (key.key_size + 7) // 8 - 11:
        raise node_error(
            "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE",
            "error:0200006E:rsa routines::data too large for key size",
        )
    out: bytes = key.sign(data, padding.PKCS1v15(), utils.NoDigestInfo())
    return out


def _public_decrypt(key: Any, data: bytes, pad: int) -> bytes:
    if pad == RSA_NO_PADDING:
        return _raw(key, data, False, False)
    if pad != RSA_PKCS1_PADDING:
        raise _unsupported_padding(signing_side=True)
    try:
        out: bytes = key.recover_data_from_signature(data, padding.PKCS1v15(), None)
    except (InvalidSignature, ValueError):
        raise node_error(
            "ERR_OSSL_RSA_BLOCK_TYPE_IS_NOT_01", "error:0200006A:rsa routines::block type is not 01"
        ) from None
    return out


@op("keys.rsa")
def rsa_cipher(
    operation: Any,
    kind: Any,
    der: Any,
    data: Any,
    pad: Any = None,
    oaep_hash: Any = None,
    label: Any = None,
) -> bytes:
    """One of Node's four RSA cipher functions on a stored key (public ops take either kind)."""
    if not isinstance(data, bytes) or len(data) > _MAX_DATA:
        raise BridgeError("invalid data", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    defaults = {
        "publicEncrypt": RSA_PKCS1_OAEP_PADDING,
        "privateDecrypt": RSA_PKCS1_OAEP_PADDING,
        "privateEncrypt": RSA_PKCS1_PADDING,
        "publicDecrypt": RSA_PKCS1_PADDING,
    }
    if operation not in defaults:
        raise BridgeError("unknown RSA operation", code="ERR_INVALID_ARG_VALUE")
    if operation.startswith("private") and kind != "private":
        raise BridgeError("a private key is needed", code="ERR_INVALID_ARG_VALUE", type="TypeError")
    loaded = load_stored(kind, der)
    _check_rsa(loaded.asymmetric_type)
    pad = defaults[operation] if pad is None else pad
    if not isinstance(pad, int):
        raise BridgeError("invalid padding", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    if (
        operation in ("privateDecrypt", "publicDecrypt")
        and len(data) > (loaded.key.key_size + 7) // 8
    ):
        raise node_error(
            "ERR_OSSL_RSA_DATA_GREATER_THAN_MOD_LEN",
            "error:0200006C:rsa routines::data greater than mod len",
        )
    if operation == "publicEncrypt":
        return _public_encrypt(public_of(loaded.key), data, pad, oaep_hash, label)
    if operation == "privateDecrypt":
        return _private_decrypt(loaded.key, data, pad, oaep_hash, label)
    if operation == "privateEncrypt":
        return _private_encrypt(loaded.key, data, pad)
    return _public_decrypt(public_of(loaded.key), data, pad)
