/**
 * The `jobs` table (migrations 004, 006, 007, 010, 012): every state change of a job is one guarded
 * UPDATE, so a transition only happens from the state it expects (a cancelled job is never
 * flipped back). `owner` arguments: a key id to see only that key's jobs, `undefined` for every
 * job. Jobs with `remote` set run on a remote openEO back-end: they have their own lane.
 */
import type { Db } from '../db/open-database';
import type { JobRow } from './job-record';
import type { JobError, JobRemote, JobResult, JobStatus } from './types';

const COLUMNS = 'id, type, status, progress, progress_detail, params, result, error, checkpoint, attempts, created_at, started_at, finished_at, owner_key_id, storage_estimate, result_bytes, remote';
const UNFINISHED = "status IN ('queued', 'running')";
const FINISHED = "status IN ('succeeded', 'failed', 'cancelled')";

export interface NewJob {
  id: string;
  type: string;
  params: Record<string, unknown>;
  owner: string | null;
  storageEstimate: number;
  /** Set for a job that runs on a remote openEO back-end. */
  remote?: JobRemote | null;
}

/** A finished job as result retention sees it. */
export interface FinishedJob {
  id: string;
  finished_at: string;
  result_bytes: number | null;
}

export class JobStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  insert(job: NewJob): JobRow {
    this.db
      .prepare("INSERT INTO jobs (id, type, status, params, created_at, owner_key_id, storage_estimate, remote) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?)")
      .run(job.id, job.type, JSON.stringify(job.params), this.now().toISOString(), job.owner, Math.max(0, Math.ceil(job.storageEstimate)), job.remote ? JSON.stringify(job.remote) : null);
    return this.find(job.id)!;
  }

  find(id: string): JobRow | undefined {
    return this.db.prepare<[string], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`).get(id);
  }

  /** Newest first. */
  list(status: JobStatus | undefined, limit: number, owner?: string): JobRow[] {
    const where = [status ? 'status = @status' : null, owner !== undefined ? 'owner_key_id = @owner' : null].filter(Boolean);
    const sql = `SELECT ${COLUMNS} FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
    return this.db.prepare<[Record<string, unknown>], JobRow>(sql).all({ status, owner, limit });
  }

  /** Queued or running jobs, of one key (`owner`; null = jobs without an owner) or of all. */
  countUnfinished(owner?: string | null): number {
    if (owner === undefined) return (this.db.prepare(`SELECT count(*) AS n FROM jobs WHERE ${UNFINISHED}`).get() as { n: number }).n;
    return (this.db.prepare(`SELECT count(*) AS n FROM jobs WHERE owner_key_id IS ? AND ${UNFINISHED}`).get(owner) as { n: number }).n;
  }

  /** Bytes the queued and running jobs were admitted with (not yet, or not all, on the disk). */
  reservedBytes(): number {
    return (this.db.prepare(`SELECT total(storage_estimate) AS n FROM jobs WHERE ${UNFINISHED}`).get() as { n: number }).n;
  }

  /** The oldest queued local job whose type is one of `types`. */
  nextQueued(types: readonly string[]): JobRow | undefined {
    return this.db
      .prepare<[string], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE status = 'queued' AND remote IS NULL AND type IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT 1`)
      .get(JSON.stringify(types));
  }

  /** The oldest queued job that runs on a remote back-end. */
  nextQueuedRemote(): JobRow | undefined {
    return this.db.prepare<[], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE status = 'queued' AND remote IS NOT NULL ORDER BY seq LIMIT 1`).get();
  }

  /** Local jobs of `type` recorded as running; the caller excludes those it is running itself. */
  runningOfType(type: string): JobRow[] {
    return this.db.prepare<[string], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE status = 'running' AND remote IS NULL AND type = ? ORDER BY seq`).all(type);
  }

  /** Remote jobs recorded as running. */
  runningRemote(): JobRow[] {
    return this.db.prepare<[], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE status = 'running' AND remote IS NOT NULL ORDER BY seq`).all();
  }

  /** queued → running; false when the job was no longer queued. */
  markRunning(id: string): boolean {
    return this.db
      .prepare("UPDATE jobs SET status = 'running', started_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'queued'")
      .run(this.now().toISOString(), id).changes === 1;
  }

  /** running → queued after a restart, keeping progress and checkpoint for the resumed run. */
  requeue(id: string): boolean {
    return this.db.prepare("UPDATE jobs SET status = 'queued' WHERE id = ? AND status = 'running'").run(id).changes === 1;
  }

  /** `detail`: JSON of the job's JobProgressDetail; undefined leaves the stored one. */
  saveProgress(id: string, progress: number, detail?: string | null): void {
    if (detail === undefined) this.db.prepare("UPDATE jobs SET progress = ? WHERE id = ? AND status = 'running'").run(progress, id);
    else this.db.prepare("UPDATE jobs SET progress = ?, progress_detail = ? WHERE id = ? AND status = 'running'").run(progress, detail, id);
  }

  /** The `remote` field of an unfinished remote job (a finished one keeps what it had). */
  saveRemote(id: string, remote: JobRemote): void {
    this.db.prepare("UPDATE jobs SET remote = ? WHERE id = ? AND remote IS NOT NULL AND status IN ('queued', 'running')").run(JSON.stringify(remote), id);
  }

  saveCheckpoint(id: string, checkpoint: string): void {
    this.db.prepare("UPDATE jobs SET checkpoint = ? WHERE id = ? AND status = 'running'").run(checkpoint, id);
  }

  /** `resultBytes`: what the job's work dir holds. */
  succeed(id: string, result: JobResult, resultBytes: number): boolean {
    return this.db
      .prepare("UPDATE jobs SET status = 'succeeded', progress = 1, result = ?, finished_at = ?, result_bytes = ? WHERE id = ? AND status = 'running'")
      .run(JSON.stringify(result), this.now().toISOString(), resultBytes, id).changes === 1;
  }

  /** Fails a queued or running job (its files are gone: result_bytes 0). */
  fail(id: string, error: JobError): boolean {
    return this.db
      .prepare("UPDATE jobs SET status = 'failed', error = ?, finished_at = ?, result_bytes = 0 WHERE id = ? AND status IN ('queued', 'running')")
      .run(JSON.stringify(error), this.now().toISOString(), id).changes === 1;
  }

  /** Cancels a queued or running job (its files are removed: result_bytes 0). */
  cancel(id: string): boolean {
    return this.db
      .prepare("UPDATE jobs SET status = 'cancelled', finished_at = ?, result_bytes = 0 WHERE id = ? AND status IN ('queued', 'running')")
      .run(this.now().toISOString(), id).changes === 1;
  }

  /** Deletes a finished job's row; false when it is unknown or not finished. */
  deleteFinished(id: string): boolean {
    return this.db.prepare(`DELETE FROM jobs WHERE id = ? AND ${FINISHED}`).run(id).changes === 1;
  }

  /** Finished jobs, oldest first (by when they finished; only finished jobs have `finished_at`). */
  finishedOldestFirst(): FinishedJob[] {
    return this.db.prepare<[], FinishedJob>('SELECT id, finished_at, result_bytes FROM jobs WHERE finished_at IS NOT NULL ORDER BY finished_at, seq').all();
  }

  setResultBytes(id: string, bytes: number): void {
    this.db.prepare(`UPDATE jobs SET result_bytes = ? WHERE id = ? AND ${FINISHED}`).run(bytes, id);
  }

  hasJob(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM jobs WHERE id = ?').get(id) !== undefined;
  }

  /** Finished jobs holding files, and their bytes. */
  resultUsage(): { count: number; bytes: number } {
    return this.db.prepare(`SELECT count(*) AS count, total(result_bytes) AS bytes FROM jobs WHERE ${FINISHED} AND result_bytes > 0`).get() as { count: number; bytes: number };
  }
}
