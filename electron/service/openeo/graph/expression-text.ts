/**
 * Band-math expressions (workers/lib/expression) as canonical text, so an expression that went
 * through a process graph and back compares equal to the one sent. Canonical form: `-(number)`
 * is the negative number, `-1 * x` is `-x`, and the text has only the parentheses the tree needs
 * (`a - (b - c)` keeps its; `(a * b) + c` loses them). Pure.
 */
import { parseExpression, type ExpressionNode } from '../../../../workers/lib/expression';
import { INDICES, type IndexName } from '../../../../workers/lib/indices';

const ADDITIVE = 1;
const MULTIPLICATIVE = 2;
const UNARY = 3;
const PRIMARY = 4;

export function num(value: number): ExpressionNode {
  return { kind: 'number', value: Object.is(value, -0) ? 0 : value, position: 0 };
}

export function canonicalAst(node: ExpressionNode): ExpressionNode {
  switch (node.kind) {
    case 'number': return num(node.value);
    case 'variable': return { kind: 'variable', name: node.name, position: 0 };
    case 'negate': {
      const operand = canonicalAst(node.operand);
      return operand.kind === 'number' ? num(-operand.value) : { kind: 'negate', operand, position: 0 };
    }
    case 'binary': {
      const left = canonicalAst(node.left);
      const right = canonicalAst(node.right);
      if (node.op === '*' && left.kind === 'number' && left.value === -1 && right.kind !== 'number') {
        return { kind: 'negate', operand: right, position: 0 };
      }
      return { kind: 'binary', op: node.op, left, right, position: 0 };
    }
    case 'call': return { kind: 'call', name: node.name, args: node.args.map(canonicalAst), position: 0 };
  }
}

function precedence(node: ExpressionNode): number {
  switch (node.kind) {
    case 'binary': return node.op === '+' || node.op === '-' ? ADDITIVE : MULTIPLICATIVE;
    case 'negate': return UNARY;
    case 'number': return node.value < 0 ? UNARY : PRIMARY;
    default: return PRIMARY;
  }
}

export function printExpression(node: ExpressionNode): string {
  switch (node.kind) {
    case 'number': return String(node.value);
    case 'variable': return node.name;
    case 'call': return `${node.name}(${node.args.map(printExpression).join(', ')})`;
    case 'negate': {
      const inner = printExpression(node.operand);
      return precedence(node.operand) < UNARY ? `-(${inner})` : `-${inner}`;
    }
    case 'binary': {
      const p = precedence(node);
      const left = printExpression(node.left);
      const right = printExpression(node.right);
      // Left-associative: only a looser left side needs parentheses; the right side keeps them
      // at equal precedence too, so `a - (b - c)` and `a + (b + c)` stay the trees they are.
      const l = precedence(node.left) < p ? `(${left})` : left;
      const r = precedence(node.right) <= p && node.right.kind === 'binary' ? `(${right})` : right;
      return `${l} ${node.op} ${r}`;
    }
  }
}

/** The canonical text of an expression (throws the parser's ExpressionError on bad text). */
export function normalizeExpression(text: string): string {
  return printExpression(canonicalAst(parseExpression(text)));
}

export function canonicalText(ast: ExpressionNode): string {
  return printExpression(canonicalAst(ast));
}

const INDEX_BY_TEXT = new Map<string, IndexName>(
  (Object.keys(INDICES) as IndexName[]).map((name) => [normalizeExpression(INDICES[name].expression), name]),
);

/** The named index whose formula this expression is (canonically), if any. */
export function indexOfExpression(ast: ExpressionNode): IndexName | undefined {
  return INDEX_BY_TEXT.get(canonicalText(ast));
}

export function indexAst(name: IndexName): ExpressionNode {
  return canonicalAst(parseExpression(INDICES[name].expression));
}
