/**
 * A fused kernel for the commonest band math, (a − b) / (a + b) — NDVI, NDWI, NBR: one pass
 * instead of the generic evaluator's three block passes. Bit-identical to it: each operation in
 * float64 from the float32 inputs, one rounding to float32 at the store, and — the expression
 * language's rule — NaN where the denominator is 0 (not ±Infinity). Pure.
 */
import type { ExpressionNode } from '../../lib/expression';
import { nodataValue, type RadiometricScaling } from '../../lib/radiometry';

export interface NormalizedDifference {
  a: string;
  b: string;
}

function variable(node: ExpressionNode): string | null {
  return node.kind === 'variable' ? node.name : null;
}

/** `{a, b}` when the expression is exactly (a - b) / (a + b) (or (a - b) / (b + a)), else null. */
export function normalizedDifferenceOf(ast: ExpressionNode): NormalizedDifference | null {
  if (ast.kind !== 'binary' || ast.op !== '/') return null;
  const { left, right } = ast;
  if (left.kind !== 'binary' || left.op !== '-' || right.kind !== 'binary' || right.op !== '+') return null;
  const a = variable(left.left);
  const b = variable(left.right);
  const c = variable(right.left);
  const d = variable(right.right);
  if (!a || !b || a === b) return null;
  return (c === a && d === b) || (c === b && d === a) ? { a, b } : null;
}

export function normalizedDifference(a: Float32Array, b: Float32Array, out: Float32Array): Float32Array {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    const sum = x + y;
    out[i] = sum === 0 ? NaN : (x - y) / sum;
  }
  return out;
}

/**
 * Radiometry and the normalized difference in one pass from the raw DN of two bands on the same
 * grid: exactly applyRadiometry (float32 reflectance, NaN for nodata) followed by
 * normalizedDifference, without writing the two reflectance rasters in between.
 */
export function normalizedDifferenceOfDn(a: Float32Array, sa: RadiometricScaling, b: Float32Array, sb: RadiometricScaling, out: Float32Array): Float32Array {
  const [scaleA, offsetA, nodataA] = [sa.scale ?? 1, sa.offset ?? 0, nodataValue(sa.nodata)];
  const [scaleB, offsetB, nodataB] = [sb.scale ?? 1, sb.offset ?? 0, nodataValue(sb.nodata)];
  // NaN nodata needs no comparison: NaN input stays NaN through the arithmetic.
  const checkA = nodataA !== undefined && !Number.isNaN(nodataA);
  const checkB = nodataB !== undefined && !Number.isNaN(nodataB);
  const fround = Math.fround;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const dnA = a[i];
    const dnB = b[i];
    const x = checkA && dnA === nodataA ? NaN : fround(dnA * scaleA + offsetA);
    const y = checkB && dnB === nodataB ? NaN : fround(dnB * scaleB + offsetB);
    const sum = x + y;
    out[i] = sum === 0 ? NaN : (x - y) / sum;
  }
  return out;
}
