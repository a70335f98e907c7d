/**
 * `POST /result`: a process run synchronously — translated, submitted to the same job queue as
 * every ASTRA job (owned by the caller's key: its queue limit, the disk reserve), awaited, and its
 * result file handed back for streaming; the ASTRA job is removed once the answer is sent.
 * Only small requests: a job whose storage estimate (output, spool and journal at their peak)
 * exceeds `maxBytes` is refused before it is queued with ProcessGraphComplexity, pointing to batch
 * jobs. A client that goes away cancels the job.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, isAppError } from '../../api/errors';
import type { ErrorCode } from '../../api/types';
import type { JobQueue } from '../../jobs/queue';
import type { Job } from '../../jobs/types';
import { OpenEoError } from '../graph';
import { resultFilesOf } from './result-document';
import { asProcessError, translateProcess } from './translation';

const MIB = 1024 * 1024;

export interface SyncResultDeps {
  jobs: JobQueue;
  /** The largest storage estimate run synchronously (config.openEoSyncMaxBytes). */
  maxBytes: number;
}

export interface SyncResult {
  path: string;
  type: string;
  size: number;
  /** Removes the ASTRA job and its files; call once the answer has been sent (or has failed). */
  remove(): Promise<void>;
}

/** A failed run as the error it recorded (an error-catalogue code), rendered as openEO at the HTTP edge. */
function failure(job: Job): unknown {
  if (job.status === 'cancelled') return new OpenEoError('Conflict', 'The computation was canceled before it finished.');
  const message = `The computation failed: ${job.error?.message ?? 'no reason recorded'}`;
  const error = new AppError((job.error?.code ?? 'internal') as ErrorCode, message);
  return isAppError(error) ? error : new OpenEoError('Internal', message);
}

export async function runSync(deps: SyncResultDeps, process: unknown, owner: string, signal: AbortSignal): Promise<SyncResult> {
  // No separate check as for a batch job: submit validates (and plans) the job once, here.
  const { job, format } = await translateProcess(process);
  const admit = (estimate: number) => {
    if (estimate <= deps.maxBytes) return;
    throw new OpenEoError('ProcessGraphComplexity', `The process is too large for synchronous processing: it may need up to ${Math.ceil(estimate / MIB)} MiB `
      + `while POST /result takes at most ${Math.floor(deps.maxBytes / MIB)} MiB (ASTRA_OPENEO_SYNC_MAX_BYTES). Run it as a batch job (POST /jobs, then POST /jobs/{job_id}/results), or ask for a smaller area or a coarser resolution.`);
  };
  let submitted: Job;
  try {
    submitted = await deps.jobs.submit(job.type, job as unknown as Record<string, unknown>, owner, { admit });
  } catch (error) {
    throw asProcessError(error, job);
  }
  // The first call removes a finished job; an unfinished one is cancelled by it and removed by the second.
  const remove = async () => {
    await deps.jobs.cancelOrRemove(submitted.id).catch(() => null);
    await deps.jobs.cancelOrRemove(submitted.id).catch(() => null);
  };
  const cancel = () => void deps.jobs.cancel(submitted.id).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const done = await deps.jobs.whenFinished(submitted.id);
    if (done.status !== 'succeeded') throw failure(done);
    const [file] = resultFilesOf(done, format);
    if (!file) throw new OpenEoError('Internal', `The computation left no ${format} result.`);
    const path = join(deps.jobs.workDir(done.id), file.name);
    return { path, type: file.type, size: (await stat(path)).size, remove };
  } catch (error) {
    await remove();
    throw error;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
