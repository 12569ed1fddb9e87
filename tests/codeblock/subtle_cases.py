"""Shared pieces of the WebCrypto differential tests: a JS prelude and the comparison."""

from __future__ import annotations

from typing import Any

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import NODE_REQUIRE
from tests.node_oracle import NodeOracle

# Helpers usable in both engines (no Buffer, no toHex: Node 20 lacks Uint8Array.prototype.toHex).
PRELUDE = """
const s = crypto.subtle;
const hex = (b) => Array.from(new Uint8Array(b.buffer ? b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) : b),
  (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (h) => new Uint8Array((h.match(/../g) || []).map((x) => parseInt(x, 16)));
const bytes = (n, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) & 255);
const enc = (t) => new TextEncoder().encode(t);
const err = (e) => [e.name, e.constructor.name, typeof e.code === 'number' ? e.code : (e.code || null)];
async function attempt(f) {
  try {
    const r = await f();
    if (r instanceof ArrayBuffer) return ['AB', hex(r)];
    return r;
  } catch (e) { return ['ERR', ...err(e)]; }
}
async function all(fs) { const out = []; for (const f of fs) out.push(await attempt(f)); return out; }
const shape = (k) => [k.type, k.extractable, JSON.stringify(k.algorithm, (key, v) => v instanceof Uint8Array ? 'u8:' + hex(v) : v), k.usages];
"""


def both(run_js: RunJs, node: NodeOracle, body: str, inp: dict[str, Any] | None = None) -> Any:
    """Run PRELUDE + body in both engines; assert same outcome; return Node's result."""
    code = PRELUDE + body
    ours, theirs = run_js(code, inp), node.run(NODE_REQUIRE + code, inp)
    assert theirs["success"], theirs
    assert ours["success"], ours
    mine, want = ours["result"], theirs["result"]
    if isinstance(want, list) and isinstance(mine, list) and len(mine) == len(want):
        diffs = [(i, m, w) for i, (m, w) in enumerate(zip(mine, want, strict=True)) if m != w]
        assert not diffs, diffs
    assert mine == want
    return want
