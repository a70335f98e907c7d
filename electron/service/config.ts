/**
 * Service configuration: command-line options win over ASTRA_* environment variables, which win
 * over defaults. Pure — the caller passes argv and env — so tests build configs directly.
 */
import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { parseDataHostEntry } from './assets/data-host-policy';
import { DEFAULT_COUNT_BUDGET, type CountBudget } from './search/count-matches';

export interface ServiceConfig {
  host: string;
  port: number;
  dataDir: string;
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  earthSearchUrl: string;
  planetaryComputerUrl: string;
  pcSasUrl: string;
  /** ASTRA_PC_BLOB_URL: a mirror serving `{account}/{container}/{path}` of PC blob storage (air-gapped sites, tests); null = Azure. */
  pcBlobUrl: string | null;
  landsatLookUrl: string;
  upstreamTimeoutMs: number;
  /**
   * ASTRA_DATA_HOSTS: more places asset bytes may be read from, besides the sources' documented
   * data hosts and the configured catalog origins — hosts (`data.example.org`, `*.example.org`,
   * https only) or origins (`http://10.0.0.5:9000`, which may be private). See assets/data-host-policy.ts.
   */
  dataHosts: string[];
  /** COG proxy requests answered at once; more get 429 (ASTRA_PROXY_MAX_REQUESTS). */
  proxyMaxRequests: number;
  /** Bytes the COG proxy may hold for answers in flight; more get 429 (ASTRA_PROXY_MAX_BUFFERED_BYTES). */
  proxyMaxBufferedBytes: number;
  /** Time a client has to send a whole request, headers and body (ASTRA_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** A connection with no traffic either way for this long is closed (ASTRA_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  /** Counting `matched` by id listings (docs/api.md): ASTRA_COUNT_MAX_REQUESTS, ASTRA_COUNT_TIME_MS, ASTRA_COUNT_PAGE_SIZE. */
  countBudget: CountBudget;
  offline: boolean;
  cacheTtlMs: number;
  cacheMaxBytes: number;
  workerCount: number;
  /** Unfinished (queued or running) jobs one key may have; more → 429 (ASTRA_MAX_QUEUED_PER_KEY). */
  maxQueuedPerKey: number;
  /** Unfinished jobs of all keys together; more → 503 (ASTRA_MAX_QUEUED_TOTAL). */
  maxQueuedTotal: number;
  /** Free bytes the data dir's volume keeps: a job or prefetch that would eat into them → 507 (ASTRA_DISK_RESERVE_BYTES). */
  diskReserveBytes: number;
  /**
   * The largest job `POST /api/v1/openeo/result` runs synchronously, as the job's storage estimate
   * (output, spool and journal at their peak); larger ones are refused with ProcessGraphComplexity,
   * pointing to batch jobs (ASTRA_OPENEO_SYNC_MAX_BYTES, default 256 MiB ≈ 18 megapixels of one band).
   */
  openEoSyncMaxBytes: number;
  /** Time between two looks at a job running on a remote openEO back-end (ASTRA_OPENEO_POLL_MS). */
  openEoPollIntervalMs: number;
  /** Folder of the built renderer served at `/`; null = do not serve it. */
  rendererDir: string | null;
  /** Extra browser origins allowed by CORS (e.g. the electron-vite dev server). */
  corsOrigins: string[];
  /** A per-launch key accepted besides stored keys (the desktop app's session key). */
  sessionKey: string | null;
  /** better-sqlite3 addon built for another runtime (Electron in development); null = the default. */
  sqliteNativeBinding: string | null;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'astra');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'astra');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'astra');
}

