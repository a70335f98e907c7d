/**
 * A job request in the canonical form a process graph carries — what `processGraphToJob` returns
 * for the graph of the job: defaults written out (`mask_clouds`, `sources`, `reducer`,
 * `threshold`, `period`), `collections` only when they are not the sources' defaults, periods as
 * canonical text, expressions canonical (an index's formula becomes that index; an `index` job
 * of NDVI is an `ndvi` job), `harmonize` dropped where it adjusts nothing, `on` dropped (where a
 * job runs is not part of its graph). Validation errors are 400s naming the parameter. Pure.
 */
import { invalidParameter } from '../../../api/errors';
import type {
  AreaJobRequest, CompositeJobRequest, CompositeReducer, JobRequest, PeriodChangeJobRequest, TemporalReducer, TimeseriesJobRequest,
} from '../../../jobs/area-job-types';
import type { IndexJobRequest, NdviJobRequest, SceneChangeJobRequest } from '../../../jobs/types';
import { isPlainObject } from '../graph-json';
import { hlsLineFor } from '../hls-lines';
import type { LocalCollection } from '../local-collections';
import { formatPeriod, periodRange } from '../temporal-extent';
import { describeCollections, routeJobCollections } from './collection-routing';
import {
  aoiField, cloudCoverField, crsField, enumField, harmonizeField, maskCloudsField, rejectUnknown, resolutionField, sceneBboxField, sceneIdField, thresholdField,
} from './job-fields';
import { choiceFields, choiceVariables, valueChoice, type ValueChoice } from './value-choice';

export const TEMPORAL_REDUCERS: readonly TemporalReducer[] = ['median', 'mean', 'min', 'max', 'first', 'last', 'count'];
const COMPOSITE_REDUCERS: readonly CompositeReducer[] = [...TEMPORAL_REDUCERS, 'max_ndvi'];
const AREA_KEYS = ['sources', 'collections', 'cloud_cover_lt', 'mask_clouds', 'harmonize', 'crs', 'resolution'];
const SCENE_KEYS = ['bbox', 'mask_clouds', 'resolution'];

function sceneOptions(body: Record<string, unknown>): { bbox?: [number, number, number, number]; mask_clouds: boolean; resolution?: number } {
  const bbox = sceneBboxField(body);
  const resolution = resolutionField(body);
  return { ...(bbox ? { bbox } : {}), mask_clouds: maskCloudsField(body).maskClouds, ...(resolution !== null ? { resolution } : {}) };
}

function sceneIndexJob(body: Record<string, unknown>, choice: ValueChoice): NdviJobRequest | IndexJobRequest {
  const scene = sceneIdField(body, 'scene');
  if (choice.kind === 'index' && choice.index === 'ndvi') return { type: 'ndvi', scene, ...sceneOptions(body) };
  return { type: 'index', scene, ...(choiceFields(choice) as { index: IndexJobRequest['index'] } | { expression: string }), ...sceneOptions(body) };
}

function sceneChangeJob(body: Record<string, unknown>): SceneChangeJobRequest {
  rejectUnknown(body, ['type', 'before', 'after', 'index', 'threshold', ...SCENE_KEYS]);
  const before = sceneIdField(body, 'before');
  const after = sceneIdField(body, 'after');
  if (before === after) throw invalidParameter('after', 'must be another scene than before');
  const choice = valueChoice(body, { allowBands: false, allowExpression: false, fallback: 'ndvi' });
  if (choice.kind !== 'index') throw invalidParameter('index', 'is required');
  return { type: 'change', before, after, index: choice.index, threshold: thresholdField(body), ...sceneOptions(body) };
}

/** True when `harmonize: "hls"` changes some band this job reads in some of its collections. */
export function hlsAdjustsSomething(collections: readonly LocalCollection[], choice: ValueChoice): boolean {
  const names = choiceVariables(choice);
  return collections.some((c) => names.some((name) => hlsLineFor(c, name) !== null));
}

interface AreaFields {
  sources: AreaJobRequest['sources'];
  collections?: string[];
  cloud_cover_lt?: number;
  mask_clouds: boolean;
  harmonize?: 'hls';
  crs?: string;
  resolution?: number;
}

