import { describe, expect, it } from 'vitest';
import {
  ExpressionError, isExpressionError, parseExpression, variables, type ExpressionNode,
} from '../../../workers/lib/expression';

/** Fully parenthesised prefix form, so precedence and associativity are visible in one string. */
function sexpr(node: ExpressionNode): string {
  switch (node.kind) {
    case 'number': return String(node.value);
    case 'variable': return node.name;
    case 'negate': return `(neg ${sexpr(node.operand)})`;
    case 'binary': return `(${node.op} ${sexpr(node.left)} ${sexpr(node.right)})`;
    case 'call': return `(${node.name} ${node.args.map(sexpr).join(' ')})`;
  }
}

const parse = (source: string): string => sexpr(parseExpression(source));

function errorOf(source: string): ExpressionError {
  try {
    parseExpression(source);
  } catch (error) {
    if (isExpressionError(error)) return error;
    throw error;
  }
  throw new Error(`'${source}' parsed without error`);
}

describe('parseExpression: numbers and identifiers', () => {
  it.each([
    ['42', '42'], ['3.25', '3.25'], ['.5', '0.5'], ['7.', '7'], ['1e3', '1000'], ['2.5E-2', '0.025'], ['6e+1', '60'],
  ])('reads the number %s', (source, expected) => {
    expect(parse(source)).toBe(expected);
  });

  it('reads common names and asset names as identifiers', () => {
    expect(parse('nir')).toBe('nir');
    expect(parse('SR_B5 - B04 + swir16 + _x1')).toBe('(+ (+ (- SR_B5 B04) swir16) _x1)');
  });
});

describe('parseExpression: precedence and associativity', () => {
  it.each([
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b / c', '(/ (/ a b) c)'],
    ['a - b + c', '(+ (- a b) c)'],
    ['a / b * c', '(* (/ a b) c)'],
    ['(a + b) * c', '(* (+ a b) c)'],
    ['a * (b - (c + d))', '(* a (- b (+ c d)))'],
    ['(nir - red) / (nir + red)', '(/ (- nir red) (+ nir red))'],
    ['2.5 * (nir - red) / (nir + 6 * red - 7.5 * blue + 1)', '(/ (* 2.5 (- nir red)) (+ (- (+ nir (* 6 red)) (* 7.5 blue)) 1))'],
  ])('%s → %s', (source, expected) => {
    expect(parse(source)).toBe(expected);
  });

  it('accepts × ÷ and the Unicode minus sign as operators', () => {
    expect(parse('a × b ÷ c − d')).toBe('(- (/ (* a b) c) d)');
  });

  it('binds unary minus tighter than * and /, and allows it to repeat', () => {
    expect(parse('-a * b')).toBe('(* (neg a) b)');
    expect(parse('a * -b')).toBe('(* a (neg b))');
    expect(parse('a - -b')).toBe('(- a (neg b))');
    expect(parse('--a')).toBe('(neg (neg a))');
    expect(parse('-(a + b)')).toBe('(neg (+ a b))');
    expect(parse('+a')).toBe('a');
  });

  it('ignores whitespace', () => {
    expect(parse(' \t(a+b)\n*c ')).toBe('(* (+ a b) c)');
  });
});

describe('parseExpression: functions', () => {
  it('parses min/max with any number of arguments and abs/sqrt with one', () => {
    expect(parse('min(a, b)')).toBe('(min a b)');
    expect(parse('max(a, b, c + 1)')).toBe('(max a b (+ c 1))');
    expect(parse('abs(nir - red)')).toBe('(abs (- nir red))');
    expect(parse('sqrt(abs(-a)) * 2')).toBe('(* (sqrt (abs (neg a))) 2)');
    expect(parse('MAX(a, b)')).toBe('(max a b)');
  });
});

describe('parseExpression: errors carry exact 0-based positions', () => {
  it.each([
    ['(nir - red))', 'syntax', 11, "unexpected ')' at position 11"],
    ['(nir - red) / (nir + red))', 'syntax', 25, "unexpected ')' at position 25"],
    ['nir + ', 'syntax', 6, 'unexpected end of expression at position 6'],
    ['nir * * red', 'syntax', 6, "unexpected '*' at position 6"],
    ['(nir - red', 'syntax', 10, "missing ')' at position 10 to close '(' at position 0"],
    ['(a b)', 'syntax', 3, "expected ')' to close '(' at position 0, found identifier 'b' at position 3"],
    ['nir red', 'syntax', 4, "unexpected identifier 'red' at position 4"],
    ['2nir', 'syntax', 1, "unexpected identifier 'nir' at position 1"],
    ['1.2.3', 'syntax', 3, "unexpected number '.3' at position 3"],
    ['nir ^ 2', 'syntax', 4, "unexpected character '^' at position 4"],
    ['a + 1e', 'syntax', 4, "malformed number '1e' at position 4: exponent has no digits"],
    ['', 'syntax', 0, 'expression is empty'],
    ['()', 'syntax', 1, "unexpected ')' at position 1"],
    ['nir + log(red)', 'unknown_function', 6, "unknown function 'log' at position 6 (known: min, max, abs, sqrt)"],
    ['abs(a, b)', 'arity', 0, 'abs() takes exactly 1 argument, got 2 at position 0'],
    ['1 + sqrt()', 'arity', 4, 'sqrt() takes exactly 1 argument, got 0 at position 4'],
    ['min()', 'arity', 0, 'min() takes at least 1 argument, got 0 at position 0'],
    ['min(a, )', 'syntax', 7, "unexpected ')' at position 7"],
    ['max(a b)', 'syntax', 6, "expected ',' or ')' in call to max, found identifier 'b' at position 6"],
    ['max(a, b', 'syntax', 8, "missing ')' at position 8 to close '(' at position 3"],
  ])('%j → %s at %i', (source, kind, position, message) => {
    const error = errorOf(source);
    expect(error).toBeInstanceOf(ExpressionError);
    expect({ kind: error.kind, position: error.position, message: error.message }).toEqual({ kind, position, message });
  });

  it('survives a structured clone as a recognisable error', () => {
    const cloned: unknown = structuredClone({ ...errorOf('a +'), name: 'ExpressionError', message: errorOf('a +').message });
    expect(isExpressionError(cloned)).toBe(true);
    expect(isExpressionError(new Error('x'))).toBe(false);
  });
});

describe('variables', () => {
  it('lists each identifier once, in order of first use, without function names', () => {
    expect(variables(parseExpression('(nir - red) / (nir + red)'))).toEqual(['nir', 'red']);
    expect(variables(parseExpression('max(B08, -SR_B5) * sqrt(abs(B08)) + 2'))).toEqual(['B08', 'SR_B5']);
    expect(variables(parseExpression('1 + 2'))).toEqual([]);
  });
});