/**
 * `--data-dir`, else ASTRA_DATA_DIR, else the platform default: `npm run serve` and `npm run astra`
 * (the key CLI) both resolve their data dir here, so a key the CLI creates is in the database the
 * service reads.
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.ASTRA_DATA_DIR || defaultDataDir(env);
}

const FLAG_TO_KEY: Record<string, keyof ServiceConfig> = {
  '--host': 'host',
  '--port': 'port',
  '--data-dir': 'dataDir',
  '--rate-limit': 'rateLimitPerMinute',
  '--renderer-dir': 'rendererDir',
  '--max-queued-per-key': 'maxQueuedPerKey',
  '--max-queued-total': 'maxQueuedTotal',
  '--disk-reserve-bytes': 'diskReserveBytes',
};

export class ConfigError extends Error {}

function dataHostsFrom(raw: string | undefined): string[] {
  const entries = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    try {
      parseDataHostEntry(entry);
    } catch (error) {
      throw new ConfigError(`ASTRA_DATA_HOSTS: ${(error as Error).message}`);
    }
  }
  return entries;
}

function intFrom(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** Parses `--flag value` and `--flag=value` pairs; unknown flags are an error, not a silent no-op. */
export function parseFlags(argv: string[]): Partial<Record<keyof ServiceConfig, string>> {
  const out: Partial<Record<keyof ServiceConfig, string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = FLAG_TO_KEY[flag];
    if (!key) throw new ConfigError(`unknown option ${flag}; known: ${Object.keys(FLAG_TO_KEY).join(', ')}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`option ${flag} needs a value`);
    out[key] = value;
  }
  return out;
}

export function loadConfig(argv: string[] = [], env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  const flags = parseFlags(argv);
  const cores = Math.max(1, availableParallelism() - 1);
  const config: ServiceConfig = {
    host: flags.host ?? env.ASTRA_HOST ?? '127.0.0.1',
    port: intFrom('port', flags.port ?? env.ASTRA_PORT, 8787, 0, 65535),
    dataDir: resolveDataDir(flags.dataDir, env),
    rateLimitPerMinute: intFrom('rate limit', flags.rateLimitPerMinute ?? env.ASTRA_RATE_LIMIT, 600, 1, 1_000_000),
    bodyLimitBytes: intFrom('ASTRA_BODY_LIMIT_BYTES', env.ASTRA_BODY_LIMIT_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024),
    earthSearchUrl: env.ASTRA_EARTH_SEARCH_URL ?? 'https://earth-search.aws.element84.com/v1',
    planetaryComputerUrl: env.ASTRA_PLANETARY_COMPUTER_URL ?? 'https://planetarycomputer.microsoft.com/api/stac/v1',
    pcSasUrl: env.ASTRA_PC_SAS_URL ?? 'https://planetarycomputer.microsoft.com/api/sas/v1',
    pcBlobUrl: env.ASTRA_PC_BLOB_URL || null,
    landsatLookUrl: env.ASTRA_LANDSATLOOK_URL ?? 'https://landsatlook.usgs.gov/stac-server',
    upstreamTimeoutMs: intFrom('ASTRA_UPSTREAM_TIMEOUT_MS', env.ASTRA_UPSTREAM_TIMEOUT_MS, 8000, 1, 600_000),
    dataHosts: dataHostsFrom(env.ASTRA_DATA_HOSTS),
    proxyMaxRequests: intFrom('ASTRA_PROXY_MAX_REQUESTS', env.ASTRA_PROXY_MAX_REQUESTS, 128, 1, 100_000),
    proxyMaxBufferedBytes: intFrom('ASTRA_PROXY_MAX_BUFFERED_BYTES', env.ASTRA_PROXY_MAX_BUFFERED_BYTES, 256 * 1024 * 1024, 64 * 1024, Number.MAX_SAFE_INTEGER),
    requestTimeoutMs: intFrom('ASTRA_REQUEST_TIMEOUT_MS', env.ASTRA_REQUEST_TIMEOUT_MS, 30_000, 100, 3_600_000),
    idleTimeoutMs: intFrom('ASTRA_IDLE_TIMEOUT_MS', env.ASTRA_IDLE_TIMEOUT_MS, 120_000, 100, 3_600_000),
    countBudget: {
      maxRequests: intFrom('ASTRA_COUNT_MAX_REQUESTS', env.ASTRA_COUNT_MAX_REQUESTS, DEFAULT_COUNT_BUDGET.maxRequests, 0, 10_000),
      timeMs: intFrom('ASTRA_COUNT_TIME_MS', env.ASTRA_COUNT_TIME_MS, DEFAULT_COUNT_BUDGET.timeMs, 0, 600_000),
      pageSize: intFrom('ASTRA_COUNT_PAGE_SIZE', env.ASTRA_COUNT_PAGE_SIZE, DEFAULT_COUNT_BUDGET.pageSize, 1, 10_000),
    },
    offline: env.ASTRA_OFFLINE === '1' || env.ASTRA_OFFLINE === 'true',
    cacheTtlMs: intFrom('ASTRA_CACHE_TTL_MS', env.ASTRA_CACHE_TTL_MS, 10 * 60 * 1000, 0, 365 * 24 * 3600 * 1000),
    cacheMaxBytes: intFrom('ASTRA_CACHE_MAX_BYTES', env.ASTRA_CACHE_MAX_BYTES, 5 * 1024 ** 3, 1024 * 1024, Number.MAX_SAFE_INTEGER),
    workerCount: intFrom('ASTRA_WORKERS', env.ASTRA_WORKERS, cores, 1, 256),
    maxQueuedPerKey: intFrom('ASTRA_MAX_QUEUED_PER_KEY', flags.maxQueuedPerKey ?? env.ASTRA_MAX_QUEUED_PER_KEY, 20, 1, 100_000),
    maxQueuedTotal: intFrom('ASTRA_MAX_QUEUED_TOTAL', flags.maxQueuedTotal ?? env.ASTRA_MAX_QUEUED_TOTAL, 200, 1, 1_000_000),
    diskReserveBytes: intFrom('ASTRA_DISK_RESERVE_BYTES', flags.diskReserveBytes ?? env.ASTRA_DISK_RESERVE_BYTES, 1024 ** 3, 0, Number.MAX_SAFE_INTEGER),
    openEoSyncMaxBytes: intFrom('ASTRA_OPENEO_SYNC_MAX_BYTES', env.ASTRA_OPENEO_SYNC_MAX_BYTES, 256 * 1024 * 1024, 0, Number.MAX_SAFE_INTEGER),
    openEoPollIntervalMs: intFrom('ASTRA_OPENEO_POLL_MS', env.ASTRA_OPENEO_POLL_MS, 15_000, 10, 3_600_000),
    rendererDir: flags.rendererDir ?? env.ASTRA_RENDERER_DIR ?? null,
    corsOrigins: (env.ASTRA_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    sessionKey: null,
    sqliteNativeBinding: null,
    ...overrides,
  };
  return config;
}
