"""The Node built-ins benchmark's scripts: what each sends, and the result it must give.

Every script is a code block as a user would paste it from Node code, run unchanged by both
servers. Expected results are computed here in Python (``hashlib``, ``hmac``, ``base64``,
``cryptography``), independently of both servers, so a server that answers quickly but wrongly
is caught: wrk counts every 200 whose body lacks ``"success":true,"result":<expected JSON>``
as a failure (``gen.lua``'s ``GEN_EXPECT``), not as throughput. Inputs are fixed (AES key and
IV included) so the results are deterministic; RSA PKCS#1 v1.5 signatures are deterministic too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from seed import SEED_SCRIPTS

# ~1 KB of text with some multi-byte UTF-8, so the encoders do not take an ASCII-only path.
TEXT = ("Flowgate runs Node code: Grüße, ¡señor! ✓ 42 — " * 24)[:1000]
AES_KEY = bytes(range(32))
AES_IV = bytes(range(100, 112))  # 12 bytes, GCM's standard nonce length
AES_AAD = "order:1234"
SECRET = "whsec_benchmark_secret_0123456789"
REQUEST = {
    "method": "POST",
    "path": "/v1/orders",
    "query": "dryRun=false&page=1",
    "host": "api.example.com",
    "date": "20261206T201500Z",
    "body": {
        "orderId": "ord_8c1f2a",
        "customer": {"id": "cus_42", "email": "ada@example.com", "tier": "gold"},
        "items": [
            {"sku": "BK-1", "qty": 2, "priceCents": 1299},
            {"sku": "PN-7", "qty": 1, "priceCents": 349},
        ],
        "currency": "EUR",
        "note": "leave at the door",
    },
}
RSA_PAYLOAD = {"sub": "user-42", "iat": 1765051200, "scope": "orders:read orders:write"}


@dataclass(frozen=True)
class BuiltinScript:
    """One benchmark row's code block, its input and the result it must give."""

    name: str
    title: str
    code: str
    input: dict[str, Any]
    expected: Any

    def body(self) -> dict[str, Any]:
        encoded = base64.b64encode(self.code.encode()).decode()
        return {"input": self.input, "codebase64": encoded}

    def expect(self) -> str:
        """The substring every correct response contains (both servers write compact JSON,
        ``success`` first, then ``result``)."""
        return '"success":true,"result":' + compact(self.expected)


def compact(value: Any) -> str:
    """JSON as ``JSON.stringify`` writes it (for the ASCII strings and integers used here)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


BUFFER_CODE = """\
const b64 = Buffer.from(input.text).toString('base64');
const hex = Buffer.from(b64, 'base64').toString('hex');
const back = Buffer.from(hex, 'hex').toString('utf8');
return { same: back === input.text, b64Length: b64.length, hexLength: hex.length,
  b64Tail: b64.slice(-16), hexTail: hex.slice(-16) };"""

SIGN_CODE = """\
const crypto = require('crypto');
const body = JSON.stringify(input.body);
const bodyHash = crypto.createHash('sha256').update(body).digest('hex');
const canonical = [input.method, input.path, input.query, 'host:' + input.host,
  'x-date:' + input.date, bodyHash].join('\\n');
const kDate = crypto.createHmac('sha256', 'FG4' + input.secret).update(input.date.slice(0, 8)).digest();
const kSigning = crypto.createHmac('sha256', kDate).update('fg4_request').digest();
const signature = crypto.createHmac('sha256', kSigning).update(canonical).digest('hex');
const webhook = crypto.createHmac('sha256', input.secret)
  .update(input.date + '.' + body).digest('base64');
return { bodyHash, signature, webhook: 'v1,' + webhook };"""

AES_CODE = """\
const crypto = require('crypto');
const key = Buffer.from(input.key, 'hex');
const iv = Buffer.from(input.iv, 'hex');
const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
cipher.setAAD(Buffer.from(input.aad));
const sealed = Buffer.concat([cipher.update(input.text, 'utf8'), cipher.final()]);
const tag = cipher.getAuthTag();
const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
decipher.setAAD(Buffer.from(input.aad));
decipher.setAuthTag(tag);
const opened = Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
return { same: opened === input.text, length: sealed.length, tag: tag.toString('hex'),
  tail: sealed.toString('base64').slice(-16) };"""

RSA_CODE = """\
const crypto = require('crypto');
const data = JSON.stringify(input.payload);
const signature = crypto.createSign('RSA-SHA256').update(data).sign(input.privateKey, 'base64');
const valid = crypto.createVerify('RSA-SHA256').update(data)
  .verify(input.publicKey, signature, 'base64');
