/**
 * The job queue: kinds register (job-kinds.ts), jobs are submitted (validated by their kind, then admitted —
 * queue limits and free disk space, job-admission.ts — before anything is stored), live in SQLite
 * with the key that submitted them, and run oldest first with at most `concurrency` at a time.
 * A key sees and acts on its own jobs only, unless it is admin (job-access.ts). Jobs of a kind that
 * is not registered yet wait; when a kind registers, its jobs that were `running` when the service
 * last stopped are resumed (resumable kinds, from their checkpoint) or failed with "interrupted by
 * a restart" — none is silently lost. Finished jobs can be removed (with their files), by request
 * or by result retention. A body with `"on": "<remote back-end id>"` goes to the offload kind
 * (`registerOffload`) instead of its type's kind; such jobs run in a lane of their own, since
 * following a remote job takes no local worker.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppError, invalidParameter, notFound } from '../api/errors';
import type { Db } from '../db/open-database';
import { statfsFreeSpace, type FreeSpaceProbe } from '../storage/free-space';
import { FinishEvents } from './finish-events';
import { canSeeJob, EVERY_JOB, type JobViewer } from './job-access';
import { JobAdmission, type AdmissionLimits } from './job-admission';
import { givenUpJobError, INTERRUPTED_JOB_ERROR } from './job-errors';
import { isTerminal, rowToJob, type JobRow } from './job-record';
import { JobStore } from './job-store';
import { ResultRetention, type RetentionPolicy } from './result-retention';
import { removeWorkDir, RunningJob, type JobLogger } from './running-job';
import type { JobKind, OffloadKind } from './job-kind';
import { JobKinds } from './job-kinds';
import type { JobPreview } from './area-job-types';
import { LOCAL, splitRunOn } from './run-on';
import type { Job, JobListQuery, JobRemote } from './types';

export interface JobQueueOptions {
  db: Db;
  /** Work dirs go to `<dataDir>/jobs/<id>/`. */
  dataDir: string;
  /** Jobs running at once (config.workerCount). */
  concurrency: number;
  /** Stops running jobs without recording them as failed (service shutdown). */
  shutdownSignal?: AbortSignal;
  log?: JobLogger;
  now?: () => Date;
  progressIntervalMs?: number;
  /** A resumable job interrupted this many times is failed instead of started again. */
  maxAttempts?: number;
  /** Queue limits and the disk reserve (config); absent = no limits. */
  limits?: AdmissionLimits;
  /** Free space of the data dir's volume; default statfs. */
  freeSpace?: FreeSpaceProbe;
  /** Result retention, read whenever it is applied (the settings can change); absent = keep all. */
  retention?: () => RetentionPolicy;
  /** Remote jobs followed at once (their own lane, beside `concurrency`); default 8. */
  remoteConcurrency?: number;
}

const NO_LIMITS: AdmissionLimits = { maxQueuedPerKey: Number.MAX_SAFE_INTEGER, maxQueuedTotal: Number.MAX_SAFE_INTEGER, diskReserveBytes: 0 };
const KEEP_ALL: RetentionPolicy = { maxAgeDays: null, maxBytes: null };

/** What a caller may add to admission (e.g. the openEO back-end's size limit for synchronous requests). */
export interface SubmitOptions {
  /** Called with the kind's storage estimate after validation, before the job is stored; throws to refuse it. */
  admit?(estimateBytes: number): void;
}

const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 500;

