/**
 * The offload kind: jobs with `"on": "<back-end id>"` (ndvi, index, change, composite,
 * timeseries) run on a remote openEO back-end. Before anything is queued the body is checked with
 * the graph module's job checks, translated to a process graph (single-scene jobs from their STAC
 * items), and checked against the back-end — signed in, every process offered, collections and
 * bands mappable — without creating anything there (backend-check.ts). Registered on the job
 * queue by server.ts (`jobs.registerOffload`).
 */
import type { OffloadKind } from '../../jobs/job-kind';
import type { JobRemote } from '../../jobs/types';
import { checkOnBackend, usableBackend } from './backend-check';
import type { OffloadDeps } from './offload-deps';
import { outputOf, type OffloadParams } from './offload-params';
import { previewAdvice } from './preview-advice';
import { runOffloadedJob } from './run-offloaded-job';
import { remoteStorageEstimate } from './storage-estimate';
import { translateJob } from './translate-job';

/** The job types a process graph can express (jobToProcessGraph). */
export const OFFLOADABLE_TYPES: readonly string[] = ['ndvi', 'index', 'change', 'composite', 'timeseries'];

export function openEoOffloadKind(deps: OffloadDeps): OffloadKind<OffloadParams> {
  return {
    accepts: (type) => OFFLOADABLE_TYPES.includes(type),
    async validate(type, on, body) {
      const backend = await usableBackend(on, deps);
      const job = await translateJob(type, body, deps, deps.shutdownSignal);
      await checkOnBackend(backend, job.process, deps);
      const params: OffloadParams = {
        on, request: job.request, process: job.process, output: outputOf(job.request), time: job.time, extent: job.extent,
        title: `ASTRA ${type} ${job.time.start.slice(0, 10)}–${job.time.end.slice(0, 10)}`,
      };
      const remote: JobRemote = { backend: on, url: backend.url, job_id: null, status: null, progress: null, estimate: null, logs: [] };
      return { params, remote };
    },
    run: (params, ctx) => runOffloadedJob(params, ctx, deps),
    estimateStorage: (params) => remoteStorageEstimate(params),
    advise: (preview, on) => previewAdvice(preview, on, deps),
  };
}
