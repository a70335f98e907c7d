/**
 * Vectorised evaluator (the one `compileExpression` returns): the AST becomes a tree of closures,
 * each running one tight loop over a block of BLOCK pixels into its own Float64Array, so
 * intermediates stay small and cache-resident whatever the tile size. Input bands are read in
 * place (no copy); constant subtrees are folded at compile time and scalar operands get their own
 * loops, so `2.5 * x` never materialises an array of 2.5s. Intermediates are float64, so the only
 * rounding to float32 is the final store.
 *
 * Why not per pixel: a per-pixel closure tree is fast only while V8 sees a single expression
 * (monomorphic call sites get inlined); once a long-lived worker has compiled a few expressions
 * its call sites go megamorphic and it runs 3–8× slower than this. Numbers in
 * test/unit/workers/expression-speed.test.ts.
 */
import { variables, type ExpressionNode } from './ast';
import { bindInputs, type BandInputs, type CompiledExpression } from './bind-inputs';
import type { FunctionName } from './functions';
import { applyFunction, applyOperator } from './scalar-ops';
import type { Operator } from './tokens';

/** Evaluates pixels [start, start + n) into the first n entries of the node's block buffer. */
type VectorFn = (arrays: readonly Float32Array[], start: number, n: number) => Vec;
/** Inputs are read in place as Float32Array views; intermediates are Float64Array. */
type Vec = Float32Array | Float64Array;

const BLOCK = 4096;
type Compiled = { readonly constant: number; readonly run?: undefined } | { readonly constant?: undefined; readonly run: VectorFn };

export function compileExpression(ast: ExpressionNode): CompiledExpression {
  const names = variables(ast);
  const root = compileNode(ast, names);
  const evaluate = (inputs: BandInputs, out?: Float32Array): Float32Array => {
    const { arrays, length } = bindInputs(names, inputs, out);
    const target = out ?? new Float32Array(length);
    const run = root.run;
    if (!run) return target.fill(root.constant);
    for (let start = 0; start < length; start += BLOCK) {
      const n = Math.min(BLOCK, length - start);
      const block = run(arrays, start, n);
      for (let i = 0; i < n; i++) target[start + i] = block[i];
    }
    return target;
  };
  return Object.assign(evaluate, { variables: names });
}

/** A per-node block buffer, allocated on first use. */
function scratch(): () => Float64Array {
  let buffer: Float64Array | undefined;
  return () => (buffer ??= new Float64Array(BLOCK));
}

function compileNode(node: ExpressionNode, names: readonly string[]): Compiled {
  switch (node.kind) {
    case 'number':
      return { constant: node.value };
    case 'variable': {
      const slot = names.indexOf(node.name);
      return { run: (arrays, start, n) => arrays[slot].subarray(start, start + n) };
    }
    case 'negate': {
      const operand = compileNode(node.operand, names);
      return operand.run ? { run: unaryLoop('negate', operand.run) } : { constant: -operand.constant };
    }
    case 'binary':
      return compileBinary(node.op, compileNode(node.left, names), compileNode(node.right, names));
    case 'call':
      return compileCall(node.name, node.args.map((arg) => compileNode(arg, names)));
  }
}

type UnaryOp = 'negate' | 'abs' | 'sqrt';

/** One loop per operation (not a callback per element) so each loop stays monomorphic. */
function unaryLoop(op: UnaryOp, operand: VectorFn): VectorFn {
  const buffer = scratch();
  return (arrays, start, n) => {
    const a = operand(arrays, start, n);
    const out = buffer();
    switch (op) {
      case 'negate': for (let i = 0; i < n; i++) out[i] = -a[i]; break;
      case 'abs': for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]); break;
      case 'sqrt': for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i]); break;
    }
    return out;
  };
}

