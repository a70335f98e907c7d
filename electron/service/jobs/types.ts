/**
 * Jobs: the wire format of /api/v1/jobs and the contract between the queue (./queue.ts) and each
 * job kind (ndvi, index, change — processing; offline — cache prefetch).
 */

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobResultStats {
  min: number | null;
  max: number | null;
  mean: number | null;
  valid_fraction: number;
  [extra: string]: unknown;
}

export interface JobResult {
  href?: string;
  bbox?: number[];
  crs?: string;
  width?: number;
  height?: number;
  stats?: JobResultStats;
  [extra: string]: unknown;
}

/** What a running job is doing: scenes being found, inputs read, observations reduced, the result written. */
export type JobPhase = 'finding_scenes' | 'reading' | 'reducing' | 'writing';

/** `progress_detail` of a job: its phase and how far it is (`done` of `total` units of that phase). */
export interface JobProgressDetail {
  phase: JobPhase;
  done: number;
  total: number;
}

/** One log line of a remote job, as the back-end wrote it. */
export interface JobRemoteLogLine {
  level: string;
  message: string;
  time?: string;
}

/**
 * `remote` of a job that runs on a remote openEO back-end (`"on": "<id>"`): the remote batch
 * job's state as last seen. Local jobs have no `remote`.
 */
export interface JobRemote {
  /** The back-end's id in the settings. */
  backend: string;
  url: string;
  /** The remote batch job's id once it was created. */
  job_id: string | null;
  /** The remote status (openEO: created, queued, running, canceled, finished, error); null before submission. */
  status: string | null;
  /** 0–100 as the back-end reports it; null when it reports none. */
  progress: number | null;
  /** The back-end's own estimate, when it offers one. */
  estimate: { costs?: number; duration?: string; size?: number } | null;
  /** The last log lines (at most 50), oldest first. */
  logs: JobRemoteLogLine[];
}

/** GET /api/v1/jobs/{id} */
export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  progress: number;
  /** The phase and its counts, for kinds that report them (area jobs, raster jobs); absent otherwise. */
  progress_detail?: JobProgressDetail;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error?: JobError;
  result?: JobResult;
  params: Record<string, unknown>;
  /** Only for a job that runs on a remote openEO back-end. */
  remote?: JobRemote;
  links: Array<{ rel: string; href: string; type?: string }>;
}

export interface JobList {
  jobs: Job[];
}

/**
 * `error` of a failed job: a code from the error catalogue and a message fit for the user, plus
 * what the failure carried (a remote one: `reason` such as `sign_in_required`, `backend`, the
 * remote job id and its log lines).
 */
export interface JobError {
  code: string;
  message: string;
  reason?: string;
  backend?: string;
  remote_code?: string;
  remote_job_id?: string;
  remote_logs?: Array<{ level: string; message: string }>;
  [detail: string]: unknown;
}

/** POST /api/v1/jobs → 202, with `Location` = the `self` link. */
export interface JobCreated {
  id: string;
  status: 'queued';
  links: Job['links'];
}

/** GET /api/v1/jobs query: newest first. */
export interface JobListQuery {
  status?: JobStatus;
  /** 1..500, default 50. */
  limit?: number;
}

/**
 * POST /api/v1/jobs bodies of the single-scene processing kinds (api.md "Processing jobs"). The
 * area kinds and the union of every processing body are in ./area-job-types.ts.
 */
export interface NdviJobRequest {
  type: 'ndvi';
  /** `<source>:<upstream id>` */
  scene: string;
  bbox?: [number, number, number, number] | null;
  mask_clouds?: boolean;
  resolution?: number | null;
  on?: string;
}

/** Exactly one of `index` and `expression`. */
export interface IndexJobRequest {
  type: 'index';
  scene: string;
  index?: 'ndvi' | 'ndwi' | 'nbr' | 'evi' | 'savi';
  expression?: string;
  bbox?: [number, number, number, number] | null;
  mask_clouds?: boolean;
  resolution?: number | null;
  on?: string;
}

export interface SceneChangeJobRequest {
  type: 'change';
  before: string;
  after: string;
  /** Default 'ndvi'. */
  index?: 'ndvi' | 'ndwi' | 'nbr' | 'evi' | 'savi';
  /** Default 0.2. */
  threshold?: number;
  bbox?: [number, number, number, number] | null;
  mask_clouds?: boolean;
  resolution?: number | null;
  on?: string;
}
