/**
 * One job being run by its kind in this process: the JobRunContext it gets, its live progress,
 * and how its outcome is recorded. Cancellation wins over any outcome; an error after the
 * service began stopping leaves the job `running` in the database, so the next start treats it
 * as interrupted (resumed or failed) instead of recording a failure that was not the job's.
 */
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { directoryBytes } from '../storage/directory-bytes';
import { isDiskFullError } from '../storage/disk-full';
import { INTERNAL_JOB_ERROR, jobErrorOf } from './job-errors';
import { RESULT_FILE_NAME, resultFileHref, type JobRow, type LiveProgress } from './job-record';
import type { JobStore } from './job-store';
import { ProgressThrottle } from './progress-throttle';
import type { JobKind, JobRunContext } from './job-kind';
import type { JobProgressDetail, JobRemote, JobResult } from './types';

export interface JobLogger {
  error(details: Record<string, unknown>, message: string): void;
}

export interface RunningJobDeps {
  store: JobStore;
  kind: JobKind;
  workDir: string;
  /** Aborted when the queue stops (service shutdown). */
  stopSignal: AbortSignal;
  log: JobLogger;
  progressIntervalMs: number;
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };

export async function removeWorkDir(workDir: string): Promise<void> {
  await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
}

export class RunningJob {
  readonly id: string;
  /** Live progress, newer than the throttled copy in the database. */
  progress: number;
  /** Live phase and counts (progress_detail), when the kind reports them. */
  detail: JobProgressDetail | null = null;
  /** Resolves once the outcome is recorded; never rejects. */
  readonly settled: Promise<void>;
  private readonly cancelController = new AbortController();
  private cancelRequested = false;
  private finished = false;
  private readonly throttle: ProgressThrottle<LiveProgress>;
  /** The `remote` field of a job that runs remotely; null for a local one. */
  private remoteState: JobRemote | null;

  constructor(row: JobRow, private readonly deps: RunningJobDeps) {
    this.id = row.id;
    this.progress = row.progress;
    this.remoteState = row.remote === null ? null : (JSON.parse(row.remote) as JobRemote);
    this.detail = row.progress_detail === null ? null : (JSON.parse(row.progress_detail) as JobProgressDetail);
    // Runs from a timer too: a failed write (a full disk) must not take the process down. The
    // live value stays in memory; the database copy is only what survives a crash.
    this.throttle = new ProgressThrottle<LiveProgress>((value) => {
      try {
        deps.store.saveProgress(row.id, value.progress, value.detail === null ? undefined : JSON.stringify(value.detail));
      } catch (error) {
        deps.log.error({ err: error, jobId: row.id }, 'could not save the progress of a job');
      }
    }, deps.progressIntervalMs);
    this.settled = this.execute(row).then((outcome) => this.record(outcome)).catch((error: unknown) => {
      deps.log.error({ err: error, jobId: row.id }, 'could not record the outcome of a job');
    });
  }

  /** Progress and phase as GET /jobs/{id} shows them while the job runs. */
  get live(): LiveProgress {
    return { progress: this.progress, detail: this.detail };
  }

  cancel(): void {
    this.cancelRequested = true;
    this.cancelController.abort(new DOMException(`job ${this.id} was cancelled`, 'AbortError'));
  }

  private context(row: JobRow): JobRunContext {
    const { store, workDir, stopSignal } = this.deps;
    const deps = this.deps;
    const signal = AbortSignal.any([this.cancelController.signal, stopSignal]);
    // Every read of the job's tiles in flight listens to this one signal (and removes its listener
    // when done): dozens at once is the design, not a leak.
    setMaxListeners(0, signal);
    return {
      jobId: row.id,
      signal,
      progress: (fraction) => {
        if (this.finished || typeof fraction !== 'number' || Number.isNaN(fraction)) return;
        this.progress = Math.min(1, Math.max(0, fraction));
        this.throttle.update(this.live);
      },
      phase: (phase, done, total) => {
        if (this.finished) return;
        this.detail = { phase, done, total };
        this.throttle.update(this.live);
      },
      checkpoint: (state) => {
        if (this.finished) return;
        const json = JSON.stringify(state ?? null);
        try {
          store.saveCheckpoint(row.id, json);
        } catch (error) {
          // A full disk: the job goes on from the last checkpoint that was saved (a restart redoes a little more).
          if (!isDiskFullError(error)) throw error;
        }
      },
      resumeState: row.checkpoint === null ? null : JSON.parse(row.checkpoint),
      workDir,
      remote: (patch) => {
        if (this.finished || this.remoteState === null) return;
        this.remoteState = { ...this.remoteState, ...patch };
        try {
          store.saveRemote(row.id, this.remoteState);
        } catch (error) {
          // Like progress: the live run goes on; only what GET shows lags behind.
          deps.log.error({ err: error, jobId: row.id }, 'could not save the remote state of a job');
        }
      },
    };
  }

  private async execute(row: JobRow): Promise<Outcome> {
    try {
      await mkdir(this.deps.workDir, { recursive: true });
      const params = JSON.parse(row.params) as Record<string, unknown>;
      return { ok: true, result: await this.deps.kind.run(params, this.context(row)) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private async record(outcome: Outcome): Promise<void> {
    this.finished = true;
    const { store, workDir, stopSignal, log, kind } = this.deps;
    if (this.cancelRequested) {
      this.throttle.stop();
      store.cancel(this.id);
      await removeWorkDir(workDir);
      return;
    }
    this.throttle.flush();
    if (outcome.ok) {
      const result = this.resultOf(outcome.result);
      if (result) {
        store.succeed(this.id, result, await directoryBytes(workDir));
        return;
      }
      await removeWorkDir(workDir);
      store.fail(this.id, INTERNAL_JOB_ERROR);
      return;
    }
    if (stopSignal.aborted) return;
    const { jobError, expected } = jobErrorOf(outcome.error);
    if (!expected) log.error({ err: outcome.error, jobId: this.id, type: kind.type }, 'job failed with an unexpected error');
    // Files first: when the disk is full, that is what lets the database record the failure.
    await removeWorkDir(workDir);
    store.fail(this.id, jobError);
  }

  /** The kind's result as stored, with `href` filled in when it left a result file; null if unusable. */
  private resultOf(value: unknown): JobResult | null {
    const { workDir, log, kind } = this.deps;
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      log.error({ jobId: this.id, type: kind.type }, 'job kind returned a result that is not an object');
      return null;
    }
    const result: JobResult = { ...(value as JobResult | undefined) };
    if (result.href === undefined && existsSync(join(workDir, RESULT_FILE_NAME))) result.href = resultFileHref(this.id);
    try {
      JSON.stringify(result);
    } catch (error) {
      log.error({ err: error, jobId: this.id, type: kind.type }, 'job kind returned a result that is not JSON');
      return null;
    }
    return result;
  }
}
