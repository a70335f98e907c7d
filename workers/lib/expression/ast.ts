import type { Operator } from './tokens';
import type { FunctionName } from './functions';

/** Every node keeps the position of the token that introduced it, for messages about the node. */
export type ExpressionNode =
  | { readonly kind: 'number'; readonly value: number; readonly position: number }
  | { readonly kind: 'variable'; readonly name: string; readonly position: number }
  | { readonly kind: 'negate'; readonly operand: ExpressionNode; readonly position: number }
  | { readonly kind: 'binary'; readonly op: Operator; readonly left: ExpressionNode; readonly right: ExpressionNode; readonly position: number }
  | { readonly kind: 'call'; readonly name: FunctionName; readonly args: readonly ExpressionNode[]; readonly position: number };

/** The identifiers an expression reads, each once, in order of first appearance. */
export function variables(ast: ExpressionNode): string[] {
  const seen = new Set<string>();
  const visit = (node: ExpressionNode): void => {
    switch (node.kind) {
      case 'variable': seen.add(node.name); break;
      case 'negate': visit(node.operand); break;
      case 'binary': visit(node.left); visit(node.right); break;
      case 'call': node.args.forEach(visit); break;
      case 'number': break;
    }
  };
  visit(ast);
  return [...seen];
}
