"""Shared pieces of the key ops: the loaded-key record, canonical DER, details, JWK, hashes."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, x448, x25519

from flowgate.codeblock.bridge import keys_asn1 as asn1
from flowgate.codeblock.bridge.hashes import resolve_digest
from flowgate.codeblock.bridge.registry import BridgeError

AnyPrivate = (
    rsa.RSAPrivateKey
    | ec.EllipticCurvePrivateKey
    | ed25519.Ed25519PrivateKey
    | ed448.Ed448PrivateKey
    | x25519.X25519PrivateKey
    | x448.X448PrivateKey
)
AnyPublic = (
    rsa.RSAPublicKey
    | ec.EllipticCurvePublicKey
    | ed25519.Ed25519PublicKey
    | ed448.Ed448PublicKey
    | x25519.X25519PublicKey
    | x448.X448PublicKey
)

#: Largest RSA modulus accepted anywhere (private operations cost ~cube of the size).
MAX_RSA_BITS = 8192
_MAX_STORED = 1 << 16

#: `cryptography` curve name -> Node's `namedCurve` (OpenSSL short names).
CURVE_NODE_NAMES = {"secp256r1": "prime256v1", "secp192r1": "prime192v1"}
#: JWK `crv` <-> cryptography curve.
JWK_CURVES: dict[str, type[ec.EllipticCurve]] = {
    "P-256": ec.SECP256R1,
    "P-384": ec.SECP384R1,
    "P-521": ec.SECP521R1,
    "secp256k1": ec.SECP256K1,
}
_JWK_CRV_OF = {cls.name: crv for crv, cls in JWK_CURVES.items()}


@dataclass(frozen=True)
class Loaded:
    """A parsed key: the `cryptography` object, 'public'/'private', Node's type name."""

    key: Any
    kind: str
    asymmetric_type: str
    pss: asn1.PssParams | None = None


def node_error(code: str, message: str, type: str = "Error") -> BridgeError:
    return BridgeError(message, code=code, type=type)


def key_type_of(key: Any) -> str:
    """Node's `asymmetricKeyType` of a `cryptography` key object."""
    for types, name in (
        ((rsa.RSAPrivateKey, rsa.RSAPublicKey), "rsa"),
        ((ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey), "ec"),
        ((ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey), "ed25519"),
        ((ed448.Ed448PrivateKey, ed448.Ed448PublicKey), "ed448"),
        ((x25519.X25519PrivateKey, x25519.X25519PublicKey), "x25519"),
        ((x448.X448PrivateKey, x448.X448PublicKey), "x448"),
    ):
        if isinstance(key, types):
            return name
    raise node_error("ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported")


def public_of(key: Any) -> Any:
    return key.public_key() if hasattr(key, "private_bytes") else key


def store(loaded: Loaded) -> bytes:
    """Canonical DER of a key: PKCS#8 (private) or SPKI (public); PSS keys keep their OID."""
    if loaded.asymmetric_type == "rsa-pss":
        if loaded.kind == "private":
            pkcs1 = loaded.key.private_bytes(
                ser.Encoding.DER, ser.PrivateFormat.TraditionalOpenSSL, ser.NoEncryption()
            )
            return asn1.wrap_pss_private(pkcs1, loaded.pss)
        pub = loaded.key.public_bytes(ser.Encoding.DER, ser.PublicFormat.PKCS1)
        return asn1.wrap_pss_public(pub, loaded.pss)
    if loaded.kind == "private":
        out: bytes = loaded.key.private_bytes(
            ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption()
        )
        return out
    out = loaded.key.public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo)
    return out


