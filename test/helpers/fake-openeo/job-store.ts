/**
 * Batch jobs of the fake back-end and their life cycle, driven by the test rather than a clock:
 * created → (client starts) queued → advance → running 0 % → advance → running 50 % → advance →
 * finished; `fail` ends in error with log lines; the client's cancel ends in canceled. Every step
 * writes the log entries a real back-end would, so `/logs` has something to page through.
 */
import { randomBytes } from 'node:crypto';

export type JobStatus = 'created' | 'queued' | 'running' | 'canceled' | 'finished' | 'error';
export type LogLevel = 'error' | 'warning' | 'info' | 'debug';

export interface LogEntry { id: string; level: LogLevel; message: string; code?: string; time: string }

/** A result file a finished job lists as a STAC asset (e.g. a GeoTIFF made by GDAL in the test). */
export interface ResultAssetFile {
  name: string;
  file: string;
  type?: string;
  title?: string;
  /** Extra asset fields (`proj:epsg`, `raster:bands`, …). */
  extra?: Record<string, unknown>;
}

export interface FakeJob {
  id: string;
  owner: string;
  title: string | null;
  description: string | null;
  process: Record<string, unknown>;
  status: JobStatus;
  progress?: number;
  created: string;
  updated: string;
  plan: string | null;
  budget: number | null;
  logs: LogEntry[];
  assets: ResultAssetFile[];
  /** Signs the asset download URLs; rotated by `expireResultLinks`. */
  signature: string;
  /** The last error, for `GET /jobs/{id}/results` of a failed job (424). */
  error?: LogEntry;
}

export interface JobFailure { message: string; code?: string; logs?: Array<{ level: LogLevel; message: string }> }

const now = (): string => new Date().toISOString();

export class JobStore {
  private readonly jobs = new Map<string, FakeJob>();

  constructor(private readonly defaultAssets: readonly ResultAssetFile[]) {}

  create(owner: string, fields: { process: Record<string, unknown>; title?: unknown; description?: unknown; plan?: unknown; budget?: unknown }): FakeJob {
    const id = `j-${randomBytes(8).toString('hex')}`;
    const created = now();
    const job: FakeJob = {
      id, owner, process: fields.process, status: 'created', created, updated: created, logs: [], assets: [], signature: '',
      title: typeof fields.title === 'string' ? fields.title : null,
      description: typeof fields.description === 'string' ? fields.description : null,
      plan: typeof fields.plan === 'string' ? fields.plan : null,
      budget: typeof fields.budget === 'number' ? fields.budget : null,
    };
    this.jobs.set(id, job);
    return job;
  }

  find(id: string): FakeJob | undefined {
    return this.jobs.get(id);
  }

  /** The job with this id; throws (a test mistake) when there is none. */
  get(id: string): FakeJob {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`fake openEO: no job ${id}`);
    return job;
  }

  all(): FakeJob[] {
    return [...this.jobs.values()];
  }

  delete(id: string): void {
    this.jobs.delete(id);
  }

  log(job: FakeJob, level: LogLevel, message: string, code?: string): LogEntry {
    const entry: LogEntry = { id: String(job.logs.length + 1), level, message, time: now(), ...(code ? { code } : {}) };
    job.logs.push(entry);
    job.updated = entry.time;
    return entry;
  }

  /** The client started processing (`POST /jobs/{id}/results`); running or queued jobs stay as they are. */
  start(job: FakeJob): void {
    if (job.status === 'queued' || job.status === 'running') return;
    Object.assign(job, { status: 'queued', progress: undefined, assets: [], error: undefined });
    this.log(job, 'info', 'Batch job queued.');
  }

  /** The client cancelled processing (`DELETE /jobs/{id}/results`). */
  cancel(job: FakeJob): void {
    if (job.status !== 'queued' && job.status !== 'running') return;
    job.status = 'canceled';
    this.log(job, 'warning', 'Batch job canceled by the user.');
  }

  /** One step of processing: queued → running 0 % → running 50 % → finished. */
  advance(id: string): FakeJob {
    const job = this.get(id);
    if (job.status === 'queued') {
      Object.assign(job, { status: 'running', progress: 0 });
      this.log(job, 'info', 'Processing started.');
    } else if (job.status === 'running' && (job.progress ?? 0) < 50) {
      this.setProgress(id, 50);
    } else if (job.status === 'running') {
      this.finish(id);
    } else {
      throw new Error(`fake openEO: job ${id} is ${job.status}; only queued or running jobs advance`);
    }
    return job;
  }

  setProgress(id: string, progress: number): FakeJob {
    const job = this.get(id);
    if (job.status !== 'running') throw new Error(`fake openEO: job ${id} is ${job.status}, not running`);
    job.progress = progress;
    this.log(job, 'info', `Processing: ${progress} % done.`);
    return job;
  }

  /** Finishes the job with these result files (default: the back-end's `resultAssets`). */
  finish(id: string, assets: readonly ResultAssetFile[] = this.defaultAssets): FakeJob {
    const job = this.get(id);
    if (job.status !== 'running' && job.status !== 'queued') throw new Error(`fake openEO: job ${id} is ${job.status}; it cannot finish`);
    if (assets.length === 0) throw new Error('fake openEO: a finished job needs result assets (option resultAssets or finish(id, assets))');
    Object.assign(job, { status: 'finished', progress: 100, assets: [...assets], signature: randomBytes(8).toString('hex') });
    this.log(job, 'info', `Batch job finished: ${assets.length} result files.`);
    return job;
  }

  /** Ends the job in error: its log lines first, then the error itself. */
  fail(id: string, failure: JobFailure): FakeJob {
    const job = this.get(id);
    if (job.status !== 'running' && job.status !== 'queued') throw new Error(`fake openEO: job ${id} is ${job.status}; it cannot fail`);
    for (const line of failure.logs ?? []) this.log(job, line.level, line.message);
    job.status = 'error';
    job.error = this.log(job, 'error', failure.message, failure.code ?? 'Internal');
    return job;
  }

  /** Download URLs handed out so far stop working (410 ResultLinkExpired); new listings sign anew. */
  expireResultLinks(id: string): void {
    this.get(id).signature = randomBytes(8).toString('hex');
  }
}
