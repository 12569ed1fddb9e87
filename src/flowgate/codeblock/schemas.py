"""The code-block request as a typed struct, decoded and validated in one pass.

`input` stays raw JSON (msgspec validates its syntax while scanning) and goes to
the engine's JSON.parse as is: the body is parsed once, never re-serialised.
"""

from __future__ import annotations

import base64
import binascii

import msgspec

from flowgate.codeblock.errors import ValidationError
from flowgate.codeblock.limits import CodeLimits


class ExecuteRequest(msgspec.Struct, frozen=True):
    input: msgspec.Raw
    codebase64: str | None = None
    code: str | None = None
    debug: bool = False


_decoder = msgspec.json.Decoder(ExecuteRequest)
_WHITESPACE = b" \t\r\n"


class ValidRequest(msgspec.Struct, frozen=True):
    code: str
    input_json: bytes
    debug: bool


def parse_request(body: bytes, limits: CodeLimits) -> ValidRequest:
    """Decode and check a request body; every failure is a ValidationError naming the field."""
    if not body.strip():
        raise ValidationError(
            "request body is empty; send a JSON object with `input` and `codebase64`"
        )
    try:
        req = _decoder.decode(body)
    except msgspec.ValidationError as exc:
        raise ValidationError(f"invalid request: {_field_message(exc)}") from None
    except msgspec.DecodeError as exc:
        raise ValidationError(f"request body is not valid JSON: {exc}") from None
    input_json = bytes(req.input).strip(_WHITESPACE)
    if not input_json.startswith(b"{"):
        raise ValidationError("`input` must be a JSON object")
    if len(input_json) > limits.max_input_size:
        raise ValidationError(
            f"`input` is {len(input_json)} bytes, over the limit of {limits.max_input_size} "
            "(MAX_INPUT_SIZE)"
        )
    code = _code_text(req)
    size = len(code.encode("utf-8", "surrogatepass"))
    if size > limits.max_code_length:
        raise ValidationError(
            f"code is {size} bytes, over the limit of {limits.max_code_length} (MAX_CODE_LENGTH)"
        )
    return ValidRequest(code=code, input_json=input_json, debug=req.debug)


def _field_message(exc: msgspec.ValidationError) -> str:
    text = str(exc)
    return text.replace("Object missing required field `input`", "`input` is required")


def _code_text(req: ExecuteRequest) -> str:
    if req.codebase64 is not None and req.code is not None:
        raise ValidationError("send either `codebase64` or `code`, not both")
    if req.codebase64 is not None:
        try:
            raw = base64.b64decode(req.codebase64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("`codebase64` is not valid standard base64") from None
        try:
            code = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError("`codebase64` does not decode to UTF-8 text") from None
    elif req.code is not None:
        code = req.code
    else:
        raise ValidationError("`codebase64` (or `code`) is required")
    if not code.strip():
        raise ValidationError("the code is empty")
    try:
        code.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("the code contains an unpaired UTF-16 surrogate") from None
    return code
