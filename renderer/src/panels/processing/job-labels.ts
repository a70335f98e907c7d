/** How a job is named in the list and on the map, and which colour ramp its result gets. */
import type { Job } from '../../../../electron/service/api/contract';
import { resultPath } from '../../api/jobs-api';
import type { OverlaySpec } from '../../state/overlays-store';
import { shortSceneId } from '../../util/format';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What the job was asked to do: processing jobs store it under `params.request` (with the plan beside it). */
export function jobRequest(job: Pick<Job, 'params'>): Record<string, unknown> {
  const params = job.params ?? {};
  const request = params.request;
  return request && typeof request === 'object' ? (request as Record<string, unknown>) : params;
}

export function jobTitle(job: Pick<Job, 'type' | 'params'> & { id?: string }): string {
  const p = jobRequest(job);
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

/** The overlay for a finished processing job; null for jobs without a raster result. */
export function resultOverlaySpec(job: Job): OverlaySpec | null {
  if (job.status !== 'succeeded' || job.type === 'offline') return null;
  const stats = job.result?.stats;
  const request = jobRequest(job);
  const ramp = job.type === 'change' ? 'change' : job.type === 'ndvi' || (job.type === 'index' && !request.expression) ? 'ndvi' : 'stretch';
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

export function exportName(job: Pick<Job, 'id' | 'type' | 'params'>): string {
  const request = jobRequest(job);
  const scene = shortSceneId(str(request.scene) || str(request.after)).replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
  return `astra-${job.type}${scene ? `-${scene}` : ''}-${job.id.slice(-8)}.tif`;
}
