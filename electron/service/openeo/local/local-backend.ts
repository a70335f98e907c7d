/**
 * The local openEO back-end's batch jobs, on the ASTRA job queue: an openEO job is a record
 * (job-records.ts) holding the posted process and its ASTRA translation; starting it submits that
 * ASTRA job (owned by the openEO job's owner, so queue limits and ownership apply) and records it
 * as the job's run. Status, progress, log and results are read from the run. Every refusal is an
 * OpenEoError (or an AppError of admission, which the HTTP edge renders as openEO).
 */
import type { JobViewer } from '../../jobs/job-access';
import type { JobQueue } from '../../jobs/queue';
import type { Job } from '../../jobs/types';
import { isTerminal } from '../../jobs/job-record';
import { OpenEoError } from '../graph';
import type { OpenEoJobRecord, OpenEoJobRecords } from './job-records';
import { statusOf } from './job-documents';
import { asProcessError, translateProcess, type Translated } from './translation';

export interface BatchJobDeps {
  jobs: JobQueue;
  records: OpenEoJobRecords;
}

/** PATCH /jobs/{id}: only these; the other properties of a job are read-only. */
export interface JobPatch {
  title?: string | null;
  description?: string | null;
  process?: unknown;
}

export interface NewJobBody {
  title?: string | null;
  description?: string | null;
  process: unknown;
}

export class BatchJobs {
  /** Jobs being started right now: a second start meanwhile has no effect, as on a queued job. */
  private readonly starting = new Set<string>();

  constructor(private readonly deps: BatchJobDeps) {}

  /** The posted process as the ASTRA job it stands for, checked by the job's kind as a submission would be. */
  async translate(process: unknown): Promise<Translated> {
    const translated = await translateProcess(process);
    try {
      await this.deps.jobs.check(translated.job.type, translated.job as unknown as Record<string, unknown>);
    } catch (error) {
      throw asProcessError(error, translated.job);
    }
    return translated;
  }

  async create(owner: string, body: NewJobBody): Promise<OpenEoJobRecord> {
    const translated = await this.translate(body.process);
    return this.deps.records.create({ ownerKeyId: owner, title: body.title ?? null, description: body.description ?? null, ...translated });
  }

  /** The record and its current run; JobNotFound for an unknown id or another key's job. */
  find(id: string, viewer: JobViewer): { record: OpenEoJobRecord; run: Job | undefined } {
    const record = this.deps.records.visible(id, viewer);
    if (!record) throw new OpenEoError('JobNotFound', `The batch job '${id}' does not exist.`);
    return { record, run: this.runOf(record) };
  }

  list(viewer: JobViewer, limit: number, offset: number): Array<{ record: OpenEoJobRecord; run: Job | undefined }> {
    return this.deps.records.list(viewer, limit, offset).map((record) => ({ record, run: this.runOf(record) }));
  }

  /** The ASTRA job of the current run; undefined when never started or its run was removed (e.g. by result retention). */
  runOf(record: OpenEoJobRecord): Job | undefined {
    if (!record.astraJobId) return undefined;
    try {
      return this.deps.jobs.get(record.astraJobId);
    } catch {
      return undefined;
    }
  }

  async update(id: string, viewer: JobViewer, patch: JobPatch): Promise<void> {
    const { record, run } = this.find(id, viewer);
    this.refuseWhileRunning(run);
    const translated = patch.process === undefined ? undefined : await this.translate(patch.process);
    if (translated && run) {
      // A new process makes the earlier results meaningless: the job is `created` again.
      await this.discardRun(run);
      this.deps.records.setRun(record.id, null);
    }
    this.deps.records.update(record.id, { title: patch.title, description: patch.description, translated });
  }

  /** Cancels a running job and removes it with its results. */
  async delete(id: string, viewer: JobViewer): Promise<void> {
    const { record, run } = this.find(id, viewer);
    this.deps.records.delete(record.id);
    if (run) await this.discardRun(run);
  }

  /**
   * POST /jobs/{id}/results: queues the job's ASTRA job. No effect on a queued or running job; a
   * finished, failed or canceled one is run again and its earlier results are discarded.
   */
  async start(id: string, viewer: JobViewer): Promise<void> {
    const { record, run } = this.find(id, viewer);
    if ((run && !isTerminal(run.status)) || this.starting.has(record.id)) return;
    this.starting.add(record.id);
    try {
      const { job } = record;
      let started: Job;
      try {
        started = await this.deps.jobs.submit(job.type, job as unknown as Record<string, unknown>, record.ownerKeyId);
      } catch (error) {
        throw asProcessError(error, job);
      }
      this.deps.records.setRun(record.id, started.id);
    } finally {
      this.starting.delete(record.id);
    }
    if (run) await this.discardRun(run);
  }

  /** DELETE /jobs/{id}/results: stops a queued or running job (nothing to do otherwise). */
  async cancel(id: string, viewer: JobViewer): Promise<void> {
    const { run } = this.find(id, viewer);
    if (run && !isTerminal(run.status)) await this.deps.jobs.cancel(run.id);
  }

  private refuseWhileRunning(run: Job | undefined): void {
    const status = statusOf(run);
    if (status === 'queued' || status === 'running') {
      throw new OpenEoError('JobLocked', `Batch job is locked due to a ${status} batch computation: cancel it first (DELETE /jobs/{job_id}/results).`);
    }
  }

  /** Removes a run with its files; a running one is told to stop first and removed once it has ended. */
  private async discardRun(run: Job): Promise<void> {
    const { jobs } = this.deps;
    const left = await jobs.cancelOrRemove(run.id).catch(() => null);
    if (left === null) return;
    if (isTerminal(left.status)) await jobs.cancelOrRemove(left.id).catch(() => null);
    else void jobs.whenFinished(left.id).then(() => jobs.cancelOrRemove(left.id)).catch(() => undefined);
  }
}
