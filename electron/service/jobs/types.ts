/**
 * Jobs: the wire format of /api/v1/jobs and the contract between the queue (./queue.ts) and each
 * job kind (ndvi, index, change — processing; offline — cache prefetch).
 */
import type { ServiceContext } from '../service-context';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobResultStats {
  min: number | null;
  max: number | null;
  mean: number | null;
  valid_fraction: number;
  [extra: string]: unknown;
}

export interface JobResult {
  href?: string;
  bbox?: number[];
  crs?: string;
  width?: number;
  height?: number;
  stats?: JobResultStats;
  [extra: string]: unknown;
}

/** GET /api/v1/jobs/{id} */
export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error?: { code: string; message: string };
  result?: JobResult;
  params: Record<string, unknown>;
  links: Array<{ rel: string; href: string; type?: string }>;
}

export interface JobList {
  jobs: Job[];
}

/** What a running job kind may do. */
export interface JobRunContext {
  jobId: string;
  /** Aborted on cancel and on shutdown. */
  signal: AbortSignal;
  /** 0..1; persisted (throttled) so GET /jobs/{id} shows it. */
  progress(fraction: number): void;
  /** Saves resumable state (e.g. which tiles are done); survives a restart. */
  checkpoint(state: unknown): void;
  /** The last checkpoint, when the job is resumed after a restart; null on a fresh start. */
  resumeState: unknown;
  /** Folder reserved for this job's files (result.tif, temp files). */
  workDir: string;
  service: ServiceContext;
}

export interface JobKind<P extends Record<string, unknown> = Record<string, unknown>> {
  type: string;
  /**
   * Validates the POST body before any work starts; throws AppError (400/404/422) naming the
   * parameter. Returns the normalized params stored with the job.
   */
  validate(body: Record<string, unknown>, service: ServiceContext): Promise<P>;
  run(params: P, ctx: JobRunContext): Promise<JobResult>;
  /** Whether a job that was running at a crash is run again (true) or failed with a reason. */
  resumable: boolean;
}
