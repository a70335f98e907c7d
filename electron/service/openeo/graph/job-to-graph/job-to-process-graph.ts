/**
 * `jobToProcessGraph(request, options)`: the openEO process graph of an ASTRA job request (every
 * processing kind), written from the request's canonical form (../job-request/normalize-job.ts)
 * and valid against the vendored process definitions. Jobs a graph cannot express (a `max_ndvi`
 * composite; `harmonize: "hls"` with `bands` on Landsat) throw a 422 AppError saying why. Pure.
 */
import { AppError } from '../../../api/errors';
import type { CompositeJobRequest, JobRequest, PeriodChangeJobRequest, TimeseriesJobRequest } from '../../../jobs/area-job-types';
import type { IndexJobRequest, NdviJobRequest, SceneChangeJobRequest } from '../../../jobs/types';
import { parseScopedId } from '../../../search/scoped-id';
import type { FromNode, OpenEoProcess } from '../graph-json';
import { GraphWriter } from '../graph-writer';
import { routeJobCollections } from '../job-request/collection-routing';
import { normalizeJobRequest } from '../job-request/normalize-job';
import { valueChoice } from '../job-request/value-choice';
import { collectionOf, type LocalCollection } from '../local-collections';
import { bboxPolygon, isBbox, isPoint, selectionAroundPoint, selectionOfArea } from '../spatial-extent';
import { dayOf, periodRange } from '../temporal-extent';
import { writeObservations, type Grid, type ObservationRequest } from './write-observations';
import { reduceTime, withValidCount, writeChange, writeSeries, type SpatialStatistic } from './write-results';

/** What a single-scene job's graph needs to know of its scene (from the scene's STAC item). */
export interface SceneRef {
  /** The item's upstream collection, e.g. `sentinel-2-l2a`. */
  collection: string;
  /** The item's acquisition `datetime`. */
  datetime: string;
  /** The scene's cloud mask band; default the collection's; null when the scene has none. */
  maskBand?: 'SCL' | 'QA_PIXEL' | null;
}

export interface ProcessGraphOptions {
  /** Scene refs by scoped scene id, for `ndvi`, `index` and scene-pair `change` jobs. */
  scenes?: Readonly<Record<string, SceneRef>>;
  /** The one statistic a time-series graph carries (default `mean`). */
  statistic?: SpatialStatistic;
  /** Time-series output format (default JSON). */
  timeseriesFormat?: 'JSON' | 'CSV';
}

type SceneJob = NdviJobRequest | IndexJobRequest;

function sceneRequest(sceneId: string, job: { mask_clouds?: boolean; bbox?: [number, number, number, number] | null; resolution?: number | null }, value: ObservationRequest['value'], options: ProcessGraphOptions, parameter: string): ObservationRequest {
  const ref = options.scenes?.[sceneId];
  if (!ref) throw new AppError('unprocessable', `${parameter}: the process graph of a scene job needs the scene's collection and datetime (scene ${sceneId} not given)`, { parameter });
  const { source, upstreamId } = parseScopedId(sceneId, parameter);
  const collection = collectionOf(source, ref.collection);
  if (!collection) throw new AppError('unprocessable', `${parameter}: collection ${ref.collection} of source ${source} has no openEO collection`, { parameter });
  const maskBand = ref.maskBand === undefined ? collection.maskBand : ref.maskBand;
  if (!Number.isFinite(Date.parse(ref.datetime))) throw new AppError('unprocessable', `${parameter}: the scene's datetime ${JSON.stringify(ref.datetime)} is not a date-time`, { parameter });
  return {
    collections: [collection],
    spatial: job.bbox ? { kind: 'bbox', bbox: job.bbox } : null,
    temporal: dayOf(ref.datetime),
    sceneItemId: upstreamId,
    valueParameter: value.kind === 'expression' ? 'expression' : 'index',
    maskBand: () => (job.mask_clouds ? maskBand : null),
    value,
    harmonize: false,
    grid: job.resolution ? { resolution: job.resolution } : null,
  };
}

function gridOf(job: { crs?: string; resolution?: number }): Grid | null {
  return job.crs || job.resolution ? { ...(job.crs ? { crs: job.crs } : {}), ...(job.resolution ? { resolution: job.resolution } : {}) } : null;
}

