/** Starts a real ASTRA service on a free loopback port with its own temp data dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ServiceConfig } from '../../electron/service/config';
import { ADMIN_KEY_SCOPES } from '../../electron/service/keys/key-scopes';
import { createService, type AstraService, type CreateServiceOptions } from '../../electron/service/server';
import { orUndo, runAll } from './clean-up';

export interface TestService {
  service: AstraService;
  url: string;
  port: number;
  dataDir: string;
  /** A fresh API key stored in the service's database, with every scope like a command-line key (or the one passed in `options.key`). */
  key: string;
  /** Its id (`key_…`): jobs it submits are owned by it. */
  keyId: string;
  /** fetch against the service with the test key (unless headers say otherwise). */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface TestServiceOptions extends CreateServiceOptions {
  /** A key already stored in this data dir (a restarted service keeps its keys, and their jobs). */
  key?: { key: string; id: string };
}

export async function startTestService(overrides: Partial<ServiceConfig> = {}, env: NodeJS.ProcessEnv = {}, options: TestServiceOptions = {}): Promise<TestService> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'astra-test-'));
  // No disk reserve unless a test asks for one: a test machine with little free space still runs
  // the jobs that fit (their own estimates are still checked).
  const reserve = env.ASTRA_DISK_RESERVE_BYTES === undefined ? { diskReserveBytes: 0 } : {};
  const config = loadConfig([], env, { port: 0, dataDir, ...reserve, ...overrides });
  const { key: reused, ...serviceOptions } = options;
  const removeDataDir = () => { if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true }); };
  const service = await orUndo(() => createService(config, serviceOptions), removeDataDir);
  const { url, port } = await orUndo(() => service.listen(), () => runAll(() => service.close(), removeDataDir));
  const { key, id: keyId } = reused ?? service.context.keys.create('test', ADMIN_KEY_SCOPES);
  return {
    service,
    url,
    port,
    dataDir,
    key,
    keyId,
    api: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${key}`);
      return fetch(url + path, { ...init, headers });
    },
    async close() {
      await runAll(() => service.close(), removeDataDir);
    },
  };
}