def load_stored(kind: Any, der: Any) -> Loaded:
    """Re-load a KeyObject's canonical DER (made by `store`, but sent back by the script).

    Parsed keys are cached by their exact bytes: a fresh RSA-2048 key object costs
    ~0.5 ms more per private operation (OpenSSL rebuilds its Montgomery and blinding
    state), a quarter of a signature. Only a script that already holds the very same
    DER can hit an entry, so nothing crosses executions through it; errors are not
    cached.
    """
    if kind not in ("public", "private") or not isinstance(der, bytes) or len(der) > _MAX_STORED:
        raise BridgeError("invalid key object", code="ERR_INVALID_ARG_VALUE", type="TypeError")
    return _load_stored_cached(kind, der)


@lru_cache(maxsize=64)
def _load_stored_cached(kind: str, der: bytes) -> Loaded:
    private = kind == "private"
    try:
        oid, params = asn1.algorithm_of(der, private)
        pss = asn1.parse_pss_params(params) if oid == asn1.OID_RSA_PSS else None
        if oid == asn1.OID_RSA_PSS:
            inner = asn1.unwrap_pss(der, private)
            key: Any = (
                ser.load_der_private_key(inner, None, unsafe_skip_rsa_key_validation=True)
                if private
                else ser.load_der_public_key(inner)
            )
            return Loaded(key, kind, "rsa-pss", pss)
        if private:
            key = ser.load_der_private_key(der, None, unsafe_skip_rsa_key_validation=True)
        else:
            key = ser.load_der_public_key(der)
    except (asn1.DerError, ValueError, TypeError, IndexError):
        raise BridgeError(
            "invalid key object", code="ERR_INVALID_ARG_VALUE", type="TypeError"
        ) from None
    if getattr(key, "key_size", 0) > MAX_RSA_BITS and isinstance(
        key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)
    ):
        raise BridgeError("RSA key too large", code="ERR_FLOWGATE_LIMIT", type="RangeError")
    return Loaded(key, kind, key_type_of(key), None)


def details(loaded: Loaded) -> dict[str, Any]:
    """Node's `asymmetricKeyDetails` (publicExponent as an int; JS makes it a BigInt)."""
    key = loaded.key
    if loaded.asymmetric_type in ("rsa", "rsa-pss"):
        nums = public_of(key).public_numbers()
        out: dict[str, Any] = {"modulusLength": key.key_size, "publicExponent": nums.e}
        if loaded.pss is not None:
            out["hashAlgorithm"] = loaded.pss.hash
            out["mgf1HashAlgorithm"] = loaded.pss.mgf1_hash
            out["saltLength"] = loaded.pss.salt_length
        return out
    if loaded.asymmetric_type == "ec":
        name = key.curve.name
        return {"namedCurve": CURVE_NODE_NAMES.get(name, name)}
    return {}


def describe(loaded: Loaded) -> dict[str, Any]:
    """The state a JS KeyObject keeps: type, canonical DER, Node's type name and details."""
    return {
        "type": loaded.kind,
        "der": store(loaded),
        "asymmetricKeyType": loaded.asymmetric_type,
        "details": details(loaded),
    }


# --- JWK -----------------------------------------------------------------------


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64u(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise BridgeError(
            f'The "key.{what}" property must be of type string. Received {_received(value)}',
            code="ERR_INVALID_ARG_TYPE",
            type="TypeError",
        )
    # Node decodes JWK members as lenient base64 (either alphabet, junk skipped).
    text = value.split("=", 1)[0].replace("-", "+").replace("_", "/")
    cleaned = "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch in "+/"))
    if len(cleaned) % 4 == 1:
        cleaned = cleaned[:-1]
    return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))


def _received(value: Any) -> str:
    return "undefined" if value is None else f"type {type(value).__name__}"


def _invalid_jwk(message: str) -> BridgeError:
    return node_error("ERR_CRYPTO_INVALID_JWK", message, "TypeError")


def _int(value: Any, what: str) -> int:
    return int.from_bytes(_unb64u(value, what), "big")


