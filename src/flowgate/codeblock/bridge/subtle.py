"""Bridge ops of WebCrypto (`crypto.subtle`, runtime module `web/subtle`).

Stateless: a CryptoKey keeps its material in JS (raw bytes, or pkcs8/spki DER) and
passes it with every op; parsed asymmetric keys are cached by their bytes
(`subtle_util.load_key`). The work is done by `cryptography`; the split:
`subtle_keys` (generate/import/export), `subtle_jwk` (JSON Web Keys), `subtle_ops`
(sign/verify/encrypt/decrypt/deriveBits/digest/AES-KW).
"""

from __future__ import annotations

from typing import Any

from flowgate.codeblock.bridge import subtle_keys, subtle_ops
from flowgate.codeblock.bridge.registry import op


@op("subtle.digest")
def digest(name: Any, data: Any) -> bytes:
    return subtle_ops.digest(name, data)


@op("subtle.generate")
def generate(algorithm: Any) -> dict[str, Any]:
    return subtle_keys.generate(algorithm)


@op("subtle.import")
def import_key(
    fmt: Any, key_data: Any, algorithm: Any, extractable: Any, usages: Any
) -> dict[str, Any]:
    return subtle_keys.import_key(fmt, key_data, algorithm, extractable, usages)


@op("subtle.export")
def export_key(fmt: Any, key: Any) -> Any:
    return subtle_keys.export_key(fmt, key)


@op("subtle.sign")
def sign(algorithm: Any, key: Any, data: Any) -> bytes:
    return subtle_ops.sign(algorithm, key, data)


@op("subtle.verify")
def verify(algorithm: Any, key: Any, signature: Any, data: Any) -> bool:
    return subtle_ops.verify(algorithm, key, signature, data)


@op("subtle.encrypt")
def encrypt(algorithm: Any, key: Any, data: Any) -> bytes:
    return subtle_ops.encrypt(algorithm, key, data)


@op("subtle.decrypt")
def decrypt(algorithm: Any, key: Any, data: Any) -> bytes:
    return subtle_ops.decrypt(algorithm, key, data)


@op("subtle.deriveBits")
def derive_bits(algorithm: Any, key: Any, length: Any) -> bytes:
    return subtle_ops.derive_bits(algorithm, key, length)


@op("subtle.wrapKW")
def wrap_kw(key: Any, data: Any) -> bytes:
    return subtle_ops.aes_kw(key, data, True)


@op("subtle.unwrapKW")
def unwrap_kw(key: Any, data: Any) -> bytes:
    return subtle_ops.aes_kw(key, data, False)
