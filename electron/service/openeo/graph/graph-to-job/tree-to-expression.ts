/**
 * Callback trees as ASTRA band math: `add`/`subtract`/`multiply`/`divide`, `normalized_difference`,
 * `min`/`max` over an array, `absolute`, `sqrt`, `linear_scale_range` (clipped, as openEO defines
 * it: `(min(max(x, inMin), inMax) − inMin) / (inMax − inMin) · (outMax − outMin) + outMin`) and
 * numbers; the leaves (bands, `apply`'s x) are the caller's. Anything else is refused. Pure.
 */
import type { ExpressionNode } from '../../../../../workers/lib/expression';
import { num } from '../expression-text';
import { describeTree, isAbsentOr, type CallbackTree } from './callback-tree';

export type Leaf = (tree: CallbackTree) => ExpressionNode | undefined;

const BINARY = { add: '+', subtract: '-', multiply: '*', divide: '/' } as const;

const binary = (op: '+' | '-' | '*' | '/', left: ExpressionNode, right: ExpressionNode): ExpressionNode => ({ kind: 'binary', op, left, right, position: 0 });
const call = (name: 'min' | 'max' | 'abs' | 'sqrt', args: ExpressionNode[]): ExpressionNode => ({ kind: 'call', name, args, position: 0 });

export function treeToExpression(tree: CallbackTree, leaf: Leaf, fail: (message: string) => Error): ExpressionNode {
  const convert = (t: CallbackTree | undefined, what: string): ExpressionNode => {
    if (t === undefined) throw fail(`${what} is missing`);
    const own = leaf(t);
    if (own) return own;
    if (t.k === 'value') {
      if (typeof t.value === 'number') return num(t.value);
      throw fail(`${what} is ${describeTree(t)}; band math takes numbers and bands`);
    }
    if (t.k !== 'call') throw fail(`${what} is ${describeTree(t)}; band math takes numbers and bands`);
    const { args } = t;
    switch (t.process) {
      case 'add':
      case 'subtract':
      case 'multiply':
      case 'divide':
        return binary(BINARY[t.process], convert(args.x, `x of ${t.process}`), convert(args.y, `y of ${t.process}`));
      case 'normalized_difference': {
        const x = convert(args.x, 'x of normalized_difference');
        const y = convert(args.y, 'y of normalized_difference');
        return binary('/', binary('-', x, y), binary('+', x, y));
      }
      case 'min':
      case 'max': {
        const data = args.data;
        if (data?.k !== 'array' || data.items.length === 0) throw fail(`${t.process} (node '${t.node}') must take an array of values here, not ${data ? describeTree(data) : 'nothing'}`);
        if (!isAbsentOr(args.ignore_nodata, true)) throw fail(`${t.process} (node '${t.node}') with ignore_nodata false`);
        return call(t.process, data.items.map((item, i) => convert(item, `data[${i}] of ${t.process}`)));
      }
      case 'absolute': return call('abs', [convert(args.x, 'x of absolute')]);
      case 'sqrt': return call('sqrt', [convert(args.x, 'x of sqrt')]);
      case 'linear_scale_range': return linearScaleRange(t, convert, fail);
      default:
        throw fail(`${t.process} (node '${t.node}') is not band math the local engine evaluates (it takes add, subtract, multiply, divide, normalized_difference, min, max, absolute, sqrt, linear_scale_range)`);
    }
  };
  return convert(tree, 'the result');
}

function linearScaleRange(t: Extract<CallbackTree, { k: 'call' }>, convert: (t: CallbackTree | undefined, what: string) => ExpressionNode, fail: (message: string) => Error): ExpressionNode {
  const constant = (name: string, fallback?: number): number => {
    const arg = t.args[name];
    if (arg === undefined && fallback !== undefined) return fallback;
    if (arg?.k !== 'value' || typeof arg.value !== 'number') throw fail(`${name} of linear_scale_range (node '${t.node}') must be a number`);
    return arg.value;
  };
  const [inMin, inMax, outMin, outMax] = [constant('inputMin'), constant('inputMax'), constant('outputMin', 0), constant('outputMax', 1)];
  if (!(inMax > inMin)) throw fail(`linear_scale_range (node '${t.node}') needs inputMax > inputMin`);
  const clipped = call('min', [call('max', [convert(t.args.x, 'x of linear_scale_range'), num(inMin)]), num(inMax)]);
  const scaled = binary('*', binary('/', binary('-', clipped, num(inMin)), num(inMax - inMin)), num(outMax - outMin));
  return binary('+', scaled, num(outMin));
}