return { valid, signature };"""


def rsa_pem_pair() -> tuple[str, str]:
    """A fresh RSA-2048 key pair (PKCS#8 / SPKI PEM), generated once per run, not per request."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public.decode()


def _hmac(key: bytes, data: str) -> bytes:
    return hmac.new(key, data.encode(), hashlib.sha256).digest()


def sign_expected(req: dict[str, Any], secret: str) -> dict[str, str]:
    body = compact(req["body"])
    body_hash = hashlib.sha256(body.encode()).hexdigest()
    canonical = "\n".join(
        [
            req["method"],
            req["path"],
            req["query"],
            "host:" + req["host"],
            "x-date:" + req["date"],
            body_hash,
        ]
    )
    k_date = _hmac(("FG4" + secret).encode(), req["date"][:8])
    k_signing = _hmac(k_date, "fg4_request")
    webhook = base64.b64encode(_hmac(secret.encode(), req["date"] + "." + body)).decode()
    return {
        "bodyHash": body_hash,
        "signature": _hmac(k_signing, canonical).hex(),
        "webhook": "v1," + webhook,
    }


def buffer_expected(text: str) -> dict[str, Any]:
    raw = text.encode()
    b64, hx = base64.b64encode(raw).decode(), raw.hex()
    return {
        "same": True,
        "b64Length": len(b64),
        "hexLength": len(hx),
        "b64Tail": b64[-16:],
        "hexTail": hx[-16:],
    }


def aes_expected(text: str) -> dict[str, Any]:
    out = AESGCM(AES_KEY).encrypt(AES_IV, text.encode(), AES_AAD.encode())
    sealed, tag = out[:-16], out[-16:]
    tail = base64.b64encode(sealed).decode()[-16:]
    return {"same": True, "length": len(sealed), "tag": tag.hex(), "tail": tail}


def rsa_expected(private_pem: str) -> dict[str, Any]:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    sig = key.sign(compact(RSA_PAYLOAD).encode(), padding.PKCS1v15(), hashes.SHA256())
    return {"valid": True, "signature": base64.b64encode(sig).decode()}


def builtin_scripts(private_pem: str, public_pem: str) -> tuple[BuiltinScript, ...]:
    """The rows, plain baseline first (the seed's ``add`` script, as the code-block benchmark)."""
    plain = SEED_SCRIPTS[0]
    aes_input = {"key": AES_KEY.hex(), "iv": AES_IV.hex(), "aad": AES_AAD, "text": TEXT}
    rsa_input = {"payload": RSA_PAYLOAD, "privateKey": private_pem, "publicKey": public_pem}
    return (
        BuiltinScript(
            "plain",
            "`return input.a + input.b` (the seed's `add`: the baseline)",
            plain.code,
            plain.input,
            8,
        ),
        BuiltinScript(
            "buffer",
            "Buffer: 1 KB text → base64 → hex → text",
            BUFFER_CODE,
            {"text": TEXT},
            buffer_expected(TEXT),
        ),
        BuiltinScript(
            "sign",
            "SHA-256 of a JSON body + 4 HMAC-SHA256 (signing-key chain, webhook signature)",
            SIGN_CODE,
            {**REQUEST, "secret": SECRET},
            sign_expected(REQUEST, SECRET),
        ),
        BuiltinScript(
            "aes_gcm",
            "AES-256-GCM encrypt + decrypt of 1 KB (AAD, auth tag)",
            AES_CODE,
            aes_input,
            aes_expected(TEXT),
        ),
        BuiltinScript(
            "rsa",
            "RSA-2048 sign + verify (RSA-SHA256, PEM keys in `input`)",
            RSA_CODE,
            rsa_input,
            rsa_expected(private_pem),
        ),
    )


SCRIPT_NAMES = ("plain", "buffer", "sign", "aes_gcm", "rsa")
