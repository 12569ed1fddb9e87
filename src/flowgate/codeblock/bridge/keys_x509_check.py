"""Bridge ops: X509Certificate.checkHost / checkEmail / checkIP (OpenSSL's X509_check_* rules).

Ported from OpenSSL's crypto/x509/v3_utl.c (valid_star, equal_wildcard, equal_email,
do_x509_check) with Node's default flags; the certificate is parsed by `cryptography`.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID

from flowgate.codeblock.bridge.keys_x509 import _ext, _load
from flowgate.codeblock.bridge.registry import BridgeError, op

_LABEL_START, _LABEL_IDNA, _LABEL_HYPHEN = 1, 2, 4


def _star_ok(p: str, i: int, state: int, partial: bool) -> bool:
    """A '*' starts or ends its label (both, without partial wildcards)."""
    atstart = bool(state & _LABEL_START)
    atend = i == len(p) - 1 or p[i + 1] == "."
    if not partial:
        return atstart and atend
    return atstart or atend


def _valid_star(p: str, partial: bool) -> int | None:
    """Index of a usable '*' in pattern `p`, or None (then it only matches literally)."""
    star = None
    dots = 0
    state = _LABEL_START
    for i, c in enumerate(p):
        if c == "*":
            if (
                star is not None
                or state & _LABEL_IDNA
                or dots
                or not _star_ok(p, i, state, partial)
            ):
                return None
            star = i
            state &= ~_LABEL_START
        elif c.isascii() and c.isalnum():
            if state & _LABEL_START and p[i : i + 4].lower() == "xn--":
                state |= _LABEL_IDNA
            state &= ~(_LABEL_HYPHEN | _LABEL_START)
        elif c == ".":
            if state & (_LABEL_HYPHEN | _LABEL_START):
                return None
            state = _LABEL_START
            dots += 1
        elif c == "-":
            if state & _LABEL_START:
                return None
            state |= _LABEL_HYPHEN
        else:
            return None
    if state & (_LABEL_START | _LABEL_HYPHEN) or dots < 2:
        return None
    return star


def _equal_nocase(pattern: str, subject: str) -> bool:
    return "\0" not in pattern and pattern.encode().lower() == subject.encode().lower()


def _skip_prefix(pattern: str, subject: str, flags: dict[str, Any]) -> str:
    """A name starting with '.' (e.g. '.example.com') matches any subdomain: compare the
    pattern's suffix of the same length (one label only with singleLabelSubdomains)."""
    if not (len(subject) > 1 and subject.startswith(".")):
        return pattern
    rest = pattern
    while len(rest) > len(subject) and not rest.startswith("\0"):
        if flags["singleLabelSubdomains"] and rest.startswith("."):
            break
        rest = rest[1:]
    return rest if len(rest) == len(subject) else pattern


def _equal_wildcard(pattern: str, subject: str, flags: dict[str, Any]) -> bool:
    star = None
    dot_subdomains = len(subject) > 1 and subject.startswith(".")
    if flags["wildcards"] and not dot_subdomains:
        star = _valid_star(pattern, flags["partialWildcards"])
    if star is None:
        return _equal_nocase(_skip_prefix(pattern, subject, flags), subject)
    prefix, suffix = pattern[:star], pattern[star + 1 :]
    if len(subject) < len(prefix) + len(suffix):
        return False
    if not _equal_nocase(prefix, subject[: len(prefix)]):
        return False
    if not _equal_nocase(suffix, subject[len(subject) - len(suffix) :]):
        return False
    middle = subject[len(prefix) : len(subject) - len(suffix)]
    allow_multi = allow_idna = False
    if not prefix and suffix.startswith("."):
        if not middle:
            return False
        allow_idna = True
        allow_multi = bool(flags["multiLabelWildcards"])
    if not allow_idna and subject[:4].lower() == "xn--":
        return False
    if middle == "*":  # a literal '*' in the subject matches itself only
        return True
    for ch in middle:
        if not ((ch.isascii() and ch.isalnum()) or ch == "-" or (ch == "." and allow_multi)):
            return False
    return True


def _equal_email(pattern: str, subject: str) -> bool:
    """OpenSSL's equal_email: the part from the last '@' (of either) without case, the
    rest exactly; an '@' at the very start means the whole address compares exactly."""
    if len(pattern) != len(subject):
        return False
    i = len(pattern)
    while i > 0:
        i -= 1
        if pattern[i] == "@" or subject[i] == "@":
            if not _equal_nocase(pattern[i:], subject[i:]):
                return False
            break
    if i == 0:
        i = len(pattern)
    return pattern[:i] == subject[:i]


def _sans(cert: x509.Certificate, kind: type[Any]) -> list[Any] | None:
    san = _ext(cert, ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
    if san is None:
        return None
    return list(san.get_values_for_type(kind))


def _subject_values(cert: x509.Certificate, oid: Any) -> list[str]:
    return [a.value for a in cert.subject.get_attributes_for_oid(oid) if isinstance(a.value, str)]


def _flags(options: Any) -> dict[str, Any]:
    options = options if isinstance(options, dict) else {}
    out = {
        "wildcards": options.get("wildcards", True) is not False,
        "partialWildcards": options.get("partialWildcards", True) is not False,
        "multiLabelWildcards": options.get("multiLabelWildcards", False) is True,
        "singleLabelSubdomains": options.get("singleLabelSubdomains", False) is True,
        "subject": options.get("subject", "default"),
    }
    if out["subject"] not in ("default", "always", "never"):
        raise BridgeError("invalid subject option", code="ERR_INVALID_ARG_VALUE", type="TypeError")
    return out


def _check(data: Any, name: Any, options: Any, kind: str) -> str | None:
    if not isinstance(name, str) or len(name) > 4096:
        raise BridgeError("invalid name", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    cert = _load(data)
    flags = _flags(options)
    gn_type: Any = x509.DNSName
    oid = NameOID.COMMON_NAME
    if kind == "email":
        gn_type, oid = x509.RFC822Name, NameOID.EMAIL_ADDRESS

    def match(value: str) -> bool:
        if kind == "email":
            return _equal_email(name, value)
        return _equal_wildcard(value, name, flags)

    sans = _sans(cert, gn_type) or []
    for value in sans:
        if match(value):
            return value if kind == "host" else name
    if flags["subject"] == "never" or (sans and flags["subject"] != "always"):
        return None
    for value in _subject_values(cert, oid):
        if match(value):
            return value if kind == "host" else name
    return None


@op("keys.x509_check_host")
def x509_check_host(data: Any, name: Any, options: Any = None) -> str | None:
    """checkHost: the certificate's name that matches `name` (DNS SANs, else the CN)."""
    return _check(data, name, options, "host")


@op("keys.x509_check_email")
def x509_check_email(data: Any, email: Any, options: Any = None) -> str | None:
    """checkEmail: `email` if an email SAN (else the subject's emailAddress) matches."""
    return _check(data, email, options, "email")


@op("keys.x509_check_ip")
def x509_check_ip(data: Any, ip: Any) -> str | None:
    """checkIP: `ip` if an IP address SAN equals it (never the subject)."""
    if not isinstance(ip, str):
        raise BridgeError("invalid ip", code="ERR_INVALID_ARG_TYPE", type="TypeError")
    try:
        wanted = ipaddress.ip_address(ip)
    except ValueError:
        raise BridgeError("Invalid IP", code="ERR_INVALID_ARG_VALUE", type="TypeError") from None
    cert = _load(data)
    for value in _sans(cert, x509.IPAddress) or []:
        if value.packed == wanted.packed:
            return ip
    return None
