/**
 * A job body → its canonical request and its openEO process graph, before anything is queued:
 * the fields are checked by the graph module's own job checks (normalizeJobRequest — the rules
 * the local engine uses), and single-scene jobs get their scene's collection, datetime and
 * footprint from its STAC item (the items cache first). A scene job without `bbox` is given the
 * scene's footprint: remote back-ends select by collection, day and extent, not by scene id.
 * An area job reads one collection per sensor remotely — the first of its collections for
 * Sentinel-2 and for Landsat — since the others (e.g. Earth Search's and Planetary Computer's
 * Sentinel-2 L2A) stand for the same remote collection, which would be loaded and merged twice.
 */
import type { AreaJobRequest, JobRequest, PeriodChangeJobRequest } from '../../jobs/area-job-types';
import type { SceneChangeJobRequest } from '../../jobs/types';
import { maskBandOf } from '../../processing/scene/mask-band';
import { sceneItem } from '../../processing/scene/scene-item';
import type { StacItem } from '../../stac/types';
import { jobToProcessGraph, normalizeJobRequest, type OpenEoProcess, type SceneRef } from '../graph';
import { boundsOf, isPoint, selectionAroundPoint, selectionOfArea } from '../graph/spatial-extent';
import { describeCollections, routeJobCollections } from '../graph/job-request/collection-routing';
import { periodRange } from '../graph/temporal-extent';
import type { OffloadDeps } from './offload-deps';

export interface TranslatedJob {
  request: JobRequest;
  process: OpenEoProcess;
  /** When the observations were made: the scenes' datetimes, or the period(s), as ISO instants. */
  time: { start: string; end: string };
  /** The area asked for (WGS84). */
  extent: Bbox4 | null;
}

type Bbox4 = [number, number, number, number];

function sceneRef(item: StacItem): SceneRef {
  const mask = maskBandOf(item);
  return {
    collection: String(item.properties['astra:collection'] ?? item.collection ?? ''),
    datetime: item.properties.datetime,
    maskBand: mask === null ? null : mask.kind === 'scl' ? 'SCL' : 'QA_PIXEL',
  };
}

function footprintOf(items: StacItem[]): Bbox4 | undefined {
  const boxes = items.map((item) => item.bbox).filter((bbox): bbox is number[] => Array.isArray(bbox) && bbox.length === 4);
  if (boxes.length !== items.length) return undefined;
  // A scene pair: their overlap, where a change can be computed (a pair without one fails remotely too).
  return [Math.max(...boxes.map((b) => b[0])), Math.max(...boxes.map((b) => b[1])), Math.min(...boxes.map((b) => b[2])), Math.min(...boxes.map((b) => b[3]))];
}

function isSceneChange(request: JobRequest): request is SceneChangeJobRequest {
  return request.type === 'change' && typeof request.before === 'string';
}

/** The area job with one collection per sensor (the graph sent to the back-end; the stored request stays as asked). */
export function onePerSensor<T extends AreaJobRequest>(request: T): T {
  const routed = routeJobCollections(request.sources, request.collections);
  const kept = routed.filter((collection, i) => routed.findIndex((other) => other.sensor === collection.sensor) === i);
  if (kept.length === routed.length) return request;
  const { sources, collections } = describeCollections(kept);
  return { ...request, sources, collections };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function span(times: number[]): { start: string; end: string } {
  return { start: iso(Math.min(...times)), end: iso(Math.max(...times)) };
}

async function sceneJob(request: JobRequest & { bbox?: Bbox4 | null }, ids: Array<[string, string]>, deps: Pick<OffloadDeps, 'scenes' | 'offline'>, signal?: AbortSignal): Promise<TranslatedJob> {
  const items = await Promise.all(ids.map(([id, parameter]) => sceneItem(deps, id, parameter, signal)));
  const scenes = Object.fromEntries(ids.map(([id], i) => [id, sceneRef(items[i])]));
  const bbox = request.bbox ?? footprintOf(items);
  const process = jobToProcessGraph({ ...request, ...(bbox ? { bbox } : {}) }, { scenes });
  // The scenes' own datetimes, as their items give them.
  const times = items.map((item) => item.properties.datetime).sort((a, b) => Date.parse(a) - Date.parse(b));
  return { request, process, time: { start: times[0], end: times[times.length - 1] }, extent: bbox ?? null };
}

export async function translateJob(type: string, body: Record<string, unknown>, deps: Pick<OffloadDeps, 'scenes' | 'offline'>, signal?: AbortSignal): Promise<TranslatedJob> {
  const request = normalizeJobRequest({ ...body, type });
  switch (request.type) {
    case 'ndvi':
    case 'index':
      return sceneJob(request, [[request.scene, 'scene']], deps, signal);
    case 'change': {
      if (isSceneChange(request)) return sceneJob(request, [[request.before, 'before'], [request.after, 'after']], deps, signal);
      const periods = request as PeriodChangeJobRequest;
      const before = periodRange(periods.before.datetime, 'before.datetime');
      const after = periodRange(periods.after.datetime, 'after.datetime');
      return { request, process: jobToProcessGraph(onePerSensor(periods)), time: span([before.start, before.end, after.start, after.end]), extent: boundsOf(selectionOfArea(periods.aoi)) };
    }
    case 'composite':
    case 'timeseries': {
      const period = periodRange(request.datetime, 'datetime');
      const area = isPoint(request.aoi) ? selectionAroundPoint(request.aoi) : selectionOfArea(request.aoi);
      return { request, process: jobToProcessGraph(onePerSensor(request)), time: span([period.start, period.end]), extent: boundsOf(area) };
    }
  }
}
