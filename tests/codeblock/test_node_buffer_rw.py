"""Buffer read/write of numbers against Node 20: every width, signedness and
endianness, the lowercase aliases, Node's argument checks (their order decides
which error wins) and messages. Generated cases, batched per script."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.test_node_buffer_helpers import (
    UNDEFINED,
    assert_same,
    batch_code,
    js_num,
    loop_code,
)
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

FUZZ = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

FIXED = [
    ("UInt8", 1), ("Int8", 1), ("UInt16LE", 2), ("UInt16BE", 2), ("Int16LE", 2), ("Int16BE", 2),
    ("UInt32LE", 4), ("UInt32BE", 4), ("Int32LE", 4), ("Int32BE", 4),
    ("FloatLE", 4), ("FloatBE", 4), ("DoubleLE", 8), ("DoubleBE", 8),
]  # fmt: skip
BIG = ["BigUInt64LE", "BigUInt64BE", "BigInt64LE", "BigInt64BE"]
VARIABLE = ["UIntLE", "UIntBE", "IntLE", "IntBE"]
ALIASES = [
    "Uint8", "Uint16LE", "Uint16BE", "Uint32LE", "Uint32BE", "UintLE", "UintBE",
    "BigUint64LE", "BigUint64BE",
]  # fmt: skip

offsets = st.one_of(
    st.integers(-2, 12),
    st.sampled_from([UNDEFINED, None, "1", 1.5, 2**32, -(2**40), 2**53]),
    st.sampled_from([float("nan"), float("inf"), -0.0]).map(js_num),
)
byte_lengths = st.one_of(st.integers(0, 7), st.sampled_from([UNDEFINED, "3", 2.5, None]))


def as_number(value: int) -> int | float:
    """JS numbers: integers past 2**53 travel as floats (JSON input is 64-bit at most)."""
    return value if abs(value) <= 2**53 else float(value)


def int_values(bits: int) -> st.SearchStrategy[Any]:
    edge = 2**bits
    return st.one_of(
        st.integers(-edge, edge).map(as_number),
        st.sampled_from([edge // 2 - 1, -(edge // 2), edge - 1, edge // 2, -(edge // 2) - 1]).map(
            as_number
        ),
        st.floats(allow_nan=True, allow_infinity=True).map(js_num),
        st.sampled_from(["12", "x", None, True, UNDEFINED]),
    )


def big_values() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(-(2**64), 2**65).map(lambda v: {"big": str(v)}),
        st.sampled_from([2**63 - 1, -(2**63), 2**64 - 1, 2**63, -(2**63) - 1, 2**64]).map(
            lambda v: {"big": str(v)}
        ),
        st.sampled_from([1, 0.5, "1", UNDEFINED]),
    )


@st.composite
def rw_case(draw: st.DrawFn) -> list[Any]:
    """[size, bytes seed, method, args] for one read or write call."""
    kind = draw(st.sampled_from(["fixed", "big", "variable"]))
    size = draw(st.integers(0, 12))
    seed = draw(st.binary(min_size=12, max_size=12))
    op = draw(st.sampled_from(["read", "write"]))
    if kind == "fixed":
        name, width = draw(st.sampled_from(FIXED))
        args = [draw(int_values(width * 8))] if op == "write" else []
        args += draw(st.lists(offsets, max_size=1))
    elif kind == "big":
        name = draw(st.sampled_from(BIG))
        args = [draw(big_values())] if op == "write" else []
        args += draw(st.lists(offsets, max_size=1))
    else:
        name = draw(st.sampled_from(VARIABLE))
        width = draw(st.integers(1, 6))
        args = [draw(int_values(width * 8))] if op == "write" else []
        args += [draw(offsets), draw(st.one_of(st.just(width), byte_lengths))]
    return [size, list(seed), f"{op}{name}", args]


RW_BODY = """const [n, seed, m, args] = c; const b = Buffer.from(seed.slice(0, n));
return [R(() => b[m](...DA(args))), b]"""


@FUZZ
@given(cases=st.lists(rw_case(), min_size=1, max_size=40))
def test_number_read_write_matches_node(run_js: RunJs, node: NodeOracle, cases: list[Any]) -> None:
    assert_same(run_js, node, loop_code(RW_BODY), {"cases": cases})


@FUZZ
@given(
    cases=st.lists(
        st.tuples(
            st.sampled_from(FIXED + [(n, 8) for n in BIG]), st.binary(min_size=8, max_size=8)
        ),
        min_size=1,
        max_size=40,
    )
)
def test_read_back_what_was_written_matches_node(
    run_js: RunJs, node: NodeOracle, cases: list[Any]
) -> None:
    body = """const [[name], seed] = c; const b = Buffer.from(seed);
    const v = b['read' + name](0); const t = Buffer.alloc(8); const end = t['write' + name](v, 0);
    return [v, end, t]"""
    assert_same(run_js, node, loop_code(body), {"cases": [[list(x[0]), list(x[1])] for x in cases]})


def test_aliases_are_the_same_functions(run_js: RunJs, node: NodeOracle) -> None:
    exprs = [
        f"[Buffer.prototype.read{a} === Buffer.prototype.read{a.replace('int', 'Int')}, "
        f"Buffer.prototype.write{a} === Buffer.prototype.write{a.replace('int', 'Int')}]"
        for a in ALIASES
    ]
    result = assert_same(run_js, node, batch_code(exprs), labels=exprs)
    assert all(r == [True, True] for r in result)


FIXED_CASES = [
    "Buffer.from([1, 2, 3, 4]).readUInt32LE()",
    "Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).readIntBE(0, 6)",
    "Buffer.from([0x80, 0, 0, 0, 0, 0]).readIntBE(0, 6)",
    "Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).readUIntLE(0, 6)",
    "Buffer.alloc(6).writeIntLE(-(2 ** 47), 0, 6)",
    "const b = Buffer.alloc(6); b.writeIntBE(-123456789012, 0, 6); return b",
    "const b = Buffer.alloc(5); b.writeUIntLE(2 ** 40 - 1, 0, 5); return b",
    "const b = Buffer.alloc(5); b.writeIntLE(-1.5, 0, 5); return b",
    "const b = Buffer.alloc(4); b.writeFloatBE(NaN); return b",
    "const b = Buffer.alloc(4); b.writeFloatLE(1e40); return [b, b.readFloatLE()]",
    "const b = Buffer.alloc(8); b.writeDoubleBE(-0); return [b, Object.is(b.readDoubleBE(), -0)]",
    "const b = Buffer.alloc(8); b.writeBigInt64LE(-1n); return [b, b.readBigUInt64LE(), b.readBigInt64BE()]",
    "Buffer.alloc(8).writeBigInt64LE(1)",
    "Buffer.alloc(8).writeBigUInt64BE(-1n)",
    "Buffer.alloc(8).writeBigUInt64BE(2n ** 64n)",
    "Buffer.alloc(8).writeBigInt64BE(2n ** 63n)",
    "Buffer.alloc(4).writeUInt32LE(2 ** 32)",
    "Buffer.alloc(4).writeInt32LE(-(2 ** 31) - 1)",
    "Buffer.alloc(6).writeUIntBE(2 ** 48, 0, 6)",
    "Buffer.alloc(6).writeIntBE(2 ** 47, 0, 6)",
    "Buffer.alloc(5).writeIntBE(2 ** 39, 0, 5)",
    "Buffer.alloc(3).writeUIntBE(2 ** 24, 0, 3)",
    "Buffer.alloc(2).writeInt16BE(40000)",
    "Buffer.alloc(1).writeUInt8(256)",
    "Buffer.alloc(1).writeInt8(-129, 5)",
    "Buffer.alloc(1).writeUInt8(1, 1)",
    "Buffer.alloc(4).writeUInt16LE(1, 3)",
    "Buffer.alloc(4).writeUInt16LE(70000, 3)",
    "Buffer.alloc(4).readUIntLE(0, 7)",
    "Buffer.alloc(4).readUIntLE(0)",
    "Buffer.alloc(4).readUIntLE()",
    "Buffer.alloc(4).writeUIntLE(1, 0)",
    "Buffer.alloc(4).writeUIntLE(1)",
    "Buffer.alloc(4).writeUIntLE(1, 0, '2')",
    "Buffer.alloc(4).readIntBE(0, 2.5)",
    "Buffer.alloc(0).readUInt8()",
    "Buffer.alloc(2).readUInt32LE()",
    "Buffer.alloc(8).readDoubleLE(1)",
    "Buffer.alloc(8).readBigInt64LE(-1)",
    "Buffer.alloc(8).readBigInt64LE('0')",
    "Buffer.alloc(8).readFloatBE(2 ** 53)",
    "Buffer.alloc(8).writeFloatBE(1, 5)",
    "Buffer.alloc(8).writeDoubleLE(Symbol('x'))",
    "Buffer.alloc(8).writeDoubleLE('2.5')",
    "Buffer.alloc(4).writeInt32BE(0x7fffffff + 0.5)",
    "const b = Buffer.alloc(4); return [b.writeUInt16BE(0xabcd, 1), b]",
    "const b = Buffer.alloc(4); return [b.writeUint32BE(0xdeadbeef), b.readUint32BE(), b.readInt32BE()]",
]


def test_number_edge_cases_match_node(run_js: RunJs, node: NodeOracle) -> None:
    assert_same(run_js, node, batch_code(FIXED_CASES), labels=FIXED_CASES)
