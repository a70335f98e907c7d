/**
 * Recursive-descent parser for band math. Grammar (lowest precedence first):
 *
 *   expression := additive
 *   additive   := term (('+' | '-') term)*            left-associative
 *   term       := unary (('*' | '/') unary)*           left-associative
 *   unary      := ('-' | '+') unary | primary
 *   primary    := number | identifier | identifier '(' arguments ')' | '(' expression ')'
 *
 * Never evaluates anything: the result is a plain AST (see ast.ts).
 */
import type { ExpressionNode } from './ast';
import { ExpressionError } from './errors';
import { FUNCTIONS, lookupFunction } from './functions';
import { tokenize } from './tokenizer';
import { describeToken, type Token } from './tokens';

export function parseExpression(source: string): ExpressionNode {
  const parser = new Parser(tokenize(source));
  if (parser.peek().type === 'end') {
    throw new ExpressionError('syntax', 'expression is empty', 0);
  }
  const ast = parser.expression();
  parser.expectEnd();
  return ast;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'end') this.index++;
    return token;
  }

  expression(): ExpressionNode {
    let left = this.term();
    for (let t = this.peek(); t.type === 'operator' && (t.op === '+' || t.op === '-'); t = this.peek()) {
      this.next();
      left = { kind: 'binary', op: t.op, left, right: this.term(), position: t.position };
    }
    return left;
  }

  private term(): ExpressionNode {
    let left = this.unary();
    for (let t = this.peek(); t.type === 'operator' && (t.op === '*' || t.op === '/'); t = this.peek()) {
      this.next();
      left = { kind: 'binary', op: t.op, left, right: this.unary(), position: t.position };
    }
    return left;
  }

  private unary(): ExpressionNode {
    const t = this.peek();
    if (t.type === 'operator' && (t.op === '-' || t.op === '+')) {
      this.next();
      const operand = this.unary();
      return t.op === '-' ? { kind: 'negate', operand, position: t.position } : operand;
    }
    return this.primary();
  }

  private primary(): ExpressionNode {
    const t = this.next();
    switch (t.type) {
      case 'number':
        return { kind: 'number', value: t.value, position: t.position };
      case 'identifier':
        if (this.peek().type === '(') return this.call(t.name, t.position);
        return { kind: 'variable', name: t.name, position: t.position };
      case '(': {
        const inner = this.expression();
        this.expectClosing(t.position);
        return inner;
      }
      default:
        throw unexpected(t);
    }
  }

  private call(name: string, position: number): ExpressionNode {
    const fn = lookupFunction(name);
    if (!fn) {
      const known = Object.keys(FUNCTIONS).join(', ');
      throw new ExpressionError('unknown_function', `unknown function '${name}' at position ${position} (known: ${known})`, position);
    }
    const open = this.next();
    const args: ExpressionNode[] = [];
    if (this.peek().type !== ')') {
      args.push(this.expression());
      while (this.peek().type === ',') {
        this.next();
        args.push(this.expression());
      }
    }
    const close = this.peek();
    if (close.type !== ')') {
      if (close.type === 'end') this.expectClosing(open.position);
      throw new ExpressionError('syntax', `expected ',' or ')' in call to ${fn}, found ${describeToken(close)} at position ${close.position}`, close.position);
    }
    this.next();
    const spec = FUNCTIONS[fn];
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      const wanted = spec.maxArgs === spec.minArgs ? `exactly ${spec.minArgs}` : `at least ${spec.minArgs}`;
      const noun = spec.minArgs === 1 ? 'argument' : 'arguments';
      throw new ExpressionError('arity', `${fn}() takes ${wanted} ${noun}, got ${args.length} at position ${position}`, position);
    }
    return { kind: 'call', name: fn, args, position };
  }

  private expectClosing(openPosition: number): void {
    const t = this.next();
    if (t.type === ')') return;
    if (t.type === 'end') {
      throw new ExpressionError('syntax', `missing ')' at position ${t.position} to close '(' at position ${openPosition}`, t.position);
    }
    throw new ExpressionError('syntax', `expected ')' to close '(' at position ${openPosition}, found ${describeToken(t)} at position ${t.position}`, t.position);
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.type !== 'end') throw unexpected(t);
  }
}

function unexpected(t: Token): ExpressionError {
  if (t.type === 'end') return new ExpressionError('syntax', `unexpected end of expression at position ${t.position}`, t.position);
  return new ExpressionError('syntax', `unexpected ${describeToken(t)} at position ${t.position}`, t.position);
}
