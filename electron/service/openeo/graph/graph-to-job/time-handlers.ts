/**
 * Handlers of the processes over time and area: reduce_dimension (over `t`: median, mean, min,
 * max, first, last, count; over `bands`: band-handlers.ts), aggregate_temporal_period (day, week,
 * month) and aggregate_spatial (one point or polygon; mean, median, min or max). Pure.
 */
import type { TemporalReducer, TimeseriesPeriod } from '../../../jobs/area-job-types';
import { TEMPORAL_REDUCERS } from '../job-request/normalize-job';
import { reduceBands } from './band-handlers';
import { reducerOf } from './callback-shapes';
import { wrongInput, type Handler, type NodeContext } from './interpret-graph';
import { observationsInput } from './load-handlers';
import { readAggregationGeometry } from './read-extents';
import type { SeriesStatistic, Sym } from './symbols';

const SERIES_STATISTICS: readonly SeriesStatistic[] = ['mean', 'median', 'min', 'max'];
const PERIODS: readonly TimeseriesPeriod[] = ['day', 'week', 'month'];

function noContext(ctx: NodeContext): void {
  if (ctx.has('context')) throw ctx.unsupported('a context for the reducer');
}

function reducerName<T extends string>(ctx: NodeContext, allowed: readonly T[], what: string): T {
  const tree = ctx.callback('reducer');
  const name = reducerOf(tree, allowed);
  if (!name) throw ctx.unsupported(`the reducer must be one of ${allowed.join(', ')} on its data with default options (${what})`);
  return name;
}

const reduceDimension: Handler = (ctx) => {
  noContext(ctx);
  const dimension = ctx.literal('dimension');
  if (dimension === 'bands') return reduceBands(ctx);
  if (dimension !== 't') throw ctx.invalid('dimension', `the local collections have the dimensions x, y, t and bands; reduce 't' or 'bands', not ${JSON.stringify(dimension)}`);
  const data = observationsInput(ctx);
  const reducer = reducerName<TemporalReducer>(ctx, TEMPORAL_REDUCERS, 'a temporal reducer');
  return { t: 'reduced', of: data, reducer, label: null };
};

const aggregateTemporalPeriod: Handler = (ctx) => {
  noContext(ctx);
  const dimension = ctx.literal('dimension');
  if (dimension !== undefined && dimension !== null && dimension !== 't') throw ctx.invalid('dimension', `the temporal dimension is 't', not ${JSON.stringify(dimension)}`);
  const period = ctx.literal('period');
  if (!PERIODS.includes(period as TimeseriesPeriod)) throw ctx.unsupported(`period ${JSON.stringify(period)}; ASTRA time series are per ${PERIODS.join(', ')}`);
  const data = observationsInput(ctx);
  return { t: 'periods', of: data, period: period as TimeseriesPeriod, reducer: reducerName(ctx, SERIES_STATISTICS, 'the statistic of the time series') };
};

const aggregateSpatial: Handler = (ctx) => {
  noContext(ctx);
  const data: Sym = ctx.input('data');
  if (data.t !== 'observations' && data.t !== 'periods') throw wrongInput(ctx, 'data', data, 'observations, or observations aggregated per period');
  const reducer = reducerName(ctx, SERIES_STATISTICS, 'the statistic of the time series');
  if (data.t === 'periods' && data.reducer !== reducer) {
    throw ctx.unsupported(`the area statistic (${reducer}) differs from the period statistic (${data.reducer}); a time series carries one statistic: use the same reducer in both`);
  }
  return { t: 'series', of: data, geometry: readAggregationGeometry(ctx, 'geometries'), reducer };
};

export const TIME_HANDLERS: Readonly<Record<string, Handler>> = {
  reduce_dimension: reduceDimension,
  aggregate_temporal_period: aggregateTemporalPeriod,
  aggregate_spatial: aggregateSpatial,
};
