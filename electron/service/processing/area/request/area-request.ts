/**
 * The body of an area job (spec-15: `composite`, the period form of `change`, `timeseries`)
 * checked and put in canonical form by the same rules the openEO translation uses
 * (openeo/graph/job-request/normalize-job.ts: aoi, period with both ends, sources/collections,
 * cloud_cover_lt, mask_clouds, harmonize, crs, resolution, exactly one of bands/index/expression,
 * reducer, period, threshold — 400s naming the parameter), plus what only the engine knows: the
 * CRS must be one the warp reaches, every band must exist in every chosen collection (400 naming
 * the band and the sensor), and jobs run here (`on` absent or "local": the job queue hands a body
 * with a back-end id to the openEO offload kind before a local kind sees it). Pure.
 */
import { invalidParameter } from '../../../api/errors';
import type { AreaJobRequest } from '../../../jobs/area-job-types';
import { routeJobCollections } from '../../../openeo/graph/job-request/collection-routing';
import { normalizeJobRequest } from '../../../openeo/graph/job-request/normalize-job';
import { bandList, isKnownBand } from '../../../openeo/graph/local-collections';
import { projDefinition } from '../../../../../workers/lib/geo/crs';
import { valuePlanOf } from './value-plan';

export type AreaKind = AreaJobRequest['type'];

function checkOn(value: unknown): void {
  if (value === undefined || value === null || value === 'local') return;
  throw invalidParameter('on', `${JSON.stringify(value)}: this kind runs area jobs here ("local"); a remote back-end runs them through POST /api/v1/jobs`);
}

function checkCrs(crs: string | undefined): void {
  if (crs === undefined) return;
  try {
    projDefinition(crs);
  } catch (error) {
    throw invalidParameter('crs', (error as Error).message);
  }
}

/** Every variable of the job is a band of every collection it reads (nir stands for nir08 on Landsat). */
function checkBands(request: AreaJobRequest): void {
  const { values, parameter } = valuePlanOf(request);
  for (const collection of routeJobCollections(request.sources, request.collections)) {
    const missing = values.variables.filter((name) => !isKnownBand(collection, name));
    if (missing.length === 0) continue;
    throw invalidParameter(parameter, `${missing.map((name) => `"${name}"`).join(', ')} is not a band of ${collection.source} (collection ${collection.upstream}, ${collection.sensor}); its bands: ${bandList(collection)}`);
  }
}

/** The canonical request of an area job of `type` (the POST body without `type`). */
export function parseAreaRequest(type: AreaKind, body: Record<string, unknown>): AreaJobRequest {
  checkOn(body.on);
  const request = normalizeJobRequest({ ...body, type }) as AreaJobRequest;
  checkCrs(request.crs);
  checkBands(request);
  return request;
}

/** True when a `change` body is the period form (before/after are objects, not scene ids). */
export function isPeriodChangeBody(body: Record<string, unknown>): boolean {
  return typeof body.before === 'object' && body.before !== null;
}
