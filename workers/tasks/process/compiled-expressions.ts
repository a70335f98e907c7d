/**
 * Band math compiled once per thread and kept (a few dozen expressions at most): the fused
 * (a − b) / (a + b) kernel when the expression is exactly that, else the vectorised evaluator.
 */
import { compileExpression, parseExpression, type CompiledExpression } from '../../lib/expression';
import { normalizedDifference, normalizedDifferenceOf, type NormalizedDifference } from './normalized-difference';

export interface Compiled {
  names: readonly string[];
  /** (a − b) / (a + b) over two identifiers, when the expression is exactly that. */
  nd: NormalizedDifference | null;
  evaluate(inputs: Record<string, Float32Array>, out: Float32Array): Float32Array;
}

const compiled = new Map<string, Compiled>();

function compile(expression: string): Compiled {
  const ast = parseExpression(expression);
  const nd = normalizedDifferenceOf(ast);
  if (nd) return { names: [nd.a, nd.b], nd, evaluate: (inputs, out) => normalizedDifference(inputs[nd.a], inputs[nd.b], out) };
  const fn: CompiledExpression = compileExpression(ast);
  return { names: fn.variables, nd: null, evaluate: (inputs, out) => fn(inputs, out) };
}

export function compiledExpression(expression: string): Compiled {
  let fn = compiled.get(expression);
  if (!fn) {
    fn = compile(expression);
    if (compiled.size > 64) compiled.clear();
    compiled.set(expression, fn);
  }
  return fn;
}
