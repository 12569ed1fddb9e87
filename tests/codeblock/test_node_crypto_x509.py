"""Differential tests against Node 20: crypto.X509Certificate (parsing, text forms,
checkHost/checkEmail/checkIP, verify/checkIssued/checkPrivateKey).

Certificates are built here with `cryptography` (names with characters that need
escaping, every SAN kind we print, AIA, EKU, key usage, CA constraints) and handed to
both sides as PEM through `input`.
"""

from __future__ import annotations

import datetime
import ipaddress
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import NODE_REQUIRE
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

START = datetime.datetime(2026, 3, 5, 7, 8, 9, tzinfo=datetime.UTC)


def _name(*pairs: tuple[Any, str]) -> x509.Name:
    return x509.Name([x509.RelativeDistinguishedName([x509.NameAttribute(o, v)]) for o, v in pairs])


def build(
    key: Any,
    subject: x509.Name,
    issuer: x509.Name | None = None,
    signer: Any = None,
    sans: list[x509.GeneralName] | None = None,
    extras: list[tuple[Any, bool]] | None = None,
    serial: int = 0x1F2E,
) -> str:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer or subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(START)
        .not_valid_after(START + datetime.timedelta(days=400, seconds=3))
    )
    if sans is not None:
        builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
    for ext, critical in extras or []:
        builder = builder.add_extension(ext, critical=critical)
    signer = signer or key
    algorithm = None if isinstance(signer, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    pem: str = builder.sign(signer, algorithm).public_bytes(ser.Encoding.PEM).decode()
    return pem


def _pem(key: Any) -> str:
    pem: str = key.private_bytes(
        ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()
    ).decode()
    return pem


CA_KEY = ec.generate_private_key(ec.SECP256R1())
LEAF_KEY = rsa.generate_private_key(65537, 1024)
ED_KEY = ed25519.Ed25519PrivateKey.generate()
CA_NAME = _name((NameOID.COUNTRY_NAME, "US"), (NameOID.ORGANIZATION_NAME, "Flow, Inc."),
                (NameOID.COMMON_NAME, "Flowgate Test CA"))  # fmt: skip
CA = build(
    CA_KEY,
    CA_NAME,
    extras=[
        (x509.BasicConstraints(ca=True, path_length=None), True),
        (x509.KeyUsage(True, False, False, False, False, True, True, False, False), True),
        (x509.SubjectKeyIdentifier.from_public_key(CA_KEY.public_key()), False),
    ],
)
LEAF = build(
    LEAF_KEY,
    x509.Name([
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.COMMON_NAME, 'a "q" <x>;, + y ')]),
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "#eng"),
                                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Org")]),
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.DOMAIN_COMPONENT, "example")]),
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.DOMAIN_COMPONENT, "com")]),
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.EMAIL_ADDRESS, "Sub@Example.org")]),
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.SERIAL_NUMBER, "42")]),
    ]),
    issuer=CA_NAME,
    signer=CA_KEY,
    sans=[
        x509.DNSName("a.example.com"),
        x509.DNSName("*.b.example.com"),
        x509.DNSName("f*.c.example.com"),
        x509.IPAddress(ipaddress.ip_address("10.0.0.1")),
        x509.IPAddress(ipaddress.ip_address("2001:db8::1")),
        x509.RFC822Name("Me@X.org"),
        x509.UniformResourceIdentifier("https://u.example/p?q=1"),
        x509.RegisteredID(x509.ObjectIdentifier("1.2.3.4")),
        x509.DirectoryName(_name((NameOID.COUNTRY_NAME, "UK"), (NameOID.ORGANIZATION_NAME, "Dir Org"))),
    ],
    extras=[
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), False),
        (x509.AuthorityInformationAccess([
            x509.AccessDescription(AuthorityInformationAccessOID.OCSP,
                                   x509.UniformResourceIdentifier("http://ocsp.example/")),
            x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS,
                                   x509.UniformResourceIdentifier("http://ca.example/ca.crt")),
        ]), False),
        (x509.AuthorityKeyIdentifier.from_issuer_public_key(CA_KEY.public_key()), False),
    ],
    serial=0xABCDEF,
)  # fmt: skip
ED = build(ED_KEY, _name((NameOID.COMMON_NAME, "ed.example")), serial=7)
INPUT = {"certs": {"ca": CA, "leaf": LEAF, "ed": ED},
         "keys": {"ca": _pem(CA_KEY), "leaf": _pem(LEAF_KEY), "ed": _pem(ED_KEY)}}  # fmt: skip

