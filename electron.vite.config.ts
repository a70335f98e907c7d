import { resolve } from 'node:path';
import { build as viteBuild, type Plugin } from 'vite';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { WORKER_ENTRIES, workerBuildConfig } from './vite.worker.config';

// The main build holds the Node entries: the Electron main process, the headless server and the
// CLI. The Piscina worker entries are built separately (vite.worker.config.ts) into
// out/main/raster-task.js and out/main/search-page-task.js. The same out/main/*.js files serve
// vitest, `npm run serve` and the app.
/** Builds the self-contained workers right after the main bundle, so one `electron-vite build` makes everything. */
function workerBundles(): Plugin {
  return {
    name: 'astra-worker-bundles',
    apply: 'build',
    async closeBundle() {
      for (const entry of WORKER_ENTRIES) await viteBuild(workerBuildConfig(entry));
    },
  };
}

export default defineConfig({
  main: {
    plugins: [workerBundles()],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          serve: resolve(__dirname, 'electron/service/serve.ts'),
          cli: resolve(__dirname, 'electron/service/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
