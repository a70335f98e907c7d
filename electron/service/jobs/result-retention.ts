/**
 * Result retention: finished jobs older than `maxAgeDays` are removed, then — while the results
 * of the finished jobs that remain take more than `maxBytes` — the oldest results, oldest first
 * (by when they finished), never the newest one. Removing a job = its row and its work dir, as DELETE /jobs/{id} does.
 * Applied at start-up (which also measures results stored before sizes were recorded and removes
 * work dirs no job owns any more) and after every job finishes.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { directoryBytes } from '../storage/directory-bytes';
import type { FinishedJob, JobStore } from './job-store';
import { removeWorkDir } from './running-job';

export interface RetentionPolicy {
  /** Finished jobs older than this many days are removed; null = kept whatever their age. */
  maxAgeDays: number | null;
  /** The results of finished jobs are kept within this many bytes; null = no limit. */
  maxBytes: number | null;
}

const DAY_MS = 24 * 3600 * 1000;
const JOB_DIR = /^job_[0-9a-f]{32}$/;

/** The ids to remove, given the finished jobs oldest first. Pure. */
export function expiredJobs(finished: readonly FinishedJob[], policy: RetentionPolicy, now: Date): string[] {
  const expired = new Set<string>();
  if (policy.maxAgeDays !== null) {
    const cutoff = now.getTime() - policy.maxAgeDays * DAY_MS;
    for (const job of finished) if (Date.parse(job.finished_at) < cutoff) expired.add(job.id);
  }
  if (policy.maxBytes !== null) {
    const kept = finished.filter((job) => !expired.has(job.id));
    let total = kept.reduce((sum, job) => sum + (job.result_bytes ?? 0), 0);
    // The newest result stays whatever its size: a job is never removed the moment it succeeds.
    const newest = [...kept].reverse().find((job) => (job.result_bytes ?? 0) > 0);
    for (const job of kept) {
      if (total <= policy.maxBytes || job === newest) break;
      if (!job.result_bytes) continue;
      expired.add(job.id);
      total -= job.result_bytes;
    }
  }
  return finished.filter((job) => expired.has(job.id)).map((job) => job.id);
}

export class ResultRetention {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: JobStore,
    private readonly jobsDir: string,
    private readonly policy: () => RetentionPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Removes what the policy says; runs one at a time. Resolves with the removed job ids. */
  apply(): Promise<string[]> {
    const run = this.tail.then(() => this.removeExpired());
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Start-up: measures unmeasured results, removes orphaned work dirs, then applies the policy. */
  async startUp(): Promise<string[]> {
    const run = this.tail.then(async () => {
      await this.measureUnmeasured();
      await this.removeOrphans();
    });
    this.tail = run.catch(() => undefined);
    await run;
    return this.apply();
  }

  private async removeExpired(): Promise<string[]> {
    const removed: string[] = [];
    for (const id of expiredJobs(this.store.finishedOldestFirst(), this.policy(), this.now())) {
      if (!this.store.deleteFinished(id)) continue;
      await removeWorkDir(join(this.jobsDir, id));
      removed.push(id);
    }
    return removed;
  }

  private async measureUnmeasured(): Promise<void> {
    for (const job of this.store.finishedOldestFirst()) {
      if (job.result_bytes === null) this.store.setResultBytes(job.id, await directoryBytes(join(this.jobsDir, job.id)));
    }
  }

  private async removeOrphans(): Promise<void> {
    const names = await readdir(this.jobsDir).catch(() => [] as string[]);
    for (const name of names) {
      if (JOB_DIR.test(name) && !this.store.hasJob(name)) await removeWorkDir(join(this.jobsDir, name));
    }
  }
}
