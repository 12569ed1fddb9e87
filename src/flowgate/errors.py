"""FlowgateError: the base every service error derives from.

Each error carries its wire `type` (machine-readable code), HTTP status and
extra headers, so endpoints raise and exactly one handler per service renders
the envelope. Nothing here knows about the web framework.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar


class FlowgateError(Exception):
    """An error with a place on the wire: `type`, HTTP `status`, a human message."""

    type: ClassVar[str] = "InternalError"
    status: ClassVar[int] = 500

    def __init__(self, message: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = dict(headers or {})
