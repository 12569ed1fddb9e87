"""Every row of the contract's error table, every limit, and the runtime's promises,
through the real service path (engine -> harness -> envelope)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.codeblock.conftest import RunJs


def error_of(response: dict[str, Any]) -> dict[str, Any]:
    assert response["success"] is False, response
    error: dict[str, Any] = response["error"]
    return error


@pytest.mark.parametrize(
    ("code", "expected_type"),
    [
        ("null.x", "TypeError"),
        ("undefinedName + 1", "ReferenceError"),
        ("new Array(-1)", "RangeError"),
        ("decodeURIComponent('%')", "URIError"),
        ("throw new EvalError('e')", "EvalError"),
        ("JSON.parse('{')", "SyntaxError"),
        ("throw new Error('plain')", "RuntimeError"),
        ("class MyErr extends Error {}; throw new MyErr('custom')", "RuntimeError"),
        ("class T extends TypeError {}; throw new T('sub')", "TypeError"),
        ("throw 'a string'", "RuntimeError"),
        ("throw 42", "RuntimeError"),
        ("throw {code: 7}", "RuntimeError"),
        ("throw null", "RuntimeError"),
        ("await Promise.reject(new TypeError('async'))", "TypeError"),
        ("return Promise.reject(new RangeError('returned'))", "RangeError"),
        ("throw new DOMException('dom', 'AbortError')", "RuntimeError"),
    ],
)
def test_thrown_errors_map_to_their_type(run_js: RunJs, code: str, expected_type: str) -> None:
    response = run_js(code)
    assert error_of(response)["type"] == expected_type
    assert response["status"] == 400


def test_thrown_values_are_stringified(run_js: RunJs) -> None:
    assert error_of(run_js("throw 'boom'"))["message"] == "boom"
    assert error_of(run_js("throw 42"))["message"] == "42"
    assert error_of(run_js("throw {code: 7}"))["message"] == '{"code":7}'
    assert error_of(run_js("throw new Error('kept')"))["message"] == "kept"


def test_syntax_error_reports_line_and_column_in_user_code(run_js: RunJs) -> None:
    error = error_of(run_js("const a = 1;\nconst b = 2;\n  a +;\n"))
    assert error["type"] == "SyntaxError"
    assert (error["line"], error["column"]) == (3, 6)


def test_runtime_error_reports_user_line_and_a_user_only_stack(run_js: RunJs) -> None:
    code = "function inner() {\n  return missing.value;\n}\nreturn inner();"
    error = error_of(run_js(code))
    assert error["type"] == "ReferenceError"
    assert error["line"] == 2
    assert error["stack"].startswith("ReferenceError: missing is not defined")
    assert "code.js:2:" in error["stack"] and "code.js:4:" in error["stack"]
    assert "bootstrap" not in error["stack"] and "internal/" not in error["stack"]


def test_error_code_property_is_kept(run_js: RunJs) -> None:
    error = error_of(run_js("const e = new Error('x'); e.code = 'E_CUSTOM'; throw e"))
    assert error["code"] == "E_CUSTOM"


def test_undefined_result_is_a_validation_error(run_js: RunJs) -> None:
    for code in ["const x = 1;", "return undefined", "return () => 1", "return Symbol('s')"]:
        error = error_of(run_js(code))
        assert error["type"] == "ValidationError", code
        assert "return" in error["message"]


def test_unserialisable_result_is_the_error_json_stringify_throws(run_js: RunJs) -> None:
    assert error_of(run_js("return 1n"))["type"] == "TypeError"
    assert error_of(run_js("const a = {}; a.self = a; return a"))["type"] == "TypeError"


def test_top_level_await_and_returned_promises(run_js: RunJs) -> None:
    assert run_js("const v = await Promise.resolve(41); return v + 1")["result"] == 42
    assert run_js("return new Promise(r => setTimeout(() => r('later'), 5))")["result"] == "later"
    assert run_js("return Promise.all([1, Promise.resolve(2)])")["result"] == [1, 2]


def test_timers_run_in_node_order_with_microtasks_between(run_js: RunJs) -> None:
    code = """
    const log = [];
    setTimeout(() => { log.push('t1'); Promise.resolve().then(() => log.push('m1')); }, 1);
    setTimeout(() => log.push('t2'), 1);
    setImmediate(() => log.push('imm'));
    queueMicrotask(() => log.push('micro'));
    let n = 0;
    const iv = setInterval(() => { log.push('iv' + (++n)); if (n === 3) clearInterval(iv); }, 2);
    const cancelled = setTimeout(() => log.push('never'), 1);
    clearTimeout(cancelled);
    await new Promise(r => setTimeout(r, 30));
    return log;
    """
    log = run_js(code)["result"]
    assert log[0] == "micro"
    assert log.index("t1") < log.index("m1") < log.index("t2")
    assert [x for x in log if x.startswith("iv")] == ["iv1", "iv2", "iv3"]
    assert "never" not in log


def test_timer_objects_behave_like_node(run_js: RunJs) -> None:
    code = """
    const t = setTimeout(() => {}, 10);
    const r = [typeof t, t.hasRef(), t.unref() === t, typeof +t];
    clearTimeout(+t);
    return r;
    """
    assert run_js(code)["result"] == ["object", True, True, "number"]
    assert error_of(run_js("setTimeout('1+1', 1)"))["type"] == "TypeError"


def test_a_promise_that_can_never_settle_is_reported_not_hung(run_js: RunJs) -> None:
    error = error_of(run_js("return new Promise(() => {})"))
    assert error["type"] == "RuntimeError"
    assert "never settled" in error["message"]


def test_uncaught_error_in_a_timer_fails_the_execution(run_js: RunJs) -> None:
    code = "setTimeout(() => { throw new TypeError('in timer') }, 1); await new Promise(r => setTimeout(r, 20)); return 1"
    error = error_of(run_js(code))
    assert (error["type"], error["message"]) == ("TypeError", "in timer")


def test_console_is_captured_only_with_debug(run_js: RunJs) -> None:
    code = "console.log('a', 1, {b: [2]}); console.error('bad'); console.warn('w'); return 1"
    with_debug = run_js(code, debug=True)
    assert with_debug["console"] == [
        {"level": "log", "message": "a 1 { b: [ 2 ] }"},
        {"level": "error", "message": "bad"},
        {"level": "warn", "message": "w"},
    ]
    assert "console" not in run_js(code)


def test_console_is_returned_with_errors_too(run_js: RunJs) -> None:
    response = run_js("console.log('before'); null.x", debug=True)
    assert response["console"] == [{"level": "log", "message": "before"}]
    assert response["error"]["type"] == "TypeError"


def test_eval_and_function_constructors_are_disabled(run_js: RunJs) -> None:
    for code in [
        "return eval('1')",
        "return new Function('return 1')()",
        "return Function('return 1')()",
        "return (function(){}).constructor('return 1')()",
        "return (async function(){}).constructor('return 1')()",
        "return Object.getPrototypeOf(function*(){}).constructor('yield 1')",
    ]:
        assert error_of(run_js(code))["type"] == "EvalError", code
    # ...while ordinary uses of functions keep working.
    assert run_js("return [typeof Function, (() => 1) instanceof Function]")["result"] == [
        "function",
        True,
    ]


def test_allow_eval_enables_them(make_runner: Any) -> None:
    runner = make_runner(allow_eval=True)
    assert runner.run("return eval('1 + 1') + new Function('return 2')()")["result"] == 4


def test_require(run_js: RunJs) -> None:
    assert run_js("return typeof require('timers').setTimeout")["result"] == "function"
    assert run_js("return typeof require('node:timers').setTimeout")["result"] == "function"
    for name in ["fs", "node:fs", "child_process", "net", "os", "process", "fs/promises"]:
        error = error_of(run_js(f"require('{name}')"))
        assert error["type"] == "SecurityError", name
        available = error["message"].split("available modules: ")[1].split(", ")
        assert {"buffer", "crypto", "events", "timers", "util", "url"} <= set(available), name
    missing = error_of(run_js("require('left-pad')"))
    assert missing["type"] == "RuntimeError"
    assert missing["code"] == "MODULE_NOT_FOUND"
    assert "available modules" in missing["message"]


def test_web_crypto_basics(run_js: RunJs) -> None:
    code = """
    const a = crypto.getRandomValues(new Uint8Array(32));
    const u = crypto.randomUUID();
    return [a.length, a.some(x => x !== 0), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u)];
    """
    assert run_js(code)["result"] == [32, True, True]
    error = error_of(run_js("crypto.getRandomValues(new Uint8Array(65537))"))
    assert error["type"] == "RuntimeError" and "65536" in error["message"]
    assert error_of(run_js("crypto.getRandomValues(new Float32Array(2))"))["type"] == "RuntimeError"


def test_results_follow_json_stringify(run_js: RunJs) -> None:
    code = "return {d: new Date(0), n: NaN, i: -Infinity, u: undefined, f() {}, nested: [undefined, () => 1], z: -0}"
    assert run_js(code)["result"] == {
        "d": "1970-01-01T00:00:00.000Z",
        "n": None,
        "i": None,
        "nested": [None, None],
        "z": 0,
    }


def test_input_is_the_parsed_json_object(run_js: RunJs) -> None:
    data = {"s": "é\u2028😀", "n": [1, 2.5, -3e-7], "o": {"__proto__": 1}, "b": True, "z": None}
    assert run_js("return input", data)["result"] == data
    assert run_js("return Object.getPrototypeOf(input) === Object.prototype")["result"] is True


def test_error_name_is_reported_where_the_type_does_not_say_it(run_js: RunJs) -> None:
    custom = run_js(
        "class QuotaError extends Error { constructor(m) { super(m); this.name = 'QuotaError' } }"
        " throw new QuotaError('over')"
    )["error"]
    assert (custom["type"], custom["name"], custom["message"]) == (
        "RuntimeError",
        "QuotaError",
        "over",
    )
    plain = run_js("null.x")["error"]
    assert plain["type"] == "TypeError" and "name" not in plain
