/**
 * The local openEO back-end (issue 16 §1): the ASTRA service answering the openEO API 1.2 under
 * /api/v1/openeo/ — discovery documents, access tokens for ASTRA keys, batch jobs and synchronous
 * results on the ASTRA job queue, signed result links — and the process graph of any ASTRA job.
 * The routes are in http/routes/openeo/; see README.md for the decisions.
 */
import type { Db } from '../../db/open-database';
import type { JobQueue } from '../../jobs/queue';
import type { KeyStore } from '../../keys/key-store';
import { OpenEoTokenStore } from './access-tokens';
import { BatchResults } from './batch-results';
import { OpenEoJobRecords } from './job-records';
import { BatchJobs } from './local-backend';
import { ResultLinkSigner } from './result-links';
import type { SyncResultDeps } from './sync-result';

export interface LocalOpenEoBackend {
  tokens: OpenEoTokenStore;
  batch: BatchJobs;
  results: BatchResults;
  sync: SyncResultDeps;
}

export interface LocalOpenEoOptions {
  db: Db;
  keys: KeyStore;
  jobs: JobQueue;
  /** Signs result links (a secret kept in the data dir). */
  linkSecret: string;
  /** The largest job storage estimate POST /result runs (config.openEoSyncMaxBytes). */
  syncMaxBytes: number;
}

export function createLocalOpenEoBackend(options: LocalOpenEoOptions): LocalOpenEoBackend {
  const { db, keys, jobs } = options;
  const records = new OpenEoJobRecords(db);
  const batch = new BatchJobs({ jobs, records });
  return {
    tokens: new OpenEoTokenStore(db, keys),
    batch,
    results: new BatchResults({ batch, jobs, records, keys, links: new ResultLinkSigner(options.linkSecret) }),
    sync: { jobs, maxBytes: options.syncMaxBytes },
  };
}

export { BASIC_TOKEN_PREFIX, parseBasicAuthorization, TOKEN_TTL_MS } from './access-tokens';
export { capabilities, collectionDocument, collectionList, conformance, fileFormats, processList, wellKnown, type Endpoint } from './backend-documents';
export { jobMetadata, LOG_LEVELS, type LogLevel } from './job-documents';
export { processGraphOfJob, type SceneLookup } from './job-process-graph';
export type { JobPatch, NewJobBody } from './local-backend';
export { OPENEO_ROOT, openEoJobUrl, openEoUrl } from './paths';
export { RESULT_LINK_TTL_SECONDS } from './result-links';
export { runSync, type SyncResult } from './sync-result';
