import { ExpressionError } from './errors';
import type { Operator, Token } from './tokens';

const OPERATORS: Readonly<Record<string, Operator>> = {
  '+': '+', '-': '-', '\u2212': '-', '*': '*', '\u00d7': '*', '/': '/', '\u00f7': '/',
};

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentifierStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentifierPart = (c: string): boolean => isIdentifierStart(c) || isDigit(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Splits an expression into tokens, always ending with an `end` token at `source.length`. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (isSpace(c)) {
      i++;
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      const end = scanNumber(source, i);
      const text = source.slice(i, end);
      tokens.push({ type: 'number', value: Number(text), text, position: i });
      i = end;
    } else if (isIdentifierStart(c)) {
      let end = i + 1;
      while (end < source.length && isIdentifierPart(source[end])) end++;
      tokens.push({ type: 'identifier', name: source.slice(i, end), position: i });
      i = end;
    } else if (c in OPERATORS) {
      tokens.push({ type: 'operator', op: OPERATORS[c], text: c, position: i });
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, position: i });
      i++;
    } else {
      const shown = String.fromCodePoint(source.codePointAt(i) ?? 0);
      throw new ExpressionError('syntax', `unexpected character '${shown}' at position ${i}`, i);
    }
  }
  tokens.push({ type: 'end', position: source.length });
  return tokens;
}

/** Returns the end index of the number starting at `start`: digits, optional fraction, optional exponent. */
function scanNumber(source: string, start: number): number {
  let i = start;
  while (isDigit(source[i] ?? '')) i++;
  if (source[i] === '.') {
    i++;
    while (isDigit(source[i] ?? '')) i++;
  }
  if (source[i] === 'e' || source[i] === 'E') {
    let j = i + 1;
    if (source[j] === '+' || source[j] === '-') j++;
    if (!isDigit(source[j] ?? '')) {
      const text = source.slice(start, j);
      throw new ExpressionError('syntax', `malformed number '${text}' at position ${start}: exponent has no digits`, start);
    }
    while (isDigit(source[j] ?? '')) j++;
    i = j;
  }
  return i;
}
