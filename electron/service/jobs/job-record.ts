/** A `jobs` row (migrations 004, 006, 007, 010, 012) and its wire form (types.ts Job). Pure. */
import type { Job, JobError, JobProgressDetail, JobRemote, JobResult, JobStatus } from './types';

export interface JobRow {
  id: string;
  type: string;
  status: JobStatus;
  progress: number;
  /** JSON JobProgressDetail; null when the kind reports none. */
  progress_detail: string | null;
  params: string;
  result: string | null;
  error: string | null;
  checkpoint: string | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** The API key that submitted the job; null for jobs from before ownership was recorded. */
  owner_key_id: string | null;
  /** Bytes reserved from the free space while the job is queued or running. */
  storage_estimate: number;
  /** Bytes its work dir holds once finished; null until measured. */
  result_bytes: number | null;
  /** JSON of the job's `remote` field when it runs on a remote openEO back-end; null for a local job. */
  remote: string | null;
}

export const TERMINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function jobHref(id: string): string {
  return `/api/v1/jobs/${id}`;
}

/** The file a kind leaves in its work dir to have it served at result.tif. */
export const RESULT_FILE_NAME = 'result.tif';

export function resultFileHref(id: string): string {
  return `/api/v1/jobs/${id}/result.tif`;
}

export const RESULT_FILE_MEDIA_TYPE = 'image/tiff; application=geotiff; profile=cloud-optimized';

export function jobLinks(id: string, result?: JobResult): Job['links'] {
  const links: Job['links'] = [{ rel: 'self', href: jobHref(id), type: 'application/json' }];
  // A time series' result is its JSON (result.json); every other result is a COG.
  if (result?.href) links.push({ rel: 'result', href: result.href, type: result.href.endsWith('.json') ? 'application/json' : RESULT_FILE_MEDIA_TYPE });
  return links;
}

/** A running job's progress as kept in memory (newer than the throttled columns). */
export interface LiveProgress {
  progress: number;
  detail: JobProgressDetail | null;
}

/** The wire form; `live` (from memory, for a running job) wins over the throttled columns. */
export function rowToJob(row: JobRow, live?: LiveProgress): Job {
  const result = row.result === null ? undefined : (JSON.parse(row.result) as JobResult);
  const error = row.error === null ? undefined : (JSON.parse(row.error) as JobError);
  const remote = row.remote === null || row.remote === undefined ? undefined : (JSON.parse(row.remote) as JobRemote);
  const detail = live ? live.detail : row.progress_detail === null ? null : (JSON.parse(row.progress_detail) as JobProgressDetail);
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    progress: live?.progress ?? row.progress,
    ...(detail ? { progress_detail: detail } : {}),
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    ...(error ? { error } : {}),
    ...(result ? { result } : {}),
    params: JSON.parse(row.params) as Record<string, unknown>,
    ...(remote ? { remote } : {}),
    links: jobLinks(row.id, result),
  };
}
