/**
 * The scalar meaning of every operator and function, used for constant folding; the loops of both
 * evaluators implement exactly these rules. Division by zero is NaN (not ±Infinity): in band math
 * a zero denominator means "no answer" (e.g. NDVI where nir + red = 0), and NaN is our nodata.
 */
import type { FunctionName } from './functions';
import type { Operator } from './tokens';

export function applyOperator(op: Operator, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? NaN : a / b;
  }
}

/** Math.min/Math.max already propagate NaN, which is what we want. */
export function applyFunction(name: FunctionName, args: readonly number[]): number {
  switch (name) {
    case 'min': return Math.min(...args);
    case 'max': return Math.max(...args);
    case 'abs': return Math.abs(args[0]);
    case 'sqrt': return Math.sqrt(args[0]);
  }
}
