"""Real processes for end-to-end generation tests: the upstream simulator, a callback
receiver that verifies Standard Webhooks signatures, and helpers to drive a Flowgate server."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import orjson
from standardwebhooks import Webhook

from tests.servers import free_port

WEBHOOK_SECRET = "whsec_" + "dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5YWI="
API_KEY = "sk-e2e-SECRET-9f8e7d6c5b4a"

# Video rows poll fast in tests; a row that opts into retrying ambiguous outcomes; a row
# with few pre-acceptance attempts (so persistent 503s fail quickly).
TEST_MODELS = orjson.dumps(
    [
        {
            "name": "sora-2",
            "kind": "video",
            "video_api": "openai",
            "poll_interval_s": 0.2,
            "deadline_s": 120,
        },
        {
            "name": "veo*",
            "kind": "video",
            "video_api": "unified",
            "poll_interval_s": 0.2,
            "deadline_s": 120,
        },
        {
            "name": "flux-retrying-*",
            "kind": "images",
            "retry_ambiguous": True,
            "max_attempts": 2,
            "request_timeout_s": 2,
        },
        {"name": "flux-short-*", "kind": "images", "deadline_s": 1.5},
        {"name": "flux-*", "kind": "images", "max_attempts": 2, "request_timeout_s": 10},
    ]
).decode()


@dataclass
class Simulator:
    base_url: str
    process: subprocess.Popen[bytes]

    def calls(self, needle: str | None = None) -> list[dict[str, Any]]:
        data = httpx.get(f"{self.base_url}/_sim/calls", timeout=5).json()
        calls: list[dict[str, Any]] = data["calls"]
        if needle is None:
            return calls
        return [c for c in calls if needle in orjson.dumps(c).decode()]


@contextlib.contextmanager
def run_simulator(delay_s: float = 0.0) -> Iterator[Simulator]:
    port = free_port()
    exe = Path(sys.executable).with_name("flowgate")
    proc = subprocess.Popen(
        [str(exe), "simulate-upstream", "--port", str(port), "--delay", str(delay_s)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    sim = Simulator(f"http://127.0.0.1:{port}", proc)
    try:
        deadline = time.monotonic() + 15
        while True:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{sim.base_url}/_sim/calls", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the upstream simulator did not start")
            time.sleep(0.05)
        yield sim
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@dataclass
class Delivery:
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool

    def json(self) -> Any:
        return orjson.loads(self.body)


@dataclass
class Receiver:
    """Answers by path: /ok 200, /fail 500, /redirect 302, /flaky 500 for the first
    delivery of each webhook-id then 200. Records everything it was sent."""

    port: int = 0
    deliveries: list[Delivery] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    seen_ids: set[str] = field(default_factory=set)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def for_task(self, task_id: str) -> list[Delivery]:
        with self.lock:
            return [d for d in self.deliveries if d.verified and d.json().get("taskId") == task_id]

    def wait_for(self, task_id: str, count: int = 1, timeout_s: float = 20) -> list[Delivery]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            got = self.for_task(task_id)
            if len(got) >= count:
                return got
            time.sleep(0.05)
        raise AssertionError(
            f"{count} callback(s) for {task_id} not received; got {self.for_task(task_id)}"
        )


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    verifier = Webhook(WEBHOOK_SECRET)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                verifier.verify(body, headers)
                verified = True
            except Exception:
                verified = False
            with receiver.lock:
                receiver.deliveries.append(Delivery(self.path, headers, body, verified))
                first = headers.get("webhook-id", "") not in receiver.seen_ids
                receiver.seen_ids.add(headers.get("webhook-id", ""))
            status = {"/ok": 200, "/fail": 500, "/redirect": 302}.get(self.path, 200)
            if self.path == "/flaky":
                status = 500 if first else 200
            self.send_response(status)
            if status == 302:
                self.send_header("Location", receiver.url("/ok"))
            self.send_header("content-length", "17")
            self.end_headers()
            self.wfile.write(b"receiver-says-hi\n")

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextlib.contextmanager
def run_receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    receiver.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def server_env(sim: Simulator, **extra: str) -> dict[str, str]:
    return {
        "SERVICES": "generation",
        "UPSTREAM_BASE_URL": sim.base_url,
        "SSRF_ALLOW_PRIVATE": "true",
        "ALLOW_HTTP_CALLBACKS": "true",
        "WEBHOOK_SECRET": WEBHOOK_SECRET,
        "GENERATION_MODELS": TEST_MODELS,
        "SYNC_WAIT_SECONDS": "20",
        "LEASE_SECONDS": "3",
        "SHUTDOWN_GRACE_SECONDS": "5",
        **extra,
    }


def wait_terminal(client: httpx.Client, task_id: str, timeout_s: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/api/status/{task_id}").json()
        if body["status"] in ("completed", "failed", "canceled"):
            return body
        time.sleep(0.05)
    raise AssertionError(f"task {task_id} did not finish: {body}")