function areaRequest(job: CompositeJobRequest | PeriodChangeJobRequest | TimeseriesJobRequest, datetime: string, parameter: string): Omit<ObservationRequest, 'spatial'> {
  const body = job as unknown as Record<string, unknown>;
  const collections: LocalCollection[] = routeJobCollections(job.sources, job.collections);
  const value = valueChoice(body, { allowBands: job.type !== 'change', fallback: job.type === 'change' ? 'ndvi' : undefined });
  return {
    collections,
    temporal: periodRange(datetime, parameter),
    cloudCoverLt: job.cloud_cover_lt,
    maskBand: (collection) => (job.mask_clouds === false ? null : collection.maskBand),
    value,
    valueParameter: value.kind,
    harmonize: job.harmonize === 'hls',
    grid: gridOf(job),
  };
}

function sceneIndexGraph(writer: GraphWriter, job: SceneJob, options: ProcessGraphOptions): FromNode {
  const value = job.type === 'ndvi' ? { kind: 'index', index: 'ndvi' } as const : valueChoice(job as unknown as Record<string, unknown>, { allowBands: false });
  const observations = writeObservations(writer, sceneRequest(job.scene, job, value, options, 'scene'));
  return writer.add('save_result', { data: reduceTime(writer, observations, 'first'), format: 'GTiff' });
}

function sceneChangeGraph(writer: GraphWriter, job: SceneChangeJobRequest, options: ProcessGraphOptions): FromNode {
  const value = { kind: 'index', index: job.index ?? 'ndvi' } as const;
  const before = reduceTime(writer, writeObservations(writer, sceneRequest(job.before, job, value, options, 'before')), 'first');
  const after = reduceTime(writer, writeObservations(writer, sceneRequest(job.after, job, value, options, 'after')), 'first');
  return writer.add('save_result', { data: writeChange(writer, after, before, job.threshold ?? 0.2), format: 'GTiff' });
}

function compositeGraph(writer: GraphWriter, job: CompositeJobRequest): FromNode {
  if (job.reducer === 'max_ndvi') {
    throw new AppError('unprocessable', 'reducer: a "max_ndvi" (greenest pixel) composite cannot be written as an openEO process graph: choosing every band from the observation with the highest NDVI needs an arg-max over time, which no openEO core process offers; it runs locally only', { parameter: 'reducer' });
  }
  const request = { ...areaRequest(job, job.datetime, 'datetime'), spatial: selectionOfArea(job.aoi) };
  const observations = writeObservations(writer, request);
  const composite = reduceTime(writer, observations, job.reducer);
  const result = job.valid_count ? withValidCount(writer, observations, composite, request.value) : composite;
  return writer.add('save_result', { data: result, format: 'GTiff' });
}

function periodChangeGraph(writer: GraphWriter, job: PeriodChangeJobRequest): FromNode {
  const reducer = job.reducer ?? 'median';
  const side = (datetime: string, parameter: string): FromNode =>
    reduceTime(writer, writeObservations(writer, { ...areaRequest(job, datetime, parameter), spatial: selectionOfArea(job.aoi) }), reducer);
  const before = side(job.before.datetime, 'before.datetime');
  const after = side(job.after.datetime, 'after.datetime');
  return writer.add('save_result', { data: writeChange(writer, after, before, job.threshold ?? 0.2), format: 'GTiff' });
}

function timeseriesGraph(writer: GraphWriter, job: TimeseriesJobRequest, options: ProcessGraphOptions): FromNode {
  const { aoi } = job;
  const spatial = isPoint(aoi) ? selectionAroundPoint(aoi) : selectionOfArea(aoi);
  const geometry = isPoint(aoi) ? { type: 'Point' as const, coordinates: aoi } : isBbox(aoi) ? bboxPolygon(aoi) : aoi;
  const observations = writeObservations(writer, { ...areaRequest(job, job.datetime, 'datetime'), spatial });
  const series = writeSeries(writer, observations, job.period ?? 'day', geometry, options.statistic ?? 'mean');
  return writer.add('save_result', { data: series, format: options.timeseriesFormat ?? 'JSON' });
}

/** The process (`{process_graph}`) of a job request; throws AppError 400/422 naming the parameter. */
export function jobToProcessGraph(request: JobRequest | Record<string, unknown>, options: ProcessGraphOptions = {}): OpenEoProcess {
  const job = normalizeJobRequest(request);
  const writer = new GraphWriter();
  let result: FromNode;
  switch (job.type) {
    case 'ndvi':
    case 'index': result = sceneIndexGraph(writer, job, options); break;
    case 'change': result = typeof job.before === 'string' ? sceneChangeGraph(writer, job as SceneChangeJobRequest, options) : periodChangeGraph(writer, job as PeriodChangeJobRequest); break;
    case 'composite': result = compositeGraph(writer, job); break;
    case 'timeseries': result = timeseriesGraph(writer, job, options); break;
  }
  return writer.finish(result);
}
