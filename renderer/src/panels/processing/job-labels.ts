/** How a job is named in the list and on the map, and which colour ramp its result gets. */
import type { Job } from '../../../../electron/service/api/contract';
import { resultPath } from '../../api/job-paths';
import type { OverlaySpec, RampName } from '../../state/overlays-store';
import { shortSceneId } from '../../util/format';
import { areaFilePart, areaJobTitle, isTrueColour } from './area-job-labels';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What the job was asked to do: processing jobs store it under `params.request` (with the plan beside it). */
export function jobRequest(job: Pick<Job, 'params'>): Record<string, unknown> {
  const params = job.params ?? {};
  const request = params.request;
  return request && typeof request === 'object' ? (request as Record<string, unknown>) : params;
}

export function jobTitle(job: Pick<Job, 'type' | 'params'> & { id?: string }): string {
  const p = jobRequest(job);
  const area = areaJobTitle(job.type, p);
  if (area) return area;
  const scene = shortSceneId(str(p.scene));
  switch (job.type) {
    case 'ndvi':
      return `NDVI · ${scene}`;
    case 'index':
      return p.expression ? `Expression ${str(p.expression)} · ${scene}` : `${str(p.index).toUpperCase() || 'Index'} · ${scene}`;
    case 'change':
      return `Change (${str(p.index) || 'ndvi'}) · ${shortSceneId(str(p.before))} → ${shortSceneId(str(p.after))}`;
    case 'offline':
      return `Offline copy · ${scene}`;
    default:
      return job.id ? `${job.type} · ${job.id}` : job.type;
  }
}

/** Kinds whose result is not a raster: nothing to show on the map or export as GeoTIFF. */
const NO_RASTER = new Set(['offline', 'timeseries']);

function rampOf(job: Job, request: Record<string, unknown>): RampName {
  if (job.type === 'change') return 'change';
  if (job.type === 'composite') {
    if (isTrueColour(request)) return 'rgb';
    return request.index && request.reducer !== 'count' ? 'ndvi' : 'stretch';
  }
  return job.type === 'ndvi' || (job.type === 'index' && !request.expression) ? 'ndvi' : 'stretch';
}

/** The overlay for a finished processing job; null for jobs without a raster result. */
export function resultOverlaySpec(job: Job): OverlaySpec | null {
  if (job.status !== 'succeeded' || NO_RASTER.has(job.type)) return null;
  const stats = job.result?.stats;
  const request = jobRequest(job);
  const ramp = rampOf(job, request);
  return {
    kind: 'result',
    jobId: job.id,
    path: resultPath(job),
    ramp,
    // A change result holds the index difference (band 1) and its −1/0/+1 classes at ±threshold
    // (band 2); the map classes band 1 itself with the same threshold.
    threshold: typeof request.threshold === 'number' ? request.threshold : 0.2,
    min: stats?.min ?? -1,
    max: stats?.max ?? 1,
    crs: job.result?.crs ?? null,
  };
}

export const resultOverlayId = (jobId: string) => `job:${jobId}`;

export function exportName(job: Pick<Job, 'id' | 'type' | 'params'>, extension = 'tif'): string {
  const request = jobRequest(job);
  const area = areaFilePart(job.type, request);
  if (area) return `astra-${job.type}-${area.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80)}-${job.id.slice(-8)}.${extension}`;
  const scene = shortSceneId(str(request.scene) || str(request.after)).replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
  return `astra-${job.type}${scene ? `-${scene}` : ''}-${job.id.slice(-8)}.${extension}`;
}
