/**
 * The `jobs` table (migration 004): every state change of a job is one guarded UPDATE, so a
 * transition only happens from the state it expects (a cancelled job is never flipped back).
 */
import type { Db } from '../db/open-database';
import type { JobRow } from './job-record';
import type { JobError, JobResult, JobStatus } from './types';

const COLUMNS = 'id, type, status, progress, params, result, error, checkpoint, attempts, created_at, started_at, finished_at';

export class JobStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  insert(id: string, type: string, params: Record<string, unknown>): JobRow {
    this.db
      .prepare("INSERT INTO jobs (id, type, status, params, created_at) VALUES (?, ?, 'queued', ?, ?)")
      .run(id, type, JSON.stringify(params), this.now().toISOString());
    return this.find(id)!;
  }

  find(id: string): JobRow | undefined {
    return this.db.prepare<[string], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`).get(id);
  }

  /** Newest first. */
  list(status: JobStatus | undefined, limit: number): JobRow[] {
    if (status) {
      return this.db.prepare<[string, number], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE status = ? ORDER BY seq DESC LIMIT ?`).all(status, limit);
    }
    return this.db.prepare<[number], JobRow>(`SELECT ${COLUMNS} FROM jobs ORDER BY seq DESC LIMIT ?`).all(limit);
  }

  /** The oldest queued job whose type is one of `types`. */
  nextQueued(types: readonly string[]): JobRow | undefined {
    return this.db
      .prepare<[string], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE status = 'queued' AND type IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT 1`)
      .get(JSON.stringify(types));
  }

  /** Jobs of `type` recorded as running; the caller excludes those it is running itself. */
  runningOfType(type: string): JobRow[] {
    return this.db.prepare<[string], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE status = 'running' AND type = ? ORDER BY seq`).all(type);
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

  saveProgress(id: string, progress: number): void {
    this.db.prepare("UPDATE jobs SET progress = ? WHERE id = ? AND status = 'running'").run(progress, id);
  }

  saveCheckpoint(id: string, checkpoint: string): void {
    this.db.prepare("UPDATE jobs SET checkpoint = ? WHERE id = ? AND status = 'running'").run(checkpoint, id);
  }

  succeed(id: string, result: JobResult): boolean {
    return this.db
      .prepare("UPDATE jobs SET status = 'succeeded', progress = 1, result = ?, finished_at = ? WHERE id = ? AND status = 'running'")
      .run(JSON.stringify(result), this.now().toISOString(), id).changes === 1;
  }

  /** Fails a queued or running job. */
  fail(id: string, error: JobError): boolean {
    return this.db
      .prepare("UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')")
      .run(JSON.stringify(error), this.now().toISOString(), id).changes === 1;
  }

  /** Cancels a queued or running job. */
  cancel(id: string): boolean {
    return this.db
      .prepare("UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status IN ('queued', 'running')")
      .run(this.now().toISOString(), id).changes === 1;
  }
}
