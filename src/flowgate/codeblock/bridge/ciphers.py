"""Bridge ops: symmetric ciphers for `createCipheriv`/`createDecipheriv` (see registry.py).

Stateless: no cipher context lives on the host between calls. The JS side
(`node/crypto_cipher`) keeps the chaining state a mode needs to resume at a block
boundary and passes it back in as the IV of the next call:

- CBC: the last ciphertext block; CFB: the last ciphertext block; OFB: the last
  keystream block; CTR: the counter of the next block; CFB8: the last block-size
  bytes of IV || ciphertext. `cipher.block` returns `[output, next state]`, where the
  state is the one after the *whole* blocks of the input; a trailing partial block
  of a stream mode is produced too, and the JS side feeds it again (with the same
  state) together with the next input, keeping only the new output bytes.
- GCM and ChaCha20-Poly1305 produce their update() output with their CTR
  keystream at a byte offset (`cipher.gcm_stream`, `cipher.chacha20`); the tag is
  computed at final() by the one-shot AEAD over the buffered plaintext
  (`cipher.aead_final`), which also verifies a decryption tag in constant time.
- CCM (one update() call only, as in Node) and XTS (each update() is one data unit
  under the same tweak, as in OpenSSL) are one-shot per call.

Everything is computed by `cryptography` (OpenSSL); the GCM first counter block for
an IV that is not 96 bits is obtained from OpenSSL too (see `_gcm_counter`).
"""

from __future__ import annotations

import hmac
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.decrepit.ciphers import algorithms as decrepit
from cryptography.hazmat.decrepit.ciphers import modes as old_modes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESCCM, ChaCha20Poly1305

from flowgate.codeblock.bridge.registry import BridgeError, op

#: Most bytes one cipher op processes.
MAX_DATA = 256 * 1024 * 1024

#: cipher family -> (block size, accepted key sizes, constructor).
FAMILIES: dict[str, tuple[int, tuple[int, ...], Any]] = {
    "aes": (16, (16, 24, 32), algorithms.AES),
    "camellia": (16, (16, 24, 32), decrepit.Camellia),
    "sm4": (16, (16,), algorithms.SM4),
    "des-ede3": (8, (24,), decrepit.TripleDES),
    "des-ede": (8, (16,), decrepit.TripleDES),
}
MODES = ("cbc", "ecb", "cfb", "cfb8", "ofb", "ctr", "xts")
#: Modes in which a trailing partial block is output (the JS side re-feeds it).
STREAM_MODES = ("cfb", "ofb", "ctr")


def _bad(message: str) -> BridgeError:
    return BridgeError(message, code="ERR_CRYPTO_INVALID_ARGUMENT", type="TypeError")


def _bytes(value: Any, what: str, limit: int = MAX_DATA) -> bytes:
    if not isinstance(value, bytes):
        raise _bad(f"The {what} must be bytes")
    if len(value) > limit:
        raise BridgeError(
            f"The {what} is larger than the sandbox allows in one operation ({limit} bytes)",
            code="ERR_FLOWGATE_CRYPTO_LIMIT",
            type="RangeError",
        )
    return value


def _mode(name: str, iv: bytes, block: int) -> Any:
    if name == "cbc":
        return modes.CBC(iv)
    if name == "ecb":
        return modes.ECB()
    if name == "cfb":
        return old_modes.CFB(iv)
    if name == "cfb8":
        return old_modes.CFB8(iv)
    if name == "ofb":
        return old_modes.OFB(iv)
    if name == "ctr":
        return modes.CTR(iv)
    return modes.XTS(iv)


