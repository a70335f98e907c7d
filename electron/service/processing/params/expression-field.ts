/**
 * What a processing job computes: a named spectral index (workers/lib/indices.ts) or a band-math
 * expression, checked by the same parser the workers use. A syntax error is a 400 on
 * `expression` carrying the 0-based `position` of the fault. Pure.
 */
import { AppError, invalidParameter } from '../../api/errors';
import { isExpressionError, parseExpression, variables } from '../../../../workers/lib/expression';
import { INDICES, isIndexName } from '../../../../workers/lib/indices';

export interface ExpressionChoice {
  /** The band math the workers evaluate. */
  expression: string;
  /** The index name, or null for a custom expression. */
  index: string | null;
  /** Identifiers the expression reads, in order of first appearance. */
  variables: string[];
  /** The parameter a band error should name (`index` or `expression`). */
  parameter: 'index' | 'expression';
}

const MAX_EXPRESSION_LENGTH = 2000;

export function indexChoice(value: unknown, parameter = 'index'): ExpressionChoice {
  if (typeof value !== 'string' || !isIndexName(value.toLowerCase())) {
    throw invalidParameter(parameter, `unknown index ${JSON.stringify(value)}; known: ${Object.keys(INDICES).join(', ')} (or send "expression")`);
  }
  const index = INDICES[value.toLowerCase() as keyof typeof INDICES];
  return { expression: index.expression, index: index.name, variables: [...index.bands], parameter: 'index' };
}

export function expressionChoice(value: unknown): ExpressionChoice {
  if (typeof value !== 'string' || value.trim() === '') throw invalidParameter('expression', 'must be band math such as "(nir - red) / (nir + red)"');
  if (value.length > MAX_EXPRESSION_LENGTH) throw invalidParameter('expression', `is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  let names: string[];
  try {
    names = variables(parseExpression(value));
  } catch (error) {
    if (!isExpressionError(error)) throw error;
    throw new AppError('invalid_parameter', `expression: ${error.message}`, {
      parameter: 'expression',
      details: { position: error.position, kind: error.kind },
    });
  }
  if (names.length === 0) throw invalidParameter('expression', 'reads no band: name at least one band, e.g. "nir" or "B08"');
  return { expression: value, index: null, variables: names, parameter: 'expression' };
}

/** `index` or `expression` (exactly one; `index` defaults to `fallback` when both are absent and a fallback is given). */
export function indexOrExpression(body: Record<string, unknown>, fallback?: string): ExpressionChoice {
  const hasIndex = body.index !== undefined && body.index !== null;
  const hasExpression = body.expression !== undefined && body.expression !== null;
  if (hasIndex && hasExpression) throw invalidParameter('expression', 'send either "index" or "expression", not both');
  if (hasExpression) return expressionChoice(body.expression);
  if (hasIndex) return indexChoice(body.index);
  if (fallback) return indexChoice(fallback);
  throw invalidParameter('index', `is required: one of ${Object.keys(INDICES).join(', ')}, or send "expression"`);
}