PRELUDE = """
const c = require('crypto');
const u = require('util');
const T = (f) => { try { const v = f(); return Buffer.isBuffer(v) ? v.toString('hex') : v === undefined ? 'undef' : v; }
  catch (e) { return ['ERR', e.name, e.code, e.message]; } };
const plain = (v) => JSON.parse(JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x)
  && Object.getPrototypeOf(x) === null) ? {...x} : x));
const X = (n) => new c.X509Certificate(input.certs[n]);
"""


def both(run_js: RunJs, node: NodeOracle, body: str, extra: dict[str, Any] | None = None) -> Any:
    code = PRELUDE + f"return plain(await (async () => {{\n{body}\n}})());"
    data = {**INPUT, **(extra or {})}
    ours, theirs = run_js(code, data), node.run(NODE_REQUIRE + code, data)
    assert theirs["success"], theirs
    assert ours["success"], ours
    assert ours["result"] == theirs["result"]
    return ours["result"]


CASES = [
    "return ['ca', 'leaf', 'ed'].map((n) => { const x = X(n); return [x.subject, x.issuer, T(() => x.subjectAltName),"
    " T(() => x.infoAccess), x.validFrom, x.validTo, x.fingerprint, x.fingerprint256, x.fingerprint512, T(() => x.keyUsage),"
    " x.serialNumber, x.raw.toString('base64'), x.publicKey.export({format: 'jwk'}), x.toString(), x.toJSON(), x.ca,"
    " T(() => x.issuerCertificate)]; })",
    "return ['ca', 'leaf', 'ed'].map((n) => u.inspect(X(n)))",
    "return ['ca', 'leaf', 'ed'].map((n) => { const l = X(n).toLegacyObject(); return [l.subject, l.issuer,"
    " l.subjectaltname, l.infoAccess, l.ca, l.valid_from, l.valid_to, l.ext_key_usage, l.serialNumber, l.fingerprint256]; })",
    "const ca = X('ca'), leaf = X('leaf'), ed = X('ed');"
    " return [leaf.verify(ca.publicKey), leaf.verify(leaf.publicKey), ca.verify(ca.publicKey), ed.verify(ed.publicKey),"
    " ed.verify(ca.publicKey), leaf.checkIssued(ca), ca.checkIssued(leaf), ca.checkIssued(ca), ed.checkIssued(ed),"
    " leaf.checkIssued(ed)]",
    "return ['ca', 'leaf', 'ed'].map((n) => ['ca', 'leaf', 'ed'].map((k) => X(n).checkPrivateKey(c.createPrivateKey(input.keys[k]))))",
    "const x = X('leaf'); return [T(() => x.checkHost(5)), T(() => x.checkHost('a', {subject: 'x'})),"
    " T(() => x.checkHost('a', {wildcards: 1})), T(() => x.checkHost('a', 5)), T(() => x.verify('x')),"
    " T(() => x.verify(c.createPrivateKey(input.keys.leaf))), T(() => x.checkPrivateKey(x.publicKey)),"
    " T(() => x.checkIssued('x')), T(() => x.checkEmail(5)), T(() => x.checkIP(5)), T(() => x.checkIP('nope')),"
    " T(() => x.checkIP('10.0.0.1', 5))]",
    "const x = X('leaf'); return ['Me@X.org', 'Me@x.ORG', 'me@X.org', 'Sub@Example.org', 'sub@example.org', 'x@y']"
    ".map((e) => [T(() => x.checkEmail(e)), T(() => x.checkEmail(e, {subject: 'always'})), T(() => x.checkEmail(e, {subject: 'never'}))])",
    "const x = X('leaf'); return ['10.0.0.1', '10.0.0.2', '2001:db8::1', '2001:DB8:0:0::1', '::1', '0.0.0.0']"
    ".map((ip) => T(() => x.checkIP(ip)))",
    "const x = X('ed'); return [x.checkHost('ed.example'), T(() => x.checkHost('ed.example', {subject: 'never'})),"
    " T(() => x.checkHost('ED.EXAMPLE')), T(() => x.checkEmail('a@b'))]",
    "return [T(() => new c.X509Certificate('garbage')), T(() => new c.X509Certificate(5)),"
    " T(() => new c.X509Certificate(Buffer.from('3000', 'hex'))), T(() => new c.X509Certificate()),"
    " Object.getOwnPropertyNames(c.X509Certificate.prototype), typeof c.X509Certificate]",
    "const der = X('leaf').raw; const x = new c.X509Certificate(der); return [x.subject, x.toString() === X('leaf').toString(),"
    " new c.X509Certificate(new Uint8Array(der)).serialNumber]",
    "return c.createPublicKey(input.certs.leaf).export({format: 'jwk'})",
]  # fmt: skip


