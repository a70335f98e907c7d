/**
 * Mirrors a remote run into the job's `remote` field as it goes: the remote job id once it
 * exists, the back-end's estimate, status, progress and the last log lines (oldest first, at most
 * MAX_REMOTE_LOG_LINES). A resumed run starts its log afresh: following a job again reads its log
 * from the beginning.
 */
import type { JobRunContext } from '../../jobs/job-kind';
import type { JobRemote, JobRemoteLogLine } from '../../jobs/types';
import type { RemoteEstimate, RemoteJobUpdate } from '../remote/types';

export const MAX_REMOTE_LOG_LINES = 50;

export function estimateField(estimate: RemoteEstimate | null): JobRemote['estimate'] {
  if (!estimate) return null;
  const field: NonNullable<JobRemote['estimate']> = {
    ...(estimate.costs !== null ? { costs: estimate.costs } : {}),
    ...(estimate.duration !== null ? { duration: estimate.duration } : {}),
    ...(estimate.size !== null ? { size: estimate.size } : {}),
  };
  return Object.keys(field).length ? field : null;
}

export class RemoteMirror {
  private logs: JobRemoteLogLine[] = [];
  private fresh = true;

  constructor(private readonly ctx: Pick<JobRunContext, 'remote'>) {}

  submitted(jobId: string): void {
    this.ctx.remote({ job_id: jobId });
  }

  estimate(estimate: RemoteEstimate | null): void {
    this.ctx.remote({ estimate: estimateField(estimate) });
  }

  update(update: RemoteJobUpdate): void {
    const lines = update.logs.map((line) => ({ level: line.level, message: line.message, ...(line.time ? { time: line.time } : {}) }));
    this.logs = [...(this.fresh ? [] : this.logs), ...lines].slice(-MAX_REMOTE_LOG_LINES);
    this.fresh = false;
    this.ctx.remote({ job_id: update.jobId, status: update.status, progress: update.progress, logs: this.logs });
  }

  status(status: string): void {
    this.ctx.remote({ status });
  }
}
