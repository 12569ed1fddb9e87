"""Bridge op `xlsx.zip`: the container of a workbook SheetJS's own code wrote.

`modules/npm/xlsx_write.js` runs SheetJS's XML writers (vendor/xlsx-write) and hands
the parts here; building the zip (CRC-32, deflate) in QuickJS would cost more than the
XML itself. Imported by `bridge/xlsx.py` (the `xlsx.` prefix's module).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from flowgate.codeblock.bridge.registry import BridgeError, op

#: Most bytes of parts one `xlsx.zip` call stores (before compression).
MAX_WRITE = 128 * 1024 * 1024


@op("xlsx.zip")
def zip_parts(parts: list[Any], compression: bool = False) -> bytes:
    """The .xlsx container of SheetJS's parts (`[[path, text], ...]`, in order).

    SheetJS writes entries stored (uncompressed) unless `compression: true`, then
    deflated; zipfile does the same. Text parts are UTF-8, as SheetJS's zip_add_file."""
    if not isinstance(parts, list):
        raise BridgeError("xlsx.zip: parts must be an array", type="TypeError")
    method = zipfile.ZIP_DEFLATED if compression else zipfile.ZIP_STORED
    total = 0
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for part in parts:
            if not (isinstance(part, list) and len(part) == 2 and isinstance(part[0], str)):
                raise BridgeError("xlsx.zip: each part must be [path, content]", type="TypeError")
            content = part[1]
            data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
            if not isinstance(data, bytes):
                raise BridgeError(
                    f"xlsx.zip: {part[0]}: content must be a string", type="TypeError"
                )
            total += len(data)
            if total > MAX_WRITE:
                raise BridgeError(
                    f"xlsx: workbooks over {MAX_WRITE} bytes are not supported", type="RangeError"
                )
            info = zipfile.ZipInfo(part[0], date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            zf.writestr(info, data)
    return buf.getvalue()
