/**
 * Batch jobs on a remote back-end through @openeo/js-client: create (`POST /jobs`), estimate
 * (`GET /jobs/{id}/estimate`, when listed), start (`POST /jobs/{id}/results`), follow status,
 * progress and log lines (`GET /jobs/{id}`, `GET /jobs/{id}/logs?offset=`) at an injectable poll
 * interval until the job ends, and cancel (`DELETE /jobs/{id}/results`) — also when the local
 * job's AbortSignal fires while following (unless the service is only detaching: shutdown). A
 * failed remote job becomes `remote_job_failed` carrying its error and log lines.
 */
import { Job, type Connection } from '@openeo/js-client';
import { BackendCatalog } from './backend-catalog';
import { RemoteOpenEoError, isRemoteOpenEoError } from './remote-errors';
import type { RemoteSession } from './remote-session';
import { abortableSleep, type Sleep } from './sleep';
import type { OpenEoProcess, RemoteEstimate, RemoteJobStatus, RemoteJobUpdate, RemoteLogLine } from './types';

export const DEFAULT_POLL_INTERVAL_MS = 15_000;
/** Log lines quoted in a failed job's message (all of them are in the error's `logs`). */
const QUOTED_LOG_LINES = 5;

export interface FollowOptions {
  signal?: AbortSignal;
  pollIntervalMs?: number;
  sleep?: Sleep;
  onUpdate?: (update: RemoteJobUpdate) => void;
  /** Polls in a row that may find the back-end unreachable before following gives up (default 5). */
  unreachablePolls?: number;
  /**
   * Aborted together with `signal` when following stops without cancelling the remote job (the
   * service shuts down: the job goes on remotely and is followed again after the restart).
   */
  detachSignal?: AbortSignal;
}

const STATUSES: readonly RemoteJobStatus[] = ['created', 'queued', 'running', 'canceled', 'finished', 'error'];

function logLine(entry: Record<string, unknown>): RemoteLogLine {
  return {
    id: String(entry.id), level: typeof entry.level === 'string' ? entry.level : 'info', message: typeof entry.message === 'string' ? entry.message : '',
    ...(typeof entry.code === 'string' ? { code: entry.code } : {}), ...(typeof entry.time === 'string' ? { time: entry.time } : {}),
  };
}

/** Creates the batch job (not started: an estimate can be shown first); returns its id. */
export async function createRemoteJob(session: RemoteSession, process: OpenEoProcess, options: { title?: string; description?: string; signal?: AbortSignal } = {}): Promise<string> {
  const job = await session.call('creating the batch job', (con: Connection) => con.createJob(process, options.title ?? null, options.description ?? null), options.signal);
  return job.id;
}

export async function startRemoteJob(session: RemoteSession, jobId: string, signal?: AbortSignal): Promise<void> {
  await session.call('starting the batch job', (con: Connection) => new Job(con, jobId).startJob(), signal);
}

/** Create and start; a job that could not be started is deleted again (best effort). */
export async function submitRemoteJob(session: RemoteSession, process: OpenEoProcess, options: { title?: string; description?: string; signal?: AbortSignal } = {}): Promise<string> {
  const jobId = await createRemoteJob(session, process, options);
  try {
    await startRemoteJob(session, jobId, options.signal);
  } catch (error) {
    await session.call('deleting the batch job', (con: Connection) => new Job(con, jobId).deleteJob()).catch(() => undefined);
    throw error;
  }
  return jobId;
}

/** The back-end's estimate for a created job; null when it offers none. */
export async function estimateRemoteJob(session: RemoteSession, jobId: string, signal?: AbortSignal): Promise<RemoteEstimate | null> {
  if (!new BackendCatalog(session).capabilities().estimates) return null;
  let estimate: Record<string, unknown>;
  try {
    estimate = await session.call('estimating the batch job', (con: Connection) => new Job(con, jobId).estimateJob() as Promise<unknown> as Promise<Record<string, unknown>>, signal);
  } catch (error) {
    if (isRemoteOpenEoError(error) && error.remoteCode === 'FeatureUnsupported') return null;
    throw error;
  }
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { costs: number(estimate.costs), duration: text(estimate.duration), size: number(estimate.size), downloads_included: number(estimate.downloads_included), expires: text(estimate.expires) };
}

/** Stops processing at the back-end (best effort: a job that already ended stays as it is). */
export async function cancelRemoteJob(session: RemoteSession, jobId: string): Promise<void> {
  await session.call('cancelling the batch job', (con: Connection) => new Job(con, jobId).stopJob());
}

function failedJobError(session: RemoteSession, jobId: string, logs: RemoteLogLine[], fallback: string): RemoteOpenEoError {
  const notable = logs.filter((line) => line.level === 'error' || line.level === 'warning');
  const last = [...notable].reverse().find((line) => line.level === 'error');
  const earlier = notable.filter((line) => line !== last).slice(-QUOTED_LOG_LINES);
  const quoted = earlier.length ? `; log: ${earlier.map((line) => `[${line.level}] ${line.message}`).join(' | ')}` : '';
  return new RemoteOpenEoError('remote_job_failed', session.backend.id, `the remote job ${jobId} on ${session.backend.id} failed: ${last?.message ?? fallback}${quoted}`, {
    logs, remoteJobId: jobId, remoteCode: last?.code,
  });
}

/**
 * Polls the job until it finishes; resolves with every log line seen. Errors: the remote job
 * failed or was cancelled at the back-end → remote_job_failed; the signal aborted → the job is
 * cancelled remotely (not when `detachSignal` aborted too) and the signal's reason thrown.
 */
export async function followRemoteJob(session: RemoteSession, jobId: string, options: FollowOptions = {}): Promise<RemoteLogLine[]> {
  const { signal, onUpdate } = options;
  const sleep = options.sleep ?? abortableSleep;
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const job = new Job(session.connection, jobId);
  const logs = new BackendCatalog(session).capabilities().logs ? job.debugJob() : null;
  const seen: RemoteLogLine[] = [];
  const tolerated = options.unreachablePolls ?? 5;
  let misses = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      let fresh: RemoteLogLine[];
      try {
        await session.call('reading the batch job status', () => job.describeJob(), signal);
        fresh = logs ? (await session.call('reading the batch job log', () => logs.nextLogs(), signal)).map((entry) => logLine(entry as unknown as Record<string, unknown>)) : [];
        misses = 0;
      } catch (error) {
        // A long remote job outlives network blips: keep following through a few missed polls.
        if (!isRemoteOpenEoError(error, 'unreachable') || (misses += 1) >= tolerated) throw error;
        await sleep(interval, signal);
        continue;
      }
      seen.push(...fresh);
      const status = (STATUSES as readonly string[]).includes(job.status ?? '') ? job.status as RemoteJobStatus : 'queued';
      onUpdate?.({ jobId, status, progress: typeof job.progress === 'number' ? job.progress : null, logs: fresh });
      if (status === 'finished') return seen;
      if (status === 'error') throw failedJobError(session, jobId, seen, 'the back-end reported an error without a log line');
      if (status === 'canceled') throw new RemoteOpenEoError('remote_job_failed', session.backend.id, `the remote job ${jobId} was cancelled on ${session.backend.id}`, { logs: seen, remoteJobId: jobId });
      await sleep(interval, signal);
    }
  } catch (error) {
    if (signal?.aborted) {
      if (!options.detachSignal?.aborted) await cancelRemoteJob(session, jobId).catch(() => undefined);
      throw signal.reason;
    }
    throw error;
  }
}
