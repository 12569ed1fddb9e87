"""PKCS#8 encryption (PBES2: PBKDF2 + AES-CBC) for RSA-PSS keys, which `cryptography`
cannot serialize: it would write them as plain RSA keys (see keys_asn1).

Only the EncryptedPrivateKeyInfo structure is assembled here; the key derivation,
cipher and padding are `cryptography`'s primitives (PBKDF2HMAC, AES-CBC, PKCS7).
Parameters match what OpenSSL 3 (Node 20) writes: PBKDF2 with HMAC-SHA256, 2048
iterations, a 16-byte salt, AES-256-CBC with a random IV.
"""

from __future__ import annotations

import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import padding as sympad
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from flowgate.codeblock.bridge import keys_asn1 as asn1

OID_PBES2 = "1.2.840.113549.1.5.13"
OID_PBKDF2 = "1.2.840.113549.1.5.12"
_PRFS: dict[
    str, type[hashes.SHA1] | type[hashes.SHA256] | type[hashes.SHA384] | type[hashes.SHA512]
] = {
    "1.2.840.113549.2.7": hashes.SHA1,
    "1.2.840.113549.2.9": hashes.SHA256,
    "1.2.840.113549.2.10": hashes.SHA384,
    "1.2.840.113549.2.11": hashes.SHA512,
}
_AES_CBC = {
    "2.16.840.1.101.3.4.1.2": 16,
    "2.16.840.1.101.3.4.1.22": 24,
    "2.16.840.1.101.3.4.1.42": 32,
}
_ITERATIONS = 2048
#: Most iterations accepted when decrypting (PBKDF2 is the cost an attacker controls).
_MAX_ITERATIONS = 1_000_000


def _int(n: int) -> bytes:
    return asn1.tlv(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big"))


def encrypt_pkcs8(der: bytes, passphrase: bytes) -> bytes:
    """EncryptedPrivateKeyInfo (DER) of a PKCS#8 PrivateKeyInfo."""
    salt, iv = os.urandom(16), os.urandom(16)
    key = PBKDF2HMAC(hashes.SHA256(), 32, salt, _ITERATIONS).derive(passphrase)
    padder = sympad.PKCS7(128).padder()
    plain = padder.update(der) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(plain) + encryptor.finalize()
    prf = asn1.tlv(0x30, asn1.encode_oid("1.2.840.113549.2.9") + b"\x05\x00")
    kdf_params = asn1.tlv(0x30, asn1.tlv(0x04, salt) + _int(_ITERATIONS) + prf)
    kdf = asn1.tlv(0x30, asn1.encode_oid(OID_PBKDF2) + kdf_params)
    enc = asn1.tlv(0x30, asn1.encode_oid("2.16.840.1.101.3.4.1.42") + asn1.tlv(0x04, iv))
    scheme = asn1.tlv(0x30, asn1.encode_oid(OID_PBES2) + asn1.tlv(0x30, kdf + enc))
    return asn1.tlv(0x30, scheme + asn1.tlv(0x04, ciphertext))


def _oid_and_params(value: bytes) -> tuple[str, list[tuple[int, bytes]]]:
    parts = asn1.children(value)
    if len(parts) < 2 or parts[0][0] != 0x06 or parts[1][0] != 0x30:
        raise asn1.DerError("bad algorithm identifier")
    return asn1.decode_oid(parts[0][1]), asn1.children(parts[1][1])


def decrypt_pkcs8(der: bytes, passphrase: bytes) -> bytes | None:
    """The PrivateKeyInfo inside a PBES2/PBKDF2/AES-CBC EncryptedPrivateKeyInfo.

    None for any other scheme, a malformed structure or a wrong passphrase (the
    caller has already let `cryptography` decide the error to report).
    """
    try:
        _, body, _ = asn1.read_tlv(der, 0)
        (scheme_tag, scheme), (data_tag, ciphertext) = asn1.children(body)
        if scheme_tag != 0x30 or data_tag != 0x04:
            return None
        oid, (kdf, enc) = _oid_and_params(scheme)
        kdf_oid, kdf_params = _oid_and_params(kdf[1])
        enc_parts = asn1.children(enc[1])
        if oid != OID_PBES2 or kdf_oid != OID_PBKDF2:
            return None
        salt, iterations = kdf_params[0][1], int.from_bytes(kdf_params[1][1], "big")
        prf_oid = "1.2.840.113549.2.7"
        rest = [p for p in kdf_params[2:] if p[0] == 0x30]
        if rest:
            prf_oid = asn1.decode_oid(asn1.children(rest[0][1])[0][1])
        size = _AES_CBC.get(asn1.decode_oid(enc_parts[0][1]))
        prf = _PRFS.get(prf_oid)
        if size is None or prf is None or not 0 < iterations <= _MAX_ITERATIONS:
            return None
        key = PBKDF2HMAC(prf(), size, salt, iterations).derive(passphrase)
        decryptor = Cipher(algorithms.AES(key), modes.CBC(enc_parts[1][1])).decryptor()
        padded = decryptor.update(ciphertext) + decryptor.finalize()
        unpadder = sympad.PKCS7(128).unpadder()
        return unpadder.update(padded) + unpadder.finalize()
    except (asn1.DerError, ValueError, IndexError, TypeError):
        return None


def iterations_of(der: bytes) -> int | None:
    """The key-derivation iteration count of an EncryptedPrivateKeyInfo (PBES2 or the
    PKCS#5 v1.5 / PKCS#12 schemes), checked before anything runs PBKDF on it."""
    try:
        _, body, _ = asn1.read_tlv(der, 0)
        scheme = asn1.children(body)[0][1]
        oid, params = _oid_and_params(scheme)
        if oid == OID_PBES2:
            _, kdf_params = _oid_and_params(params[0][1])
            return int.from_bytes(kdf_params[1][1], "big")
        if len(params) >= 2 and params[0][0] == 0x04 and params[1][0] == 0x02:
            return int.from_bytes(params[1][1], "big")
    except (asn1.DerError, IndexError):
        return None
    return None


def check_iterations(der: bytes) -> bool:
    """Whether decrypting `der` stays within the PBKDF iteration cap."""
    count = iterations_of(der)
    return count is None or count <= _MAX_ITERATIONS
