/**
 * A fused kernel for the commonest band math, (a − b) / (a + b) — NDVI, NDWI, NBR: one pass
 * instead of the generic evaluator's three block passes. Bit-identical to it: each operation in
 * float64 from the float32 inputs, one rounding to float32 at the store. Pure.
 */
import type { ExpressionNode } from '../../lib/expression';

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
    out[i] = (x - y) / (x + y);
  }
  return out;
}