@pytest.mark.parametrize("body", CASES)
def test_x509_matches_node(run_js: RunJs, node: NodeOracle, body: str) -> None:
    both(run_js, node, body)


LABEL = st.sampled_from(["a", "b", "xn--ab", "foo", "f", "-", "a-b", "*", "f*", "*o", "1", "", "A"])
HOST = st.lists(LABEL, min_size=1, max_size=4).map(".".join)
CHECK_HOST = """
const x = new c.X509Certificate(input.cert);
return input.hosts.map((h) => [T(() => x.checkHost(h)), T(() => x.checkHost(h, {partialWildcards: false})),
  T(() => x.checkHost(h, {wildcards: false})), T(() => x.checkHost(h, {multiLabelWildcards: true})),
  T(() => x.checkHost(h, {subject: 'always'})), T(() => x.checkHost(h, {singleLabelSubdomains: true}))]);
"""


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    patterns=st.lists(HOST, max_size=3),
    cn=st.one_of(st.none(), HOST),
    hosts=st.lists(
        st.one_of(HOST, st.sampled_from(["a.b.c", "f.b.c", "foo.b.c", "x.a.b.c", "A.B.C"])),
        min_size=1,
        max_size=6,
    ),
)
def test_check_host_wildcards_match_node(
    run_js: RunJs, node: NodeOracle, patterns: list[str], cn: str | None, hosts: list[str]
) -> None:
    subject = _name((NameOID.COMMON_NAME, cn)) if cn else _name((NameOID.ORGANIZATION_NAME, "o"))
    sans: list[x509.GeneralName] | None = [x509.DNSName(p) for p in patterns if p] or None
    cert = build(CA_KEY, subject, sans=sans)
    both(run_js, node, CHECK_HOST, {"cert": cert, "hosts": hosts})


CHECK_EMAIL_IP = """
const x = new c.X509Certificate(input.cert);
return [input.emails.map((e) => [T(() => x.checkEmail(e)), T(() => x.checkEmail(e, {subject: 'always'})),
  T(() => x.checkEmail(e, {subject: 'never'}))]), input.ips.map((ip) => T(() => x.checkIP(ip)))];
"""
LOCAL = st.sampled_from(["me", "Me", "a.b", "x+y", "", "ME"])
DOMAIN = st.sampled_from(["x.org", "X.ORG", "example.com", "b", ""])
EMAIL = st.tuples(LOCAL, DOMAIN).map("@".join)
IP = st.one_of(
    st.ip_addresses().map(str),
    st.sampled_from(
        ["10.0.0.1", "::1", "0:0:0:0:0:0:0:1", "::ffff:10.0.0.1", "10.0.0", "1.2.3.4.5", "x"]
    ),
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    san_emails=st.lists(
        EMAIL.filter(lambda e: not e.endswith("@") and not e.startswith("@")), max_size=2
    ),
    subject_email=st.one_of(st.none(), EMAIL),
    san_ips=st.lists(st.ip_addresses(), max_size=2),
    emails=st.lists(EMAIL, min_size=1, max_size=4),
    ips=st.lists(IP, min_size=1, max_size=4),
)
def test_check_email_and_ip_match_node(
    run_js: RunJs,
    node: NodeOracle,
    san_emails: list[str],
    subject_email: str | None,
    san_ips: list[Any],
    emails: list[str],
    ips: list[str],
) -> None:
    subject = _name((NameOID.COMMON_NAME, "c"))
    if subject_email:
        subject = _name((NameOID.COMMON_NAME, "c"), (NameOID.EMAIL_ADDRESS, subject_email))
    sans: list[x509.GeneralName] = [x509.RFC822Name(e) for e in san_emails]
    sans += [x509.IPAddress(ip) for ip in san_ips]
    cert = build(CA_KEY, subject, sans=sans or None)
    both(run_js, node, CHECK_EMAIL_IP, {"cert": cert, "emails": emails, "ips": ips})
