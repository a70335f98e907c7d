/**
 * `GET /api/v1/jobs/{id}/process-graph`: the openEO process graph of an ASTRA processing job, from
 * the request its params record (jobs/, processing/) through ../graph/'s jobToProcessGraph.
 * Single-scene jobs name their scene by collection, day and id, so the graph needs each scene's
 * collection and datetime (its STAC item, from the items cache or its source) and the cloud mask
 * the run actually used (from the job's plan). Area jobs (composite, period change, time series)
 * keep their canonical request, which is all their graph needs. Posted back to
 * `/api/v1/openeo/result` or `/jobs`, it reads as the same job and gives the same pixels.
 */
import { notFound } from '../../api/errors';
import type { Job } from '../../jobs/types';
import { isAreaParams, isProcessingParams, rerunBody, type ProcessingParams } from '../../processing';
import type { StacItem } from '../../stac/types';
import { jobToProcessGraph, type OpenEoProcess, type SceneRef } from '../graph';

export type SceneLookup = (sceneId: string) => Promise<StacItem>;

function maskBandOf(params: ProcessingParams, sceneId: string): SceneRef['maskBand'] {
  const scene = params.plan.scenes.find((s) => s.id === sceneId);
  if (!scene?.mask) return params.plan.mask_clouds ? null : undefined;
  return scene.mask.kind === 'scl' ? 'SCL' : 'QA_PIXEL';
}

export async function processGraphOfJob(job: Job, sceneOf: SceneLookup): Promise<OpenEoProcess> {
  if (isAreaParams(job.params)) return jobToProcessGraph(job.params.request);
  if (!isProcessingParams(job.params)) {
    throw notFound(`job ${job.id} is a ${job.type} job; only processing jobs (ndvi, index, change, composite, timeseries) have a process graph`);
  }
  const params = job.params;
  const request = rerunBody(job.type, params);
  const sceneIds = [request.scene, request.before, request.after].filter((id): id is string => typeof id === 'string');
  const scenes: Record<string, SceneRef> = {};
  for (const id of sceneIds) {
    const item = await sceneOf(id);
    scenes[id] = { collection: String(item.properties['astra:collection']), datetime: item.properties.datetime, maskBand: maskBandOf(params, id) };
  }
  return jobToProcessGraph(request, { scenes });
}
