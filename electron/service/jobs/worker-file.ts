/**
 * Where the built Piscina worker entry (`out/main/raster-task.js`) is, seen from this module:
 * - vitest runs the TS sources: `<repo>/electron/service/jobs/*.ts` → `<repo>/out/main/raster-task.js`;
 * - `node out/main/serve.js` and Electron run the bundle, where this code sits in `out/main/*.js`
 *   or in a shared chunk `out/main/chunks/*.js` → the sibling `out/main/raster-task.js`;
 * - the packaged app keeps it in app.asar, which worker threads cannot load from, so the file is
 *   unpacked by electron-builder (`asarUnpack`) and read from `app.asar.unpacked` instead.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKER_ENTRY_NAME = 'raster-task.js';

/** `/…/resources/app.asar/out/main/x.js` → `/…/resources/app.asar.unpacked/out/main/x.js` (either separator). */
export function toUnpackedAsarPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The worker entry's path, given the URL or path of a module in electron/service/jobs/ (source or bundled). */
export function resolveWorkerFile(moduleUrlOrPath: string): string {
  const modulePath = moduleUrlOrPath.startsWith('file:') ? fileURLToPath(moduleUrlOrPath) : moduleUrlOrPath;
  const dir = dirname(modulePath);
  let file: string;
  if (modulePath.endsWith('.ts')) file = resolve(dir, '..', '..', '..', 'out', 'main', WORKER_ENTRY_NAME);
  else if (basename(dir) === 'chunks') file = join(dirname(dir), WORKER_ENTRY_NAME);
  else file = join(dir, WORKER_ENTRY_NAME);
  return toUnpackedAsarPath(file);
}

export function defaultWorkerFile(): string {
  return resolveWorkerFile(import.meta.url);
}
