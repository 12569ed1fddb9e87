"""The host bridge (see `registry.py`): the dispatcher the C binding calls.

Each capability lives in its own module and registers its ops with `@op` /
`@async_op` when imported (see `_OP_MODULES` for when that happens).
"""

from __future__ import annotations

import asyncio
import importlib
import threading
from typing import Any

from flowgate.codeblock.bridge import fetch  # noqa: F401  (the engine's fetch service needs it)
from flowgate.codeblock.bridge.io import ExecutionIO
from flowgate.codeblock.bridge.registry import OPS, BridgeError, Handler, internal_error

__all__ = ["Bridge", "BridgeError", "ExecutionIO", "import_ops_in_background"]

#: op-name prefix -> the module registering those ops. The crypto modules (and
#: `cryptography`'s x509 and bindings) take ~130 ms to import: a worker imports them
#: in the background once it is up (`import_ops_in_background`), so start-up (`/health`
#: under 1 s) does not wait for them; an op asked for before then imports its module.
_OP_MODULES = {
    "hash": "hashes",
    "hmac": "hashes",
    "crypto": "hashes",
    "cipher": "ciphers",
    "kdf": "kdf",
    "keys": "keys",
    "subtle": "subtle",
    "intl": "intl",
    "xlsx": "xlsx",
    "pinyin": "pinyin",
    "sm2": "sm2",
}


def import_ops() -> None:
    """Register every op now (tests, tools; the background thread's work)."""
    for module in sorted(set(_OP_MODULES.values())):
        importlib.import_module(f"{__name__}.{module}")


def import_ops_in_background(delay_s: float = 1.0) -> None:
    """Import the op modules once the worker has had `delay_s` to start answering."""
    timer = threading.Timer(delay_s, import_ops)
    timer.name = "flowgate-bridge-imports"
    timer.daemon = True
    timer.start()


def _handler(name: str) -> Handler | None:
    handler = OPS.get(name)
    if handler is None and (module := _OP_MODULES.get(name.split(".", 1)[0])) is not None:
        importlib.import_module(f"{__name__}.{module}")  # the import lock orders racing threads
        handler = OPS.get(name)
    return handler


class Bridge:
    """Per-engine dispatcher: `(token, op, args) -> (True, value) | (False, error payload)`.

    `token` names the execution that called (it owns the `ExecutionIO` of its async
    ops). Never raises: the C side turns the error payload into a JS error.
    """

    def __init__(self, services: dict[str, Any] | None = None) -> None:
        self.services: dict[str, Any] = services or {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.io: dict[int, ExecutionIO] = {}

    def __call__(self, token: int, name: str, args: tuple[Any, ...]) -> tuple[bool, Any]:
        try:
            if name.startswith("io."):
                return True, self._io_op(token, name, args)
            handler = _handler(name)
            if handler is None:
                raise BridgeError(f"unknown host operation '{name}'", code="ERR_UNKNOWN_OP")
            return True, handler(*args)
        except BridgeError as exc:
            return False, exc.payload()
        except Exception:
            return False, internal_error(name)

    def _io_op(self, token: int, name: str, args: tuple[Any, ...]) -> Any:
        if name == "io.start":
            if self.loop is None or len(args) != 2 or not isinstance(args[0], str):
                raise BridgeError("asynchronous host operations are unavailable here")
            io = self.io.get(token)
            if io is None:  # dict ops are atomic under the GIL: no lock needed
                io = self.io.setdefault(token, ExecutionIO(self.loop, self.services))
            op_args = args[1] if isinstance(args[1], list) else [args[1]]
            return io.start(args[0], op_args)
        io = self.io.get(token)
        if name == "io.take":
            return io.take() if io is not None else []
        if name == "io.cancel":
            if io is not None and args and isinstance(args[0], int):
                io.cancel(args[0])
            return None
        raise BridgeError(f"unknown host operation '{name}'", code="ERR_UNKNOWN_OP")

    def release(self, token: int) -> None:
        """The execution ended (loop thread): cancel what it left running."""
        io = self.io.pop(token, None)
        if io is not None:
            io.close()
