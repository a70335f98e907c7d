/**
 * Per-pixel evaluator: the AST becomes a tree of scalar closures called once per pixel. Kept as
 * the simple reference the vectorised evaluator is checked and benchmarked against; it is the
 * slower of the two (see compile-vectorised.ts), so `compileExpression` is the vectorised one.
 */
import { variables, type ExpressionNode } from './ast';
import { bindInputs, type BandInputs, type CompiledExpression } from './bind-inputs';

type PixelFn = (arrays: readonly Float32Array[], i: number) => number;

export function compileExpressionPerPixel(ast: ExpressionNode): CompiledExpression {
  const names = variables(ast);
  const root = compilePixelNode(ast, names);
  const evaluate = (inputs: BandInputs, out?: Float32Array): Float32Array => {
    const { arrays, length } = bindInputs(names, inputs, out);
    const target = out ?? new Float32Array(length);
    for (let i = 0; i < length; i++) target[i] = root(arrays, i);
    return target;
  };
  return Object.assign(evaluate, { variables: names });
}

function compilePixelNode(node: ExpressionNode, names: readonly string[]): PixelFn {
  switch (node.kind) {
    case 'number': {
      const value = node.value;
      return () => value;
    }
    case 'variable': {
      const slot = names.indexOf(node.name);
      return (arrays, i) => arrays[slot][i];
    }
    case 'negate': {
      const operand = compilePixelNode(node.operand, names);
      return (arrays, i) => -operand(arrays, i);
    }
    case 'binary': {
      const left = compilePixelNode(node.left, names);
      const right = compilePixelNode(node.right, names);
      switch (node.op) {
        case '+': return (arrays, i) => left(arrays, i) + right(arrays, i);
        case '-': return (arrays, i) => left(arrays, i) - right(arrays, i);
        case '*': return (arrays, i) => left(arrays, i) * right(arrays, i);
        case '/': return (arrays, i) => {
          const d = right(arrays, i);
          return d === 0 ? NaN : left(arrays, i) / d; // same rule as scalar-ops.applyOperator
        };
      }
      break;
    }
    case 'call': {
      const args = node.args.map((arg) => compilePixelNode(arg, names));
      const first = args[0];
      switch (node.name) {
        case 'abs': return (arrays, i) => Math.abs(first(arrays, i));
        case 'sqrt': return (arrays, i) => Math.sqrt(first(arrays, i));
        case 'min':
        case 'max': {
          const pick = node.name === 'min' ? Math.min : Math.max;
          return (arrays, i) => {
            let value = first(arrays, i);
            for (let k = 1; k < args.length; k++) value = pick(value, args[k](arrays, i));
            return value;
          };
        }
      }
    }
  }
}
