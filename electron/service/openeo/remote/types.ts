/**
 * Wire and library types of the remote-offload client (issue 16 §2): remote openEO back-ends
 * registered in the settings, what a device-code sign-in shows the user, and what a remote batch
 * job reports and leaves behind. Secrets never appear in any of these.
 */

export type RemoteAuthMethod = 'basic' | 'oidc';

/** A remote openEO back-end as the settings keep it (no secrets: those live in the SecretStore). */
export interface RemoteBackend {
  /** Lower-case id used in job bodies: `"on": "<id>"`. Never `local`. */
  id: string;
  /** What the user typed: the back-end's root (discovery via `/.well-known/openeo`) or a versioned API URL. */
  url: string;
  title: string | null;
  auth: RemoteAuthMethod;
  /** HTTP Basic user name (auth `basic` only). */
  username: string | null;
  /** OIDC provider id from `GET /credentials/oidc`; null = the back-end's first provider with a device-code client. */
  oidc_provider_id: string | null;
  /** OIDC client id; null = the provider's default client for the device-code grant. */
  oidc_client_id: string | null;
  /** Pinned remote collection per ASTRA collection id (`sentinel-2.sentinel-2-l2a` → `SENTINEL2_L2A`); others are matched. */
  collections: Record<string, string>;
  created_at: string;
  updated_at: string;
}

/** An entry as the API shows it (GET /api/v1/settings `openeo_backends`): never a secret. */
export interface RemoteBackendView extends RemoteBackend {
  /** basic: a password is stored; oidc: a refresh or access token is stored (signed in). */
  signed_in: boolean;
}

/** The fields a client may set (PUT body of a back-end entry), before validation. */
export type RemoteBackendInput = Pick<RemoteBackend, 'id' | 'url' | 'auth'> & Partial<Pick<RemoteBackend, 'title' | 'username' | 'oidc_provider_id' | 'oidc_client_id' | 'collections'>>;

/** What the UI shows while the user signs in on another device (RFC 8628 §3.2); the device code stays server-side. */
export interface DeviceSignInPrompt {
  verification_uri: string;
  verification_uri_complete: string | null;
  user_code: string;
  /** Seconds until the code expires. */
  expires_in: number;
  /** Seconds between polls the provider asks for. */
  interval: number;
}

/** OAuth tokens of an OIDC sign-in. */
export interface OidcTokens {
  access_token: string;
  refresh_token: string | null;
}

/** A node of an openEO process graph (API 1.2 `process_node`). */
export interface ProcessGraphNode {
  process_id: string;
  namespace?: string | null;
  arguments: Record<string, unknown>;
  result?: boolean;
  description?: string | null;
}

export type ProcessGraph = Record<string, ProcessGraphNode>;

/** An openEO process as submitted in `POST /jobs` (`process` member). */
export interface OpenEoProcess {
  process_graph: ProcessGraph;
  [key: string]: unknown;
}

/** How ASTRA's names were translated to the back-end's. */
export interface NameMapping {
  collections: Array<{ astra: string; remote: string }>;
  /** Every band name the graph used, per remote collection. */
  bands: Array<{ collection: string; astra: string; remote: string }>;
}

export type RemoteJobStatus = 'created' | 'queued' | 'running' | 'canceled' | 'finished' | 'error';

export interface RemoteLogLine {
  id: string;
  level: string;
  message: string;
  code?: string;
  time?: string;
}

/** One observation of a remote job while it is followed. */
export interface RemoteJobUpdate {
  jobId: string;
  status: RemoteJobStatus;
  /** 0–100 as the back-end reports it; null when it reports none. */
  progress: number | null;
  /** Log lines that arrived since the previous update. */
  logs: RemoteLogLine[];
}

/** The back-end's own estimate (`GET /jobs/{id}/estimate`). */
export interface RemoteEstimate {
  costs: number | null;
  duration: string | null;
  size: number | null;
  downloads_included: number | null;
  expires: string | null;
}

export interface DownloadedAsset {
  /** The asset key in the back-end's results document. */
  key: string;
  /** Absolute path of the downloaded file (inside the target directory). */
  path: string;
  bytes: number;
  type: string | null;
  roles: string[];
  /** The asset href without its query string (signed URLs are capabilities; not recorded). */
  href: string;
}

export interface DownloadProgress {
  asset: string;
  /** Bytes of every asset so far. */
  bytes: number;
  /** Sum of the assets' `file:size` where given, else null. */
  totalBytes: number | null;
  assetsDone: number;
  assets: number;
}

/** What a finished remote job leaves behind, for the local result and its STAC item. */
export interface RemoteJobResult {
  backend: { id: string; url: string; api_url: string; title: string | null };
  job_id: string;
  files: DownloadedAsset[];
  /** The back-end's results document (STAC Item or Collection), asset hrefs without query strings. */
  stac: Record<string, unknown>;
  mapping: NameMapping;
  /** The process graph as submitted (the back-end's names). */
  process: OpenEoProcess;
}
