import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig, type InlineConfig } from 'vite';

/**
 * The Piscina worker entries, each built on its own into ONE self-contained file in out/main/: no
 * chunks shared with the main bundle and their npm dependencies (geotiff, proj4) bundled in, so
 * the packaged app only has to unpack those files from app.asar for worker threads to load them.
 */
export const WORKER_ENTRIES = [
  // The raster pool: processing tiles, COG tile encoding (workers/).
  { source: 'workers/raster-task.ts', file: 'raster-task.js' },
  // The search-page decoder, owned by the service's search layer.
  { source: 'electron/service/search/search-page-worker.ts', file: 'search-page-task.js' },
] as const;

export function workerBuildConfig(entry: { source: string; file: string }): InlineConfig {
  return {
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: resolve(import.meta.dirname, entry.source),
      outDir: 'out/main',
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rolldownOptions: {
        external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        output: { format: 'es', entryFileNames: entry.file, codeSplitting: false },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  };
}

// `vite build -c vite.worker.config.ts` builds the raster entry alone (the main build builds both).
export default defineConfig(workerBuildConfig(WORKER_ENTRIES[0]));
