"""Bridge op: generateKeyPair(Sync) (RSA, RSA-PSS, EC, Ed25519/Ed448, X25519/X448).

The JS side validates the options with Node's messages; this re-checks what costs
(RSA sizes) and answers the KeyObject states of both halves.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, x448, x25519

from flowgate.codeblock.bridge import keys_asn1 as asn1
from flowgate.codeblock.bridge.keys_common import (
    Loaded,
    canonical_hash,
    describe,
    hash_algorithm,
    node_error,
)
from flowgate.codeblock.bridge.registry import BridgeError, op

#: Largest RSA modulus generated (4096 takes ~0.4 s here; 8192 would take seconds).
MAX_RSA_KEYGEN_BITS = 4096

#: Node's curve names (OpenSSL short names and the NIST aliases) -> `cryptography` curve.
CURVES: dict[str, type[ec.EllipticCurve]] = {
    "prime256v1": ec.SECP256R1,
    "P-256": ec.SECP256R1,
    "secp384r1": ec.SECP384R1,
    "P-384": ec.SECP384R1,
    "secp521r1": ec.SECP521R1,
    "P-521": ec.SECP521R1,
    "secp256k1": ec.SECP256K1,
    "secp224r1": ec.SECP224R1,
    "P-224": ec.SECP224R1,
    "prime192v1": ec.SECP192R1,
    "P-192": ec.SECP192R1,
    "brainpoolP256r1": ec.BrainpoolP256R1,
    "brainpoolP384r1": ec.BrainpoolP384R1,
    "brainpoolP512r1": ec.BrainpoolP512R1,
}

_OKP: dict[str, Any] = {
    "ed25519": ed25519.Ed25519PrivateKey,
    "ed448": ed448.Ed448PrivateKey,
    "x25519": x25519.X25519PrivateKey,
    "x448": x448.X448PrivateKey,
}


def _rsa(options: dict[str, Any]) -> rsa.RSAPrivateKey:
    bits = options.get("modulusLength")
    exponent = options.get("publicExponent", 65537)
    if exponent is None:
        exponent = 65537
    if not isinstance(bits, int) or not isinstance(exponent, int):
        raise BridgeError("invalid RSA options", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    if bits < 512:
        raise node_error(
            "ERR_OSSL_KEY_SIZE_TOO_SMALL", "error:1C8000AB:Provider routines::key size too small"
        )
    if bits < 1024 or bits > MAX_RSA_KEYGEN_BITS:
        raise BridgeError(
            f"RSA key generation in code blocks supports 1024 to {MAX_RSA_KEYGEN_BITS} bits",
            code="ERR_FLOWGATE_LIMIT",
            type="RangeError",
        )
    if exponent not in (3, 65537):
        raise BridgeError(
            "RSA key generation in code blocks supports the public exponents 3 and 65537",
            code="ERR_FLOWGATE_LIMIT",
            type="RangeError",
        )
    return rsa.generate_private_key(exponent, bits)


def _pss_params(options: dict[str, Any]) -> asn1.PssParams | None:
    """OpenSSL's rules: MGF1 follows the hash; the salt defaults to the hash length."""
    hash_name = options.get("hashAlgorithm")
    mgf1 = options.get("mgf1HashAlgorithm")
    salt = options.get("saltLength")
    if hash_name is None and mgf1 is None and salt is None:
        return None
    names: list[str | None] = []
    for name in (hash_name, mgf1):
        canonical = canonical_hash(name) if name is not None else None
        if name is not None and canonical not in asn1.HASH_OIDS:
            raise BridgeError(
                f"Invalid digest: {name}", code="ERR_CRYPTO_INVALID_DIGEST", type="TypeError"
            )
        names.append(canonical)
    hash_name = names[0] or "sha1"
    mgf1 = names[1]
    if salt is None:
        salt = hash_algorithm(hash_name).digest_size if names[0] is not None else 20
    if not isinstance(salt, int) or salt < 0:
        raise BridgeError("invalid saltLength", code="ERR_OUT_OF_RANGE", type="RangeError")
    return asn1.PssParams(hash=hash_name, mgf1_hash=mgf1 or hash_name, salt_length=salt)


@op("keys.check_curve")
def check_curve(name: Any) -> None:
    """generateKeyPair('ec'): an unknown curve is refused before the job runs."""
    if not isinstance(name, str) or name not in CURVES:
        raise node_error("ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name", "TypeError")


@op("keys.generate")
def generate(key_type: Any, options: Any) -> dict[str, Any]:
    """A new key pair: {private: state, public: state} (states as `keys.import` gives)."""
    if not isinstance(options, dict):
        options = {}
    pss = None
    private: Any
    if key_type in ("rsa", "rsa-pss"):
        if key_type == "rsa-pss":
            pss = _pss_params(options)
        private = _rsa(options)
    elif key_type == "ec":
        curve = CURVES.get(str(options.get("namedCurve")))
        if curve is None:
            raise node_error("ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name", "TypeError")
        private = ec.generate_private_key(curve())
    elif key_type in _OKP:
        private = _OKP[key_type].generate()
    else:
        raise BridgeError(
            f"The argument 'type' must be a supported key type. Received {key_type!r}",
            code="ERR_INVALID_ARG_VALUE",
            type="TypeError",
        )
    akt = str(key_type)
    return {
        "private": describe(Loaded(private, "private", akt, pss)),
        "public": describe(Loaded(private.public_key(), "public", akt, pss)),
    }
