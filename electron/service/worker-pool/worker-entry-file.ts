/**
 * Where a built Piscina worker entry (`out/main/raster-task.js`, `out/main/search-page-task.js`)
 * is, seen from this module:
 * - vitest runs the TS sources: `<repo>/electron/service/worker-pool/*.ts` → `<repo>/out/main/<entry>`;
 * - `node out/main/serve.js` and Electron run the bundle, where this code sits in `out/main/*.js`
 *   or in a shared chunk `out/main/chunks/*.js` → the sibling `out/main/<entry>`;
 * - the packaged app keeps it in app.asar, which worker threads cannot load from, so the entries
 *   are unpacked by electron-builder (`asarUnpack`) and read from `app.asar.unpacked` instead.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The raster pool's entry (workers/raster-task.ts): processing tiles, COG tile encoding. */
export const RASTER_WORKER_ENTRY = 'raster-task.js';
/** The search-page decoder's entry (search/search-page-worker.ts). */
export const SEARCH_PAGE_WORKER_ENTRY = 'search-page-task.js';

/** `/…/resources/app.asar/out/main/x.js` → `/…/resources/app.asar.unpacked/out/main/x.js` (either separator). */
export function toUnpackedAsarPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The path of worker entry `entry`, given the URL or path of a module in electron/service/worker-pool/ (source or bundled). */
export function resolveWorkerFile(moduleUrlOrPath: string, entry: string): string {
  const modulePath = moduleUrlOrPath.startsWith('file:') ? fileURLToPath(moduleUrlOrPath) : moduleUrlOrPath;
  const dir = dirname(modulePath);
  let file: string;
  if (modulePath.endsWith('.ts')) file = resolve(dir, '..', '..', '..', 'out', 'main', entry);
  else if (basename(dir) === 'chunks') file = join(dirname(dir), entry);
  else file = join(dir, entry);
  return toUnpackedAsarPath(file);
}

export function workerEntryFile(entry: string): string {
  return resolveWorkerFile(import.meta.url, entry);
}
