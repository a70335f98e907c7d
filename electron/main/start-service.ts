/**
 * Starts the ASTRA service inside the main process on 127.0.0.1 at a free port, with a fresh
 * per-launch session key that only this window receives.
 */
import { app, safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../service/config';
import { tuneHeapForStreaming } from '../service/heap-tuning';
import { createService, type AstraService } from '../service/server';
import { desktopSecretCodec } from './safe-storage-codec';

export interface RunningService {
  service: AstraService;
  apiBase: string;
  sessionKey: string;
}

/** In development the Electron-ABI sqlite addon comes from out/native (see electron/scripts/prepare-electron-sqlite.mjs). */
function devSqliteBinding(): string | null {
  if (app.isPackaged) return null;
  const candidate = fileURLToPath(new URL(`../native/electron-${process.versions.electron}-${process.platform}-${process.arch}/better_sqlite3.node`, import.meta.url));
  return existsSync(candidate) ? candidate : null;
}

/** `devServerOrigin`: the development renderer's origin (never set when packaged), allowed through CORS. */
export async function startEmbeddedService(rendererDir: string, devServerOrigin: string | null): Promise<RunningService> {
  const sessionKey = `astra_sk_live_${randomBytes(30).toString('base64url').replace(/[-_]/g, 'x')}`;
  const config = loadConfig([], process.env, {
    host: '127.0.0.1',
    port: 0,
    dataDir: join(app.getPath('userData'), 'astra'),
    rendererDir,
    sessionKey,
    sqliteNativeBinding: devSqliteBinding(),
    corsOrigins: devServerOrigin ? [devServerOrigin] : [],
  });
  tuneHeapForStreaming();
  const warn = (message: string) => console.warn(`ASTRA: ${message}`);
  const service = await createService(config, { secretFile: { codec: desktopSecretCodec(safeStorage, warn), warn } });
  const { url } = await service.listen();
  return { service, apiBase: url, sessionKey };
}
