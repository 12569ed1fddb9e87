"""The WebCrypto bridge ops called directly with bad input: every mistake is a BridgeError
of Node's class/name (never another exception), and the cost caps hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from flowgate.codeblock.bridge import subtle_keys, subtle_ops, subtle_util
from flowgate.codeblock.bridge.registry import OPS, BridgeError

AES = {"type": "secret", "data": bytes(16), "algorithm": {"name": "AES-GCM"}}


def error_of(fn: Callable[..., Any], *args: Any) -> dict[str, Any]:
    with pytest.raises(BridgeError) as info:
        fn(*args)
    return info.value.payload()


def test_ops_are_registered() -> None:
    names = {"digest", "generate", "import", "export", "sign", "verify", "encrypt", "decrypt"}
    names |= {"deriveBits", "wrapKW", "unwrapKW"}
    assert {f"subtle.{n}" for n in names} <= set(OPS)


@pytest.mark.parametrize(
    ("fn", "args", "expected"),
    [
        (subtle_ops.digest, ("MD5", b""), ("DOMException", "NotSupportedError")),
        (subtle_ops.digest, ("SHA-256", "text"), ("TypeError", None)),
        (subtle_ops.digest, (None, b""), ("TypeError", None)),
        (subtle_ops.sign, ({}, "not a key", b""), ("TypeError", None)),
        (
            subtle_ops.sign,
            ({}, {"type": "secret", "data": 5, "algorithm": {}}, b""),
            ("TypeError", None),
        ),
        (subtle_ops.sign, ({}, AES, b"x"), ("DOMException", "InvalidAccessError")),
        (subtle_ops.encrypt, ({"iv": b"short"}, AES, b"x"), ("DOMException", "OperationError")),
        (
            subtle_ops.encrypt,
            ({"iv": bytes(12), "tagLength": 33}, AES, b""),
            ("DOMException", "OperationError"),
        ),
        (subtle_ops.encrypt, ({}, AES, b"x"), ("TypeError", None)),
        (
            subtle_ops.decrypt,
            ({"iv": bytes(12)}, AES, bytes(20)),
            ("DOMException", "OperationError"),
        ),
        (
            subtle_ops.encrypt,
            (
                {"counter": bytes(16), "length": True},
                {**AES, "algorithm": {"name": "AES-CTR"}},
                b"",
            ),
            ("DOMException", "OperationError"),
        ),
        (
            subtle_ops.decrypt,
            ({"iv": bytes(16)}, {**AES, "algorithm": {"name": "AES-CBC"}}, bytes(17)),
            ("DOMException", "OperationError"),
        ),
        (
            subtle_ops.derive_bits,
            (
                {"hash": "SHA-1", "salt": b"", "iterations": 10**9},
                {**AES, "algorithm": {"name": "PBKDF2"}},
                8,
            ),
            ("DOMException", "OperationError"),
        ),
        (
            subtle_ops.derive_bits,
            (
                {"hash": "SHA-1", "salt": b"", "iterations": "1"},
                {**AES, "algorithm": {"name": "PBKDF2"}},
                8,
            ),
            ("TypeError", None),
        ),
        (
            subtle_ops.derive_bits,
            (
                {"hash": "SHA-1", "salt": b"", "info": b""},
                {**AES, "algorithm": {"name": "HKDF"}},
                2**40,
            ),
            ("DOMException", "OperationError"),
        ),
        (
            subtle_ops.derive_bits,
            (
                {"public": {"type": "public", "data": b"junk", "algorithm": {}}},
                {**AES, "type": "private", "algorithm": {"name": "ECDH"}},
                None,
            ),
            ("DOMException", "DataError"),
        ),
        (subtle_ops.aes_kw, (AES, bytes(15), True), ("DOMException", "OperationError")),
        (subtle_ops.aes_kw, (AES, bytes(24), False), ("DOMException", "OperationError")),
        (
            subtle_keys.generate,
            ({"name": "RSA-PSS", "modulusLength": 8192, "publicExponent": b"\x01\x00\x01"},),
            ("DOMException", "NotSupportedError"),
        ),
        (
            subtle_keys.generate,
            ({"name": "RSA-PSS", "modulusLength": 1024, "publicExponent": b"\x02"},),
            ("DOMException", "OperationError"),
        ),
        (
            subtle_keys.generate,
            ({"name": "RSA-PSS", "modulusLength": "1024", "publicExponent": b"\x03"},),
            ("TypeError", None),
        ),
        (
            subtle_keys.generate,
            ({"name": "ECDSA", "namedCurve": "P-192"},),
            ("DOMException", "NotSupportedError"),
        ),
        (
            subtle_keys.generate,
            ({"name": "AES-GCM", "length": 100},),
            ("DOMException", "OperationError"),
        ),
        (subtle_keys.generate, ({"name": "DES"},), ("DOMException", "NotSupportedError")),
        (subtle_keys.generate, ("AES-GCM",), ("TypeError", None)),
        (
            subtle_keys.import_key,
            ("spki", b"\x30\x03\x02\x01\x00", {"name": "RSA-OAEP"}, True, []),
            ("DOMException", "DataError"),
        ),
        (
            subtle_keys.import_key,
            ("pkcs8", bytes(64), {"name": "Ed25519"}, True, ["sign"]),
            ("DOMException", "DataError"),
        ),
        (
            subtle_keys.import_key,
            ("raw", bytes(31), {"name": "X25519"}, True, []),
            ("DOMException", "DataError"),
        ),
        (
            subtle_keys.import_key,
            ("raw", bytes(65), {"name": "ECDSA", "namedCurve": "P-256"}, True, []),
            ("DOMException", "DataError"),
        ),
        (
            subtle_keys.import_key,
            ("raw", b"x", {"name": "RSA-PSS"}, True, []),
            ("DOMException", "NotSupportedError"),
        ),
        (
            subtle_keys.import_key,
            (
                "jwk",
                {"kty": "RSA", "n": 5, "e": "AQAB"},
                {"name": "RSA-PSS", "hash": "SHA-1"},
                True,
                [],
            ),
            ("DOMException", "DataError"),
        ),
        (
            subtle_keys.import_key,
            (
                "jwk",
                {"kty": "RSA", "n": "AQAB", "e": "AQAB", "d": "AQAB"},
                {"name": "RSA-PSS", "hash": "SHA-1"},
                True,
                [],
            ),
            ("DOMException", "DataError"),
        ),
        (
            subtle_keys.import_key,
            (
                "jwk",
                {"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"},
                {"name": "ECDH", "namedCurve": "P-256"},
                True,
                [],
            ),
            ("DOMException", "DataError"),
        ),
        (
            subtle_keys.import_key,
            (
                "jwk",
                {"kty": "oct", "k": "AA", "key_ops": "sign"},
                {"name": "HMAC", "hash": "SHA-1"},
                True,
                ["sign"],
            ),
            ("TypeError", None),
        ),
        (subtle_keys.import_key, ("jwk", "{}", {"name": "HMAC"}, True, []), ("TypeError", None)),
        (
            subtle_keys.export_key,
            ("raw", {"type": "private", "data": b"junk", "algorithm": {"name": "ECDSA"}}),
            ("DOMException", "InvalidAccessError"),
        ),
        (
            subtle_keys.export_key,
            ("jwk", {"type": "private", "data": b"junk", "algorithm": {"name": "ECDSA"}}),
            ("DOMException", "DataError"),
        ),
        (
            subtle_keys.export_key,
            ("spki", {"type": "secret", "data": b"k", "algorithm": {"name": "HMAC"}}),
            ("DOMException", "InvalidAccessError"),
        ),
    ],
)
def test_bad_input_is_a_bridge_error(
    fn: Callable[..., Any], args: tuple[Any, ...], expected: tuple[str, str | None]
) -> None:
    payload = error_of(fn, *args)
    assert (payload["type"], payload.get("name")) == expected, payload


def test_rsa_jwk_beyond_the_size_cap_is_refused() -> None:
    n = subtle_util.b64u_encode(((1 << 8200) + 1).to_bytes(1026, "big"))
    payload = error_of(
        subtle_keys.import_key,
        "jwk",
        {"kty": "RSA", "n": n, "e": "AQAB"},
        {"name": "RSA-PSS", "hash": "SHA-1"},
        True,
        [],
    )
    assert payload["name"] == "NotSupportedError"


def test_data_beyond_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subtle_util, "MAX_DATA", 8)
    assert error_of(subtle_util.need_bytes, bytes(9), "data")["name"] == "OperationError"


def test_parsed_keys_are_cached_and_the_cache_is_bounded() -> None:
    pair = subtle_keys.generate({"name": "Ed25519"})
    first = subtle_util.load_key("private", pair["private"])
    assert subtle_util.load_key("private", pair["private"]) is first
    for _ in range(subtle_util._CACHE_SIZE + 5):
        subtle_keys.generate({"name": "X25519"})
    assert len(subtle_util._CACHE) <= subtle_util._CACHE_SIZE
    assert error_of(subtle_util.load_key, "secret", b"x")["name"] == "InvalidAccessError"


def test_round_trips_through_the_ops() -> None:
    pair = subtle_keys.generate({"name": "ECDSA", "namedCurve": "P-384"})
    priv = {
        "type": "private",
        "data": pair["private"],
        "algorithm": {"name": "ECDSA", "namedCurve": "P-384"},
    }
    pub = {
        "type": "public",
        "data": pair["public"],
        "algorithm": {"name": "ECDSA", "namedCurve": "P-384"},
    }
    sig = subtle_ops.sign({"hash": "SHA-256"}, priv, b"m")
    assert len(sig) == 96
    assert subtle_ops.verify({"hash": "SHA-256"}, pub, sig, b"m")
    assert not subtle_ops.verify({"hash": "SHA-256"}, pub, sig, b"n")
    assert not subtle_ops.verify({"hash": "SHA-256"}, pub, sig[:-1], b"m")
    jwk = subtle_keys.export_key("jwk", priv)
    back = subtle_keys.import_key(
        "jwk", jwk, {"name": "ECDSA", "namedCurve": "P-384"}, True, ["sign"]
    )
    assert back["data"] == pair["private"] and back["type"] == "private"
    wrapped = subtle_ops.aes_kw(AES, bytes(24), True)
    assert subtle_ops.aes_kw(AES, wrapped, False) == bytes(24)


@pytest.mark.parametrize(
    "alg",
    [
        {"name": "RSA-PSS", "modulusLength": 1024, "publicExponent": b"\x01\x00\x01"},
        {"name": "ECDSA", "namedCurve": "P-521"},
        {"name": "ECDH", "namedCurve": "P-256"},
        {"name": "Ed25519"},
        {"name": "X448"},
    ],
)
def test_cryptokey_material_loads_as_a_keyobject(alg: dict[str, Any]) -> None:
    """web/subtle_keys.keyObjectState hands a CryptoKey's DER to node/crypto_keys' `keys.import`."""
    pair = subtle_keys.generate(alg)
    private = OPS["keys.import"]("private", "der", pair["private"], "pkcs8")
    public = OPS["keys.import"]("public", "der", pair["public"], "spki")
    assert (private["type"], public["type"]) == ("private", "public")
    assert private["asymmetricKeyType"] == public["asymmetricKeyType"]


def test_inconsistent_rsa_private_keys_are_refused() -> None:
    """RSA keys skip cryptography's (slow) primality checks, so the CRT numbers are checked instead."""
    pair = subtle_keys.generate(
        {"name": "RSA-PSS", "modulusLength": 1024, "publicExponent": b"\x01\x00\x01"}
    )
    alg = {"name": "RSA-PSS", "hash": "SHA-256"}
    jwk = subtle_keys.export_key(
        "jwk", {"type": "private", "data": pair["private"], "algorithm": alg}
    )
    assert subtle_keys.import_key("jwk", jwk, alg, True, ["sign"])["data"] == pair["private"]
    dp = int.from_bytes(subtle_util.b64u_decode(jwk["dp"], "dp"), "big") + 2
    bad = {**jwk, "dp": subtle_util.int_to_b64u(dp)}
    assert error_of(subtle_keys.import_key, "jwk", bad, alg, True, ["sign"])["name"] == "DataError"
    numbers = subtle_util.load_key("private", pair["private"]).private_numbers()
    forged = rsa.RSAPrivateNumbers(
        numbers.p,
        numbers.q,
        numbers.d,
        numbers.dmp1 + 2,
        numbers.dmq1,
        numbers.iqmp,
        numbers.public_numbers,
    ).private_key(unsafe_skip_rsa_key_validation=True)
    der = subtle_util.private_der(forged)
    assert (
        error_of(subtle_keys.import_key, "pkcs8", der, alg, True, ["sign"])["name"] == "DataError"
    )
