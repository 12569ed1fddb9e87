"""Globals are created lazily inside the engine; to user code they must look like Node's."""

from __future__ import annotations

import pytest

from tests.codeblock.conftest import RunJs
from tests.node_oracle import NodeOracle

LAZY = [
    "Date",
    "ArrayBuffer",
    "SharedArrayBuffer",
    "Atomics",
    "DataView",
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "BigInt64Array",
    "BigUint64Array",
    "Float32Array",
    "Float64Array",
    "WeakRef",
    "FinalizationRegistry",
    "DOMException",
    "atob",
    "btoa",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "console",
    "crypto",
    "setTimeout",
    "setInterval",
    "setImmediate",
    "clearTimeout",
    "clearInterval",
    "clearImmediate",
    "URL",
    "URLSearchParams",
    "TextEncoder",
    "TextDecoder",
    "structuredClone",
    "queueMicrotask",
    "performance",
    "globalThis",
    "global",
]


@pytest.mark.node
def test_typeof_and_descriptors_match_node(run_js: RunJs, node: NodeOracle) -> None:
    code = f"""
    return {LAZY!r}.map(name => {{
      const d = Object.getOwnPropertyDescriptor(globalThis, name);
      return [name, typeof globalThis[name], !!d && d.enumerable, !!d && d.configurable];
    }});
    """
    assert run_js(code)["result"] == node.run(code)["result"]


def test_lazy_globals_read_as_plain_data_properties(run_js: RunJs) -> None:
    code = f"""
    return {LAZY!r}.filter(name => {{
      const d = Object.getOwnPropertyDescriptor(globalThis, name);
      return !(d && 'value' in d && d.writable);
    }});
    """
    assert run_js(code)["result"] == []


def test_lazy_globals_work_in_any_order(run_js: RunJs) -> None:
    code = """
    const m = new Map([[1, 'a']]);
    const u8 = new Uint8Array([1, 2, 3]);
    const d = new Date(86400000);
    const view = new DataView(u8.buffer);
    return [m.get(1), new Set([1, 1, 2]).size, u8.reduce((a, b) => a + b), d.toISOString(),
            view.getUint8(2), btoa('hi'), atob('aGk='), typeof new WeakMap(), typeof new WeakRef({}),
            Array.from(new Map([[2, 3]]).entries()), Object.prototype.toString.call(u8)];
    """
    assert run_js(code)["result"] == [
        "a",
        2,
        6,
        "1970-01-02T00:00:00.000Z",
        3,
        "aGk=",
        "hi",
        "object",
        "object",
        [[2, 3]],
        "[object Uint8Array]",
    ]


def test_assigning_a_lazy_global_before_reading_it(run_js: RunJs) -> None:
    code = """
    globalThis.Uint8Array = 'mine';
    Date = 7;
    return [Uint8Array, typeof Int8Array, new Int8Array(2).length, Date, typeof Map];
    """
    assert run_js(code)["result"] == ["mine", "function", 2, 7, "function"]


def test_deleting_a_lazy_global(run_js: RunJs) -> None:
    assert run_js("delete globalThis.Map; return typeof Map")["result"] == "undefined"
    assert run_js("return typeof Map")["result"] == "function"


def test_instances_of_lazy_classes_cross_module_boundaries(run_js: RunJs) -> None:
    code = """
    const enc = new TextEncoder().encode('é');
    return [enc instanceof Uint8Array, Array.from(enc), structuredClone(new Map([[1, 2]])) instanceof Map];
    """
    assert run_js(code)["result"] == [True, [195, 169], True]
