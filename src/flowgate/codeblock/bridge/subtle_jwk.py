"""JSON Web Keys for WebCrypto: import (with Node's checks of kty/use/key_ops/ext/alg) and export.

Exported members come in Node 20's order (the JS side puts `key_ops` and `ext` first),
so `JSON.stringify(await subtle.exportKey('jwk', k))` reads the same as in Node.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, x448, x25519

from flowgate.codeblock.bridge.subtle_util import (
    MAX_RSA_BITS,
    b64u_decode,
    b64u_encode,
    check_rsa,
    data_error,
    fail,
    int_to_b64u,
    load_key,
    private_der,
    public_der,
    remember,
)

RSA_ALGS = {
    f"{prefix}{bits}" for prefix in ("RS", "PS", "RSA-OAEP-") for bits in ("1", "256", "384", "512")
} | {"RSA-OAEP"}
SHA_BITS = {"SHA-1": "1", "SHA-256": "256", "SHA-384": "384", "SHA-512": "512"}
CURVES: dict[str, type[ec.EllipticCurve]] = {
    "P-256": ec.SECP256R1,
    "P-384": ec.SECP384R1,
    "P-521": ec.SECP521R1,
}
CURVE_SIZE = {"P-256": 32, "P-384": 48, "P-521": 66}
OKP: dict[str, tuple[Any, Any]] = {
    "Ed25519": (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey),
    "X25519": (x25519.X25519PrivateKey, x25519.X25519PublicKey),
    "Ed448": (ed448.Ed448PrivateKey, ed448.Ed448PublicKey),
    "X448": (x448.X448PrivateKey, x448.X448PublicKey),
}
#: The JWK "use" each algorithm accepts.
USE = {
    "HMAC": "sig",
    "RSA-PSS": "sig",
    "RSASSA-PKCS1-v1_5": "sig",
    "ECDSA": "sig",
    "Ed25519": "sig",
    "Ed448": "sig",
}


def jwk_alg(name: str, alg: dict[str, Any], bits: int = 0) -> str | None:
    """The `alg` member Node writes (and expects when present) for a key."""
    digits = SHA_BITS.get(str(alg.get("hash")), "")
    if name == "HMAC":
        return "HS" + digits
    if name.startswith("AES-"):
        return f"A{bits}{name[4:]}"
    if name == "RSASSA-PKCS1-v1_5":
        return "RS" + digits
    if name == "RSA-PSS":
        return "PS" + digits
    if name == "RSA-OAEP":
        return "RSA-OAEP" if digits == "1" else "RSA-OAEP-" + digits
    if name in ("Ed25519", "Ed448"):
        return name
    return None


def check_common(name: str, jwk: dict[str, Any], kty: str, extractable: bool, usages: Any) -> None:
    if not jwk.get("kty"):
        data_error("Invalid keyData")
    if jwk["kty"] != kty:
        data_error('Invalid JWK "kty" Parameter')
    wanted = list(usages) if isinstance(usages, list) else []
    use = jwk.get("use")
    if wanted and use is not None and use != USE.get(name, "enc"):
        data_error('Invalid JWK "use" Parameter')
    ops = jwk.get("key_ops")
    if ops is not None:
        if not isinstance(ops, list) or not all(isinstance(o, str) for o in ops):
            raise_type("The property 'keyData.key_ops' must be of type Array")
        if len(set(ops)) != len(ops):
            data_error("Duplicate key operation")
        if not set(wanted) <= set(ops):
            data_error("Key operations and usage mismatch")
    if jwk.get("ext") is False and extractable:
        data_error('JWK "ext" Parameter and extractable mismatch')


def raise_type(message: str) -> None:
    from flowgate.codeblock.bridge.registry import BridgeError

    raise BridgeError(message, type="TypeError", code="ERR_INVALID_ARG_TYPE")


def check_alg(name: str, jwk: dict[str, Any], alg: dict[str, Any], bits: int = 0) -> None:
    given = jwk.get("alg")
    if given is None:
        return
    expected = jwk_alg(name, alg, bits)
    if name.startswith("RSA"):
        # Node compares only the hash the JWK alg names (RS256, PS256 and RSA-OAEP-256 alike).
        digits = "1" if given == "RSA-OAEP" else str(given).rsplit("-", 1)[-1].lstrip("RSP")
        if given not in RSA_ALGS or digits != SHA_BITS.get(str(alg.get("hash"))):
            data_error('JWK "alg" does not match the requested algorithm')
        return
    ok = given == expected or (name in ("Ed25519", "Ed448") and given == "EdDSA")
    if name == "ECDSA":
        ok = given == {"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}.get(
            str(alg.get("namedCurve"))
        )
    if name in ("ECDH", "X25519", "X448"):
        ok = True
    if not ok:
        data_error('JWK "alg" does not match the requested algorithm')


def import_jwk(
    name: str, jwk: dict[str, Any], alg: dict[str, Any], extractable: bool, usages: Any
) -> dict[str, Any]:
    if name.startswith("AES-") or name == "HMAC":
        check_common(name, jwk, "oct", extractable, usages)
        data = b64u_decode(jwk.get("k"), "k")
        bits = len(data) * 8
        if name.startswith("AES-") and bits not in (128, 192, 256):
            data_error("Invalid key length")
        if name == "HMAC":
            if bits == 0:
                data_error("Zero-length key is not supported")
            if alg.get("length") is not None and alg["length"] != bits:
                data_error("Invalid key length")
        check_alg(name, jwk, alg, bits)
        return {"type": "secret", "data": data, "info": {"length": bits}}
    if name.startswith("RSA"):
        check_common(name, jwk, "RSA", extractable, usages)
        check_alg(name, jwk, alg)
        key: Any = rsa_from_jwk(jwk)
    elif name in ("ECDSA", "ECDH"):
        check_common(name, jwk, "EC", extractable, usages)
        if jwk.get("crv") != alg.get("namedCurve"):
            data_error('JWK "crv" does not match the requested algorithm')
        check_alg(name, jwk, alg)
        key = ec_from_jwk(jwk)
    else:
        check_common(name, jwk, "OKP", extractable, usages)
        if jwk.get("crv") != name:
            data_error('JWK "crv" Parameter and algorithm name mismatch')
        check_alg(name, jwk, alg)
        key = okp_from_jwk(name, jwk)
    from flowgate.codeblock.bridge.subtle_keys import imported

    return imported(name, alg, key, "d" in jwk and jwk["d"] is not None)


def rsa_from_jwk(jwk: dict[str, Any]) -> Any:
    def num(member: str) -> int:
        return int.from_bytes(b64u_decode(jwk.get(member), member), "big")

    n, e = num("n"), num("e")
    if n.bit_length() > MAX_RSA_BITS:
        fail("NotSupportedError", f"RSA keys above {MAX_RSA_BITS} bits are not supported here")
    public = rsa.RSAPublicNumbers(e, n)
    try:
        if jwk.get("d") is None:
            return public.public_key()
        members = [num(m) for m in ("d", "p", "q", "dp", "dq", "qi")]
        d, p, q, dp, dq, qi = members
        numbers = rsa.RSAPrivateNumbers(p, q, d, dp, dq, qi, public)
        check_rsa(numbers)
        return numbers.private_key(unsafe_skip_rsa_key_validation=True)
    except ValueError:
        data_error()


def ec_from_jwk(jwk: dict[str, Any]) -> Any:
    crv = str(jwk.get("crv"))
    size = CURVE_SIZE[crv]
    x, y = b64u_decode(jwk.get("x"), "x"), b64u_decode(jwk.get("y"), "y")
    if len(x) != size or len(y) != size:
        data_error()
    try:
        point = ec.EllipticCurvePublicKey.from_encoded_point(CURVES[crv](), b"\x04" + x + y)
        if jwk.get("d") is None:
            return point
        d = b64u_decode(jwk.get("d"), "d")
        if len(d) != size:
            data_error()
        private = ec.derive_private_key(int.from_bytes(d, "big"), CURVES[crv]())
    except ValueError:
        data_error()
    if public_der(private.public_key()) != public_der(point):
        data_error()
    return private


def okp_from_jwk(name: str, jwk: dict[str, Any]) -> Any:
    private_cls, public_cls = OKP[name]
    x = b64u_decode(jwk.get("x"), "x")
    try:
        public = public_cls.from_public_bytes(x)
        if jwk.get("d") is None:
            return public
        private = private_cls.from_private_bytes(b64u_decode(jwk.get("d"), "d"))
    except ValueError:
        data_error()
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    if private.public_key().public_bytes(*raw) != x:
        data_error()
    return private


def export_jwk(name: str, kind: str, data: bytes, alg: dict[str, Any]) -> dict[str, Any]:
    if kind == "secret":
        out: dict[str, Any] = {"kty": "oct", "k": b64u_encode(data)}
        tag = jwk_alg(name, alg, len(data) * 8)
        if tag is not None and name not in ("PBKDF2", "HKDF"):
            out["alg"] = tag
        return out
    key = load_key(kind, data)
    remember(kind, data, key)
    if name.startswith("RSA"):
        return rsa_jwk(name, key, alg, kind)
    if name in ("ECDSA", "ECDH"):
        return ec_jwk(key, alg, kind)
    raw = serialization.Encoding.Raw
    pub = key if kind == "public" else key.public_key()
    x = pub.public_bytes(raw, serialization.PublicFormat.Raw)
    out = {"crv": name}
    if kind == "private":
        out["d"] = b64u_encode(
            key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
        )
    out["x"] = b64u_encode(x)
    out["kty"] = "OKP"
    if name in ("Ed25519", "Ed448"):
        out["alg"] = name
    return out


def rsa_jwk(name: str, key: Any, alg: dict[str, Any], kind: str) -> dict[str, Any]:
    if kind == "public":
        pub = key.public_numbers()
        out = {"kty": "RSA", "n": int_to_b64u(pub.n), "e": int_to_b64u(pub.e)}
    else:
        priv = key.private_numbers()
        pub = priv.public_numbers
        out = {"kty": "RSA", "n": int_to_b64u(pub.n), "e": int_to_b64u(pub.e)}
        for member, value in (
            ("d", priv.d),
            ("p", priv.p),
            ("q", priv.q),
            ("dp", priv.dmp1),
            ("dq", priv.dmq1),
            ("qi", priv.iqmp),
        ):
            out[member] = int_to_b64u(value)
    tag = jwk_alg(name, alg)
    if tag is not None:
        out["alg"] = tag
    return out


def ec_jwk(key: Any, alg: dict[str, Any], kind: str) -> dict[str, Any]:
    crv = str(alg.get("namedCurve"))
    size = CURVE_SIZE.get(crv, 32)
    pub = key.public_key() if kind == "private" else key
    numbers = pub.public_numbers()
    out = {
        "kty": "EC",
        "x": int_to_b64u(numbers.x, size),
        "y": int_to_b64u(numbers.y, size),
        "crv": crv,
    }
    if kind == "private":
        out["d"] = int_to_b64u(key.private_numbers().private_value, size)
    return out


__all__ = ["export_jwk", "import_jwk", "private_der"]
