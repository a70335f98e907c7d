/**
 * Band math as an openEO `reduce_dimension(dimension: "bands")` reducer: every variable is
 * `array_element(data, label)`, the operators `add`/`subtract`/`multiply`/`divide`, negation
 * `multiply(-1, x)` (as js-client's Formula writes it), `min(a, b…)`/`max` over an array, `abs` →
 * `absolute`, `sqrt`. A variable may be wrapped in a linear adjustment `x · slope + offset` (the
 * HLS bandpass adjustment of Landsat bands). Pure.
 */
import type { ExpressionNode } from '../../../../workers/lib/expression';
import type { FromNode, OpenEoProcess } from './graph-json';
import { callback, parameter, type GraphWriter } from './graph-writer';

export interface LinearLine {
  slope: number;
  offset: number;
}

/** The adjustment a variable's values get before the math, or null for none. */
export type VariableLine = (variable: string) => LinearLine | null;

const OPERATOR_PROCESS = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide' } as const;
const FUNCTION_PROCESS = { abs: 'absolute', sqrt: 'sqrt' } as const;

type Operand = FromNode | number;

/** Writes the expression into `writer`; the callback parameter holding the bands is `data`. */
export function writeBandMath(writer: GraphWriter, ast: ExpressionNode, line: VariableLine = () => null): FromNode {
  const variables = new Map<string, FromNode>();
  const variable = (name: string): FromNode => {
    const known = variables.get(name);
    if (known) return known;
    const node = writeBand(writer, name, line);
    variables.set(name, node);
    return node;
  };
  const write = (node: ExpressionNode): Operand => {
    switch (node.kind) {
      case 'number': return node.value;
      case 'variable': return variable(node.name);
      case 'negate': {
        const operand = write(node.operand);
        return typeof operand === 'number' ? -operand : writer.add('multiply', { x: -1, y: operand });
      }
      case 'binary': return writer.add(OPERATOR_PROCESS[node.op], { x: write(node.left), y: write(node.right) });
      case 'call':
        if (node.name === 'min' || node.name === 'max') return writer.add(node.name, { data: node.args.map(write) });
        return writer.add(FUNCTION_PROCESS[node.name], { x: write(node.args[0]) });
    }
  };
  const result = write(ast);
  if (typeof result === 'number') throw new Error('band math must read at least one band');
  return result;
}

export function bandMathReducer(ast: ExpressionNode, line?: VariableLine): OpenEoProcess {
  return callback((writer) => writeBandMath(writer, ast, line));
}

/** `normalized_difference(x, y)` over two bands, each optionally adjusted. */
export function normalizedDifferenceReducer(x: string, y: string, line: VariableLine = () => null): OpenEoProcess {
  return callback((writer) => writer.add('normalized_difference', { x: writeBand(writer, x, line), y: writeBand(writer, y, line) }));
}

/** `array_element(data, label)`, as `add(multiply(element, slope), offset)` when the band is adjusted. */
function writeBand(writer: GraphWriter, name: string, line: VariableLine): FromNode {
  const element = writer.add('array_element', { data: parameter('data'), label: name });
  const adjustment = line(name);
  return adjustment ? writer.add('add', { x: writer.add('multiply', { x: element, y: adjustment.slope }), y: adjustment.offset }) : element;
}
