"""Unit tests of the key bridge ops (src/flowgate/codeblock/bridge/keys*.py), called directly."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from flowgate.codeblock.bridge import keys_asn1 as asn1
from flowgate.codeblock.bridge import keys_pbes2
from flowgate.codeblock.bridge.registry import OPS, BridgeError


def call(name: str, *args: Any) -> Any:
    return OPS[name](*args)


@pytest.fixture(scope="module")
def rsa_pair() -> dict[str, Any]:
    out: dict[str, Any] = call("keys.generate", "rsa", {"modulusLength": 1024})
    return out


@pytest.mark.parametrize(
    ("key_type", "options", "akt", "details"),
    [
        ("ec", {"namedCurve": "P-256"}, "ec", {"namedCurve": "prime256v1"}),
        ("ec", {"namedCurve": "secp256k1"}, "ec", {"namedCurve": "secp256k1"}),
        ("ec", {"namedCurve": "secp521r1"}, "ec", {"namedCurve": "secp521r1"}),
        ("ed25519", {}, "ed25519", {}),
        ("ed448", {}, "ed448", {}),
        ("x25519", {}, "x25519", {}),
        ("x448", {}, "x448", {}),
    ],
)
def test_generate_round_trips(
    key_type: str, options: dict[str, Any], akt: str, details: Any
) -> None:
    pair = call("keys.generate", key_type, options)
    for kind in ("private", "public"):
        state = pair[kind]
        assert state["type"] == kind
        assert state["asymmetricKeyType"] == akt
        assert state["details"] == details
        pem = call(
            "keys.export", kind, state["der"], "pem", "spki" if kind == "public" else "pkcs8"
        )
        again = call("keys.import", kind, "pem", pem)
        assert again == state
        jwk = call("keys.export", kind, state["der"], "jwk")
        assert call("keys.import", kind, "jwk", jwk)["der"] == state["der"]
    derived = call("keys.import", "public", "der", pair["private"]["der"], "pkcs8")
    assert derived["der"] == pair["public"]["der"]


def test_rsa_details_and_formats(rsa_pair: dict[str, Any]) -> None:
    priv, pub = rsa_pair["private"], rsa_pair["public"]
    assert priv["details"] == {"modulusLength": 1024, "publicExponent": 65537}
    pkcs1 = call("keys.export", "private", priv["der"], "pem", "pkcs1")
    assert pkcs1.startswith("-----BEGIN RSA PRIVATE KEY-----\n")
    assert call("keys.import", "private", "pem", pkcs1)["der"] == priv["der"]
    der1 = call("keys.export", "public", pub["der"], "der", "pkcs1")
    assert call("keys.import", "public", "der", der1, "pkcs1")["der"] == pub["der"]
    with pytest.raises(BridgeError) as info:
        call("keys.import", "public", "der", der1, "spki")
    assert info.value.code == "ERR_OSSL_ASN1_WRONG_TAG"


def test_encrypted_pem(rsa_pair: dict[str, Any]) -> None:
    der = rsa_pair["private"]["der"]
    for der_type in ("pkcs8", "pkcs1"):
        pem = call("keys.export", "private", der, "pem", der_type, "aes-256-cbc", b"pw")
        assert "ENCRYPTED" in pem
        assert call("keys.import", "private", "pem", pem, None, b"pw")["der"] == der
        for bad, code in (
            (None, "ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED"),
            (b"no", "ERR_OSSL_BAD_DECRYPT"),
        ):
            with pytest.raises(BridgeError) as info:
                call("keys.import", "private", "pem", pem, None, bad)
            assert info.value.code == code
    enc_der = call("keys.export", "private", der, "der", "pkcs8", "aes-128-cbc", b"pw")
    assert call("keys.import", "private", "der", enc_der, "pkcs8", b"pw")["der"] == der
    with pytest.raises(BridgeError) as info:
        call("keys.export", "private", der, "der", "pkcs1", "aes-128-cbc", b"pw")
    assert info.value.code == "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS"


@pytest.mark.parametrize(
    "bad",
    [b"garbage", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", b"\x00" * 10],
)
def test_bad_input_is_a_bridge_error(bad: Any) -> None:
    for kind in ("public", "private"):
        with pytest.raises(BridgeError) as info:
            call("keys.import", kind, "pem", bad)
        assert info.value.code == "ERR_OSSL_UNSUPPORTED"


@pytest.mark.parametrize(
    "args",
    [
        ("nope", "pem", b""),
        ("public", "xml", b""),
        ("public", "pem", 5),
        ("public", "jwk", "x"),
        ("public", "jwk", {"kty": "foo"}),
        ("public", "jwk", {"kty": "EC", "crv": "P-256", "x": "AQAB", "y": "AQAB"}),
        ("public", "jwk", {"kty": "OKP", "crv": "Ed25519", "x": "AQAB"}),
        ("private", "jwk", {"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
        ("public", "der", b"\x30\x00", "pkcs9"),
    ],
)
def test_import_validation(args: tuple[Any, ...]) -> None:
    with pytest.raises(BridgeError):
        call("keys.import", *args)


def test_stored_der_is_checked() -> None:
    for kind, der in (
        ("private", b"\x30\x00"),
        ("public", "text"),
        ("secret", b""),
        ("public", b"x" * 70000),
    ):
        with pytest.raises(BridgeError):
            call("keys.sign", der, "sha256", b"x") if kind == "private" else call(
                "keys.export", kind, der, "pem", "spki"
            )


def test_rsa_sign_matches_cryptography(rsa_pair: dict[str, Any]) -> None:
    priv = ser.load_der_private_key(rsa_pair["private"]["der"], None)
    assert isinstance(priv, rsa.RSAPrivateKey)
    sig = call("keys.sign", rsa_pair["private"]["der"], "RSA-SHA256", b"msg")
    assert sig == priv.sign(b"msg", padding.PKCS1v15(), hashes.SHA256())
    pub = rsa_pair["public"]["der"]
    assert call("keys.verify", "public", pub, "sha256WithRSAEncryption", b"msg", sig)
    assert not call("keys.verify", "public", pub, "sha256", b"msg!", sig)
    pss = call("keys.sign", rsa_pair["private"]["der"], "sha384", b"m", 6, -1)
    assert call("keys.verify", "public", pub, "sha384", b"m", pss, 6, -2)
    assert not call("keys.verify", "public", pub, "sha384", b"m", pss, 1)
    with pytest.raises(BridgeError) as info:
        call("keys.sign", rsa_pair["private"]["der"], "foo", b"m")
    assert info.value.code == "ERR_CRYPTO_INVALID_DIGEST"


def test_ecdsa_p1363() -> None:
    pair = call("keys.generate", "ec", {"namedCurve": "P-384"})
    sig = call("keys.sign", pair["private"]["der"], "sha256", b"m", None, None, "ieee-p1363")
    assert len(sig) == 96
    assert call(
        "keys.verify",
        "public",
        pair["public"]["der"],
        "sha256",
        b"m",
        sig,
        None,
        None,
        "ieee-p1363",
    )
    assert not call("keys.verify", "public", pair["public"]["der"], "sha256", b"m", sig)
    assert not call(
        "keys.verify",
        "public",
        pair["public"]["der"],
        "sha256",
        b"m",
        sig[:-1],
        None,
        None,
        "ieee-p1363",
    )


def test_rsa_ciphers(rsa_pair: dict[str, Any]) -> None:
    priv, pub = rsa_pair["private"]["der"], rsa_pair["public"]["der"]
    ct = call("keys.rsa", "publicEncrypt", "public", pub, b"hello", None, "sha256", b"label")
    assert (
        call("keys.rsa", "privateDecrypt", "private", priv, ct, None, "sha256", b"label")
        == b"hello"
    )
    with pytest.raises(BridgeError) as info:
        call("keys.rsa", "privateDecrypt", "private", priv, ct)
    assert info.value.code == "ERR_OSSL_RSA_OAEP_DECODING_ERROR"
    with pytest.raises(BridgeError) as info:
        call("keys.rsa", "privateDecrypt", "private", priv, ct, 1)
    assert info.value.code == "ERR_INVALID_ARG_VALUE"
    sig = call("keys.rsa", "privateEncrypt", "private", priv, b"raw data")
    assert call("keys.rsa", "publicDecrypt", "public", pub, sig) == b"raw data"
    assert call("keys.rsa", "publicDecrypt", "private", priv, sig) == b"raw data"
    with pytest.raises(BridgeError) as info:
        call("keys.rsa", "publicEncrypt", "public", pub, b"x" * 200)
    assert info.value.code == "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE"
    with pytest.raises(BridgeError) as info:
        call("keys.rsa", "publicDecrypt", "public", pub, b"\x00" * 128)
    assert info.value.code == "ERR_OSSL_RSA_BLOCK_TYPE_IS_NOT_01"


def test_rsa_pss_keys() -> None:
    pair = call(
        "keys.generate",
        "rsa-pss",
        {"modulusLength": 1024, "hashAlgorithm": "sha256", "mgf1HashAlgorithm": "sha1"},
    )
    assert pair["public"]["asymmetricKeyType"] == "rsa-pss"
    assert pair["public"]["details"] == {
        "modulusLength": 1024,
        "publicExponent": 65537,
        "hashAlgorithm": "sha256",
        "mgf1HashAlgorithm": "sha1",
        "saltLength": 32,
    }
    pem = call("keys.export", "private", pair["private"]["der"], "pem", "pkcs8")
    assert call("keys.import", "private", "pem", pem) == pair["private"]
    sig = call("keys.sign", pair["private"]["der"], "sha256", b"m")
    assert call("keys.verify", "public", pair["public"]["der"], "sha256", b"m", sig)
    plain = call("keys.generate", "rsa-pss", {"modulusLength": 1024})
    assert asn1.algorithm_of(plain["public"]["der"], False) == (asn1.OID_RSA_PSS, None)
    with pytest.raises(BridgeError):
        call("keys.export", "private", pair["private"]["der"], "pem", "pkcs1")


def test_key_agreement() -> None:
    a = call("keys.generate", "x25519", {})
    b = call("keys.generate", "x25519", {})
    s1 = call("keys.dh", a["private"]["der"], "public", b["public"]["der"])
    assert s1 == call("keys.dh", b["private"]["der"], "public", a["public"]["der"])
    e = call("keys.generate", "ec", {"namedCurve": "P-256"})
    with pytest.raises(BridgeError) as info:
        call("keys.dh", a["private"]["der"], "public", e["public"]["der"])
    assert info.value.code == "ERR_CRYPTO_INCOMPATIBLE_KEY"


def test_ecdh_ops() -> None:
    priv, pub = call("keys.ecdh_generate", "prime256v1")
    assert len(priv) <= 32 and len(pub) == 65
    assert call("keys.ecdh_set_private", "prime256v1", priv) == [priv, pub]
    comp = call("keys.ecdh_convert", "prime256v1", pub, "compressed")
    hybrid = call("keys.ecdh_convert", "prime256v1", comp, "hybrid")
    assert call("keys.ecdh_convert", "prime256v1", hybrid, "uncompressed") == pub
    other_priv, other_pub = call("keys.ecdh_generate", "prime256v1")
    shared = call("keys.ecdh_compute", "prime256v1", priv, other_pub)
    assert shared == call("keys.ecdh_compute", "prime256v1", other_priv, comp)
    key = ec.derive_private_key(int.from_bytes(priv, "big"), ec.SECP256R1())
    peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), other_pub)
    assert shared == key.exchange(ec.ECDH(), peer)
    for args, code in (
        (("keys.ecdh_generate", "P-256"), "ERR_CRYPTO_INVALID_CURVE"),
        (("keys.ecdh_set_private", "prime256v1", b"\x00" * 32), "ERR_CRYPTO_INVALID_KEYTYPE"),
        (
            ("keys.ecdh_compute", "prime256v1", priv, b"\x04\x00"),
            "ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY",
        ),
    ):
        with pytest.raises(BridgeError) as info:
            call(*args)
        assert info.value.code == code


def test_caps() -> None:
    with pytest.raises(BridgeError) as info:
        call("keys.generate", "rsa", {"modulusLength": 8192})
    assert info.value.code == "ERR_FLOWGATE_LIMIT"
    with pytest.raises(BridgeError):
        call("keys.generate", "rsa", {"modulusLength": 2048, "publicExponent": 7})
    with pytest.raises(BridgeError):
        call("keys.import", "public", "jwk", {"kty": "RSA", "n": "A" * 2000, "e": "AQAB"})


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("keys.x509_parse", (b"garbage",)),
        ("keys.x509_parse", (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",)),
        ("keys.x509_parse", (5,)),
        ("keys.x509_parse", (b"x" * (2 << 20),)),
        ("keys.x509_check_host", (b"garbage", "a")),
        ("keys.x509_check_host", (b"garbage", 5)),
        ("keys.x509_check_ip", (b"garbage", "not an ip")),
        ("keys.x509_verify", (b"garbage", b"\x30\x00")),
        ("keys.ecdh_convert", ("prime256v1", b"\x04", "sideways")),
        ("keys.rsa", ("encryptAll", "public", b"", b"")),
        ("keys.generate", ("dsa", {})),
        ("keys.generate", ("ec", {"namedCurve": "P-1"})),
    ],
)
def test_more_bad_input_is_a_bridge_error(name: str, args: tuple[Any, ...]) -> None:
    with pytest.raises(BridgeError):
        call(name, *args)


def test_pbkdf_iterations_are_capped(rsa_pair: dict[str, Any]) -> None:
    def structure(iterations: int) -> bytes:
        kdf = asn1.tlv(
            0x30,
            asn1.encode_oid(keys_pbes2.OID_PBKDF2)
            + asn1.tlv(
                0x30, asn1.tlv(0x04, b"s" * 16) + asn1.tlv(0x02, iterations.to_bytes(4, "big"))
            ),
        )
        enc = asn1.tlv(0x30, asn1.encode_oid("2.16.840.1.101.3.4.1.42") + asn1.tlv(0x04, b"i" * 16))
        scheme = asn1.tlv(0x30, asn1.encode_oid(keys_pbes2.OID_PBES2) + asn1.tlv(0x30, kdf + enc))
        return asn1.tlv(0x30, scheme + asn1.tlv(0x04, b"c" * 32))  # fmt: skip

    assert keys_pbes2.iterations_of(structure(2_000_000)) == 2_000_000
    with pytest.raises(BridgeError) as info:
        call("keys.import", "private", "der", structure(2_000_000), "pkcs8", b"pw")
    assert info.value.code == "ERR_FLOWGATE_LIMIT"
    with pytest.raises(BridgeError) as info:
        call("keys.import", "private", "der", structure(2048), "pkcs8", b"pw")
    assert info.value.code == "ERR_OSSL_BAD_DECRYPT"
    plain = rsa_pair["private"]["der"]
    assert keys_pbes2.decrypt_pkcs8(keys_pbes2.encrypt_pkcs8(plain, b"pw"), b"pw") == plain
    assert keys_pbes2.decrypt_pkcs8(keys_pbes2.encrypt_pkcs8(plain, b"pw"), b"no") != plain


def test_unknown_key_algorithm_is_a_node_error(rsa_pair: dict[str, Any]) -> None:
    """A damaged algorithm OID (1.2.840.113537.1.1.1, found by hypothesis) is the
    caller's error, not an internal one: `cryptography` raises UnsupportedAlgorithm."""
    rsa_oid = b"\x86\xf7\x0d\x01\x01\x01"
    for kind in ("private", "public"):
        der = rsa_pair[kind]["der"]
        assert rsa_oid in der
        damaged = der.replace(rsa_oid, b"\x86\xf7\x01\x01\x01\x01")
        shape = "pkcs8" if kind == "private" else "spki"
        with pytest.raises(BridgeError) as info:
            call("keys.import", kind, "der", damaged, shape)
        assert info.value.code is not None
