"""Bridge ops: message digests and HMAC for `require('crypto')` (see registry.py).

Stateless by design: the JS side (`node/crypto_hash`) accumulates `update()` chunks
and calls one op at `digest()`, so no hash state lives on the host between calls
and nothing has to be freed when an execution ends.

Names: Node resolves a digest name through OpenSSL (legacy names such as
`RSA-SHA256` or `sha256WithRSAEncryption` first, then provider names such as
`SHA2-256`, `sha-256` or an OID), case-insensitively. `resolve_digest` mirrors
that with an alias table for the legacy names and `hashlib.new` (OpenSSL's fetch)
for the rest, restricted to the digests `hashlib` computes.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache
from typing import Any

from flowgate.codeblock.bridge.registry import BridgeError, op

#: Most bytes one op hashes (the execution's memory limit bounds what JS can
#: accumulate anyway; this bounds the host's copy).
MAX_DATA = 256 * 1024 * 1024
#: Longest XOF output (shake128/256 `outputLength`) the host produces.
MAX_XOF_OUTPUT = 16 * 1024 * 1024

#: hashlib canonical name -> (digest size, is XOF). The only digests we compute.
DIGESTS: dict[str, tuple[int, bool]] = {
    "md5": (16, False),
    "sha1": (20, False),
    "sha224": (28, False),
    "sha256": (32, False),
    "sha384": (48, False),
    "sha512": (64, False),
    "sha512_224": (28, False),
    "sha512_256": (32, False),
    "sha3_224": (28, False),
    "sha3_256": (32, False),
    "sha3_384": (48, False),
    "sha3_512": (64, False),
    "shake_128": (16, True),
    "shake_256": (32, True),
    "blake2b": (64, False),
    "blake2s": (32, False),
    "ripemd160": (20, False),
    "sm3": (32, False),
    "md5-sha1": (36, False),
}

#: Lower-cased names OpenSSL's legacy table knows (Node's `getHashes()` and friends)
#: that `hashlib.new` does not resolve itself.
ALIASES: dict[str, str] = {
    "rsa-md5": "md5",
    "md5withrsaencryption": "md5",
    "ssl3-md5": "md5",
    "rsa-sha1": "sha1",
    "rsa-sha1-2": "sha1",
    "sha1withrsaencryption": "sha1",
    "ssl3-sha1": "sha1",
    "rsa-sha224": "sha224",
    "sha224withrsaencryption": "sha224",
    "rsa-sha256": "sha256",
    "sha256withrsaencryption": "sha256",
    "rsa-sha384": "sha384",
    "sha384withrsaencryption": "sha384",
    "rsa-sha512": "sha512",
    "sha512withrsaencryption": "sha512",
    "rsa-sha512/224": "sha512_224",
    "sha512-224withrsaencryption": "sha512_224",
    "rsa-sha512/256": "sha512_256",
    "sha512-256withrsaencryption": "sha512_256",
    "rsa-sha3-224": "sha3_224",
    "id-rsassa-pkcs1-v1_5-with-sha3-224": "sha3_224",
    "rsa-sha3-256": "sha3_256",
    "id-rsassa-pkcs1-v1_5-with-sha3-256": "sha3_256",
    "rsa-sha3-384": "sha3_384",
    "id-rsassa-pkcs1-v1_5-with-sha3-384": "sha3_384",
    "rsa-sha3-512": "sha3_512",
    "id-rsassa-pkcs1-v1_5-with-sha3-512": "sha3_512",
    "rsa-ripemd160": "ripemd160",
    "ripemd160withrsa": "ripemd160",
    "ripemd": "ripemd160",
    "rmd160": "ripemd160",
    "rsa-sm3": "sm3",
    "sm3withrsaencryption": "sm3",
    "blake2b512": "blake2b",
    "blake2s256": "blake2s",
    "shake128": "shake_128",
    "shake256": "shake_256",
}
for _name in DIGESTS:
    ALIASES[_name.replace("_", "-")] = _name
ALIASES.update({name: name for name in DIGESTS if "_" not in name})
# hashlib's own spellings with an underscore are not OpenSSL names: Node rejects them.


@lru_cache(maxsize=256)
def _resolve(lowered: str) -> str | None:
    if lowered in ALIASES:
        return ALIASES[lowered]
    if "_" in lowered or not lowered.isascii():
        return None
    try:
        name = hashlib.new(lowered).name  # OpenSSL fetch: SHA2-256, sha-256, OIDs...
    except (ValueError, TypeError):
        return None
    return name if name in DIGESTS else None


def resolve_digest(name: Any) -> str | None:
    """Node's digest name (any case) -> hashlib canonical name, or None if unsupported."""
    if not isinstance(name, str) or not name or len(name) > 64:
        return None
    return _resolve(name.lower())


