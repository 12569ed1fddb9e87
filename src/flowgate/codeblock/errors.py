"""Code-block errors, one class per row of the contract's error table.

FlowgateError
└── CodeBlockError                   base of every code-block outcome that is not success
    ├── ValidationError        400   bad JSON, bad field, bad base64, over a size limit, no result
    ├── ExecutionError         400   the user's code failed; `type` comes from the engine
    │                                (SyntaxError, TypeError, ..., RuntimeError, SecurityError,
    │                                 TimeoutError, MemoryLimitError, StackOverflowError)
    ├── ConcurrencyError       503   no execution slot freed within CONCURRENCY_WAIT_MS
    └── InternalError          500   a bug on our side (logged with the request id)
"""

from __future__ import annotations

from typing import Any, ClassVar

from flowgate.errors import FlowgateError

#: every `type` an execution can end with, and its HTTP status.
EXECUTION_ERROR_TYPES = frozenset(
    {
        "SyntaxError",
        "TypeError",
        "ReferenceError",
        "RangeError",
        "URIError",
        "EvalError",
        "RuntimeError",
        "TimeoutError",
        "MemoryLimitError",
        "StackOverflowError",
        "SecurityError",
    }
)


class CodeBlockError(FlowgateError):
    """Base of code-block failures; `details` adds fields to the `error` object."""

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, headers=kwargs.pop("headers", None))
        self.details: dict[str, Any] = kwargs

    def to_wire(self) -> dict[str, Any]:
        return {"type": self.type, "message": self.message, **self.details}


class ValidationError(CodeBlockError):
    """The request (or the code's result) breaks a rule of the contract."""

    type: ClassVar[str] = "ValidationError"
    status: ClassVar[int] = 400


class ExecutionError(CodeBlockError):
    """The user's code failed inside the engine; its `type` is chosen per instance."""

    status: ClassVar[int] = 400

    def __init__(self, type_: str, message: str, **details: Any) -> None:
        super().__init__(message, **details)
        self.error_type = type_ if type_ in EXECUTION_ERROR_TYPES else "RuntimeError"

    def to_wire(self) -> dict[str, Any]:
        return {**super().to_wire(), "type": self.error_type}


class ConcurrencyError(CodeBlockError):
    """Every execution slot stayed busy past the wait limit."""

    type: ClassVar[str] = "ConcurrencyError"
    status: ClassVar[int] = 503


class InternalError(CodeBlockError):
    """Something failed on our side; the message says so, the log has the details."""

    type: ClassVar[str] = "InternalError"
    status: ClassVar[int] = 500