def _int_bytes(n: int, size: int | None = None) -> bytes:
    # Zero is no bytes at all (BN_bn2bin), which Node's JWK export shows as ''.
    return n.to_bytes(size if size is not None else (n.bit_length() + 7) // 8, "big")


def _jwk_rsa(kind: str, jwk: dict[str, Any]) -> Loaded:
    n, e = _int(jwk.get("n"), "n"), _int(jwk.get("e"), "e")
    if n.bit_length() > MAX_RSA_BITS:
        raise BridgeError("RSA key too large", code="ERR_FLOWGATE_LIMIT", type="RangeError")
    pub = rsa.RSAPublicNumbers(e, n)
    try:
        if kind == "public":
            return Loaded(pub.public_key(), "public", "rsa")
        fields = [_int(jwk.get(f), f) for f in ("d", "p", "q", "dp", "dq", "qi")]
        d, p, q, dp, dq, qi = fields
        priv = rsa.RSAPrivateNumbers(p, q, d, dp, dq, qi, pub)
        return Loaded(priv.private_key(unsafe_skip_rsa_key_validation=True), "private", "rsa")
    except ValueError:
        raise _invalid_jwk("Invalid JWK RSA key") from None


def _jwk_ec(kind: str, jwk: dict[str, Any]) -> Loaded:
    curve_cls = JWK_CURVES.get(jwk.get("crv"))  # type: ignore[arg-type]
    if curve_cls is None:
        raise BridgeError(
            f"The property 'key.crv' must be one of: 'P-256', 'secp256k1', 'P-384', 'P-521'. "
            f"Received {jwk.get('crv')!r}",
            code="ERR_INVALID_ARG_VALUE",
            type="TypeError",
        )
    curve = curve_cls()
    x, y = _int(jwk.get("x"), "x"), _int(jwk.get("y"), "y")
    try:
        pub = ec.EllipticCurvePublicNumbers(x, y, curve)
        if kind == "public":
            return Loaded(pub.public_key(), "public", "ec")
        d = _int(jwk.get("d"), "d")
        return Loaded(ec.EllipticCurvePrivateNumbers(d, pub).private_key(), "private", "ec")
    except ValueError:
        raise _invalid_jwk("Invalid JWK EC key") from None


_OKP: dict[str, tuple[Any, Any, int]] = {
    "Ed25519": (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey, 32),
    "Ed448": (ed448.Ed448PrivateKey, ed448.Ed448PublicKey, 57),
    "X25519": (x25519.X25519PrivateKey, x25519.X25519PublicKey, 32),
    "X448": (x448.X448PrivateKey, x448.X448PublicKey, 56),
}


def _jwk_okp(kind: str, jwk: dict[str, Any]) -> Loaded:
    spec = _OKP.get(jwk.get("crv"))  # type: ignore[arg-type]
    if spec is None:
        raise BridgeError(
            "The property 'key.crv' must be one of: 'Ed25519', 'Ed448', 'X25519', 'X448'. "
            f"Received {jwk.get('crv')!r}",
            code="ERR_INVALID_ARG_VALUE",
            type="TypeError",
        )
    priv_cls, pub_cls, size = spec
    x = _unb64u(jwk.get("x"), "x")
    if kind == "private":
        d = _unb64u(jwk.get("d"), "d")
        if len(d) != size:
            raise _invalid_jwk("Invalid JWK data")
        key = priv_cls.from_private_bytes(d)
        return Loaded(key, "private", key_type_of(key))
    if len(x) != size:
        raise _invalid_jwk("Invalid JWK data")
    try:
        pub = pub_cls.from_public_bytes(x)
    except ValueError:
        raise _invalid_jwk("Invalid JWK data") from None
    return Loaded(pub, "public", key_type_of(pub))


def jwk_import(kind: str, jwk: dict[str, Any]) -> Loaded:
    """A key from a JWK (for a public key only the public fields are read, as in Node)."""
    kty = jwk.get("kty")
    if kty == "RSA":
        return _jwk_rsa(kind, jwk)
    if kty == "EC":
        return _jwk_ec(kind, jwk)
    if kty == "OKP":
        return _jwk_okp(kind, jwk)
    raise BridgeError(
        f"The property 'key.kty' must be one of: 'RSA', 'EC', 'OKP'. Received {kty!r}",
        code="ERR_INVALID_ARG_VALUE",
        type="TypeError",
    )


def jwk_export(loaded: Loaded) -> dict[str, Any]:
    """KeyObject.export({format: 'jwk'}), fields in Node's order."""
    key, kind, akt = loaded.key, loaded.kind, loaded.asymmetric_type
    unsupported = node_error("ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE", "Unsupported JWK Key Type.")
    if akt == "rsa":
        pn = public_of(key).public_numbers()
        out: dict[str, Any] = {
            "kty": "RSA",
            "n": b64u(_int_bytes(pn.n)),
            "e": b64u(_int_bytes(pn.e)),
        }
        if kind == "private":
            v = key.private_numbers()
            for name, num in (("d", v.d), ("p", v.p), ("q", v.q)):
                out[name] = b64u(_int_bytes(num))
            for name, num in (("dp", v.dmp1), ("dq", v.dmq1), ("qi", v.iqmp)):
                out[name] = b64u(_int_bytes(num))
        return out
    if akt == "ec":
        crv = _JWK_CRV_OF.get(key.curve.name)
        if crv is None:
            raise node_error(
                "ERR_CRYPTO_JWK_UNSUPPORTED_CURVE",
                f"Unsupported JWK EC curve: {CURVE_NODE_NAMES.get(key.curve.name, key.curve.name)}.",
            )
        size = (key.curve.key_size + 7) // 8
        pn = public_of(key).public_numbers()
        out = {"kty": "EC", "x": b64u(_int_bytes(pn.x, size)), "y": b64u(_int_bytes(pn.y, size))}
        out["crv"] = crv
        if kind == "private":
            out["d"] = b64u(_int_bytes(key.private_numbers().private_value, size))
        return out
    crv_names = {"ed25519": "Ed25519", "ed448": "Ed448", "x25519": "X25519", "x448": "X448"}
    if akt not in crv_names:
        raise unsupported
    raw = ser.Encoding.Raw
    out = {"crv": crv_names[akt]}
    if kind == "private":
        out["d"] = b64u(key.private_bytes(raw, ser.PrivateFormat.Raw, ser.NoEncryption()))
    out["x"] = b64u(public_of(key).public_bytes(raw, ser.PublicFormat.Raw))
    out["kty"] = "OKP"
    return out


# --- digests -------------------------------------------------------------------

_HASHES: dict[str, Any] = {
    "md5": hashes.MD5,
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha512-224": hashes.SHA512_224,
    "sha512-256": hashes.SHA512_256,
    "sha3-224": hashes.SHA3_224,
    "sha3-256": hashes.SHA3_256,
    "sha3-384": hashes.SHA3_384,
    "sha3-512": hashes.SHA3_512,
    "sm3": hashes.SM3,
}


def canonical_hash(name: Any) -> str | None:
    """Node/OpenSSL digest name (any alias, any case, OID) -> our name, or None if unknown.

    Names are resolved as bridge/hashes.py resolves them for createHash, so createSign
    accepts what createHash accepts.
    """
    resolved = resolve_digest(name)
    if resolved is None:
        return None
    return resolved.replace("_", "-") if resolved.startswith("sha") else resolved


def hash_algorithm(name: str) -> hashes.HashAlgorithm:
    """The `cryptography` hash for a canonical name (from `canonical_hash`).

    Digests OpenSSL knows but `cryptography` cannot sign with (RIPEMD-160, MD5-SHA1,
    BLAKE2, SHAKE) are refused as OpenSSL refuses a digest a key does not allow.
    """
    cls = _HASHES.get(name)
    if cls is None:
        raise node_error(
            "ERR_OSSL_DIGEST_NOT_ALLOWED", "error:1C8000AE:Provider routines::digest not allowed"
        )
    algorithm: hashes.HashAlgorithm = cls()
    return algorithm
