"""Bridge op: scalar multiplication on the SM2 curve for sm-crypto-v2 (`require('sm-crypto-v2')`).

Why: sm-crypto-v2 multiplies points with @noble/curves, whose BigInt arithmetic is ~100x
slower in QuickJS than in V8, and whose base-point table (4224 points) would be rebuilt in
every execution, since contexts are fresh: a key generation, signature or encryption took
200-300 ms. In Python a multiple of the base point takes ~0.6 ms (a table built once per
process), of another point ~2 ms. The op is pure math on public curve parameters: the JS side
(assets/shims/sm2-host.js) keeps noble's argument checks and error messages, and builds
noble's point from the affine result, so every output stays bit-identical. Not constant-time
(noble's `multiply` tries to be); the script and the host are the only parties that see the
timing.
"""

from __future__ import annotations

from typing import Any

from flowgate.codeblock.bridge.registry import BridgeError, op

# GB/T 32918.5-2017 recommended curve parameters (a = p - 3).
P = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF
B = 0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93
N = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123
GX = 0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7
GY = 0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0

Jacobian = tuple[int, int, int]


def _double(pt: Jacobian) -> Jacobian:
    """dbl-2001-b (a = -3); Z = 0 is the point at infinity."""
    x1, y1, z1 = pt
    if z1 == 0 or y1 == 0:
        return (0, 1, 0)
    delta = z1 * z1 % P
    gamma = y1 * y1 % P
    beta = x1 * gamma % P
    alpha = 3 * (x1 - delta) * (x1 + delta) % P
    x3 = (alpha * alpha - 8 * beta) % P
    z3 = ((y1 + z1) ** 2 - gamma - delta) % P
    y3 = (alpha * (4 * beta - x3) - 8 * gamma * gamma) % P
    return (x3, y3, z3)


def _add_affine(pt: Jacobian, x2: int, y2: int) -> Jacobian:
    """madd-2007-bl: Jacobian + affine."""
    x1, y1, z1 = pt
    if z1 == 0:
        return (x2, y2, 1)
    z1z1 = z1 * z1 % P
    u2 = x2 * z1z1 % P
    s2 = y2 * z1 * z1z1 % P
    h = (u2 - x1) % P
    r = 2 * (s2 - y1) % P
    if h == 0:
        return _double(pt) if r == 0 else (0, 1, 0)
    hh = h * h % P
    i = 4 * hh % P
    j = h * i % P
    v = x1 * i % P
    x3 = (r * r - j - 2 * v) % P
    y3 = (r * (v - x3) - 2 * y1 * j) % P
    z3 = ((z1 + h) ** 2 - z1z1 - hh) % P
    return (x3, y3, z3)


def _affine(pt: Jacobian) -> tuple[int, int] | None:
    if pt[2] == 0:
        return None
    zinv = pow(pt[2], -1, P)
    zinv2 = zinv * zinv % P
    return (pt[0] * zinv2 % P, pt[1] * zinv2 * zinv % P)


_BASE_TABLE: list[list[tuple[int, int]]] | None = None


def _normalize(points: list[Jacobian]) -> list[tuple[int, int]]:
    """Affine forms of finite Jacobian points with one inversion (Montgomery's trick)."""
    prefix = [1]
    for pt in points:
        prefix.append(prefix[-1] * pt[2] % P)
    inv = pow(prefix[-1], -1, P)
    out: list[tuple[int, int]] = [(0, 0)] * len(points)
    for i in range(len(points) - 1, -1, -1):
        zinv = inv * prefix[i] % P
        inv = inv * points[i][2] % P
        zinv2 = zinv * zinv % P
        out[i] = (points[i][0] * zinv2 % P, points[i][1] * zinv2 * zinv % P)
    return out


def _base_table() -> list[list[tuple[int, int]]]:
    """table[i][j - 1] = j * 16**i * G (affine), j = 1..15: built once per process (64
    inversions, a few ms; two threads racing both build it and one result wins), so a
    multiple of G is at most 64 additions and no doublings (every SM2 key generation,
    signature and encryption needs one)."""
    global _BASE_TABLE
    if _BASE_TABLE is None:
        table: list[list[tuple[int, int]]] = []
        base = (GX, GY)
        for _ in range(64):
            row: list[Jacobian] = []
            acc: Jacobian = (0, 1, 0)
            for _j in range(16):  # 1..16 times base; j * 16**i < n: never infinity
                acc = _add_affine(acc, *base)
                row.append(acc)
            affine = _normalize(row)
            table.append(affine[:15])
            base = affine[15]
        _BASE_TABLE = table
    return _BASE_TABLE


def multiply(x: int, y: int, k: int) -> tuple[int, int] | None:
    """k * (x, y) in affine coordinates, None for the point at infinity (0 <= k < 2**256)."""
    acc: Jacobian = (0, 1, 0)
    if x == GX and y == GY:
        table = _base_table()
        for i in range(64):
            nibble = (k >> (4 * i)) & 15
            if nibble:
                acc = _add_affine(acc, *table[i][nibble - 1])
        return _affine(acc)
    return _double_and_add(x, y, k)


def _double_and_add(x: int, y: int, k: int) -> tuple[int, int] | None:
    """Any other point: left-to-right double-and-add (a 4-bit window measured no better)."""
    acc: Jacobian = (0, 1, 0)
    for bit in bin(k)[2:]:
        acc = _double(acc)
        if bit == "1":
            acc = _add_affine(acc, x, y)
    return _affine(acc)


def _field(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < P:
        raise BridgeError(f"sm2.mul: {name} must be a field element", type="TypeError")
    return value


@op("sm2.mul")
def sm2_mul(px: Any, py: Any, pz: Any, k: Any) -> list[int] | None:
    """`k * (X:Y:Z)` for noble's homogeneous projective point, as affine `[x, y]`, or None
    when the result is the point at infinity (also for Z = 0). The JS side checked
    1 <= k < n and that the point is on the curve (noble validates every point it builds)."""
    x, y, z = _field(px, "X"), _field(py, "Y"), _field(pz, "Z")
    if not isinstance(k, int) or isinstance(k, bool) or not 0 < k < N:
        raise BridgeError("sm2.mul: scalar out of range", type="RangeError")
    if z == 0:
        return None
    zinv = pow(z, -1, P)
    result = multiply(x * zinv % P, y * zinv % P, k)
    return None if result is None else [result[0], result[1]]
