"""Drive the real Node 20 (tests/node/oracle.js) as the oracle of differential tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

ORACLE_JS = Path(__file__).parent / "node" / "oracle.js"


class NodeOracle:
    """One long-lived `node` process; requests are answered in order, one line each."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("differential tests need `node` (Node 20) on PATH")
        self._proc = subprocess.Popen(
            [node, str(ORACLE_JS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def run(self, code: str, input: dict[str, Any] | None = None) -> dict[str, Any]:
        """Run `code` as an async function body with `input`; return the envelope dict."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        request = {"code": code, "input": input if input is not None else {}}
        self._proc.stdin.write(json.dumps(request) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the node oracle exited")
        out: dict[str, Any] = json.loads(line)
        if out.get("success"):
            out["result"] = json.loads(out["result"])
        return out

    def close(self) -> None:
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait(timeout=5)
        if self._proc.stdout is not None:
            self._proc.stdout.close()