def _xor(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(len(a), "big")


def _next_state(mode: str, iv: bytes, data: bytes, out: bytes, decrypt: bool, bs: int) -> bytes:
    """The chaining state after the whole blocks of `data` (see the module docstring)."""
    whole = len(data) - len(data) % bs
    cipher_text = data if decrypt else out
    if mode == "cfb8":
        return (iv + cipher_text)[-bs:]
    if whole == 0 or mode in ("ecb", "xts"):
        return iv
    if mode in ("cbc", "cfb"):
        return cipher_text[whole - bs : whole]
    if mode == "ofb":
        return _xor(data[whole - bs : whole], out[whole - bs : whole])
    counter = (int.from_bytes(iv, "big") + whole // bs) % (1 << (8 * bs))
    return counter.to_bytes(bs, "big")


@op("cipher.block")
def block(family: Any, mode: Any, key: Any, iv: Any, data: Any, decrypt: Any) -> list[bytes]:
    """Run a block-cipher mode over `data` from chaining state `iv`: `[output, next state]`."""
    if not isinstance(family, str) or family not in FAMILIES or mode not in MODES:
        raise _bad("Unknown cipher")
    bs, sizes, ctor = FAMILIES[family]
    k, payload = _bytes(key, "key", 64), _bytes(data, "data")
    iv_bytes = b"" if mode == "ecb" else _bytes(iv, "iv", 64)
    if mode == "xts":
        if family != "aes" or len(k) not in (32, 64) or len(iv_bytes) != 16:
            raise BridgeError(
                "Invalid key length", code="ERR_CRYPTO_INVALID_KEYLEN", type="RangeError"
            )
        if len(payload) < 16:
            raise BridgeError("error:1C80006B:Provider routines::wrong final block length")
        algorithm = ctor(k)
    else:
        if len(k) not in sizes or (mode != "ecb" and len(iv_bytes) != bs):
            raise BridgeError(
                "Invalid key length", code="ERR_CRYPTO_INVALID_KEYLEN", type="RangeError"
            )
        if mode in ("cbc", "ecb") and len(payload) % bs:
            raise _bad("CBC/ECB input must be whole blocks")
        algorithm = ctor(k + k[:8] if family == "des-ede" else k)
    try:
        engine = Cipher(algorithm, _mode(mode, iv_bytes, bs))
        ctx = engine.decryptor() if decrypt else engine.encryptor()
    except ValueError:  # XTS with equal key halves (the JS side reports Node's error first)
        raise BridgeError(
            "error:1C800095:Provider routines::xts duplicated keys",
            code="ERR_OSSL_XTS_DUPLICATED_KEYS",
        ) from None
    out = ctx.update(payload) + ctx.finalize()
    return [out, _next_state(mode, iv_bytes, payload, out, bool(decrypt), bs)]


def _gcm_counter(k: bytes, iv: bytes) -> int:
    """The first counter block GCM uses for data (inc32(J0)).

    For a 96-bit IV it is IV || 2. Otherwise J0 = GHASH(IV) and, rather than
    compute GHASH here, we let OpenSSL encrypt one zero block under that IV (the
    output is E(inc32(J0))) and decrypt it back with the raw block cipher.
    """
    if len(iv) == 12:
        return int.from_bytes(iv + b"\x00\x00\x00\x02", "big")
    enc = Cipher(algorithms.AES(k), modes.GCM(iv)).encryptor()
    first = enc.update(bytes(16))
    dec = Cipher(algorithms.AES(k), modes.ECB()).decryptor()
    return int.from_bytes(dec.update(first) + dec.finalize(), "big")


@op("cipher.gcm_stream")
def gcm_stream(key: Any, iv: Any, offset: Any, data: Any) -> bytes:
    """AES-GCM's keystream XOR `data`, starting `offset` bytes into the message."""
    k, nonce, payload = _bytes(key, "key", 32), _bytes(iv, "iv", 128), _bytes(data, "data")
    if len(k) not in (16, 24, 32) or not 8 <= len(nonce) <= 128:
        raise _bad("Invalid GCM key or IV")
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset < 2**40:
        raise _bad("Invalid offset")
    skip = offset % 16
    counter = _gcm_counter(k, nonce)
    high, low = counter >> 32 << 32, (counter + offset // 16) & 0xFFFFFFFF
    padded = bytes(skip) + payload
    out = bytearray()
    # GCM increments only the low 32 bits (inc32); OpenSSL's CTR carries into the
    # rest, so split the run where the low word wraps.
    while len(out) < len(padded):
        room = ((1 << 32) - low) * 16
        chunk = padded[len(out) : len(out) + room]
        ctx = Cipher(algorithms.AES(k), modes.CTR((high | low).to_bytes(16, "big"))).encryptor()
        out += ctx.update(chunk)
        low = 0
    return bytes(out[skip:])


@op("cipher.chacha20")
def chacha20(key: Any, nonce: Any, offset: Any, data: Any) -> bytes:
    """ChaCha20 keystream XOR `data`; `nonce` is OpenSSL's 16 bytes (LE counter || nonce)."""
    k, n, payload = _bytes(key, "key", 32), _bytes(nonce, "iv", 16), _bytes(data, "data")
    if len(k) != 32 or len(n) != 16:
        raise _bad("Invalid ChaCha20 key or IV")
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset < 2**40:
        raise _bad("Invalid offset")
    skip = offset % 64
    # OpenSSL's block counter is the first two little-endian words (its 32-bit
    # counter carries into the second); `cryptography` refuses to wrap the first,
    # so split the run where it does.
    counter = (int.from_bytes(n[:8], "little") + offset // 64) % (1 << 64)
    padded = bytes(skip) + payload
    out = bytearray()
    while len(out) < len(padded):
        room = ((1 << 32) - (counter & 0xFFFFFFFF)) * 64
        chunk = padded[len(out) : len(out) + room]
        start = counter.to_bytes(8, "little") + n[8:]
        out += Cipher(algorithms.ChaCha20(k, start), mode=None).encryptor().update(chunk)
        counter = (counter + len(chunk) // 64) % (1 << 64)
    return bytes(out[skip:])


def _aead_tag(kind: str, k: bytes, iv: bytes, aad: bytes, plaintext: bytes) -> bytes:
    if kind == "aes-gcm":
        if len(k) not in (16, 24, 32) or not 8 <= len(iv) <= 128:
            raise _bad("Invalid GCM key or IV")
        ctx = Cipher(algorithms.AES(k), modes.GCM(iv)).encryptor()
        ctx.authenticate_additional_data(aad)
        ctx.update(plaintext)
        ctx.finalize()
        return ctx.tag
    if kind == "chacha20-poly1305":
        if len(k) != 32 or len(iv) != 12:
            raise _bad("Invalid ChaCha20-Poly1305 key or IV")
        return ChaCha20Poly1305(k).encrypt(iv, plaintext, aad)[-16:]
    raise _bad("Unknown AEAD")


@op("cipher.aead_final")
def aead_final(kind: Any, key: Any, iv: Any, aad: Any, plaintext: Any, tag: Any) -> bytes | bool:
    """The full 16-byte tag of `plaintext`, or (given `tag`) whether it matches its prefix."""
    k, nonce = _bytes(key, "key", 32), _bytes(iv, "iv", 128)
    extra, payload = _bytes(aad, "aad"), _bytes(plaintext, "data")
    full = _aead_tag(str(kind), k, nonce, extra, payload)
    if tag is None:
        return full
    expected = _bytes(tag, "tag", 16)
    if not 1 <= len(expected) <= 16:
        return False
    return hmac.compare_digest(full[: len(expected)], expected)


@op("cipher.ccm")
def ccm(
    key: Any, iv: Any, data: Any, aad: Any, tag_len: Any, tag: Any
) -> list[bytes] | bytes | None:
    """AES-CCM one-shot: encrypt (tag None) -> `[ciphertext, tag]`; decrypt -> plaintext or None."""
    k, nonce = _bytes(key, "key", 32), _bytes(iv, "iv", 13)
    payload, extra = _bytes(data, "data"), _bytes(aad, "aad")
    if len(k) not in (16, 24, 32) or not 7 <= len(nonce) <= 13:
        raise _bad("Invalid CCM key or IV")
    if tag_len not in (4, 6, 8, 10, 12, 14, 16):
        raise _bad("Invalid CCM tag length")
    engine = AESCCM(k, tag_length=tag_len)
    if tag is None:
        try:
            sealed = engine.encrypt(nonce, payload, extra or None)
        except ValueError:  # longer than the nonce's length field allows (JS checks first)
            raise BridgeError(
                "Invalid message length", code="ERR_CRYPTO_INVALID_MESSAGELEN", type="RangeError"
            ) from None
        return [sealed[:-tag_len], sealed[-tag_len:]]
    expected = _bytes(tag, "tag", 16)
    if len(expected) != tag_len:
        return None
    try:
        return engine.decrypt(nonce, payload + expected, extra or None)
    except (InvalidTag, ValueError):
        return None