function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export class JobQueue {
  readonly concurrency: number;
  private readonly store: JobStore;
  private readonly kinds = new JobKinds();
  private readonly active = new Map<string, RunningJob>();
  /** Ids in `active` that run remotely. */
  private readonly activeRemote = new Set<string>();
  private readonly stop = new AbortController();
  private readonly stopSignal: AbortSignal;
  private readonly log: JobLogger;
  private readonly admission: JobAdmission;
  private readonly retention: ResultRetention;
  /** Announces every job that reaches a terminal state (whenFinished). */
  private readonly finishes = new FinishEvents();
  private pumpScheduled = false;
  private closed = false;

  constructor(private readonly options: JobQueueOptions) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency));
    this.store = new JobStore(options.db, options.now);
    this.stopSignal = options.shutdownSignal ? AbortSignal.any([this.stop.signal, options.shutdownSignal]) : this.stop.signal;
    this.log = options.log ?? { error: () => undefined };
    this.admission = new JobAdmission(this.store, options.limits ?? NO_LIMITS, options.freeSpace ?? statfsFreeSpace, options.dataDir);
    this.retention = new ResultRetention(this.store, join(options.dataDir, 'jobs'), options.retention ?? (() => KEEP_ALL), options.now);
  }

  /** Adds a job kind; then recovers its interrupted jobs and starts its queued ones. */
  register(kind: JobKind): void {
    this.kinds.add(kind);
    this.recoverInterrupted(kind);
    this.schedulePump();
  }

  /** Adds the kind that runs jobs on remote back-ends; then resumes its interrupted jobs and starts its queued ones. */
  registerOffload(kind: OffloadKind): void {
    this.kinds.addOffload(kind);
    this.recoverInterruptedRemote();
    this.schedulePump();
  }

  get types(): string[] {
    return this.kinds.types;
  }

  workDir(id: string): string {
    return join(this.options.dataDir, 'jobs', id);
  }

  /**
   * Validates `body` with the kind of `type`, admits it (queue limits, free space) and stores it
   * as queued, owned by `owner` (the submitting key's id), then schedules it.
   */
  async submit(type: unknown, body: Record<string, unknown>, owner: string | null = null, options: SubmitOptions = {}): Promise<Job> {
    if (this.stopSignal.aborted) throw new AppError('service_unavailable', 'the service is shutting down; submit the job again later');
    const { type: _type, ...fields } = body;
    const { on, body: rest } = splitRunOn(fields);
    if (on !== LOCAL) {
      const remote = await this.kinds.validateRemote(type, on, rest, () => this.admission.checkQueue(owner));
      return this.admit(String(type), remote.params, owner, remote.estimate, remote.remote);
    }
    const kind = this.kinds.kindOf(type);
    // Before validation too: validating a processing job reads COG headers.
    this.admission.checkQueue(owner);
    const params = await this.kinds.validate(kind, rest);
    const estimate = (await kind.estimateStorage?.(params)) ?? 0;
    options.admit?.(estimate);
    return this.admit(kind.type, params, owner, estimate, null);
  }

  /** Queue limits and free space, then stored as queued and scheduled. */
  private async admit(type: string, params: Record<string, unknown>, owner: string | null, estimate: number, remote: JobRemote | null): Promise<Job> {
    const free = await this.admission.freeBytes();
    // From here to the insert nothing awaits, so concurrent submissions cannot both take the last slot.
    this.admission.checkQueue(owner);
    this.admission.checkStorage(free, estimate);
    const id = `job_${randomUUID().replaceAll('-', '')}`;
    const row = this.store.insert({ id, type, params, owner, storageEstimate: estimate, remote });
    this.schedulePump();
    return rowToJob(row);
  }

  /** Validates a body as submit would, without admitting or storing anything (openEO: a batch job is checked when it is created). */
  async check(type: unknown, body: Record<string, unknown>): Promise<void> {
    const { on, body: rest } = splitRunOn(body);
    if (on !== LOCAL) throw invalidParameter('on', 'only jobs run here can be checked');
    await this.kinds.validate(this.kinds.kindOf(type), rest);
  }

  /**
   * Resolves with the job once it has finished (succeeded, failed or cancelled); at once when it
   * already has. Rejects with 404 when the job is unknown or was removed, with 503 when the
   * service shuts down first, and with `signal`'s reason when it aborts.
   */
  whenFinished(id: string, signal?: AbortSignal): Promise<Job> {
    return this.finishes.wait(id, (jobId) => this.store.find(jobId), this.stopSignal, signal);
  }

  /**
   * POST /api/v1/jobs/preview: the same validation as `submit` (same 400/404/422), then what the
   * job would use, from its kind, and whether it is better run on a remote back-end (the offload
   * kind's advice); nothing is admitted or stored. A remote `on` is checked against the settings
   * only: no back-end is contacted.
   */
  async preview(type: unknown, body: Record<string, unknown>): Promise<JobPreview> {
    const { type: _type, ...fields } = body;
    const { on, body: rest } = splitRunOn(fields);
    return this.kinds.preview(type, on, rest);
  }

  /** The job, when `viewer` may see it; otherwise 404 as for an unknown id. */
  get(id: string, viewer: JobViewer = EVERY_JOB): Job {
    const row = this.visibleRow(id, viewer);
    return rowToJob(row, this.active.get(id)?.live);
  }

  /** Newest first; only the viewer's own jobs unless it is admin. */
  list(query: JobListQuery = {}, viewer: JobViewer = EVERY_JOB): Job[] {
    const limit = Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(query.limit ?? DEFAULT_LIST_LIMIT)));
    const owner = viewer.admin ? undefined : (viewer.keyId ?? '');
    return this.store.list(query.status, limit, owner).map((row) => rowToJob(row, this.active.get(row.id)?.live));
  }

  /**
   * A queued job is cancelled at once. A running one has its signal aborted; this waits up to
   * `waitMs` for it to end (status `cancelled`) and otherwise returns it still `running`.
   * A finished job → 409.
   */
  async cancel(id: string, waitMs = 1000, viewer: JobViewer = EVERY_JOB): Promise<Job> {
    const row = this.visibleRow(id, viewer);
    if (isTerminal(row.status)) {
      throw new AppError('conflict', `job ${id} has already ${row.status === 'cancelled' ? 'been cancelled' : row.status}; only queued or running jobs can be cancelled`);
    }
    const running = this.active.get(id);
    if (running) {
      running.cancel();
      await settleWithin(running.settled, waitMs);
    } else {
      // Queued, or recorded as running by a previous process and not yet recovered by its kind.
      this.store.cancel(id);
      this.finishes.notify(id);
      await removeWorkDir(this.workDir(id));
    }
    return this.get(id, viewer);
  }

  /**
   * DELETE /jobs/{id}: a finished job is removed with its files (resolves null); a queued or
   * running one is cancelled as by `cancel` (resolves with it).
   */
  async cancelOrRemove(id: string, viewer: JobViewer = EVERY_JOB, waitMs = 1000): Promise<Job | null> {
    const row = this.visibleRow(id, viewer);
    if (!isTerminal(row.status)) return this.cancel(id, waitMs, viewer);
    if (this.store.deleteFinished(id)) await removeWorkDir(this.workDir(id));
    return null;
  }

  /** Finished jobs holding files, and their bytes (GET /api/v1/cache `results`). */
  resultUsage(): { count: number; bytes: number } {
    return this.store.resultUsage();
  }

  /** Applies result retention now (e.g. after the settings changed); resolves with the removed ids. */
  applyRetention(): Promise<string[]> {
    return this.retention.apply();
  }

  /** Start-up housekeeping of finished jobs' files: see ResultRetention.startUp. */
  tidyResults(): Promise<string[]> {
    return this.retention.startUp();
  }

  private visibleRow(id: string, viewer: JobViewer): JobRow {
    const row = this.store.find(id);
    if (!row || !canSeeJob(viewer, row.owner_key_id)) throw notFound(`no job with id ${id}`);
    return row;
  }

  /** Stops starting jobs, aborts the running ones and waits (up to `graceMs`) for them to end. */
  async close(graceMs = 5000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop.abort(new DOMException('the service is shutting down', 'AbortError'));
    await settleWithin(Promise.allSettled([...this.active.values()].map((job) => job.settled)), graceMs);
  }

  private recoverInterrupted(kind: JobKind): void {
    this.recoverRows(this.store.runningOfType(kind.type), kind.resumable);
  }

  /** A remote job keeps running at the back-end while ASTRA restarts: it is followed again. */
  private recoverInterruptedRemote(): void {
    this.recoverRows(this.store.runningRemote(), true);
  }

  private recoverRows(rows: JobRow[], resumable: boolean): void {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (const row of rows) {
      if (this.active.has(row.id)) continue;
      if (resumable && row.attempts < maxAttempts) {
        this.store.requeue(row.id);
        continue;
      }
      this.store.fail(row.id, resumable ? givenUpJobError(row.attempts) : INTERRUPTED_JOB_ERROR);
      this.finishes.notify(row.id);
      void removeWorkDir(this.workDir(row.id));
    }
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.closed) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      try {
        this.pump();
      } catch (error) {
        this.log.error({ err: error }, 'the job queue could not start jobs');
      }
    });
  }

  private pump(): void {
    const remoteConcurrency = Math.max(1, Math.floor(this.options.remoteConcurrency ?? 8));
    while (!this.closed && !this.stopSignal.aborted && this.active.size - this.activeRemote.size < this.concurrency) {
      const next = this.store.nextQueued(this.kinds.types);
      if (!next || !this.start(next)) break;
    }
    while (this.kinds.hasOffload && !this.closed && !this.stopSignal.aborted && this.activeRemote.size < remoteConcurrency) {
      const next = this.store.nextQueuedRemote();
      if (!next || !this.start(next)) break;
    }
  }

  /** Starts a queued row; false when it was taken meanwhile (or nothing can run it). */
  private start(next: JobRow): boolean {
    const kind = this.kinds.runnerOf(next);
    if (!kind || !this.store.markRunning(next.id)) return false;
    const row = this.store.find(next.id)!;
    const remote = row.remote !== null;
    const job = new RunningJob(row, {
      store: this.store,
      kind,
      workDir: this.workDir(row.id),
      stopSignal: this.stopSignal,
      log: this.log,
      progressIntervalMs: this.options.progressIntervalMs ?? 250,
    });
    this.active.set(row.id, job);
    if (remote) this.activeRemote.add(row.id);
    void job.settled.finally(() => {
      this.active.delete(row.id);
      this.activeRemote.delete(row.id);
      this.finishes.notify(row.id);
      this.schedulePump();
      if (!this.closed) this.applyRetention().catch((error: unknown) => this.log.error({ err: error }, 'result retention failed'));
    });
    return true;
  }
}
