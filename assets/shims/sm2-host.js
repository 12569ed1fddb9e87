// Point multiplication on sm-crypto-v2's SM2 curve through the host bridge
// (op `sm2.mul`, src/flowgate/codeblock/bridge/sm2.py): noble's BigInt wNAF is
// 200-300 ms per multiplication in QuickJS once its base table is rebuilt in a
// fresh context; the host does it in about a millisecond. Only the arithmetic
// moves: noble's scalar check (and its error) and its point class stay, and the
// result is noble's point built from the affine coordinates, so outputs are
// identical. Applied to the curve object as it is created (assets/modules/sm-crypto-v2.mjs).
export function hostMultiply(curve) {
  const Point = curve.ProjectivePoint;
  const N = curve.CURVE.n;
  let bridge = null; // loaded at the first multiplication
  const nobleMultiply = Point.prototype.multiply;
  Point.prototype.multiply = function multiply(scalar) {
    // Anything noble would refuse goes to noble, which throws its own error.
    if (typeof scalar !== 'bigint' || scalar <= 0n || scalar >= N) return nobleMultiply.call(this, scalar);
    if (bridge === null) bridge = require('internal/bridge');
    const r = bridge.call('sm2.mul', this.X, this.Y, this.Z, scalar);
    return r === null ? Point.ZERO : Point.fromAffine({ x: BigInt(r[0]), y: BigInt(r[1]) });
  };
  return curve;
}
