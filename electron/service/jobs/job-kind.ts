/**
 * The contract between the job queue (./queue.ts) and each job kind (ndvi, index, change —
 * processing; offline — cache prefetch). A kind is built at composition (server.ts) with the
 * narrow dependencies it uses (e.g. processing/processing-deps.ts); the queue hands it nothing
 * but the job. Server-side only; the wire types are in ./types.ts.
 */
import type { LocalJobPreview, RemoteAdvice } from './area-job-types';
import type { JobPhase, JobRemote, JobResult } from './types';

/** What a running job kind may do. */
export interface JobRunContext {
  jobId: string;
  /** Aborted on cancel and on shutdown. */
  signal: AbortSignal;
  /** 0..1; persisted (throttled) so GET /jobs/{id} shows it. */
  progress(fraction: number): void;
  /** The phase the job is in and its counts (`progress_detail`); persisted with the progress. */
  phase(phase: JobPhase, done: number, total: number): void;
  /** Saves resumable state (e.g. which tiles are done); survives a restart. */
  checkpoint(state: unknown): void;
  /** The last checkpoint, when the job is resumed after a restart; null on a fresh start. */
  resumeState: unknown;
  /** Folder reserved for this job's files (result.tif, temp files). */
  workDir: string;
  /**
   * Mirrors a remote run into the job's `remote` field (merged into what it holds; persisted at
   * once). A no-op for local jobs.
   */
  remote(patch: Partial<JobRemote>): void;
}

export interface JobKind<P extends Record<string, unknown> = Record<string, unknown>> {
  type: string;
  /**
   * Validates the POST body before any work starts; throws AppError (400/404/422) naming the
   * parameter. Returns the normalized params stored with the job (must be JSON-serialisable).
   * `body` is the POST body without `type` (the queue has already matched it to this kind).
   */
  validate(body: Record<string, unknown>): Promise<P>;
  run(params: P, ctx: JobRunContext): Promise<JobResult>;
  /**
   * The most disk the job can take while it runs and what it leaves (bytes; output, spool and
   * journal at their peak, compression not counted on). Reserved from the data dir's free space
   * until the job finishes: a job that does not fit is refused with 507. Absent = 0.
   */
  estimateStorage?(params: P): number | Promise<number>;
  /**
   * POST /api/v1/jobs/preview: what the validated job would use (scenes, observations, grid) and
   * how big it is, without queueing it. Absent: a preview with no scenes.
   */
  preview?(params: P): LocalJobPreview;
  /** Whether a job that was running at a crash is run again (true) or failed with a reason. */
  resumable: boolean;
}

/**
 * Runs jobs whose body says `"on": "<remote back-end id>"`, whatever their type (the openEO
 * offload, openeo/offload/). Registered once on the queue (`registerOffload`). Its jobs have their
 * own lane: waiting on a remote back-end takes no local worker. Always resumable: after a restart
 * the run continues from its checkpoint (the remote job it follows).
 */
export interface OffloadKind<P extends Record<string, unknown> = Record<string, unknown>> {
  /** Whether jobs of `type` can run remotely at all (an `on` for any other → 400 naming `on`). */
  accepts(type: string): boolean;
  /**
   * Validates the body (without `type` and `on`) of a `type` job to run on back-end `on`; throws
   * AppError (400 naming `on` for an unknown back-end, 409 when not signed in, 422 …). Returns the
   * params stored with the job and its first `remote` field.
   */
  validate(type: string, on: string, body: Record<string, unknown>): Promise<{ params: P; remote: JobRemote }>;
  run(params: P, ctx: JobRunContext): Promise<JobResult>;
  /** As JobKind.estimateStorage. */
  estimateStorage?(params: P): number | Promise<number>;
  /**
   * POST /api/v1/jobs/preview of an offloadable job: whether its local preview suggests a remote
   * run, and the back-ends it could run on. `on` as in the body ("local" or an id): an unknown id
   * → 400 naming `on`; nothing is contacted.
   */
  advise(preview: LocalJobPreview, on: string): Promise<RemoteAdvice>;
}
