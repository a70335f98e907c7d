/**
 * Job kinds `composite` and `timeseries` (spec-15; api.md "Area jobs"), and the period form of
 * `change` (validate and run; kinds/change-kind.ts dispatches to them when `before` and `after`
 * are periods). Validation parses the body (request/area-request.ts) and plans the job
 * (plan/build-area-plan.ts: scenes found, headers read, grid and limits checked); running reads
 * tiles through the worker pool (engine/).
 */
import type { JobKind } from '../../../jobs/job-kind';
import type { JobResult } from '../../../jobs/types';
import { processingStorageEstimate } from '../../engine/storage-estimate';
import type { AreaDeps } from '../area-deps';
import { areaPreview } from '../area-preview';
import { runAreaRaster } from '../engine/run-area-raster';
import { runTimeseries } from '../engine/run-timeseries';
import type { AreaParams } from '../plan/area-plan';
import { buildAreaPlan } from '../plan/build-area-plan';
import { parseAreaRequest, type AreaKind } from '../request/area-request';

/** Bytes of result.json + result.csv per entry and output, generously. */
const SERIES_BYTES_PER_ENTRY = 4096;

export async function validateAreaJob(type: AreaKind, body: Record<string, unknown>, deps: AreaDeps): Promise<AreaParams> {
  const request = parseAreaRequest(type, body);
  // Planning (search, headers) takes a while: a worker can start meanwhile.
  deps.workerPool.warm({ kind: 'ping', value: 0 });
  const plan = await buildAreaPlan(request, deps, deps.shutdownSignal);
  return { request, plan };
}

export function runAreaJob(params: AreaParams, ctx: Parameters<JobKind['run']>[1], deps: AreaDeps): Promise<JobResult> {
  return params.plan.kind === 'timeseries' ? runTimeseries(params, ctx, deps) : runAreaRaster(params, ctx, deps);
}

export function areaStorageEstimate({ plan }: AreaParams): number {
  if (plan.kind !== 'timeseries') return processingStorageEstimate(plan);
  return (plan.series?.length ?? 0) * plan.values.outputs.length * SERIES_BYTES_PER_ENTRY;
}

function areaKind(type: 'composite' | 'timeseries', deps: AreaDeps): JobKind<AreaParams> {
  return {
    type,
    resumable: true,
    validate: (body) => validateAreaJob(type, body, deps),
    run: (params, ctx) => runAreaJob(params, ctx, deps),
    estimateStorage: areaStorageEstimate,
    preview: (params) => areaPreview(params.plan),
  };
}

export function compositeJob(deps: AreaDeps): JobKind<AreaParams> {
  return areaKind('composite', deps);
}

export function timeseriesJob(deps: AreaDeps): JobKind<AreaParams> {
  return areaKind('timeseries', deps);
}