def _canonical(algorithm: Any) -> str:
    if not isinstance(algorithm, str) or algorithm not in DIGESTS:
        raise BridgeError("Digest method not supported")
    return algorithm


def _data(data: Any, what: str = "data") -> bytes:
    if not isinstance(data, bytes):
        raise BridgeError(
            f"The {what} must be bytes", code="ERR_INVALID_ARG_TYPE", type="TypeError"
        )
    if len(data) > MAX_DATA:
        raise BridgeError(
            f"The {what} is larger than the sandbox allows in one operation ({MAX_DATA} bytes)",
            code="ERR_FLOWGATE_CRYPTO_LIMIT",
            type="RangeError",
        )
    return data


#: Digests of OpenSSL's legacy provider, which Node 20 knows by name but cannot load
#: (it reports ERR_OSSL_EVP_UNSUPPORTED rather than "not supported").
LEGACY = frozenset(
    ["md4", "rsa-md4", "md4withrsaencryption", "whirlpool", "mdc2", "rsa-mdc2", "mdc2withrsa"]
)


@op("hash.resolve")
def hash_resolve(name: Any) -> list[Any] | None:
    """`[canonical, digest size, is XOF]` for a Node digest name, `[None, 0, False]` for
    a legacy digest Node cannot load either, or None when unknown."""
    if isinstance(name, str) and name.lower() in LEGACY:
        return [None, 0, False]
    canonical = resolve_digest(name)
    if canonical is None:
        return None
    size, xof = DIGESTS[canonical]
    return [canonical, size, xof]


@op("hash.digest")
def hash_digest(algorithm: Any, data: Any, output_length: Any = None) -> bytes:
    """One-shot digest of `data` (all the `update()` chunks of a Hash, concatenated)."""
    name = _canonical(algorithm)
    payload = _data(data)
    size, xof = DIGESTS[name]
    if output_length is None:
        output_length = size
    if not isinstance(output_length, int) or isinstance(output_length, bool):
        raise BridgeError("outputLength must be an integer", type="TypeError")
    if xof:
        if not 0 <= output_length <= MAX_XOF_OUTPUT:
            raise BridgeError(
                f"outputLength is larger than the sandbox allows ({MAX_XOF_OUTPUT} bytes)",
                code="ERR_FLOWGATE_CRYPTO_LIMIT",
                type="RangeError",
            )
        shake = hashlib.new(name, payload)
        return shake.digest(output_length)  # type: ignore[call-arg]
    if output_length != size:
        raise BridgeError(
            "error:030000B2:digital envelope routines::not XOF or invalid length",
            code="ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH",
        )
    return hashlib.new(name, payload).digest()


@op("hmac.digest")
def hmac_digest(algorithm: Any, key: Any, data: Any) -> bytes:
    """One-shot HMAC of `data` under `key` (bytes)."""
    name = _canonical(algorithm)
    if DIGESTS[name][1]:
        raise BridgeError("error:00000000:lib(0)::reason(0)")  # OpenSSL refuses HMAC over an XOF
    secret = _data(key, "key")
    payload = _data(data)
    return hmac.new(secret, payload, name).digest()


@op("crypto.timingSafeEqual")
def timing_safe_equal(a: Any, b: Any) -> bool:
    """Constant-time comparison (lengths are checked by the caller, as Node does)."""
    return hmac.compare_digest(_data(a, "first buffer"), _data(b, "second buffer"))
