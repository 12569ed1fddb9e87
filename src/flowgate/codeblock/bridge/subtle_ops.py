"""WebCrypto operations on key material: sign/verify, encrypt/decrypt, deriveBits, digest.

`key` arguments are `{type, data, algorithm}` as the JS CryptoKey holds them
(`algorithm.hash` flattened to its name). Failures the script caused surface as
Node's DOMException names (OperationError for a bad tag or padding, ...).
"""

from __future__ import annotations

from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, hmac, keywrap, padding
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.hazmat.primitives.asymmetric import padding as apad
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from flowgate.codeblock.bridge.subtle_util import (
    MAX_DERIVE_BITS,
    MAX_PBKDF2_WORK,
    fail,
    hash_of,
    load_key,
    need_bytes,
    need_dict,
    need_int,
    need_str,
    operation_error,
)

SIGNERS = ("RSASSA-PKCS1-v1_5", "RSA-PSS", "ECDSA", "Ed25519", "Ed448")
GCM_TAG_BITS = (32, 64, 96, 104, 112, 120, 128)
CURVE_BYTES = {"secp256r1": 32, "secp384r1": 48, "secp521r1": 66}


def unpack(key: Any) -> tuple[str, bytes, dict[str, Any]]:
    key = need_dict(key, "key")
    kind = need_str(key.get("type"), "key.type")
    data = need_bytes(key.get("data"), "key.data")
    return kind, data, need_dict(key.get("algorithm"), "key.algorithm")


def digest(name: Any, data: Any) -> bytes:
    h = hashes.Hash(hash_of(name))
    h.update(need_bytes(data, "data"))
    return h.finalize()


def pss_salt(params: dict[str, Any], key: Any, hash_alg: hashes.HashAlgorithm) -> int:
    salt = need_int(params.get("saltLength"), "algorithm.saltLength", 0, 1 << 32)
    if salt > (key.key_size + 7) // 8 - hash_alg.digest_size - 2:
        operation_error()
    return salt


def sign(params: Any, key: Any, data: Any) -> bytes:
    params = need_dict(params, "algorithm")
    _kind, material, alg = unpack(key)
    data = need_bytes(data, "data")
    name = need_str(alg.get("name"), "algorithm.name")
    if name == "HMAC":
        mac = hmac.HMAC(material, hash_of(alg.get("hash")))
        mac.update(data)
        return mac.finalize()
    if name not in SIGNERS:
        fail("InvalidAccessError", "The requested operation is not valid for the provided key")
    private = load_key("private", material)
    if name == "RSASSA-PKCS1-v1_5":
        return bytes(private.sign(data, apad.PKCS1v15(), hash_of(alg.get("hash"))))
    if name == "RSA-PSS":
        h = hash_of(alg.get("hash"))
        salt = pss_salt(params, private, h)
        return bytes(private.sign(data, apad.PSS(apad.MGF1(h), salt), h))
    if name == "ECDSA":
        der = private.sign(data, ec.ECDSA(hash_of(params.get("hash"))))
        r, s = utils.decode_dss_signature(der)
        size = CURVE_BYTES[private.curve.name]
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    if name in ("Ed25519", "Ed448"):
        return bytes(private.sign(data))
    fail("InvalidAccessError", "The requested operation is not valid for the provided key")


def verify(params: Any, key: Any, signature: Any, data: Any) -> bool:
    params = need_dict(params, "algorithm")
    _kind, material, alg = unpack(key)
    signature = need_bytes(signature, "signature")
    data = need_bytes(data, "data")
    name = need_str(alg.get("name"), "algorithm.name")
    if name == "HMAC":
        mac = hmac.HMAC(material, hash_of(alg.get("hash")))
        mac.update(data)
        try:
            mac.verify(signature)
        except InvalidSignature:
            return False
        return True
    if name not in SIGNERS:
        fail("InvalidAccessError", "The requested operation is not valid for the provided key")
    public = load_key("public", material)
    try:
        if name == "RSASSA-PKCS1-v1_5":
            public.verify(signature, data, apad.PKCS1v15(), hash_of(alg.get("hash")))
        elif name == "RSA-PSS":
            h = hash_of(alg.get("hash"))
            salt = pss_salt(params, public, h)
            public.verify(signature, data, apad.PSS(apad.MGF1(h), salt), h)
        elif name == "ECDSA":
            h = hash_of(params.get("hash"))
            size = CURVE_BYTES[public.curve.name]
            if len(signature) != 2 * size:
                return False
            r = int.from_bytes(signature[:size], "big")
            s = int.from_bytes(signature[size:], "big")
            public.verify(utils.encode_dss_signature(r, s), data, ec.ECDSA(h))
        elif name in ("Ed25519", "Ed448"):
            public.verify(signature, data)
        else:
            fail("InvalidAccessError", "The requested operation is not valid for the provided key")
    except (InvalidSignature, ValueError):
        return False
    return True


