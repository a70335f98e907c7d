/**
 * Results of the local back-end's batch jobs: `GET /jobs/{id}/results` (a STAC Item with signed
 * links, or the failed run's last log entry), `GET /jobs/{id}/logs`, and the signed downloads
 * themselves — which need no token, only a link this back-end signed for the job's current run
 * whose owner key is still valid.
 */
import { join } from 'node:path';
import type { JobViewer } from '../../jobs/job-access';
import type { JobQueue } from '../../jobs/queue';
import type { KeyStore } from '../../keys/key-store';
import type { StacItem } from '../../stac/types';
import { OpenEoError } from '../graph';
import { jobLog, logPage, statusOf, type LogEntry, type LogLevel } from './job-documents';
import type { OpenEoJobRecords } from './job-records';
import type { BatchJobs } from './local-backend';
import { resultFilesOf, resultFileUrl, resultItem } from './result-document';
import type { ResultLinkSigner } from './result-links';

export interface BatchResultDeps {
  batch: BatchJobs;
  jobs: JobQueue;
  records: OpenEoJobRecords;
  links: ResultLinkSigner;
  keys: KeyStore;
}

export type ResultsAnswer = { kind: 'item'; item: StacItem } | { kind: 'failed'; entry: LogEntry };

export interface ResultDownload {
  path: string;
  type: string;
  name: string;
}

export class BatchResults {
  constructor(private readonly deps: BatchResultDeps) {}

  /** `partial`: list what there is while the job is not finished (no assets until it is). */
  results(id: string, viewer: JobViewer, origin: string, partial: boolean): ResultsAnswer {
    const { record, run } = this.deps.batch.find(id, viewer);
    const status = statusOf(run);
    if (!run || status === 'created') throw new OpenEoError('JobNotStarted', 'Batch job must be started first (POST /jobs/{job_id}/results).');
    if (status === 'error') {
      const entries = jobLog(record, run, origin);
      return { kind: 'failed', entry: entries[entries.length - 1] };
    }
    if (status !== 'finished') {
      if (!partial) {
        const why = status === 'canceled' ? 'it was canceled; start it again to compute them' : `it is ${status}`;
        throw new OpenEoError('JobNotFinished', `Batch job has not finished computing the results yet: ${why}.`);
      }
      const item = resultItem(record, run, origin, [], new Date().toISOString());
      return { kind: 'item', item: { ...item, properties: { ...item.properties, 'openeo:status': status === 'canceled' ? 'canceled' : 'running' } } };
    }
    const files = resultFilesOf(run, record.format);
    let expiresAt = new Date().toISOString();
    const links = files.map((file) => {
      const signed = this.deps.links.sign({ jobId: record.id, run: run.id, file: file.name });
      expiresAt = signed.expiresAt;
      return { file, href: resultFileUrl(origin, record.id, file.name, signed.query) };
    });
    return { kind: 'item', item: resultItem(record, run, origin, links, expiresAt) };
  }

  logs(id: string, viewer: JobViewer, origin: string, options: { offset?: string; level: LogLevel; limit?: number }): { logs: LogEntry[]; more: boolean } {
    const { record, run } = this.deps.batch.find(id, viewer);
    return logPage(jobLog(record, run, origin), options);
  }

  /** A result file behind a signed link (result-links.ts), or the openEO error saying why not. */
  download(jobId: string, file: string, query: Record<string, unknown>): ResultDownload {
    const { links, records, keys, batch, jobs } = this.deps;
    links.checkSignature(jobId, file, query);
    const record = records.find(jobId);
    const run = record ? batch.runOf(record) : undefined;
    links.checkFresh(query, record?.astraJobId ?? null);
    if (!record || !run || run.status !== 'succeeded') throw new OpenEoError('ResultLinkExpired', 'The results this link pointed to are gone. Please request the results again.');
    if (!keys.active(record.ownerKeyId)) throw new OpenEoError('PermissionsInsufficient', 'The API key that owns this batch job has been revoked.');
    const result = resultFilesOf(run, record.format).find((candidate) => candidate.name === file);
    if (!result) throw new OpenEoError('NotFound', `Batch job '${jobId}' has no result file '${file}'.`);
    return { path: join(jobs.workDir(run.id), result.name), type: result.type, name: `${record.id}-${result.name}` };
  }
}
