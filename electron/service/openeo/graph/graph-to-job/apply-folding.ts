/**
 * `apply(f)` the local engine can honour: per observation f folds into the value's band math
 * (`expression` = f(value)); after a reduction over time it folds in only where it commutes with
 * the reducer, exactly: median and mean with affine f (a·x + b, a ≠ 0), min and max with monotone
 * f (a decreasing f swaps them), first and last with monotone f (they never turn a valid value
 * into no-data); never after count. Pure.
 */
import type { ExpressionNode } from '../../../../../workers/lib/expression';
import type { TemporalReducer } from '../../../jobs/area-job-types';

type Monotone = 'inc' | 'dec' | 'const' | 'none';

interface Shape {
  monotone: Monotone;
  affine: boolean;
}

const CONST: Shape = { monotone: 'const', affine: true };
const NONE: Shape = { monotone: 'none', affine: false };

function constantValue(node: ExpressionNode): number | undefined {
  switch (node.kind) {
    case 'number': return node.value;
    case 'variable': return undefined;
    case 'negate': {
      const v = constantValue(node.operand);
      return v === undefined ? undefined : -v;
    }
    case 'binary': {
      const [a, b] = [constantValue(node.left), constantValue(node.right)];
      if (a === undefined || b === undefined) return undefined;
      return node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
    }
    case 'call': {
      const values = node.args.map(constantValue);
      if (values.some((v) => v === undefined)) return undefined;
      const v = values as number[];
      return node.name === 'min' ? Math.min(...v) : node.name === 'max' ? Math.max(...v) : node.name === 'abs' ? Math.abs(v[0]) : Math.sqrt(v[0]);
    }
  }
}

const flip = (s: Shape): Shape => ({ ...s, monotone: s.monotone === 'inc' ? 'dec' : s.monotone === 'dec' ? 'inc' : s.monotone });

function scaled(shape: Shape, factor: number | undefined): Shape {
  if (factor === undefined || !Number.isFinite(factor)) return NONE;
  if (factor === 0) return CONST;
  return factor > 0 ? shape : flip(shape);
}

function sum(a: Shape, b: Shape): Shape {
  if (a.monotone === 'const') return b;
  if (b.monotone === 'const') return a;
  const monotone = a.monotone === b.monotone && a.monotone !== 'none' ? a.monotone : 'none';
  return { monotone, affine: a.affine && b.affine && monotone !== 'none' };
}

function shapeOf(node: ExpressionNode, variable: string): Shape {
  if (constantValue(node) !== undefined) return CONST;
  switch (node.kind) {
    case 'variable': return node.name === variable ? { monotone: 'inc', affine: true } : NONE;
    case 'negate': return flip(shapeOf(node.operand, variable));
    case 'binary': {
      const [l, r] = [shapeOf(node.left, variable), shapeOf(node.right, variable)];
      if (node.op === '+') return sum(l, r);
      if (node.op === '-') return sum(l, flip(r));
      if (node.op === '*') return r.monotone === 'const' ? scaled(l, constantValue(node.right)) : l.monotone === 'const' ? scaled(r, constantValue(node.left)) : NONE;
      const divisor = constantValue(node.right);
      return r.monotone === 'const' && divisor !== undefined && divisor !== 0 ? scaled(l, 1 / divisor) : NONE;
    }
    case 'call': {
      if (node.name === 'abs' || node.name === 'sqrt') return NONE;
      const shapes = node.args.map((arg) => shapeOf(arg, variable)).filter((s) => s.monotone !== 'const');
      const directions = new Set(shapes.map((s) => s.monotone));
      return directions.size === 1 && !directions.has('none') ? { monotone: shapes[0].monotone, affine: false } : NONE;
    }
    default: return NONE;
  }
}

/** `f` with `variable` replaced by `value`. */
export function substitute(f: ExpressionNode, variable: string, value: ExpressionNode): ExpressionNode {
  switch (f.kind) {
    case 'variable': return f.name === variable ? value : f;
    case 'number': return f;
    case 'negate': return { ...f, operand: substitute(f.operand, variable, value) };
    case 'binary': return { ...f, left: substitute(f.left, variable, value), right: substitute(f.right, variable, value) };
    case 'call': return { ...f, args: f.args.map((arg) => substitute(arg, variable, value)) };
  }
}

/**
 * The reducer to use when f moves below `reducer` (reduce(f(x)) = f(reduce(x)) exactly), or a
 * reason why it cannot.
 */
export function reducerBelow(reducer: TemporalReducer, f: ExpressionNode, variable: string): { reducer: TemporalReducer } | { reason: string } {
  const shape = shapeOf(f, variable);
  if (shape.monotone === 'const' || shape.monotone === 'none') return { reason: 'the function is neither increasing nor decreasing in x' };
  switch (reducer) {
    case 'median':
    case 'mean':
      return shape.affine ? { reducer } : { reason: `after ${reducer} only an affine function (a·x + b) gives the same values` };
    case 'min':
    case 'max':
      return { reducer: shape.monotone === 'inc' ? reducer : reducer === 'min' ? 'max' : 'min' };
    case 'first':
    case 'last':
      return { reducer };
    case 'count':
      return { reason: 'a count is not a value of the observations' };
  }
}
