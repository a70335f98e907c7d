/** Starts a real ASTRA service on a free loopback port with its own temp data dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ServiceConfig } from '../../electron/service/config';
import { ADMIN_KEY_SCOPES } from '../../electron/service/keys/key-scopes';
import { createService, type AstraService } from '../../electron/service/server';
import { orUndo, runAll } from './clean-up';

export interface TestService {
  service: AstraService;
  url: string;
  port: number;
  dataDir: string;
  /** A fresh API key stored in the service's database, with every scope (like a command-line key). */
  key: string;
  /** fetch against the service with the test key (unless headers say otherwise). */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestService(overrides: Partial<ServiceConfig> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'astra-test-'));
  const config = loadConfig([], env, { port: 0, dataDir, ...overrides });
  const removeDataDir = () => { if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true }); };
  const service = await orUndo(() => createService(config), removeDataDir);
  const { url, port } = await orUndo(() => service.listen(), () => runAll(() => service.close(), removeDataDir));
  const key = service.context.keys.create('test', ADMIN_KEY_SCOPES).key;
  return {
    service,
    url,
    port,
    dataDir,
    key,
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
