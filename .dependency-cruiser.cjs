/**
 * The layers of ASTRA Desktop and the one direction each may import in (docs/architecture.md,
 * "Layers"). Checked by `npm run lint` (`depcruise`); any violation fails it, and
 * test/unit/repo/layer-rules.test.ts plants a wrong import of each kind to prove the rules bite.
 *
 *   electron/main, electron/preload  the Electron shell; may import only the service's start-up entry
 *   electron/service/http            routes (thin) → the domain
 *   electron/service/<domain>        search, cache, assets, jobs, processing, raster, keys, settings,
 *                                    worker-pool → sources/ and storage (db/, storage/); never http/
 *   electron/service/sources, db, storage   the bottom: no domain, no http
 *   workers/lib                      pure raster and geometry library: no I/O, no service imports
 *   workers/protocol                 task message types and their pure codecs, shared by both sides
 *   workers/tasks, workers/*.ts      what runs inside worker threads; the service never imports them
 *   renderer                         types only, from the one API contract module
 */
const SERVICE_DOMAIN = '^electron/service/(?!http/)[^/]+/';
const SERVICE_COMPOSITION = '^electron/service/(server|serve|cli|service-context)\\.ts$';
/** Node built-ins that do I/O (or start threads): not in the pure library. */
const IO_BUILTINS = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|worker_threads|cluster|dgram|dns|dns/promises|tls|readline|inspector|repl|vm)$';
/** npm packages that do I/O or need the service's process (as resolved, or unresolved by name). */
const IO_PACKAGES = '^(node_modules/(better-sqlite3|piscina|fastify|@fastify/[^/]+|undici|electron)/|(better-sqlite3|piscina|fastify|undici|electron)$)';
/** The electron package, resolved (node_modules/electron/…) or not (a bare `electron`). */
const ELECTRON_PACKAGE = ['^electron$', '^node_modules/electron/'];
/** Worker-thread entries: loaded by a pool from their built file, never imported. */
const WORKER_ENTRIES = '^(workers/raster-task\\.ts|electron/service/search/search-page-worker\\.ts)$';
const CONTRACT = '^electron/service/api/contract\\.ts$';
/** The preload's bridge (`window.astra`): the renderer's other typed neighbour. */
const PRELOAD_BRIDGE_TYPES = '^electron/preload/api-types\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules of the service and the workers must not import each other in a cycle (type imports included).',
      severity: 'error',
      from: { path: '^(electron|workers)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing file.',
      severity: 'error',
      from: { path: '^(electron|workers|renderer)/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'electron-only-in-the-shell',
      comment: 'Only electron/main and electron/preload may import electron.',
      severity: 'error',
      from: { pathNot: '^electron/(main|preload)/' },
      to: { path: ELECTRON_PACKAGE },
    },
    {
      name: 'shell-imports-only-the-start-up-entry',
      comment: 'The Electron shell starts the service (server.ts with its config and heap tuning) and knows nothing else of it.',
      severity: 'error',
      from: { path: '^electron/(main|preload)/' },
      to: { path: '^electron/service/', pathNot: '^electron/service/(server|config|heap-tuning)\\.ts$' },
    },
    {
      name: 'domain-not-to-http',
      comment: 'HTTP routes call the domain; the domain never imports http/ (routes, hooks, admission).',
      severity: 'error',
      from: { path: SERVICE_DOMAIN },
      to: { path: '^electron/service/http/' },
    },
    {
      name: 'domain-not-to-composition',
      comment: 'server.ts composes the service; domain modules get narrow dependencies, not the route context or the server.',
      severity: 'error',
      from: { path: SERVICE_DOMAIN },
      to: { path: SERVICE_COMPOSITION },
    },
    {
      name: 'sources-and-storage-are-the-bottom',
      comment: 'Upstream sources and storage (db/, storage/) are used by the domain and import none of it.',
      severity: 'error',
      from: { path: '^electron/service/(sources|db|storage)/' },
      to: { path: '^electron/service/(http|search|cache|assets|jobs|processing|raster|keys|settings|worker-pool)/' },
    },
    {
      name: 'service-only-to-worker-lib-and-protocol',
      comment: 'The service may use the pure library (workers/lib) and the task message types (workers/protocol), never a task or a worker entry.',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^workers/', pathNot: '^workers/(lib|protocol)/' },
    },
    {
      name: 'workers-not-to-electron',
      comment: 'Nothing under workers/ imports the service or the shell.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^electron/' },
    },
    {
      name: 'worker-lib-only-to-itself',
      comment: 'The pure library imports only the pure library.',
      severity: 'error',
      from: { path: '^workers/lib/' },
      to: { path: '^workers/', pathNot: '^workers/lib/' },
    },
    {
      name: 'worker-lib-is-pure',
      comment: 'The pure library does no I/O: no file system, network, processes, threads or databases.',
      severity: 'error',
      from: { path: '^workers/lib/' },
      to: { path: [IO_BUILTINS, IO_PACKAGES] },
    },
    {
      name: 'worker-protocol-is-shared-types',
      comment: 'Task messages and their pure codecs: they import only the library and each other, and Node only as types.',
      severity: 'error',
      from: { path: '^workers/protocol/' },
      to: { path: ['^workers/(?!lib/|protocol/)', IO_BUILTINS, IO_PACKAGES], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'worker-entries-are-not-imported',
      comment: 'A worker-thread entry is loaded by its pool from the built file, never imported.',
      severity: 'error',
      from: {},
      to: { path: WORKER_ENTRIES },
    },
    {
      name: 'renderer-only-the-contract',
      comment: 'The renderer imports from the service only the API contract (electron/service/api/contract.ts), from the shell only the preload bridge\'s types, and nothing from workers/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|workers)/', pathNot: [CONTRACT, PRELOAD_BRIDGE_TYPES] },
    },
    {
      name: 'renderer-contract-types-only',
      comment: 'The renderer imports the contract and the bridge as types only: no service or shell code in the bundle.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: [CONTRACT, PRELOAD_BRIDGE_TYPES], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(out|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
