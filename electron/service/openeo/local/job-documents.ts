/**
 * The openEO view of a batch job (pure): its status from the ASTRA job running it, the metadata
 * of `GET /jobs` and `GET /jobs/{id}`, and its log. ASTRA keeps no per-tile log, so the log is
 * the job's life: created, queued, started, and how it ended (the ASTRA job's error when it
 * failed) — with stable ids for `offset`.
 */
import type { Job, JobStatus } from '../../jobs/types';
import type { OpenEoJobRecord } from './job-records';
import { astraJobUrl, openEoJobUrl } from './paths';

export type OpenEoJobStatus = 'created' | 'queued' | 'running' | 'finished' | 'error' | 'canceled';

const STATUS: Readonly<Record<JobStatus, OpenEoJobStatus>> = {
  queued: 'queued', running: 'running', succeeded: 'finished', failed: 'error', cancelled: 'canceled',
};

/** The openEO status of a job whose current run is `run` (undefined: never started, or its run was removed). */
export function statusOf(run: Job | undefined): OpenEoJobStatus {
  return run ? STATUS[run.status] : 'created';
}

export interface JobLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
}

function latest(...times: Array<string | null | undefined>): string {
  return times.filter((t): t is string => typeof t === 'string').sort().pop() as string;
}

/** `GET /jobs` entry (without the process) or `GET /jobs/{id}` (with it). */
export function jobMetadata(record: OpenEoJobRecord, run: Job | undefined, origin: string, withProcess: boolean): Record<string, unknown> {
  const status = statusOf(run);
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    ...(withProcess ? { process: record.process } : {}),
    status,
    ...(run && status !== 'created' ? { progress: Math.round(run.progress * 1000) / 10 } : {}),
    created: record.createdAt,
    updated: latest(record.updatedAt, run?.started_at, run?.finished_at),
    links: [
      { rel: 'self', href: openEoJobUrl(origin, record.id), type: 'application/json' },
      ...(run ? [{ rel: 'related', href: astraJobUrl(origin, run.id), type: 'application/json', title: 'The ASTRA job running it' }] : []),
    ] satisfies JobLink[],
  };
}

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warning', 'error'];

export interface LogEntry {
  id: string;
  code?: string;
  level: LogLevel;
  message: string;
  time: string;
  links?: JobLink[];
}

/** Every log entry of the job, oldest first. Ids name the event and run, so `offset` stays valid. */
export function jobLog(record: OpenEoJobRecord, run: Job | undefined, origin: string): LogEntry[] {
  const entries: LogEntry[] = [{ id: 'created', level: 'info', message: `Job created: ASTRA ${record.job.type} job from the process graph.`, time: record.createdAt }];
  if (!run) return entries;
  entries.push({ id: `${run.id}-queued`, level: 'info', message: `Queued as ASTRA job ${run.id}.`, time: run.created_at, links: [{ rel: 'related', href: astraJobUrl(origin, run.id) }] });
  if (run.started_at) entries.push({ id: `${run.id}-started`, level: 'info', message: 'Processing started.', time: run.started_at });
  if (run.finished_at) {
    if (run.status === 'succeeded') entries.push({ id: `${run.id}-finished`, level: 'info', message: 'Processing finished; the results are ready.', time: run.finished_at });
    else if (run.status === 'failed') entries.push({ id: `${run.id}-error`, level: 'error', code: run.error?.code ?? 'internal', message: run.error?.message ?? 'Processing failed.', time: run.finished_at });
    else entries.push({ id: `${run.id}-canceled`, level: 'warning', message: 'Processing was canceled.', time: run.finished_at });
  }
  return entries;
}

/** The log after the entry `offset` (all when empty), at `level` or above, at most `limit` entries. */
export function logPage(entries: readonly LogEntry[], options: { offset?: string; level: LogLevel; limit?: number }): { logs: LogEntry[]; more: boolean } {
  const start = options.offset ? entries.findIndex((entry) => entry.id === options.offset) + 1 : 0;
  const wanted = entries.slice(start).filter((entry) => LOG_LEVELS.indexOf(entry.level) >= LOG_LEVELS.indexOf(options.level));
  const logs = options.limit === undefined ? wanted : wanted.slice(0, options.limit);
  return { logs, more: logs.length < wanted.length };
}
