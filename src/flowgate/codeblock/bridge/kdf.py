"""Bridge ops: key derivation (pbkdf2, scrypt, hkdf) for `require('crypto')` (see registry.py).

The JS side (`node/crypto_kdf`) validates arguments the way Node does and produces
Node's errors; these handlers re-check everything (the caller is untrusted) and cap
the work: a sync op runs on the engine thread and the execution's time limit is
only checked when it returns, so one call must stay bounded (about a second or
two of CPU at most). scrypt's memory is host memory, outside the context's
counted heap, hence its own cap.
"""

from __future__ import annotations

import hashlib
from typing import Any

from cryptography.hazmat.primitives import hashes as chashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from flowgate.codeblock.bridge.hashes import DIGESTS
from flowgate.codeblock.bridge.registry import BridgeError, op

#: pbkdf2: iterations x output blocks x digest weight one call may run: about 2-3 s
#: of CPU here (SHA-256 has hardware help; the others cost 2-3x per iteration). It
#: admits OWASP's 2023 settings (SHA-1 1.3M, SHA-256 600k, SHA-512 210k iterations).
MAX_PBKDF2_WORK = 4_000_000
PBKDF2_WEIGHT = {
    "sha256": 1,
    "sha224": 1,
    "sha3_224": 3,
    "sha3_256": 3,
    "sha3_384": 3,
    "sha3_512": 3,
}
PBKDF2_WEIGHT.update(blake2b=3, blake2s=3, ripemd160=3)
PBKDF2_DEFAULT_WEIGHT = 2
#: Longest derived key (any KDF).
MAX_KEYLEN = 16 * 1024 * 1024
#: Longest password / salt / key material accepted.
MAX_INPUT = 16 * 1024 * 1024
#: scrypt: host memory one call may use (Node's default maxmem is 32 MiB; this admits
#: N=2^17, r=8 for callers who raise maxmem, as some password-hashing settings do).
MAX_SCRYPT_MEM = 136 * 1024 * 1024
#: scrypt: N * r * p (the amount of mixing) one call may run (2^22: ~2 s here).
MAX_SCRYPT_WORK = 1 << 22
SCRYPT_DEFAULT_MAXMEM = 32 * 1024 * 1024
UINT64_MAX = (1 << 64) - 1

#: hashlib name -> cryptography hash class (for HKDF).
_CRYPTOGRAPHY_HASHES: dict[str, Any] = {
    "md5": chashes.MD5,
    "sha1": chashes.SHA1,
    "sha224": chashes.SHA224,
    "sha256": chashes.SHA256,
    "sha384": chashes.SHA384,
    "sha512": chashes.SHA512,
    "sha512_224": chashes.SHA512_224,
    "sha512_256": chashes.SHA512_256,
    "sha3_224": chashes.SHA3_224,
    "sha3_256": chashes.SHA3_256,
    "sha3_384": chashes.SHA3_384,
    "sha3_512": chashes.SHA3_512,
    "blake2b": lambda: chashes.BLAKE2b(64),
    "blake2s": lambda: chashes.BLAKE2s(32),
    "sm3": chashes.SM3,
}


def _limit(message: str) -> BridgeError:
    return BridgeError(message, code="ERR_FLOWGATE_CRYPTO_LIMIT", type="RangeError")


def _bytes(value: Any, what: str) -> bytes:
    if not isinstance(value, bytes):
        raise BridgeError(
            f"The {what} must be bytes", code="ERR_INVALID_ARG_TYPE", type="TypeError"
        )
    if len(value) > MAX_INPUT:
        raise _limit(f"The {what} is longer than the sandbox allows ({MAX_INPUT} bytes)")
    return value


