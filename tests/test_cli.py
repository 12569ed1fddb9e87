"""`flowgate run FILE.js` prints the same envelope the server would send."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXE = str(Path(sys.executable).with_name("flowgate"))


def run(tmp_path: Path, code: str, *args: str) -> tuple[int, dict[str, object]]:
    script = tmp_path / "block.js"
    script.write_text(code, "utf-8")
    done = subprocess.run(
        [EXE, "run", str(script), *args], capture_output=True, text=True, timeout=60
    )
    return done.returncode, json.loads(done.stdout)


def test_run_prints_the_result(tmp_path: Path) -> None:
    code, body = run(
        tmp_path, "console.log('x'); return input.a * 2", "--input", '{"a": 21}', "--debug"
    )
    assert code == 0
    assert body["success"] is True and body["result"] == 42
    assert body["console"] == [{"level": "log", "message": "x"}]


def test_run_reports_errors_with_exit_status_1(tmp_path: Path) -> None:
    code, body = run(tmp_path, "\nnull.x")
    assert code == 1
    error = body["error"]
    assert isinstance(error, dict) and error["type"] == "TypeError" and error["line"] == 2


def test_run_rejects_bad_input_json(tmp_path: Path) -> None:
    code, body = run(tmp_path, "return 1", "--input", "[1, 2]")
    assert code == 1
    error = body["error"]
    assert isinstance(error, dict) and error["type"] == "ValidationError"
