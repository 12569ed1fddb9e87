"""Helpers of the fetch tests: a recording loopback HTTP server and runners with fetch wired.

The server records what actually arrived (method, path, headers in order, body)
and counts requests in flight, so concurrency is asserted from the server's side,
never by timing.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from flowgate.codeblock.limits import CodeLimits
from tests.codeblock.conftest import EngineRunner


class FetchRunner(EngineRunner):
    """An EngineRunner; its Engine builds the fetch service from the limits (executor.py)."""


#: Loopback allowed (allow list), plain http, any port: what the network tests need.
LOOPBACK = {"ssrf_allow_list": "127.0.0.1", "fetch_allow_http": True, "fetch_allowed_ports": "*"}


def fetch_limits(**overrides: Any) -> CodeLimits:
    base: dict[str, Any] = {"execution_timeout_ms": 5000, "runtime_pool_size": 2, **LOOPBACK}
    return CodeLimits(**{**base, **overrides})


@dataclass
class Recorder:
    """What the server saw, and how many requests it had in flight at most."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: released by tests that need requests to wait (concurrency)
    gate: threading.Event = field(default_factory=threading.Event)


def _handler(rec: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: one request per connection, so no client keeps a pooled connection
        # to a server that a later test's server replaces on the same port.
        protocol_version = "HTTP/1.0"

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length)
            seen = {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body.decode("latin-1"),
            }
            with rec.lock:
                rec.requests.append(seen)
                rec.in_flight += 1
                rec.max_in_flight = max(rec.max_in_flight, rec.in_flight)
            try:
                self._route(seen)
            finally:
                with rec.lock:
                    rec.in_flight -= 1

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _serve

        def _send(self, status: int, body: bytes, headers: list[tuple[str, str]]) -> None:
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            if not any(k.lower() == "content-length" for k, _ in headers):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _route(self, seen: dict[str, Any]) -> None:
            path = self.path.split("?")[0]
            prefix = "/" + path.split("/")[1]
            route = ROUTES.get(path) or ROUTES.get(prefix + "/") or _not_found
            status, body, headers = route(self, rec, seen)
            self._send(status, body, headers)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


Reply = tuple[int, bytes, list[tuple[str, str]]]
MULTIPART = (
    b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n'
    b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="f.bin"\r\n'
    b"Content-Type: application/octet-stream\r\n\r\n\x00\x01\xff\r\n--XyZ--\r\n"
)


def _echo(h: BaseHTTPRequestHandler, rec: Recorder, seen: dict[str, Any]) -> Reply:
    return 200, json.dumps(seen).encode(), [("Content-Type", "application/json")]


def _wait(h: BaseHTTPRequestHandler, rec: Recorder, seen: dict[str, Any]) -> Reply:
    """Held until three requests are in flight (or 5 s pass): proves concurrency."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and rec.max_in_flight < 3:
        time.sleep(0.01)
    return 200, b"waited", [("Content-Type", "text/plain")]


def _slow(h: BaseHTTPRequestHandler, rec: Recorder, seen: dict[str, Any]) -> Reply:
    rec.gate.wait(5)
    return 200, b"slow", []


def _redirect(h: BaseHTTPRequestHandler, rec: Recorder, seen: dict[str, Any]) -> Reply:
    _, _, status, *rest = h.path.split("?")[0].split("/")
    return int(status), b"", [("Location", "/" + "/".join(rest) if rest else "/echo")]


def _chain(h: BaseHTTPRequestHandler, rec: Recorder, seen: dict[str, Any]) -> Reply:
    n = int(h.path.split("/")[2])
    return 302, b"", [("Location", f"/chain/{n - 1}" if n > 0 else "/echo")]


def _goto(h: BaseHTTPRequestHandler, rec: Recorder, seen: dict[str, Any]) -> Reply:
    return 302, b"", [("Location", h.path.split("?u=", 1)[1])]


def _not_found(h: BaseHTTPRequestHandler, rec: Recorder, seen: dict[str, Any]) -> Reply:
    return 404, b"not found", []


def _fixed(status: int, body: bytes, headers: list[tuple[str, str]]) -> Any:
    return lambda h, rec, seen: (status, body, headers)


ROUTES: dict[str, Any] = {
    "/echo": _echo,
    "/wait": _wait,
    "/slow": _slow,
    "/redirect/": _redirect,
    "/chain/": _chain,
    "/goto": _goto,
    "/cookies": _fixed(
        200, b"ok", [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("X-Multi", "x")]
    ),
    "/gzip": _fixed(200, gzip.compress(b"z" * 100_000), [("Content-Encoding", "gzip")]),
    "/big": _fixed(200, b"b" * 200_000, []),
    "/status": _fixed(418, b"teapot", [("Content-Type", "text/plain")]),
    "/nocontent": _fixed(204, b"", []),
    "/multipart": _fixed(200, MULTIPART, [("Content-Type", "multipart/form-data; boundary=XyZ")]),
}


@dataclass
class LocalServer:
    base: str
    rec: Recorder


@contextmanager
def local_server() -> Iterator[LocalServer]:
    rec = Recorder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(rec))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_port}", rec)
    finally:
        rec.gate.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
