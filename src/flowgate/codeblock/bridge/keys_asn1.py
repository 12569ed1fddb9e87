"""Just enough DER for what `cryptography` does not model: key algorithm OIDs and RSA-PSS keys.

`cryptography` loads an `id-RSASSA-PSS` key (OpenSSL's "rsa-pss" type) as a plain RSA
key and forgets its restrictions, and cannot write one. Node reports the type
(`asymmetricKeyType: 'rsa-pss'`) and the parameters (`asymmetricKeyDetails`), and its
`generateKeyPair('rsa-pss', ...)` writes them, so this module reads the algorithm
identifier of SPKI / PKCS#8 structures and wraps PKCS#1 keys in PSS ones. This is
structure only (tags and lengths); every cryptographic operation stays in `cryptography`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OID_RSA = "1.2.840.113549.1.1.1"
OID_RSA_PSS = "1.2.840.113549.1.1.10"
OID_MGF1 = "1.2.840.113549.1.1.8"
OID_EC = "1.2.840.10045.2.1"
OID_DSA = "1.2.840.10040.4.1"
OID_DH = "1.2.840.113549.1.3.1"
OID_X942_DH = "1.2.840.10046.2.1"
OID_TYPES = {
    OID_RSA: "rsa",
    OID_RSA_PSS: "rsa-pss",
    OID_EC: "ec",
    OID_DSA: "dsa",
    OID_DH: "dh",
    OID_X942_DH: "dh",
    "1.3.101.110": "x25519",
    "1.3.101.111": "x448",
    "1.3.101.112": "ed25519",
    "1.3.101.113": "ed448",
}
HASH_OIDS = {
    "sha1": "1.3.14.3.2.26",
    "sha224": "2.16.840.1.101.3.4.2.4",
    "sha256": "2.16.840.1.101.3.4.2.1",
    "sha384": "2.16.840.1.101.3.4.2.2",
    "sha512": "2.16.840.1.101.3.4.2.3",
    "sha512-224": "2.16.840.1.101.3.4.2.5",
    "sha512-256": "2.16.840.1.101.3.4.2.6",
    "sha3-224": "2.16.840.1.101.3.4.2.7",
    "sha3-256": "2.16.840.1.101.3.4.2.8",
    "sha3-384": "2.16.840.1.101.3.4.2.9",
    "sha3-512": "2.16.840.1.101.3.4.2.10",
}
OID_HASHES = {v: k for k, v in HASH_OIDS.items()}


class DerError(ValueError):
    """Malformed DER (the caller maps it to Node's decoder error)."""


@dataclass(frozen=True)
class PssParams:
    """RSASSA-PSS-params with the defaults of RFC 8017 filled in."""

    hash: str = "sha1"
    mgf1_hash: str = "sha1"
    salt_length: int = 20


def read_tlv(data: bytes, pos: int) -> tuple[int, bytes, int]:
    """(tag, value, next position) of the element at `pos`."""
    if pos + 2 > len(data):
        raise DerError("truncated")
    tag, first = data[pos], data[pos + 1]
    pos += 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or pos + count > len(data):
            raise DerError("bad length")
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    end = pos + length
    if end > len(data):
        raise DerError("truncated")
    return tag, data[pos:end], end


def children(value: bytes) -> list[tuple[int, bytes]]:
    out: list[tuple[int, bytes]] = []
    pos = 0
    while pos < len(value):
        tag, inner, pos = read_tlv(value, pos)
        out.append((tag, inner))
    return out


def decode_oid(value: bytes) -> str:
    if not value:
        raise DerError("empty OID")
    parts: list[int] = []
    acc = 0
    for b in value:
        acc = (acc << 7) | (b & 0x7F)
        if not b & 0x80:
            parts.append(acc)
            acc = 0
    first = min(parts[0] // 40, 2)
    return ".".join(str(p) for p in [first, parts[0] - 40 * first, *parts[1:]])


def encode_oid(oid: str) -> bytes:
    nums = [int(p) for p in oid.split(".")]
    body = bytearray()
    for n in [nums[0] * 40 + nums[1], *nums[2:]]:
        chunk = [n & 0x7F]
        n >>= 7
        while n:
            chunk.append(0x80 | (n & 0x7F))
            n >>= 7
        body.extend(reversed(chunk))
    return tlv(0x06, bytes(body))


def tlv(tag: int, value: bytes) -> bytes:
    n = len(value)
    if n < 0x80:
        head = bytes([tag, n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([tag, 0x80 | len(raw)]) + raw
    return head + value


def algorithm_of(der: bytes, private: bool) -> tuple[str, bytes | None]:
    """(algorithm OID, raw parameters element or None) of an SPKI or PKCS#8 structure."""
    tag, body, end = read_tlv(der, 0)
    if tag != 0x30 or end != len(der):
        raise DerError("not a sequence")
    items = children(body)
    alg = items[1] if private else items[0]
    if len(items) < 2 or alg[0] != 0x30:
        raise DerError("no algorithm identifier")
    parts = children(alg[1])
    if not parts or parts[0][0] != 0x06:
        raise DerError("no OID")
    params = None
    if len(parts) > 1:
        ptag, pval = parts[1]
        params = tlv(ptag, pval)
    return decode_oid(parts[0][1]), params


def _hash_of_algid(value: bytes) -> str:
    parts = children(value)
    if not parts or parts[0][0] != 0x06:
        raise DerError("bad hash algorithm")
    name = OID_HASHES.get(decode_oid(parts[0][1]))
    if name is None:
        raise DerError("unknown hash")
    return name


def parse_pss_params(params: bytes | None) -> PssParams | None:
    """The PSS restrictions of a key, None when it has none (absent parameters)."""
    if params is None:
        return None
    tag, body, _ = read_tlv(params, 0)
    if tag != 0x30:
        raise DerError("bad PSS parameters")
    fields: dict[str, Any] = {"hash": "sha1", "mgf1_hash": "sha1", "salt_length": 20}
    for ftag, fval in children(body):
        inner_tag, inner, _ = read_tlv(fval, 0)
        if ftag == 0xA0 and inner_tag == 0x30:
            fields["hash"] = _hash_of_algid(inner)
        elif ftag == 0xA1 and inner_tag == 0x30:
            mgf = children(inner)
            if len(mgf) != 2 or decode_oid(mgf[0][1]) != OID_MGF1:
                raise DerError("unsupported mask generation function")
            fields["mgf1_hash"] = _hash_of_algid(mgf[1][1])
        elif ftag == 0xA2 and inner_tag == 0x02:
            fields["salt_length"] = int.from_bytes(inner, "big", signed=True)
    return PssParams(
        hash=str(fields["hash"]),
        mgf1_hash=str(fields["mgf1_hash"]),
        salt_length=int(fields["salt_length"]),
    )


def _hash_algid(name: str) -> bytes:
    # OpenSSL writes the hash identifiers of PSS parameters with an explicit NULL.
    return tlv(0x30, encode_oid(HASH_OIDS[name]) + b"\x05\x00")


def pss_algorithm(params: PssParams | None) -> bytes:
    """AlgorithmIdentifier for id-RSASSA-PSS, written as OpenSSL does (defaults omitted)."""
    if params is None:
        return tlv(0x30, encode_oid(OID_RSA_PSS))
    body = b""
    if params.hash != "sha1":
        body += tlv(0xA0, _hash_algid(params.hash))
    if params.mgf1_hash != "sha1":
        mgf = tlv(0x30, encode_oid(OID_MGF1) + _hash_algid(params.mgf1_hash))
        body += tlv(0xA1, mgf)
    if params.salt_length != 20:
        salt = params.salt_length.to_bytes((params.salt_length.bit_length() + 8) // 8, "big")
        body += tlv(0xA2, tlv(0x02, salt))
    return tlv(0x30, encode_oid(OID_RSA_PSS) + tlv(0x30, body))


def wrap_pss_public(pkcs1: bytes, params: PssParams | None) -> bytes:
    """SPKI of an RSA-PSS key from its PKCS#1 RSAPublicKey."""
    return tlv(0x30, pss_algorithm(params) + tlv(0x03, b"\x00" + pkcs1))


def wrap_pss_private(pkcs1: bytes, params: PssParams | None) -> bytes:
    """PKCS#8 of an RSA-PSS key from its PKCS#1 RSAPrivateKey."""
    return tlv(0x30, b"\x02\x01\x00" + pss_algorithm(params) + tlv(0x04, pkcs1))


def unwrap_pss(der: bytes, private: bool) -> bytes:
    """The PKCS#1 key inside an RSA-PSS SPKI / PKCS#8 structure."""
    _, body, _ = read_tlv(der, 0)
    items = children(body)
    if private:
        tag, value = items[2]
        if tag != 0x04:
            raise DerError("bad PKCS#8")
        return value
    tag, value = items[1]
    if tag != 0x03 or not value or value[0] != 0:
        raise DerError("bad SPKI")
    return value[1:]
