import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// The Piscina worker is built on its own into ONE self-contained file (out/main/raster-task.js):
// no chunks shared with the main bundle and its npm dependencies (geotiff, proj4) bundled in, so
// the packaged app only has to unpack that one file from app.asar for worker threads to load it.
export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'workers/raster-task.ts'),
    outDir: 'out/main',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: 'raster-task.js', codeSplitting: false },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