def _int(value: Any, what: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise BridgeError(f"The {what} is out of range", code="ERR_OUT_OF_RANGE", type="RangeError")
    return value


def _digest(name: Any) -> str:
    if not isinstance(name, str) or name not in DIGESTS:
        raise BridgeError(
            f"Invalid digest: {name}", code="ERR_CRYPTO_INVALID_DIGEST", type="TypeError"
        )
    return name


def _keylen(keylen: Any) -> int:
    n = _int(keylen, "keylen", 0, 2**31 - 1)
    if n > MAX_KEYLEN:
        raise _limit(f"keylen is larger than the sandbox allows ({MAX_KEYLEN} bytes)")
    return n


@op("kdf.pbkdf2")
def pbkdf2(password: Any, salt: Any, iterations: Any, keylen: Any, digest: Any) -> bytes:
    """PBKDF2-HMAC; `digest` is a hashlib canonical name (resolved by `hash.resolve`)."""
    name = _digest(digest)
    size, xof = DIGESTS[name]
    if xof:
        raise BridgeError("Deriving bits failed")  # OpenSSL cannot HMAC an XOF
    rounds = _int(iterations, "iterations", 1, 2**31 - 1)
    length = _keylen(keylen)
    blocks = max(1, -(-length // size))
    work = rounds * blocks * PBKDF2_WEIGHT.get(name, PBKDF2_DEFAULT_WEIGHT)
    if work > MAX_PBKDF2_WORK:
        raise _limit(
            f"pbkdf2 work (iterations x output blocks x digest weight = {work}) exceeds "
            f"the sandbox's limit of {MAX_PBKDF2_WORK}"
        )
    pw, sa = _bytes(password, "password"), _bytes(salt, "salt")
    if length == 0:
        return b""
    return hashlib.pbkdf2_hmac(name, pw, sa, rounds, length)


def _scrypt_error(n: int, r: int, p: int, maxmem: int) -> str | None:
    """OpenSSL 3's parameter checks (kdf_scrypt.c), in its order: the message suffix or None."""
    if r == 0 or p == 0 or n < 2 or n & (n - 1):
        return ""
    exceeded = "error:030000AC:digital envelope routines::memory limit exceeded"
    if p > ((1 << 30) - 1) // r:
        return exceeded
    if 16 * r <= 63 and n >= 1 << (16 * r):
        return exceeded
    blen = p * 128 * r
    if blen > 2**31 - 1 or n + 2 > (UINT64_MAX // 128) // r:
        return exceeded
    vlen = 128 * r * (n + 2)
    if blen + vlen > (maxmem or SCRYPT_DEFAULT_MAXMEM):
        return exceeded
    return None


@op("kdf.scrypt")
def scrypt(password: Any, salt: Any, keylen: Any, n: Any, r: Any, p: Any, maxmem: Any) -> bytes:
    """scrypt with Node's parameter errors (`RangeError` ERR_CRYPTO_INVALID_SCRYPT_PARAMS)."""
    cost = _int(n, "N", 0, 2**32 - 1)
    block = _int(r, "r", 0, 2**32 - 1)
    par = _int(p, "p", 0, 2**32 - 1)
    mem = _int(maxmem, "maxmem", 0, 2**53 - 1)
    length = _keylen(keylen)
    problem = _scrypt_error(cost, block, par, mem)
    if problem is not None:
        message = "Invalid scrypt params" + (": " + problem if problem else "")
        raise BridgeError(message, code="ERR_CRYPTO_INVALID_SCRYPT_PARAMS", type="RangeError")
    needed = 128 * block * (cost + 2) + 128 * block * par
    if needed > MAX_SCRYPT_MEM:
        raise _limit(f"scrypt needs {needed} bytes; the sandbox allows {MAX_SCRYPT_MEM}")
    if cost * block * par > MAX_SCRYPT_WORK:
        raise _limit(f"scrypt work (N*r*p = {cost * block * par}) exceeds the sandbox's limit")
    pw, sa = _bytes(password, "password"), _bytes(salt, "salt")
    if length == 0:
        return b""
    try:
        return hashlib.scrypt(
            pw, salt=sa, n=cost, r=block, p=par, maxmem=needed + 1024, dklen=length
        )
    except ValueError:  # a parameter combination OpenSSL refuses beyond the checks above
        raise BridgeError(
            "Invalid scrypt params", code="ERR_CRYPTO_INVALID_SCRYPT_PARAMS", type="RangeError"
        ) from None


@op("kdf.hkdf")
def hkdf(digest: Any, ikm: Any, salt: Any, info: Any, keylen: Any) -> bytes:
    """HKDF (RFC 5869); Node's length errors are raised by the JS side first."""
    name = _digest(digest)
    factory = _CRYPTOGRAPHY_HASHES.get(name)
    if factory is None:
        raise BridgeError(
            f"Invalid digest: {digest}", code="ERR_CRYPTO_INVALID_DIGEST", type="TypeError"
        )
    algorithm = factory()
    length = _keylen(keylen)
    if length > 255 * algorithm.digest_size:
        raise BridgeError("Invalid key length", code="ERR_CRYPTO_INVALID_KEYLEN", type="RangeError")
    key, sa = _bytes(ikm, "key"), _bytes(salt, "salt")
    inf = _bytes(info, "info")
    if len(inf) > 1024:
        raise BridgeError(
            "info must not contain more than 1024 bytes", code="ERR_OUT_OF_RANGE", type="RangeError"
        )
    if length == 0:
        return b""
    return HKDF(algorithm=algorithm, length=length, salt=sa or None, info=inf).derive(key)
