/**
 * Running a job on its remote back-end (the offload kind's `run`): runRemoteJob with the job's
 * signal, progress and checkpoint — the remote job's id is checkpointed as soon as it exists, so
 * after a restart the same remote job is followed again instead of submitting another — the run
 * mirrored into the job's `remote` field, then the downloads turned into the job's result
 * (remote-result.ts). A cancelled job is cancelled remotely; a shutdown leaves the remote job
 * running. While the app is offline, the run waits instead of touching the network.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../api/errors';
import type { JobRunContext } from '../../jobs/job-kind';
import type { JobResult } from '../../jobs/types';
import { runRemoteJob, type SubmittedRemoteJob } from '../remote/run-remote-job';
import { abortableSleep, type Sleep } from '../remote/sleep';
import type { OffloadDeps } from './offload-deps';
import type { OffloadParams } from './offload-params';
import { RemoteMirror } from './remote-mirror';
import { remoteJobResult } from './remote-result';

/** Share of the job's progress the remote run takes; the rest is turning the downloads into the result. */
const REMOTE_SHARE = 0.9;
const DOWNLOAD_DIR = 'downloads';

interface OffloadCheckpoint {
  submitted: SubmittedRemoteJob;
}

function resumeOf(state: unknown): SubmittedRemoteJob | undefined {
  const submitted = (state as Partial<OffloadCheckpoint> | null)?.submitted;
  if (!submitted || typeof submitted.jobId !== 'string' || typeof submitted.process !== 'object' || typeof submitted.mapping !== 'object') return undefined;
  return submitted;
}

/** The poll wait, stretched while the app is offline (nothing may touch the network then). */
function offlineAwareSleep(deps: Pick<OffloadDeps, 'sleep' | 'offline' | 'pollIntervalMs'>): Sleep {
  const base = deps.sleep ?? abortableSleep;
  return async (ms, signal) => {
    await base(ms, signal);
    while (deps.offline()) await base(Math.max(ms, deps.pollIntervalMs), signal);
  };
}

export async function runOffloadedJob(params: OffloadParams, ctx: JobRunContext, deps: OffloadDeps): Promise<JobResult> {
  const backend = deps.backends.get(params.on);
  if (!backend) {
    throw new AppError('conflict', `the back-end ${params.on} is no longer in the settings; add it again and submit the job again`, { details: { backend: params.on } });
  }
  const sleep = offlineAwareSleep(deps);
  while (deps.offline()) await sleep(deps.pollIntervalMs, ctx.signal);
  // Whatever an interrupted run left (partial downloads, a COG spool) is made again.
  await rm(ctx.workDir, { recursive: true, force: true });
  await mkdir(ctx.workDir, { recursive: true });
  const downloads = join(ctx.workDir, DOWNLOAD_DIR);
  const mirror = new RemoteMirror(ctx);
  const resume = resumeOf(ctx.resumeState);
  let remoteJobId = resume?.jobId ?? null;
  let run;
  try {
    run = await runRemoteJob({
      backend, secrets: deps.secrets, process: params.process, targetDir: downloads, title: params.title, resume,
      signal: ctx.signal, detachSignal: deps.shutdownSignal, pollIntervalMs: deps.pollIntervalMs, sleep, fetch: deps.fetch,
      onSubmitted: (submitted) => {
        remoteJobId = submitted.jobId;
        ctx.checkpoint({ submitted } satisfies OffloadCheckpoint);
        mirror.submitted(submitted.jobId);
      },
      onEstimate: (estimate) => mirror.estimate(estimate),
      onUpdate: (update) => mirror.update(update),
      onProgress: (fraction) => ctx.progress(fraction * REMOTE_SHARE),
    });
  } catch (error) {
    if (ctx.signal.aborted && !deps.shutdownSignal.aborted && remoteJobId) mirror.status('canceled');
    throw error;
  }
  return remoteJobResult(run, params, downloads, {
    jobId: ctx.jobId, workDir: ctx.workDir, signal: ctx.signal, progress: (fraction) => ctx.progress(REMOTE_SHARE + (1 - REMOTE_SHARE) * fraction),
  });
}