function areaFields(body: Record<string, unknown>, choice: ValueChoice): AreaFields {
  const routed = routeJobCollections(body.sources, body.collections);
  const cloud = cloudCoverField(body);
  const harmonize = harmonizeField(body);
  const crs = crsField(body);
  const resolution = resolutionField(body);
  return {
    ...describeCollections(routed),
    ...(cloud !== undefined ? { cloud_cover_lt: cloud } : {}),
    mask_clouds: maskCloudsField(body).maskClouds,
    ...(harmonize && hlsAdjustsSomething(routed, choice) ? { harmonize } : {}),
    ...(crs ? { crs } : {}),
    ...(resolution !== null ? { resolution } : {}),
  };
}

function compositeJob(body: Record<string, unknown>): CompositeJobRequest {
  rejectUnknown(body, ['type', 'aoi', 'datetime', 'bands', 'index', 'expression', 'reducer', 'valid_count', ...AREA_KEYS]);
  const choice = valueChoice(body, { allowBands: true });
  const validCount = body.valid_count;
  if (validCount !== undefined && validCount !== null && typeof validCount !== 'boolean') throw invalidParameter('valid_count', 'must be true or false');
  return {
    type: 'composite',
    aoi: aoiField(body) as CompositeJobRequest['aoi'],
    datetime: formatPeriod(periodRange(body.datetime, 'datetime')),
    ...areaFields(body, choice),
    ...choiceFields(choice),
    reducer: enumField(body, 'reducer', COMPOSITE_REDUCERS),
    ...(validCount === true ? { valid_count: true } : {}),
  };
}

function periodOf(value: unknown, parameter: string): { datetime: string } {
  if (!isPlainObject(value)) throw invalidParameter(parameter, 'must be {"datetime": "start/end"} (or a scene id for the scene-pair form)');
  rejectUnknown(value, ['datetime']);
  return { datetime: formatPeriod(periodRange(value.datetime, `${parameter}.datetime`)) };
}

function periodChangeJob(body: Record<string, unknown>): PeriodChangeJobRequest {
  rejectUnknown(body, ['type', 'before', 'after', 'aoi', 'index', 'expression', 'reducer', 'threshold', ...AREA_KEYS]);
  const choice = valueChoice(body, { allowBands: false, fallback: 'ndvi' });
  return {
    type: 'change',
    before: periodOf(body.before, 'before'),
    after: periodOf(body.after, 'after'),
    aoi: aoiField(body) as PeriodChangeJobRequest['aoi'],
    ...areaFields(body, choice),
    ...(choiceFields(choice) as { index: PeriodChangeJobRequest['index'] } | { expression: string }),
    reducer: enumField(body, 'reducer', TEMPORAL_REDUCERS, 'median'),
    threshold: thresholdField(body),
  };
}

function timeseriesJob(body: Record<string, unknown>): TimeseriesJobRequest {
  rejectUnknown(body, ['type', 'aoi', 'datetime', 'bands', 'index', 'expression', 'period', ...AREA_KEYS]);
  const choice = valueChoice(body, { allowBands: true });
  return {
    type: 'timeseries',
    aoi: aoiField(body, true),
    datetime: formatPeriod(periodRange(body.datetime, 'datetime')),
    ...areaFields(body, choice),
    ...choiceFields(choice),
    period: enumField(body, 'period', ['day', 'week', 'month'] as const, 'day'),
  };
}

/** The canonical form of a processing job request (throws AppError 400 on a malformed one). */
export function normalizeJobRequest(request: JobRequest | Record<string, unknown>): JobRequest {
  if (!isPlainObject(request)) throw invalidParameter('type', 'a job request must be a JSON object');
  // null is "absent" for every field (stored requests write absent fields as null).
  const body = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== null && value !== undefined));
  switch (body.type) {
    case 'ndvi':
      // A stored ndvi request names its index; anything but ndvi is a contradiction.
      if (typeof body.index === 'string' && body.index.toLowerCase() === 'ndvi') delete body.index;
      rejectUnknown(body, ['type', 'scene', ...SCENE_KEYS]);
      return sceneIndexJob(body, { kind: 'index', index: 'ndvi' });
    case 'index':
      rejectUnknown(body, ['type', 'scene', 'index', 'expression', ...SCENE_KEYS]);
      return sceneIndexJob(body, valueChoice(body, { allowBands: false }));
    case 'change':
      return typeof body.before === 'string' ? sceneChangeJob(body) : periodChangeJob(body);
    case 'composite':
      return compositeJob(body);
    case 'timeseries':
      return timeseriesJob(body);
    default:
      throw invalidParameter('type', `${JSON.stringify(body.type)} is not a processing job type; known: ndvi, index, change, composite, timeseries`);
  }
}