def encrypt(params: Any, key: Any, data: Any) -> bytes:
    return crypt(params, key, data, True)


def decrypt(params: Any, key: Any, data: Any) -> bytes:
    return crypt(params, key, data, False)


def crypt(params: Any, key: Any, data: Any, encrypting: bool) -> bytes:
    params = need_dict(params, "algorithm")
    _kind, material, alg = unpack(key)
    data = need_bytes(data, "data")
    name = need_str(alg.get("name"), "algorithm.name")
    if name == "AES-GCM":
        return aes_gcm(params, material, data, encrypting)
    if name == "AES-CBC":
        return aes_cbc(params, material, data, encrypting)
    if name == "AES-CTR":
        return aes_ctr(params, material, data)
    if name == "RSA-OAEP":
        h = hash_of(alg.get("hash"))
        label = params.get("label")
        pad = apad.OAEP(apad.MGF1(h), h, need_bytes(label, "label") if label is not None else None)
        try:
            if encrypting:
                return bytes(load_key("public", material).encrypt(data, pad))
            return bytes(load_key("private", material).decrypt(data, pad))
        except ValueError:
            operation_error()
    fail("InvalidAccessError", "The requested operation is not valid for the provided key")


def aes_gcm(params: dict[str, Any], key: bytes, data: bytes, encrypting: bool) -> bytes:
    iv = need_bytes(params.get("iv"), "algorithm.iv")
    tag_bits = params.get("tagLength")
    tag_bits = 128 if tag_bits is None else tag_bits
    if tag_bits not in GCM_TAG_BITS:
        operation_error(f"{tag_bits} is not a valid AES-GCM tag length")
    aad = params.get("additionalData")
    aad = need_bytes(aad, "algorithm.additionalData") if aad is not None else b""
    if not 12 <= len(iv) <= 128:  # what Node 20 (OpenSSL through its GCM setup) accepts
        operation_error()
    tag_len = tag_bits // 8
    try:
        if encrypting:
            enc = Cipher(algorithms.AES(key), modes.GCM(iv)).encryptor()
            enc.authenticate_additional_data(aad)
            out = enc.update(data) + enc.finalize()
            return out + enc.tag[:tag_len]
        if len(data) < tag_len:
            operation_error("The provided data is too small.")
        body, tag = data[: len(data) - tag_len], data[len(data) - tag_len :]
        dec = Cipher(algorithms.AES(key), modes.GCM(iv, tag, min_tag_length=4)).decryptor()
        dec.authenticate_additional_data(aad)
        return dec.update(body) + dec.finalize()
    except (InvalidTag, ValueError):
        operation_error()


def aes_cbc(params: dict[str, Any], key: bytes, data: bytes, encrypting: bool) -> bytes:
    iv = need_bytes(params.get("iv"), "algorithm.iv")
    if len(iv) != 16:
        operation_error("algorithm.iv must contain exactly 16 bytes")
    cipher = Cipher(algorithms.AES(key), modes.CBC(iv))
    if encrypting:
        padder = padding.PKCS7(128).padder()
        enc = cipher.encryptor()
        return enc.update(padder.update(data) + padder.finalize()) + enc.finalize()
    if not data or len(data) % 16:
        operation_error()
    dec = cipher.decryptor()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(dec.update(data) + dec.finalize()) + unpadder.finalize()
    except ValueError:
        operation_error()


