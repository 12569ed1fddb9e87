"""Helpers for the guard's tests: a scriptable resolver and real loopback HTTP(S) servers."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class FakeResolver:
    """Answers per host, one list per call (the last repeats): rebinding on demand."""

    answers: dict[str, list[list[str]]]
    calls: list[str] = field(default_factory=list)

    async def resolve(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        queue = self.answers[host]
        return queue.pop(0) if len(queue) > 1 else queue[0]


@dataclass
class Seen:
    target: str
    headers: dict[str, str]


Reply = tuple[int, dict[str, str], bytes]


class RawServer:
    """Minimal keep-alive HTTP/1.1 server on 127.0.0.1 that records what it receives."""

    def __init__(self, reply: Callable[[Seen], Reply], tls: ssl.SSLContext | None = None) -> None:
        self.reply = reply
        self.tls = tls
        self.seen: list[Seen] = []
        self.port = 0
        self._server: asyncio.Server | None = None
        self._conns: dict[asyncio.Task[None], asyncio.StreamWriter] = {}

    async def __aenter__(self) -> RawServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.tls)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self._conns.values():
            writer.transport.abort()
        await asyncio.gather(*self._conns)
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._conns[task] = writer
        task.add_done_callback(self._conns.pop)
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            while True:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
                lines = head.split("\r\n")
                pairs = [line.split(":", 1) for line in lines[1:] if line]
                seen = Seen(lines[0].split(" ")[1], {k.lower(): v.strip() for k, v in pairs})
                self.seen.append(seen)
                writer.write(self._render(*self.reply(seen)))
                await writer.drain()
        writer.close()
        with contextlib.suppress(ConnectionError, ssl.SSLError):
            await writer.wait_closed()

    @staticmethod
    def _render(status: int, headers: dict[str, str], body: bytes) -> bytes:
        chunked = headers.get("Transfer-Encoding") == "chunked"
        if chunked:
            body = b"".join(f"{len(c):x}\r\n".encode() + c + b"\r\n" for c in _chunks(body))
            body += b"0\r\n\r\n"
        else:
            headers = {**headers, "Content-Length": str(len(body))}
        lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _chunks(body: bytes, size: int = 100) -> Iterator[bytes]:
    for i in range(0, len(body), size):
        yield body[i : i + size]


def write_self_signed(directory: Path, hostname: str) -> tuple[Path, Path]:
    """A self-signed certificate for `hostname`: (cert.pem, key.pem) in `directory`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostname)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(hostname)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pkcs8 = serialization.PrivateFormat.PKCS8
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, pkcs8, serialization.NoEncryption())
    )
    return cert_path, key_path
