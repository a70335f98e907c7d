/**
 * The `openeo_jobs` table (migration 011): openEO batch jobs of the local back-end. A record holds
 * what was posted (title, description, process) and its translation (the ASTRA job request and
 * output format); `astra_job_id` is the ASTRA job running it, null while the openEO job is
 * `created`. Who may see a record follows the ASTRA job rule (jobs/job-access.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/open-database';
import { canSeeJob, type JobViewer } from '../../jobs/job-access';
import type { JobRequest } from '../../jobs/area-job-types';
import type { OpenEoProcess } from '../graph';

export type OutputFormat = 'GTiff' | 'JSON' | 'CSV';

export interface OpenEoJobRecord {
  id: string;
  ownerKeyId: string;
  title: string | null;
  description: string | null;
  process: OpenEoProcess;
  job: JobRequest;
  format: OutputFormat;
  astraJobId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  owner_key_id: string;
  title: string | null;
  description: string | null;
  process: string;
  job: string;
  format: OutputFormat;
  astra_job_id: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, owner_key_id, title, description, process, job, format, astra_job_id, created_at, updated_at';

function fromRow(row: Row): OpenEoJobRecord {
  return {
    id: row.id,
    ownerKeyId: row.owner_key_id,
    title: row.title,
    description: row.description,
    process: JSON.parse(row.process) as OpenEoProcess,
    job: JSON.parse(row.job) as JobRequest,
    format: row.format,
    astraJobId: row.astra_job_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewOpenEoJob {
  ownerKeyId: string;
  title: string | null;
  description: string | null;
  process: OpenEoProcess;
  job: JobRequest;
  format: OutputFormat;
}

/** What PATCH /jobs/{id} may change; the translation comes with a new process. */
export interface OpenEoJobChanges {
  title?: string | null;
  description?: string | null;
  translated?: { process: OpenEoProcess; job: JobRequest; format: OutputFormat };
}

export class OpenEoJobRecords {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  create(job: NewOpenEoJob): OpenEoJobRecord {
    const id = `oejob_${randomUUID().replaceAll('-', '')}`;
    const at = this.now().toISOString();
    this.db.prepare(`INSERT INTO openeo_jobs (id, owner_key_id, title, description, process, job, format, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, job.ownerKeyId, job.title, job.description, JSON.stringify(job.process), JSON.stringify(job.job), job.format, at, at);
    return this.find(id)!;
  }

  find(id: string): OpenEoJobRecord | undefined {
    const row = this.db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM openeo_jobs WHERE id = ?`).get(id);
    return row ? fromRow(row) : undefined;
  }

  /** The record, when `viewer` may see it. */
  visible(id: string, viewer: JobViewer): OpenEoJobRecord | undefined {
    const record = this.find(id);
    return record && canSeeJob(viewer, record.ownerKeyId) ? record : undefined;
  }

  /** Newest first, `limit` from `offset`; the viewer's own unless it is admin. */
  list(viewer: JobViewer, limit: number, offset: number): OpenEoJobRecord[] {
    const own = viewer.admin ? '' : 'WHERE owner_key_id = @owner';
    return this.db.prepare<[Record<string, unknown>], Row>(`SELECT ${COLUMNS} FROM openeo_jobs ${own} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
      .all({ owner: viewer.keyId ?? '', limit, offset })
      .map(fromRow);
  }

  update(id: string, changes: OpenEoJobChanges): void {
    const current = this.find(id);
    if (!current) return;
    const title = changes.title === undefined ? current.title : changes.title;
    const description = changes.description === undefined ? current.description : changes.description;
    const translated = changes.translated ?? current;
    this.db.prepare('UPDATE openeo_jobs SET title = ?, description = ?, process = ?, job = ?, format = ?, updated_at = ? WHERE id = ?')
      .run(title, description, JSON.stringify(translated.process), JSON.stringify(translated.job), translated.format, this.now().toISOString(), id);
  }

  /** Records the ASTRA job that now runs this openEO job (null: none, the job is `created` again). */
  setRun(id: string, astraJobId: string | null): void {
    this.db.prepare('UPDATE openeo_jobs SET astra_job_id = ?, updated_at = ? WHERE id = ?').run(astraJobId, this.now().toISOString(), id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM openeo_jobs WHERE id = ?').run(id);
  }
}
