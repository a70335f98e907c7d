/**
 * What jobs do with their observations, as process-graph nodes: the temporal reduction, the
 * valid-observation count band, the change tail (difference after − before and its −1/0/+1
 * class at ±threshold) and the time-series aggregation. Pure.
 */
import type { TemporalReducer, TimeseriesPeriod } from '../../../jobs/area-job-types';
import { bandMathReducer } from '../band-math-graph';
import type { FromNode, OpenEoProcess } from '../graph-json';
import { callback, parameter, type GraphWriter } from '../graph-writer';
import type { ValueChoice } from '../job-request/value-choice';
import type { AreaGeometry, PointGeometry } from '../spatial-extent';

/** The band labels of single-band results in a multi-band output. */
export const VALID_COUNT_BAND = 'valid_count';
export const DIFFERENCE_BAND = 'difference';
export const CHANGE_CLASS_BAND = 'change_class';

export type SpatialStatistic = 'mean' | 'median' | 'min' | 'max';

/** `<reducer>(data)`: the reducers over t (and the area statistics) are single processes on `data`. */
export function reducerCallback(reducer: TemporalReducer | SpatialStatistic): OpenEoProcess {
  return callback((w) => w.add(reducer, { data: parameter('data') }));
}

export function reduceTime(writer: GraphWriter, cube: FromNode, reducer: TemporalReducer): FromNode {
  return writer.add('reduce_dimension', { data: cube, reducer: reducerCallback(reducer), dimension: 't' });
}

function label(writer: GraphWriter, cube: FromNode, name: string): FromNode {
  return writer.add('add_dimension', { data: cube, name: 'bands', label: name, type: 'bands' });
}

/** The single-value label of a composite: the index name, or "value" for band math. */
export function valueLabel(value: Exclude<ValueChoice, { kind: 'bands' }>): string {
  return value.kind === 'index' ? value.index : 'value';
}

/**
 * The composite with a `valid_count` band: the count over t of the observations (for `bands`,
 * of the first band: an observation counts where that band is valid), merged after the value.
 */
export function withValidCount(writer: GraphWriter, observations: FromNode, composite: FromNode, value: ValueChoice): FromNode {
  const probe = value.kind === 'bands'
    ? writer.add('reduce_dimension', { data: observations, reducer: bandMathReducer({ kind: 'variable', name: value.bands[0], position: 0 }), dimension: 'bands' })
    : observations;
  const main = value.kind === 'bands' ? composite : label(writer, composite, valueLabel(value));
  const count = label(writer, reduceTime(writer, probe, 'count'), VALID_COUNT_BAND);
  return writer.add('merge_cubes', { cube1: main, cube2: count });
}

/** Band 1 `difference` = after − before, band 2 `change_class` = sgn(d), 0 where |d| ≤ threshold. */
export function writeChange(writer: GraphWriter, after: FromNode, before: FromNode, threshold: number): FromNode {
  const difference = writer.add('merge_cubes', {
    cube1: after,
    cube2: before,
    overlap_resolver: callback((w) => w.add('subtract', { x: parameter('x'), y: parameter('y') })),
  });
  const sign = writer.add('apply', { data: difference, process: callback((w) => w.add('sgn', { x: parameter('x') })) });
  const within = writer.add('apply', {
    data: difference,
    process: callback((w) => w.add('lte', { x: w.add('absolute', { x: parameter('x') }), y: threshold })),
  });
  const classes = writer.add('mask', { data: sign, mask: within, replacement: 0 });
  return writer.add('merge_cubes', { cube1: label(writer, difference, DIFFERENCE_BAND), cube2: label(writer, classes, CHANGE_CLASS_BAND) });
}

/** Per period `statistic` over t, then `statistic` over the area's pixels. */
export function writeSeries(writer: GraphWriter, observations: FromNode, period: TimeseriesPeriod, geometry: AreaGeometry | PointGeometry, statistic: SpatialStatistic): FromNode {
  const periods = writer.add('aggregate_temporal_period', { data: observations, period, reducer: reducerCallback(statistic) });
  return writer.add('aggregate_spatial', { data: periods, geometries: geometry, reducer: reducerCallback(statistic) });
}
