// The headless service (electron/service/serve.ts, unbuilt) as a child process for crash tests:
// `node child-service-runner.mjs --port 0 --data-dir DIR` prints `listening on URL`, like `npm run serve`.
// Vite's module runner compiles the TypeScript on the fly, so no `npm run build` is needed.
import { runnerImport } from 'vite';

const serve = new URL('../../../../electron/service/serve.ts', import.meta.url).pathname;
await runnerImport(serve, { configFile: false, logLevel: 'error' });
