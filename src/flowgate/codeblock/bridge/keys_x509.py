"""Bridge ops: crypto.X509Certificate (parsed by `cryptography.x509`).

The text forms copy what Node 20 prints through OpenSSL: names one RDN per line
with RFC 2253 escapes, OpenSSL's short attribute names, `Mon DD HH:MM:SS YYYY GMT`
times, colon-separated upper-case fingerprints, and the SAN / AIA lines.
Host/email/IP checks follow OpenSSL's X509_check_host rules with Node's defaults.
"""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtensionOID, NameOID

from flowgate.codeblock.bridge.keys_common import (
    Loaded,
    describe,
    key_type_of,
    load_stored,
    node_error,
    public_of,
)
from flowgate.codeblock.bridge.registry import BridgeError, op

_MAX_CERT = 1 << 20
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
#: OpenSSL short names of attribute types (others print as their dotted OID).
_SHORT = {
    NameOID.COUNTRY_NAME: "C",
    NameOID.STATE_OR_PROVINCE_NAME: "ST",
    NameOID.LOCALITY_NAME: "L",
    NameOID.ORGANIZATION_NAME: "O",
    NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
    NameOID.COMMON_NAME: "CN",
    NameOID.EMAIL_ADDRESS: "emailAddress",
    NameOID.SERIAL_NUMBER: "serialNumber",
    NameOID.STREET_ADDRESS: "street",
    NameOID.TITLE: "title",
    NameOID.GIVEN_NAME: "GN",
    NameOID.SURNAME: "SN",
    NameOID.INITIALS: "initials",
    NameOID.PSEUDONYM: "pseudonym",
    NameOID.GENERATION_QUALIFIER: "generationQualifier",
    NameOID.DOMAIN_COMPONENT: "DC",
    NameOID.USER_ID: "UID",
    NameOID.DN_QUALIFIER: "dnQualifier",
    NameOID.POSTAL_CODE: "postalCode",
    NameOID.BUSINESS_CATEGORY: "businessCategory",
    NameOID.JURISDICTION_COUNTRY_NAME: "jurisdictionC",
    NameOID.JURISDICTION_STATE_OR_PROVINCE_NAME: "jurisdictionST",
    NameOID.JURISDICTION_LOCALITY_NAME: "jurisdictionL",
    NameOID.ORGANIZATION_IDENTIFIER: "organizationIdentifier",
}
_AIA = {
    AuthorityInformationAccessOID.OCSP: "OCSP",
    AuthorityInformationAccessOID.CA_ISSUERS: "CA Issuers",
}


def _escape(value: str) -> str:
    """RFC 2253 escaping as OpenSSL's ASN1_STRFLGS_ESC_2253 does it."""
    out = []
    for i, ch in enumerate(value):
        if ch in ',+"\\<>;' or (i == 0 and ch in "# ") or (i == len(value) - 1 and ch == " "):
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):02X}")
        else:
            out.append(ch)
    return "".join(out)


def _attr_value(attr: x509.NameAttribute[Any]) -> str:
    value = attr.value
    return value if isinstance(value, str) else value.hex()


def _name_parts(name: x509.Name) -> list[list[tuple[str, str]]]:
    return [
        [(_SHORT.get(a.oid, a.oid.dotted_string), _attr_value(a)) for a in rdn] for rdn in name.rdns
    ]


def _name_text(name: x509.Name) -> str:
    return "\n".join(" + ".join(f"{k}={_escape(v)}" for k, v in rdn) for rdn in _name_parts(name))


def _time(value: Any) -> str:
    return (
        f"{_MONTHS[value.month - 1]} {value.day:2d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d} {value.year} GMT"
    )


def _fingerprint(cert: x509.Certificate, algorithm: hashes.HashAlgorithm) -> str:
    return ":".join(f"{b:02X}" for b in cert.fingerprint(algorithm))


def _ip_text(ip: Any) -> str:
    if ip.version == 4:
        return str(ip)
    groups = [ip.packed[i : i + 2].hex().upper().lstrip("0") or "0" for i in range(0, 16, 2)]
    return ":".join(groups)


def _general_name(gn: x509.GeneralName) -> str:
    if isinstance(gn, x509.DNSName):
        return f"DNS:{gn.value}"
    if isinstance(gn, x509.IPAddress):
        return f"IP Address:{_ip_text(gn.value)}"
    if isinstance(gn, x509.RFC822Name):
        return f"email:{gn.value}"
    if isinstance(gn, x509.UniformResourceIdentifier):
        return f"URI:{gn.value}"
    if isinstance(gn, x509.RegisteredID):
        return f"Registered ID:{gn.value.dotted_string}"
    if isinstance(gn, x509.DirectoryName):
        text = ",".join(
            "+".join(f"{k}={v}" for k, v in rdn) for rdn in reversed(_name_parts(gn.value))
        )
        return 'DirName:"' + text.replace(",", "\\u002c") + '"'
    return "othername:<unsupported>"


def _ext(cert: x509.Certificate, oid: Any) -> Any:
    try:
        return cert.extensions.get_extension_for_oid(oid).value
    except x509.ExtensionNotFound:
        return None
    except ValueError:  # a malformed extension: treated as absent
        return None


