/**
 * What an area job computes per observation, from its canonical request: the variables every
 * observation's mosaic holds (a pixel is valid where all are numbers), the outputs (a band as it
 * is, a named index or an expression over the variables) and the output bands of the result.
 * Pure.
 */
import type { AreaValues } from '../../../../../workers/protocol/area-tasks';
import { parseExpression, variables } from '../../../../../workers/lib/expression';
import { INDICES } from '../../../../../workers/lib/indices';
import type { AreaJobRequest } from '../../../jobs/area-job-types';

export const NDVI_EXPRESSION = INDICES.ndvi.expression;

export interface ValuePlan {
  values: AreaValues;
  /** The parameter that chose the values (errors about bands name it). */
  parameter: 'bands' | 'index' | 'expression';
  /** The time series' `variable`: the index, "value" for an expression, or the bands joined by ",". */
  variable: string;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

export function valuePlanOf(request: AreaJobRequest): ValuePlan {
  const greenest = request.type === 'composite' && request.reducer === 'max_ndvi';
  const extra = greenest ? [...INDICES.ndvi.bands] : [];
  if ('bands' in request && request.bands) {
    return {
      values: { variables: unique([...request.bands, ...extra]), outputs: request.bands.map((name) => ({ name, expression: null })) },
      parameter: 'bands',
      variable: request.bands.join(','),
    };
  }
  if (request.expression) {
    return {
      values: { variables: unique([...variables(parseExpression(request.expression)), ...extra]), outputs: [{ name: 'value', expression: request.expression }] },
      parameter: 'expression',
      variable: 'value',
    };
  }
  const index = INDICES[request.index ?? 'ndvi'];
  return {
    values: { variables: unique([...index.bands, ...extra]), outputs: [{ name: index.name, expression: index.expression }] },
    parameter: 'index',
    variable: index.name,
  };
}