function compileBinary(op: Operator, left: Compiled, right: Compiled): Compiled {
  const l = left.run;
  const r = right.run;
  const buffer = scratch();
  if (l && r) return { run: (arrays, start, n) => arrayArray(op, l(arrays, start, n), r(arrays, start, n), buffer(), n) };
  if (l) {
    const s = right.constant as number;
    return { run: (arrays, start, n) => arrayScalar(op, l(arrays, start, n), s, buffer(), n) };
  }
  if (r) {
    const s = left.constant as number;
    return { run: (arrays, start, n) => scalarArray(op, s, r(arrays, start, n), buffer(), n) };
  }
  return { constant: applyOperator(op, left.constant as number, right.constant as number) };
}

function arrayArray(op: Operator, a: Vec, b: Vec, out: Float64Array, n: number): Float64Array {
  switch (op) {
    case '+': for (let i = 0; i < n; i++) out[i] = a[i] + b[i]; break;
    case '-': for (let i = 0; i < n; i++) out[i] = a[i] - b[i]; break;
    case '*': for (let i = 0; i < n; i++) out[i] = a[i] * b[i]; break;
    case '/': for (let i = 0; i < n; i++) { const d = b[i]; out[i] = d === 0 ? NaN : a[i] / d; } break;
  }
  return out;
}

function arrayScalar(op: Operator, a: Vec, s: number, out: Float64Array, n: number): Float64Array {
  switch (op) {
    case '+': for (let i = 0; i < n; i++) out[i] = a[i] + s; break;
    case '-': for (let i = 0; i < n; i++) out[i] = a[i] - s; break;
    case '*': for (let i = 0; i < n; i++) out[i] = a[i] * s; break;
    case '/':
      if (s === 0) out.fill(NaN, 0, n);
      else for (let i = 0; i < n; i++) out[i] = a[i] / s;
      break;
  }
  return out;
}

function scalarArray(op: Operator, s: number, b: Vec, out: Float64Array, n: number): Float64Array {
  switch (op) {
    case '+': for (let i = 0; i < n; i++) out[i] = s + b[i]; break;
    case '-': for (let i = 0; i < n; i++) out[i] = s - b[i]; break;
    case '*': for (let i = 0; i < n; i++) out[i] = s * b[i]; break;
    case '/': for (let i = 0; i < n; i++) { const d = b[i]; out[i] = d === 0 ? NaN : s / d; } break;
  }
  return out;
}

function compileCall(name: FunctionName, args: Compiled[]): Compiled {
  const constants = args.flatMap((arg) => (arg.run ? [] : [arg.constant]));
  const vectors = args.flatMap((arg) => (arg.run ? [arg.run] : []));
  if (vectors.length === 0) return { constant: applyFunction(name, constants) };
  switch (name) {
    case 'abs':
    case 'sqrt': return { run: unaryLoop(name, vectors[0]) };
    case 'min':
    case 'max': return { run: extremum(name, vectors, constants) };
  }
}

/** n-ary min/max: constants folded into one scalar first; Math.min/max propagate NaN. */
function extremum(name: 'min' | 'max', vectors: readonly VectorFn[], constants: readonly number[]): VectorFn {
  const buffer = scratch();
  const isMin = name === 'min';
  const folded = constants.length > 0 ? applyFunction(name, constants) : undefined;
  return (arrays, start, n) => {
    const out = buffer();
    const first = vectors[0](arrays, start, n);
    for (let i = 0; i < n; i++) out[i] = first[i];
    for (let k = 1; k < vectors.length; k++) {
      const v = vectors[k](arrays, start, n);
      if (isMin) for (let i = 0; i < n; i++) out[i] = Math.min(out[i], v[i]);
      else for (let i = 0; i < n; i++) out[i] = Math.max(out[i], v[i]);
    }
    if (folded !== undefined) {
      if (isMin) for (let i = 0; i < n; i++) out[i] = Math.min(out[i], folded);
      else for (let i = 0; i < n; i++) out[i] = Math.max(out[i], folded);
    }
    return out;
  };
}