def _is_ca(cert: x509.Certificate) -> bool:
    """OpenSSL's X509_check_ca() != 0."""
    bc = _ext(cert, ExtensionOID.BASIC_CONSTRAINTS)
    ku = _ext(cert, ExtensionOID.KEY_USAGE)
    if ku is not None and not ku.key_cert_sign:
        return False
    if bc is not None:
        return bool(bc.ca)
    if ku is not None:
        return True
    return cert.version == x509.Version.v1 and cert.issuer == cert.subject


def _load(data: Any) -> x509.Certificate:
    if isinstance(data, str):
        data = data.encode()
    if not isinstance(data, bytes) or len(data) > _MAX_CERT:
        raise BridgeError("invalid certificate data", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        if b"-----BEGIN" in data:
            raise node_error(
                "ERR_OSSL_ASN1_WRONG_TAG", "error:068000A8:asn1 encoding routines::wrong tag"
            ) from None
        raise node_error(
            "ERR_OSSL_PEM_NO_START_LINE", "error:0480006C:PEM routines::no start line"
        ) from None


def _public_state(cert: x509.Certificate) -> dict[str, Any] | None:
    deprecated = ("1.2.840.10040.4.1", "1.2.840.113549.1.3.1", "1.2.840.10046.2.1")
    try:
        if cert.public_key_algorithm_oid.dotted_string in deprecated:
            return None  # DSA / DH: `cryptography` deprecates them (see keys._DEPRECATED_OIDS)
        key = cert.public_key()
        return describe(Loaded(key, "public", key_type_of(key)))
    except (ValueError, UnsupportedAlgorithm, BridgeError):
        return None


def _info_access(cert: x509.Certificate) -> list[list[str]] | None:
    aia = _ext(cert, ExtensionOID.AUTHORITY_INFORMATION_ACCESS)
    if aia is None:
        return None
    return [
        [_AIA.get(d.access_method, d.access_method.dotted_string), _general_name(d.access_location)]
        for d in aia
    ]


@op("keys.x509_parse")
def x509_parse(data: Any) -> dict[str, Any]:
    """Everything an X509Certificate shows, computed once at construction."""
    cert = _load(data)
    san = _ext(cert, ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
    eku = _ext(cert, ExtensionOID.EXTENDED_KEY_USAGE)
    return {
        "raw": cert.public_bytes(ser.Encoding.DER),
        "pem": cert.public_bytes(ser.Encoding.PEM).decode(),
        "subject": _name_text(cert.subject),
        "issuer": _name_text(cert.issuer),
        "subjectParts": _name_parts(cert.subject),
        "issuerParts": _name_parts(cert.issuer),
        "subjectAltName": None if san is None else ", ".join(_general_name(g) for g in san),
        "infoAccess": _info_access(cert),
        "validFrom": _time(cert.not_valid_before_utc),
        "validTo": _time(cert.not_valid_after_utc),
        "fingerprint": _fingerprint(cert, hashes.SHA1()),
        "fingerprint256": _fingerprint(cert, hashes.SHA256()),
        "fingerprint512": _fingerprint(cert, hashes.SHA512()),
        "keyUsage": None if eku is None else [oid.dotted_string for oid in eku],
        "serialNumber": _serial(cert.serial_number),
        "ca": _is_ca(cert),
        "publicKey": _public_state(cert),
    }


def _serial(n: int) -> str:
    """BN_bn2hex: upper case, an even number of digits."""
    digits = f"{abs(n):X}"
    if len(digits) % 2:
        digits = "0" + digits
    return ("-" if n < 0 else "") + digits


# --- checks ----------------------------------------------------------------------


@op("keys.x509_verify")
def x509_verify(data: Any, public_der: Any) -> bool:
    """X509Certificate.verify(publicKey): is the certificate signed by that key."""
    cert = _load(data)
    key = load_stored("public", public_der).key
    params: Any = cert.signature_algorithm_parameters
    try:
        if isinstance(key, rsa.RSAPublicKey) and params is not None:
            digest: Any = cert.signature_hash_algorithm
            key.verify(cert.signature, cert.tbs_certificate_bytes, params, digest)
        elif isinstance(key, ec.EllipticCurvePublicKey) and isinstance(params, ec.ECDSA):
            key.verify(cert.signature, cert.tbs_certificate_bytes, params)
        elif isinstance(key, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey)):
            key.verify(cert.signature, cert.tbs_certificate_bytes)
        else:
            return False
    except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
        return False
    return True


@op("keys.x509_check_private")
def x509_check_private(data: Any, private_der: Any) -> bool:
    """checkPrivateKey: does the private key belong to the certificate's public key."""
    cert = _load(data)
    key = load_stored("private", private_der).key
    try:
        mine = cert.public_key().public_bytes(
            ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo
        )
    except (ValueError, UnsupportedAlgorithm):
        return False
    theirs = public_of(key).public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo)
    return bool(mine == theirs)


@op("keys.x509_check_issued")
def x509_check_issued(data: Any, issuer_data: Any) -> bool:
    """checkIssued (X509_check_issued): names, key identifiers and the issuer's key usage."""
    cert, issuer = _load(data), _load(issuer_data)
    if cert.issuer != issuer.subject:
        return False
    akid = _ext(cert, ExtensionOID.AUTHORITY_KEY_IDENTIFIER)
    skid = _ext(issuer, ExtensionOID.SUBJECT_KEY_IDENTIFIER)
    has_ids = akid is not None and akid.key_identifier is not None and skid is not None
    if has_ids and akid.key_identifier != skid.digest:
        return False
    ku = _ext(issuer, ExtensionOID.KEY_USAGE)
    return ku is None or bool(ku.key_cert_sign)
