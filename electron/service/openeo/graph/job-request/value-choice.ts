/**
 * What a job computes per observation — `bands`, a named `index` or a band-math `expression` —
 * in canonical form: index names lower-case, expressions as canonical text, and an expression
 * that is exactly a named index's formula named by that index (same pixels; a graph cannot tell
 * them apart). Pure.
 */
import { AppError, invalidParameter } from '../../../api/errors';
import { isExpressionError, parseExpression, variables, type ExpressionNode } from '../../../../../workers/lib/expression';
import { INDICES, isIndexName } from '../../../../../workers/lib/indices';
import type { IndexName } from '../../../jobs/area-job-types';
import { canonicalAst, indexAst, indexOfExpression, printExpression } from '../expression-text';

export type ValueChoice =
  | { kind: 'bands'; bands: string[] }
  | { kind: 'index'; index: IndexName }
  | { kind: 'expression'; expression: string };

const MAX_EXPRESSION_LENGTH = 2000;

function indexField(value: unknown): IndexName {
  const name = typeof value === 'string' ? value.toLowerCase() : '';
  if (!isIndexName(name)) throw invalidParameter('index', `unknown index ${JSON.stringify(value)}; known: ${Object.keys(INDICES).join(', ')} (or send "expression")`);
  return name;
}

function parsedExpression(value: unknown): ExpressionNode {
  if (typeof value !== 'string' || value.trim() === '') throw invalidParameter('expression', 'must be band math such as "(nir - red) / (nir + red)"');
  if (value.length > MAX_EXPRESSION_LENGTH) throw invalidParameter('expression', `is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  try {
    const ast = parseExpression(value);
    if (variables(ast).length === 0) throw invalidParameter('expression', 'reads no band: name at least one band, e.g. "nir" or "B08"');
    return ast;
  } catch (error) {
    if (!isExpressionError(error)) throw error;
    throw new AppError('invalid_parameter', `expression: ${error.message}`, { parameter: 'expression', details: { position: error.position, kind: error.kind } });
  }
}

/** An expression's canonical choice: the index it spells, else its canonical text. */
export function expressionChoice(ast: ExpressionNode): ValueChoice {
  const index = indexOfExpression(ast);
  return index ? { kind: 'index', index } : { kind: 'expression', expression: printExpression(canonicalAst(ast)) };
}

function bandsField(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((b) => typeof b === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(b))) {
    throw invalidParameter('bands', 'must be a non-empty array of band names such as ["red", "green", "blue"] or ["B04"]');
  }
  if (new Set(value).size !== value.length) throw invalidParameter('bands', 'names a band twice');
  return [...value] as string[];
}

/**
 * Exactly one of `bands`, `index`, `expression` (`bands` only where `allowBands`); `fallback` is
 * the index when none is given (undefined: one is required).
 */
export function valueChoice(body: Record<string, unknown>, options: { allowBands: boolean; allowExpression?: boolean; fallback?: IndexName }): ValueChoice {
  const given = (['bands', 'index', 'expression'] as const).filter((key) => body[key] !== undefined && body[key] !== null);
  if (given.length > 1) throw invalidParameter(given[1], `send only one of ${given.join(', ')}`);
  const [key] = given;
  if (key === 'bands') {
    if (!options.allowBands) throw invalidParameter('bands', 'is not a parameter of this job type');
    return { kind: 'bands', bands: bandsField(body.bands) };
  }
  if (key === 'expression') {
    if (options.allowExpression === false) throw invalidParameter('expression', 'is not a parameter of this job type; send "index"');
    return expressionChoice(parsedExpression(body.expression));
  }
  if (key === 'index') return { kind: 'index', index: indexField(body.index) };
  if (options.fallback) return { kind: 'index', index: options.fallback };
  throw invalidParameter(options.allowBands ? 'bands' : 'index', `one of ${options.allowBands ? 'bands, ' : ''}index or expression is required`);
}

/** The band math of an index or expression choice (canonical). */
export function choiceAst(choice: Exclude<ValueChoice, { kind: 'bands' }>): ExpressionNode {
  return choice.kind === 'index' ? indexAst(choice.index) : canonicalAst(parseExpression(choice.expression));
}

/** The band names a choice reads, in order of first appearance. */
export function choiceVariables(choice: ValueChoice): string[] {
  return choice.kind === 'bands' ? [...choice.bands] : variables(choiceAst(choice));
}

/** The choice as job fields: {bands} | {index} | {expression}. */
export function choiceFields(choice: ValueChoice): { bands: string[] } | { index: IndexName } | { expression: string } {
  if (choice.kind === 'bands') return { bands: choice.bands };
  return choice.kind === 'index' ? { index: choice.index } : { expression: choice.expression };
}
