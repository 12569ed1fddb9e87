"""Every limit ends in its own error type, enforced by the engine, and the next execution is fine."""

from __future__ import annotations

from typing import Any

from tests.codeblock.conftest import RunJs


def error_of(response: dict[str, Any]) -> dict[str, Any]:
    assert response["success"] is False, response
    error: dict[str, Any] = response["error"]
    return error


def test_time_limit_cannot_be_caught(make_runner: Any) -> None:
    runner = make_runner(execution_timeout_ms=300)
    for code in [
        "while (true) {}",
        "try { while (true) {} } catch (e) { return 'caught' }",
        "for (;;) { try { while (true) {} } finally { } }",
        "return /(a+)+$/.test('a'.repeat(40) + 'b')",
        "const a = Array.from({length: 200000}, (_, i) => i); a.sort((x, y) => { for (let i = 0; i < 1e4; i++); return x - y; })",
        "await new Promise(r => setTimeout(r, 10000))",
        "const iv = setInterval(() => {}, 1); await new Promise(() => { setTimeout(() => {}, 100000) })",
    ]:
        error = error_of(runner.run(code))
        assert error["type"] == "TimeoutError", code
        assert "300 ms" in error["message"] and "EXECUTION_TIMEOUT_MS" in error["message"]
    assert runner.run("return 1")["result"] == 1


def test_memory_limit_cannot_be_caught(make_runner: Any) -> None:
    runner = make_runner(memory_limit_mb=16)
    for code in [
        "const a = []; while (true) a.push('x'.repeat(1024) + a.length)",
        "const a = []; try { while (true) a.push(new Array(1000).fill(1)) } catch (e) { return 'caught' }",
        "const m = new Map(); for (let i = 0; ; i++) m.set(i, {i, s: 'v' + i})",
        "return new ArrayBuffer(64 * 1024 * 1024).byteLength",
    ]:
        error = error_of(runner.run(code))
        assert error["type"] == "MemoryLimitError", code
        assert "16 MB" in error["message"]
    assert runner.run("return new Array(1000).fill(7).length")["result"] == 1000


def test_string_length_cap_is_a_range_error_as_in_node(run_js: RunJs) -> None:
    assert error_of(run_js("let s = 'x'; while (true) s = s + s"))["type"] == "RangeError"


def test_stack_overflow(run_js: RunJs) -> None:
    for code in [
        "function f() { return f() + 1 } return f()",
        "const o = {}; o.toString = function () { return String(this) }; return String(o)",
    ]:
        error = error_of(run_js(code))
        assert error["type"] == "StackOverflowError", code
    assert (
        run_js("function f(n) { return n ? f(n - 1) : 'deep' } return f(1000)")["result"] == "deep"
    )


def test_code_size_limit(make_runner: Any) -> None:
    runner = make_runner(max_code_length=100)
    assert runner.run("return 1;" + " " * 80)["success"] is True
    error = error_of(runner.run("return 1;" + " " * 100))
    assert error["type"] == "ValidationError" and "MAX_CODE_LENGTH" in error["message"]


def test_input_size_limit(make_runner: Any) -> None:
    runner = make_runner(max_input_size=1000)
    assert runner.run("return input.s.length", {"s": "x" * 900})["result"] == 900
    error = error_of(runner.run("return 1", {"s": "x" * 1000}))
    assert error["type"] == "ValidationError" and "MAX_INPUT_SIZE" in error["message"]


def test_result_size_limit(make_runner: Any) -> None:
    runner = make_runner(max_result_size=1000)
    assert runner.run("return 'x'.repeat(990)")["success"] is True
    error = error_of(runner.run("return 'x'.repeat(1000)"))
    assert error["type"] == "ValidationError" and "MAX_RESULT_SIZE" in error["message"]


def test_console_size_limit(make_runner: Any) -> None:
    runner = make_runner(max_console_bytes=100)
    ok = runner.run("console.log('x'.repeat(50)); return 1", debug=True)
    assert ok["success"] is True
    code = "try { for (let i = 0; i < 100; i++) console.log('line ' + i) } catch (e) {} return 1"
    response = runner.run(code, debug=True)
    error = error_of(response)
    assert error["type"] == "ValidationError" and "MAX_CONSOLE_BYTES" in error["message"]
    assert 0 < len(response["console"]) < 100
    # Without debug, console output is discarded and never counted.
    assert runner.run(code)["success"] is True


def test_limits_leave_the_engine_healthy(make_runner: Any) -> None:
    # 1 s, not less: filling 8 MiB must beat the clock on a loaded machine.
    runner = make_runner(execution_timeout_ms=1000, memory_limit_mb=8)
    for _ in range(5):
        assert error_of(runner.run("while(true){}"))["type"] == "TimeoutError"
        assert (
            error_of(runner.run("const a=[]; while(true) a.push([a.length])"))["type"]
            == "MemoryLimitError"
        )
        assert error_of(runner.run("function f(){f()} f()"))["type"] == "StackOverflowError"
        assert runner.run("return input.v * 2", {"v": 21})["result"] == 42
