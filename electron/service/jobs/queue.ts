/**
 * The job queue: kinds register, jobs are submitted (validated by their kind before anything is
 * stored), live in SQLite, and run oldest first with at most `concurrency` at a time. Jobs of a
 * kind that is not registered yet wait; when a kind registers, its jobs that were `running` when
 * the service last stopped are resumed (resumable kinds, from their checkpoint) or failed with
 * "interrupted by a restart" — none is silently lost.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppError, invalidParameter, notFound } from '../api/errors';
import type { Db } from '../db/open-database';
import type { ServiceContext } from '../service-context';
import { givenUpJobError, INTERRUPTED_JOB_ERROR } from './job-errors';
import { isTerminal, rowToJob } from './job-record';
import { JobStore } from './job-store';
import { removeWorkDir, RunningJob, type JobLogger } from './running-job';
import type { JobKind } from './job-kind';
import type { Job, JobListQuery } from './types';

export interface JobQueueOptions {
  db: Db;
  /** Work dirs go to `<dataDir>/jobs/<id>/`. */
  dataDir: string;
  /** Jobs running at once (config.workerCount). */
  concurrency: number;
  /** The service context handed to kinds; a getter because the context holds this queue. */
  service: () => ServiceContext;
  /** Stops running jobs without recording them as failed (service shutdown). */
  shutdownSignal?: AbortSignal;
  log?: JobLogger;
  now?: () => Date;
  progressIntervalMs?: number;
  /** A resumable job interrupted this many times is failed instead of started again. */
  maxAttempts?: number;
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
  private readonly kinds = new Map<string, JobKind>();
  private readonly active = new Map<string, RunningJob>();
  private readonly stop = new AbortController();
  private readonly stopSignal: AbortSignal;
  private readonly log: JobLogger;
  private pumpScheduled = false;
  private closed = false;

  constructor(private readonly options: JobQueueOptions) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency));
    this.store = new JobStore(options.db, options.now);
    this.stopSignal = options.shutdownSignal ? AbortSignal.any([this.stop.signal, options.shutdownSignal]) : this.stop.signal;
    this.log = options.log ?? { error: () => undefined };
  }

  /** Adds a job kind; then recovers its interrupted jobs and starts its queued ones. */
  register(kind: JobKind): void {
    if (this.kinds.has(kind.type)) throw new Error(`job kind "${kind.type}" is already registered`);
    this.kinds.set(kind.type, kind);
    this.recoverInterrupted(kind);
    this.schedulePump();
  }

  get types(): string[] {
    return [...this.kinds.keys()].sort();
  }

  workDir(id: string): string {
    return join(this.options.dataDir, 'jobs', id);
  }

  /** Validates `body` with the kind of `type`, stores the job as queued, and schedules it. */
  async submit(type: unknown, body: Record<string, unknown>): Promise<Job> {
    if (this.stopSignal.aborted) throw new AppError('service_unavailable', 'the service is shutting down; submit the job again later');
    const kind = typeof type === 'string' ? this.kinds.get(type) : undefined;
    if (!kind) {
      const known = this.types.join(', ') || 'none';
      throw invalidParameter('type', `unknown job type ${JSON.stringify(type)}; known types: ${known}`);
    }
    const { type: _type, ...rest } = body;
    const params = await kind.validate(rest, this.options.service());
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new Error(`job kind "${kind.type}" validate() must return an object of params`);
    }
    const id = `job_${randomUUID().replaceAll('-', '')}`;
    const row = this.store.insert(id, kind.type, params);
    this.schedulePump();
    return rowToJob(row);
  }

  get(id: string): Job {
    const row = this.store.find(id);
    if (!row) throw notFound(`no job with id ${id}`);
    return rowToJob(row, this.active.get(id)?.progress);
  }

  /** Newest first. */
  list(query: JobListQuery = {}): Job[] {
    const limit = Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(query.limit ?? DEFAULT_LIST_LIMIT)));
    return this.store.list(query.status, limit).map((row) => rowToJob(row, this.active.get(row.id)?.progress));
  }

  /**
   * A queued job is cancelled at once. A running one has its signal aborted; this waits up to
   * `waitMs` for it to end (status `cancelled`) and otherwise returns it still `running`.
   * A finished job → 409.
   */
  async cancel(id: string, waitMs = 1000): Promise<Job> {
    const row = this.store.find(id);
    if (!row) throw notFound(`no job with id ${id}`);
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
      await removeWorkDir(this.workDir(id));
    }
    return this.get(id);
  }

  /** Stops starting jobs, aborts the running ones and waits (up to `graceMs`) for them to end. */
  async close(graceMs = 5000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop.abort(new DOMException('the service is shutting down', 'AbortError'));
    await settleWithin(Promise.allSettled([...this.active.values()].map((job) => job.settled)), graceMs);
  }

  private recoverInterrupted(kind: JobKind): void {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (const row of this.store.runningOfType(kind.type)) {
      if (this.active.has(row.id)) continue;
      if (kind.resumable && row.attempts < maxAttempts) {
        this.store.requeue(row.id);
        continue;
      }
      this.store.fail(row.id, kind.resumable ? givenUpJobError(row.attempts) : INTERRUPTED_JOB_ERROR);
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
    while (!this.closed && !this.stopSignal.aborted && this.active.size < this.concurrency) {
      const next = this.store.nextQueued([...this.kinds.keys()]);
      if (!next) return;
      if (!this.store.markRunning(next.id)) continue;
      const row = this.store.find(next.id)!;
      const job = new RunningJob(row, {
        store: this.store,
        kind: this.kinds.get(row.type)!,
        workDir: this.workDir(row.id),
        service: this.options.service(),
        stopSignal: this.stopSignal,
        log: this.log,
        progressIntervalMs: this.options.progressIntervalMs ?? 250,
      });
      this.active.set(row.id, job);
      void job.settled.finally(() => {
        this.active.delete(row.id);
        this.schedulePump();
      });
    }
  }
}
