"""Shared harness of the Buffer / string_decoder differential tests (no tests here).

Every script runs in Flowgate and in Node 20 and must give the same JSON. A
script evaluates many cases at once (a list of expressions, or a loop over
`input.cases`): each case's value is encoded by `enc` (Buffers as hex, BigInts,
NaN, -0, undefined made JSON-safe) and each thrown error becomes
`{"err": [name, code, message]}`, the message kept only for Node's coded
errors (engine-raised errors are worded by each engine).
"""

from __future__ import annotations

from typing import Any

from tests.codeblock.conftest import RunJs
from tests.node_oracle import NodeOracle

PRELUDE = r"""
const requireBuiltin = globalThis.process?.getBuiltinModule ?? require;
const bufferModule = requireBuiltin('buffer');
function enc(v) {
  if (v === undefined) return { undef: 1 };
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { num: 'NaN' };
    if (!Number.isFinite(v)) return { num: String(v) };
    if (Object.is(v, -0)) return { num: '-0' };
    return v;
  }
  if (typeof v === 'bigint') return { big: String(v) };
  if (typeof v === 'function') return { fn: v.name };
  if (typeof v === 'symbol') return { sym: String(v) };
  if (ArrayBuffer.isView(v)) {
    const tag = Buffer.isBuffer(v) ? 'Buffer' : v.constructor.name;
    return { [tag]: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex') };
  }
  if (Array.isArray(v)) return v.map(enc);
  if (v !== null && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v)) o[k] = enc(v[k]);
    return o;
  }
  return v;
}
// Arguments travel as JSON: {u} is undefined, {s: units} a string (lone surrogates
// included), {b: bytes} a Buffer, {big} a BigInt, {num} NaN/Infinity/-0.
function D(x) {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
  if ('u' in x) return undefined;
  if ('s' in x) return String.fromCharCode(...x.s);
  if ('b' in x) return Buffer.from(x.b);
  if ('big' in x) return BigInt(x.big);
  if ('num' in x) return Number(x.num);
  return x;
}
const DA = (xs) => xs.map(D);
function R(f) {
  try {
    return enc(f());
  } catch (e) {
    if (!(e instanceof Error)) return { thrown: String(e) };
    return { err: [e.name, e.code ?? null, e.code ? e.message : null] };
  }
}
"""


UNDEFINED: dict[str, Any] = {"u": 1}


def js_str(text: str) -> dict[str, Any]:
    """A string argument as UTF-16 code units (orjson cannot carry lone surrogates)."""
    raw = text.encode("utf-16-le", "surrogatepass")
    return {"s": [raw[i] | (raw[i + 1] << 8) for i in range(0, len(raw), 2)]}


def js_bytes(data: bytes) -> dict[str, Any]:
    return {"b": list(data)}


def js_num(value: float) -> Any:
    """A number argument; NaN, infinities and -0 as {num}."""
    if (
        value != value
        or value in (float("inf"), float("-inf"))
        or (value == 0 and str(value)[0] == "-")
    ):
        return {"num": str(value).replace("inf", "Infinity").replace("nan", "NaN")}
    return value


def batch_code(expressions: list[str]) -> str:
    """One script returning [R(() => expr), ...]; an item is an expression or a body with `return`."""
    stmts = [e if "return " in e else f"return {e}" for e in expressions]
    body = ",\n".join(f"  R(() => {{ {s} }})" for s in stmts)
    return f"{PRELUDE}\nreturn [\n{body}\n];"


def loop_code(body: str) -> str:
    """One script mapping `input.cases` through `body` (which sees `c`, returns a value)."""
    return f"{PRELUDE}\nreturn input.cases.map((c) => R(() => {{ {body} }}));"


def assert_same(
    run_js: RunJs,
    node: NodeOracle,
    code: str,
    inp: dict[str, Any] | None = None,
    labels: list[Any] | None = None,
) -> Any:
    """Run `code` in both engines; assert the same result (mismatches named by `labels` or the cases)."""
    ours, theirs = run_js(code, inp), node.run(code, inp)
    assert theirs["success"], theirs
    assert ours["success"], ours
    if ours["result"] != theirs["result"]:
        cases = labels if labels is not None else (inp.get("cases") if inp else None)
        mismatches = [
            (i, cases[i] if cases else None, a, b)
            for i, (a, b) in enumerate(zip(ours["result"], theirs["result"], strict=True))
            if a != b
        ]
        raise AssertionError(
            "differs from Node (index, case, ours, node):\n" + "\n".join(map(repr, mismatches[:8]))
        )
    return ours["result"]
