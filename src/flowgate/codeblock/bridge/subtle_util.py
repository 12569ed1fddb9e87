"""Shared pieces of the WebCrypto ops: argument checks, Node's DOMException errors, key loading.

Arguments reach these helpers from `runtime/modules/web/subtle*.js`, but are checked
as if they came from the script (they could): every op re-validates types and sizes.
"""

from __future__ import annotations

import base64
import math
import threading
from collections import OrderedDict
from typing import Any, NoReturn

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa, types

from flowgate.codeblock.bridge.registry import BridgeError

#: WebCrypto hash name -> cryptography hash class.
HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "SHA-1": hashes.SHA1,
    "SHA-256": hashes.SHA256,
    "SHA-384": hashes.SHA384,
    "SHA-512": hashes.SHA512,
}
#: Caps on the work one call may ask for (the execution's time limit is only checked after it).
MAX_DATA = 64 * 1024 * 1024
MAX_RSA_BITS = 8192
MAX_RSA_KEYGEN_BITS = 4096
#: PBKDF2: iterations x output blocks (as node/crypto's pbkdf2 caps it).
MAX_PBKDF2_WORK = 10_000_000
MAX_DERIVE_BITS = 8 * 1024 * 1024
GENERIC_FAILURE = "The operation failed for an operation-specific reason"


def fail(name: str, message: str) -> NoReturn:
    """Raise Node's DOMException `name` (OperationError, DataError, ...)."""
    raise BridgeError(message, type="DOMException", name=name)


def operation_error(message: str = GENERIC_FAILURE) -> NoReturn:
    fail("OperationError", message)


def data_error(message: str = "Invalid keyData") -> NoReturn:
    fail("DataError", message)


def type_error(message: str) -> NoReturn:
    raise BridgeError(message, type="TypeError", code="ERR_INVALID_ARG_TYPE")


def need_bytes(value: Any, what: str, limit: int | None = None) -> bytes:
    if not isinstance(value, bytes):
        type_error(f"{what} must be a BufferSource")
    limit = MAX_DATA if limit is None else limit
    if len(value) > limit:
        operation_error(f"{what} is too large ({len(value)} bytes, at most {limit})")
    return value


def need_dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        type_error(f"{what} must be an object")
    return value


def need_str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        type_error(f"{what} must be a string")
    return value


def need_int(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        type_error(f"{what} must be an integer")
    if not low <= value <= high:
        operation_error(f"{what} must be between {low} and {high}")
    return value


def hash_of(value: Any) -> hashes.HashAlgorithm:
    name = need_str(value, "hash")
    cls = HASHES.get(name)
    if cls is None:
        fail("NotSupportedError", "Unrecognized algorithm name")
    return cls()


def b64u_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(value: Any, what: str) -> bytes:
    """A JWK member (base64url, padding optional, as Node's decoder is lenient)."""
    if not isinstance(value, str):
        data_error(f'Invalid JWK "{what}" Parameter')
    text = value.replace("+", "-").replace("/", "_").rstrip("=")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        data_error(f'Invalid JWK "{what}" Parameter')


def int_to_b64u(value: int, size: int | None = None) -> str:
    length = size if size is not None else max(1, (value.bit_length() + 7) // 8)
    return b64u_encode(value.to_bytes(length, "big"))


# Parsed keys by (kind, DER): parsing (above all RSA private keys, which cryptography
# checks) costs far more than the operation. Keyed by the bytes themselves, so a hit
# needs the material: nothing leaks between executions.
_CACHE: OrderedDict[tuple[str, bytes], Any] = OrderedDict()
_CACHE_SIZE = 64
# Engine threads call ops concurrently (each holding the GIL only while in Python).
_CACHE_LOCK = threading.Lock()


def load_key(kind: str, der: bytes) -> Any:
    """The private (pkcs8 DER) or public (spki DER) key a CryptoKey holds."""
    cache_key = (kind, der)
    with _CACHE_LOCK:
        hit = _CACHE.get(cache_key)
        if hit is not None:
            _CACHE.move_to_end(cache_key)
            return hit
    try:
        if kind == "private":
            key: Any = load_private_der(der)
        elif kind == "public":
            key = serialization.load_der_public_key(der)
        else:
            fail("InvalidAccessError", "The requested operation is not valid for the provided key")
    except (ValueError, TypeError, UnsupportedAlgorithm, BridgeError) as exc:
        if isinstance(exc, BridgeError):
            raise
        data_error()
    remember(kind, der, key)
    return key


def load_private_der(der: bytes) -> Any:
    """pkcs8 DER -> private key. For RSA, cryptography's own validation tests p and q for
    primality (~50-70 ms for 2048 bits here, which OpenSSL in Node never does); we skip it
    and check instead that the CRT parameters agree (microseconds), so a key cannot make
    the CRT computation produce faulty signatures."""
    key = serialization.load_der_private_key(
        der, password=None, unsafe_skip_rsa_key_validation=True
    )
    if isinstance(key, rsa.RSAPrivateKey):
        check_rsa(key.private_numbers())
    return key


def check_rsa(numbers: rsa.RSAPrivateNumbers) -> None:
    """Consistency of an RSA private key's numbers (DataError when they do not agree)."""
    p, q, d = numbers.p, numbers.q, numbers.d
    n, e = numbers.public_numbers.n, numbers.public_numbers.e
    lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1) if p > 1 and q > 1 else 0
    ok = (
        p > 1
        and q > 1
        and p * q == n
        and e > 1
        and (e * d) % lam == 1
        and numbers.dmp1 == d % (p - 1)
        and numbers.dmq1 == d % (q - 1)
        and (numbers.iqmp * q) % p == 1
    )
    if not ok:
        data_error()


def remember(kind: str, der: bytes, key: Any) -> None:
    """Seed the cache with a key we just built (generate/import), saving a re-parse."""
    with _CACHE_LOCK:
        _CACHE[(kind, der)] = key
        _CACHE.move_to_end((kind, der))
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)


def private_der(key: types.PrivateKeyTypes) -> bytes:
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def public_der(key: types.PublicKeyTypes) -> bytes:
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
