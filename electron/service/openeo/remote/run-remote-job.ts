/**
 * One remote run from start to downloaded files, for the job kind that offloads a job: sign in,
 * map and check the graph, submit, follow, download. Progress is one 0..1 fraction (prepare and
 * submit 5 %, remote processing to 90 %, downloads the rest). `onSubmitted` hands out the remote
 * job id as soon as it exists, so the caller can checkpoint it and, after a restart, pass it back
 * as `resume` to follow the same job instead of submitting a new one.
 */
import { BackendCatalog } from './backend-catalog';
import { estimateRemoteJob, followRemoteJob, submitRemoteJob } from './batch-job';
import type { FetchLike } from './oidc-client';
import { prepareProcess, type PreparedProcess } from './prepare-process';
import { downloadRemoteResults } from './result-download';
import { RemoteSession } from './remote-session';
import type { SecretStore } from './secret-store';
import type { Sleep } from './sleep';
import type { DownloadProgress, OpenEoProcess, RemoteBackend, RemoteEstimate, RemoteJobResult, RemoteJobUpdate } from './types';

export interface SubmittedRemoteJob extends PreparedProcess {
  jobId: string;
}

export interface RunRemoteJobOptions {
  backend: RemoteBackend;
  secrets: SecretStore;
  /** The job's process graph in ASTRA's names. */
  process: OpenEoProcess;
  /** Where the result files go (created if missing). */
  targetDir: string;
  signal?: AbortSignal;
  /** Aborted with `signal` when the run stops without cancelling the remote job (service shutdown); see FollowOptions. */
  detachSignal?: AbortSignal;
  title?: string;
  description?: string;
  /** Follow this already submitted job instead of submitting (after a restart). */
  resume?: SubmittedRemoteJob;
  onSubmitted?: (submitted: SubmittedRemoteJob) => void;
  /** The back-end's estimate of the submitted job (null when it offers none or the request failed); not asked on resume. */
  onEstimate?: (estimate: RemoteEstimate | null) => void;
  onUpdate?: (update: RemoteJobUpdate) => void;
  onDownload?: (progress: DownloadProgress) => void;
  onProgress?: (fraction: number) => void;
  pollIntervalMs?: number;
  sleep?: Sleep;
  fetch?: FetchLike;
  requestTimeoutMs?: number;
}

export async function runRemoteJob(options: RunRemoteJobOptions): Promise<RemoteJobResult> {
  const { backend, signal, onProgress } = options;
  const session = await RemoteSession.open(backend, { secrets: options.secrets, fetch: options.fetch, requestTimeoutMs: options.requestTimeoutMs, signal });
  let submitted = options.resume;
  if (!submitted) {
    const prepared = await prepareProcess(options.process, new BackendCatalog(session), backend, signal);
    onProgress?.(0.02);
    const jobId = await submitRemoteJob(session, prepared.process, { title: options.title, description: options.description, signal });
    submitted = { jobId, ...prepared };
    options.onSubmitted?.(submitted);
    if (options.onEstimate) options.onEstimate(await estimateRemoteJob(session, jobId, signal).catch(() => null));
  }
  onProgress?.(0.05);
  const { jobId } = submitted;
  await followRemoteJob(session, jobId, {
    signal, detachSignal: options.detachSignal, pollIntervalMs: options.pollIntervalMs, sleep: options.sleep,
    onUpdate: (update) => {
      if (update.progress !== null) onProgress?.(0.05 + (0.85 * Math.min(100, Math.max(0, update.progress))) / 100);
      options.onUpdate?.(update);
    },
  });
  onProgress?.(0.9);
  const downloaded = await downloadRemoteResults(session, jobId, options.targetDir, {
    signal, fetch: options.fetch,
    onProgress: (progress) => {
      if (progress.totalBytes) onProgress?.(0.9 + (0.1 * progress.bytes) / progress.totalBytes);
      options.onDownload?.(progress);
    },
  });
  onProgress?.(1);
  return {
    backend: { id: backend.id, url: backend.url, api_url: session.apiUrl, title: backend.title },
    job_id: jobId, files: downloaded.files, stac: downloaded.stac, mapping: submitted.mapping, process: submitted.process,
  };
}
