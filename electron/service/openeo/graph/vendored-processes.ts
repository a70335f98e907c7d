/**
 * The official definitions of the processes the local openEO back-end executes, vendored unchanged
 * in ../spec/processes/ (see its SOURCES.md). Imported statically so the bundle carries them (no
 * file is read at run time). `GET /processes` serves exactly these; graphs are validated against them.
 */
import absolute from '../spec/processes/absolute.json';
import add from '../spec/processes/add.json';
import addDimension from '../spec/processes/add_dimension.json';
import aggregateSpatial from '../spec/processes/aggregate_spatial.json';
import aggregateTemporalPeriod from '../spec/processes/aggregate_temporal_period.json';
import apply from '../spec/processes/apply.json';
import arrayElement from '../spec/processes/array_element.json';
import count from '../spec/processes/count.json';
import divide from '../spec/processes/divide.json';
import eq from '../spec/processes/eq.json';
import filterBands from '../spec/processes/filter_bands.json';
import filterBbox from '../spec/processes/filter_bbox.json';
import filterTemporal from '../spec/processes/filter_temporal.json';
import first from '../spec/processes/first.json';
import last from '../spec/processes/last.json';
import linearScaleRange from '../spec/processes/linear_scale_range.json';
import loadCollection from '../spec/processes/load_collection.json';
import lt from '../spec/processes/lt.json';
import lte from '../spec/processes/lte.json';
import mask from '../spec/processes/mask.json';
import max from '../spec/processes/max.json';
import mean from '../spec/processes/mean.json';
import median from '../spec/processes/median.json';
import mergeCubes from '../spec/processes/merge_cubes.json';
import min from '../spec/processes/min.json';
import mod from '../spec/processes/mod.json';
import multiply from '../spec/processes/multiply.json';
import ndvi from '../spec/processes/ndvi.json';
import neq from '../spec/processes/neq.json';
import normalizedDifference from '../spec/processes/normalized_difference.json';
import or from '../spec/processes/or.json';
import reduceDimension from '../spec/processes/reduce_dimension.json';
import resampleSpatial from '../spec/processes/resample_spatial.json';
import saveResult from '../spec/processes/save_result.json';
import sgn from '../spec/processes/sgn.json';
import sqrt from '../spec/processes/sqrt.json';
import subtract from '../spec/processes/subtract.json';

/** An openEO process definition (GET /processes entry); only `id` is relied on here. */
export interface ProcessSpec {
  id: string;
  [key: string]: unknown;
}

/** In id order. */
export const VENDORED_PROCESSES: readonly ProcessSpec[] = [
  absolute,
  add,
  addDimension,
  aggregateSpatial,
  aggregateTemporalPeriod,
  apply,
  arrayElement,
  count,
  divide,
  eq,
  filterBands,
  filterBbox,
  filterTemporal,
  first,
  last,
  linearScaleRange,
  loadCollection,
  lt,
  lte,
  mask,
  max,
  mean,
  median,
  mergeCubes,
  min,
  mod,
  multiply,
  ndvi,
  neq,
  normalizedDifference,
  or,
  reduceDimension,
  resampleSpatial,
  saveResult,
  sgn,
  sqrt,
  subtract,
] as ProcessSpec[];

/** The process ids the local engine executes (walks refuse every other id with ProcessUnsupported). */
export const LOCAL_PROCESS_IDS: ReadonlySet<string> = new Set(VENDORED_PROCESSES.map((process) => process.id));
