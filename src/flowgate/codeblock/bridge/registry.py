"""The host bridge: the one door from a code block's sandbox to Python.

JavaScript inside a context reaches the host only through `host.call(op, ...args)`
(wrapped by `runtime/modules/internal/bridge.js`). The C binding converts the
arguments (see `docs/runtime-modules.md`, "Host bridge"), takes the GIL and calls
`Bridge.__call__`, which looks the operation up in `OPS` and runs it. Everything a
handler needs arrives as arguments; it never sees a JS object, and what it returns
is copied into the context's own (counted, limited) memory.

Handlers validate their arguments as if they came from an attacker (they do), and
raise `BridgeError` for anything the caller did wrong: it becomes a JS error of the
given class with Node's `code`. Any other exception is a bug on our side: it is
logged (op name only, never arguments, which may hold keys) and the script sees a
generic error.

Two kinds of operation:
- `OPS` (registered with `@op`): synchronous, run on the engine thread that asked,
  holding the GIL. Keep them short and bounded (caps on sizes, iterations, key
  sizes): the execution's time limit is checked when they return.
- `ASYNC_OPS` (registered with `@async_op`): coroutines started on the event loop
  by `io.start`; the script gets a Promise, settled once the coroutine ends (see
  `bridge/io.py`). Used for anything that waits (network).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import structlog

log = structlog.get_logger("flowgate.codeblock.bridge")

Handler = Callable[..., Any]
AsyncHandler = Callable[..., Coroutine[Any, Any, Any]]
F = TypeVar("F", bound=Handler)
A = TypeVar("A", bound=AsyncHandler)

#: op name -> synchronous handler(*args)
OPS: dict[str, Handler] = {}
#: op name -> coroutine function(io: ExecutionIO, *args), started by `io.start`
ASYNC_OPS: dict[str, AsyncHandler] = {}


class BridgeError(Exception):
    """A caller's mistake, surfaced in JS as `new <type>(message)` with `code` (and extras).

    `type` is one of Error, TypeError, RangeError, SyntaxError, DOMException
    (then `name` is the DOMException name, e.g. 'OperationError').
    """

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        type: str = "Error",
        name: str | None = None,
        props: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.type = type
        self.name = name
        self.props = props or {}

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "message": self.message}
        if self.code is not None:
            out["code"] = self.code
        if self.name is not None:
            out["name"] = self.name
        if self.props:
            out["props"] = self.props
        return out


def op(name: str) -> Callable[[F], F]:
    """Register a synchronous bridge operation under `name` (unique)."""

    def register(fn: F) -> F:
        if name in OPS:
            raise RuntimeError(f"bridge op {name!r} registered twice")
        OPS[name] = fn
        return fn

    return register


def async_op(name: str) -> Callable[[A], A]:
    """Register an asynchronous bridge operation (started through `io.start`)."""

    def register(fn: A) -> A:
        if name in ASYNC_OPS:
            raise RuntimeError(f"async bridge op {name!r} registered twice")
        ASYNC_OPS[name] = fn
        return fn

    return register


def internal_error(op_name: str) -> dict[str, Any]:
    """What the script sees when a handler fails unexpectedly (logged, never detailed).

    Called inside the `except` block. The log names the exception's class and where it
    was raised, not its message or traceback text: those can quote arguments (a URL
    with a token in its query, key bytes), and arguments never reach the logs."""
    exc_type, _, tb = sys.exc_info()
    where = "unknown"
    while tb is not None:
        where = f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"
        tb = tb.tb_next
    log.error(
        "bridge_op_failed",
        op=op_name,
        error_type=exc_type.__name__ if exc_type else None,
        where=where,
    )
    return BridgeError(
        f"internal error in the host operation '{op_name}' (logged by the service)",
        code="ERR_FLOWGATE_INTERNAL",
    ).payload()