def aes_ctr(params: dict[str, Any], key: bytes, data: bytes) -> bytes:
    """CTR where only the low `length` bits of the counter block count (and wrap), as in Node."""
    counter = need_bytes(params.get("counter"), "algorithm.counter")
    if len(counter) != 16:
        operation_error("algorithm.counter must contain exactly 16 bytes")
    length = params.get("length")
    if isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= 128:
        operation_error("AES-CTR algorithm.length must be between 1 and 128")
    value = int.from_bytes(counter, "big")
    mask = (1 << length) - 1
    low = value & mask
    blocks = (len(data) + 15) // 16
    if blocks > (1 << length):
        operation_error()
    first = min(blocks, (1 << length) - low) * 16
    out = Cipher(algorithms.AES(key), modes.CTR(counter)).encryptor().update(data[:first])
    if first < len(data):
        wrapped = (value & ~mask).to_bytes(16, "big")
        out += Cipher(algorithms.AES(key), modes.CTR(wrapped)).encryptor().update(data[first:])
    return out


def derive_length(length: Any, limit: int) -> int | None:
    if length is None:
        return None
    return need_int(length, "length", 0, limit)


def derive_bits(params: Any, key: Any, length: Any) -> bytes:
    params = need_dict(params, "algorithm")
    _kind, material, alg = unpack(key)
    name = need_str(alg.get("name"), "algorithm.name")
    if name in ("PBKDF2", "HKDF"):
        bits = derive_length(length, MAX_DERIVE_BITS)
        if bits is None:
            operation_error("length cannot be null")
        if bits % 8:
            operation_error("length must be a multiple of 8")
        if name == "PBKDF2" and params.get("iterations") == 0:
            operation_error("iterations cannot be zero")
        if bits == 0:
            return b""
        return pbkdf2(params, material, bits) if name == "PBKDF2" else hkdf(params, material, bits)
    if name in ("ECDH", "X25519", "X448"):
        return agree(params, material, name, length)
    fail("InvalidAccessError", "The requested operation is not valid for the provided key")


def pbkdf2(params: dict[str, Any], secret: bytes, bits: int) -> bytes:
    iterations = params.get("iterations")
    if iterations == 0:
        operation_error("iterations cannot be zero")
    iterations = need_int(iterations, "algorithm.iterations", 1, 0xFFFFFFFF)
    h = hash_of(params.get("hash"))
    blocks = -(-(bits // 8) // h.digest_size)
    # The same bound as node/crypto's pbkdf2 (bridge/kdf.py): HMAC chains one call may run.
    if iterations * blocks > MAX_PBKDF2_WORK:
        operation_error(
            f"PBKDF2 work (iterations x output blocks = {iterations * blocks}) exceeds "
            f"the sandbox's limit of {MAX_PBKDF2_WORK}"
        )
    salt = need_bytes(params.get("salt"), "algorithm.salt")
    kdf = PBKDF2HMAC(h, bits // 8, salt, iterations)
    return kdf.derive(secret)


def hkdf(params: dict[str, Any], secret: bytes, bits: int) -> bytes:
    h = hash_of(params.get("hash"))
    if bits // 8 > 255 * h.digest_size:
        operation_error()
    salt = need_bytes(params.get("salt"), "algorithm.salt")
    info = need_bytes(params.get("info"), "algorithm.info")
    return HKDF(h, bits // 8, salt, info).derive(secret)


def agree(params: dict[str, Any], material: bytes, name: str, length: Any) -> bytes:
    public = params.get("public")
    _, public_data, _public_alg = unpack(public)
    private = load_key("private", material)
    peer = load_key("public", public_data)
    try:
        if name == "ECDH":
            if private.curve.name != peer.curve.name:
                fail("InvalidAccessError", "Named curve mismatch")
            secret = private.exchange(ec.ECDH(), peer)
        else:
            secret = private.exchange(peer)
    except (ValueError, TypeError):
        operation_error()
    bits = derive_length(length, MAX_DERIVE_BITS)
    if bits is None:
        return bytes(secret)
    if bits > len(secret) * 8:
        operation_error("derived bit length is too small")
    out = bytearray(secret[: (bits + 7) // 8])
    if bits % 8:
        out[-1] &= (0xFF << (8 - bits % 8)) & 0xFF
    return bytes(out)


def aes_kw(key: Any, data: Any, wrapping: bool) -> bytes:
    """AES-KW (RFC 3394) for wrapKey/unwrapKey; a failed unwrap is an OperationError."""
    _, material, _ = unpack(key)
    data = need_bytes(data, "data")
    if len(data) % 8 or (not wrapping and len(data) < 24) or (wrapping and len(data) < 16):
        operation_error()
    try:
        if wrapping:
            return keywrap.aes_key_wrap(material, data)
        return keywrap.aes_key_unwrap(material, data)
    except (keywrap.InvalidUnwrap, ValueError):
        operation_error()
