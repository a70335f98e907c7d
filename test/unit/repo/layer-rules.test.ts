/**
 * The layer rules of `npm run lint` (.dependency-cruiser.cjs, docs/architecture.md "Layers")
 * against planted imports: a throw-away tree laid out like this repository, each file importing
 * across one rule, cruised with the repository's own rules. Every wrong direction must be
 * reported under its rule, and the allowed directions must pass — so the rules cannot rot
 * silently (a renamed folder that no rule matches any more fails here).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../../../.dependency-cruiser.cjs') as { forbidden: unknown[]; options: Record<string, unknown> };

const STUB = 'export const value = 1;\nexport type Value = number;\n';

/** Files every planted import may point at (present in the real tree under the same names). */
const TARGETS = [
  'electron/service/server.ts',
  'electron/service/config.ts',
  'electron/service/service-context.ts',
  'electron/service/api/contract.ts',
  'electron/service/stac/types.ts',
  'electron/service/http/routes/scenes.ts',
  'electron/service/search/federate.ts',
  'electron/service/cache/item-cache.ts',
  'electron/service/sources/types.ts',
  'electron/service/db/open-database.ts',
  'electron/preload/api-types.ts',
  'workers/raster-task.ts',
  'workers/lib/warp.ts',
  'workers/protocol/raster-tasks.ts',
  'workers/tasks/process/process-tile-task.ts',
];

/** Planted file → its source; the file's path decides its layer. */
const PLANTED: Record<string, string> = {
  // Wrong directions.
  'electron/service/processing/imports-a-task.ts': "import { value } from '../../../workers/tasks/process/process-tile-task';\nexport const x = value;\n",
  'electron/service/processing/imports-an-entry.ts': "import type { Value } from '../../../workers/raster-task';\nexport type X = Value;\n",
  'workers/lib/imports-the-service.ts': "import type { Value } from '../../electron/service/stac/types';\nexport type X = Value;\n",
  'workers/lib/reads-files.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'workers/lib/starts-a-pool.ts': "import { Piscina } from 'piscina';\nexport const pool = Piscina;\n",
  'workers/lib/imports-a-task.ts': "import { value } from '../tasks/process/process-tile-task';\nexport const x = value;\n",
  'workers/protocol/imports-a-task.ts': "import { value } from '../tasks/process/process-tile-task';\nexport const x = value;\n",
  'electron/service/cache/imports-http.ts': "import { value } from '../http/routes/scenes';\nexport const x = value;\n",
  'electron/service/processing/imports-the-route-context.ts': "import type { Value } from '../service-context';\nexport type X = Value;\n",
  'electron/service/sources/imports-search.ts': "import { value } from '../search/federate';\nexport const x = value;\n",
  'electron/service/db/imports-cache.ts': "import { value } from '../cache/item-cache';\nexport const x = value;\n",
  'renderer/src/imports-service-types.ts': "import type { Value } from '../../electron/service/stac/types';\nexport type X = Value;\n",
  'renderer/src/imports-contract-code.ts': "import { value } from '../../electron/service/api/contract';\nexport const x = value;\n",
  'renderer/src/imports-workers.ts': "import type { Value } from '../../workers/lib/warp';\nexport type X = Value;\n",
  'electron/main/imports-the-cache.ts': "import { value } from '../service/cache/item-cache';\nexport const x = value;\n",
  'electron/service/api/imports-electron.ts': "import { app } from 'electron';\nexport const x = app;\n",
  'electron/service/jobs/cycle-a.ts': "import type { B } from './cycle-b';\nexport type A = { b: B };\n",
  'electron/service/jobs/cycle-b.ts': "import type { A } from './cycle-a';\nexport type B = { a?: A };\n",
  // Allowed directions.
  'electron/service/http/routes/allowed-route.ts': "import { value } from '../../search/federate';\nimport type { Value } from '../../service-context';\nexport const x: Value = value;\n",
  'electron/service/search/allowed-domain.ts': "import { value } from '../sources/types';\nimport { value as w } from '../../../workers/lib/warp';\nimport type { Value } from '../../../workers/protocol/raster-tasks';\nexport const x: Value = value + w;\n",
  'electron/service/cache/allowed-storage.ts': "import { value } from '../db/open-database';\nexport const x = value;\n",
  'workers/tasks/allowed-task.ts': "import { value } from '../lib/warp';\nimport type { Value } from '../protocol/raster-tasks';\nimport { readFileSync } from 'node:fs';\nexport const x: Value = value;\nexport const read = readFileSync;\n",
  'renderer/src/allowed-contract-types.ts': "import type { Value } from '../../electron/service/api/contract';\nimport type { Value as Bridge } from '../../electron/preload/api-types';\nexport type X = Value | Bridge;\n",
  'electron/main/allowed-start.ts': "import { value } from '../service/server';\nimport { value as c } from '../service/config';\nimport { app } from 'electron';\nexport const x = value + c;\nexport const y = app;\n",
};

/** Each planted wrong import and the rule that must report it (a cycle is reported from either end). */
const EXPECTED: Array<[from: string, rule: string]> = [
  ['electron/service/processing/imports-a-task.ts', 'service-only-to-worker-lib-and-protocol'],
  ['electron/service/processing/imports-an-entry.ts', 'service-only-to-worker-lib-and-protocol'],
  ['electron/service/processing/imports-an-entry.ts', 'worker-entries-are-not-imported'],
  ['workers/lib/imports-the-service.ts', 'workers-not-to-electron'],
  ['workers/lib/reads-files.ts', 'worker-lib-is-pure'],
  ['workers/lib/starts-a-pool.ts', 'worker-lib-is-pure'],
  ['workers/lib/imports-a-task.ts', 'worker-lib-only-to-itself'],
  ['workers/protocol/imports-a-task.ts', 'worker-protocol-is-shared-types'],
  ['electron/service/cache/imports-http.ts', 'domain-not-to-http'],
  ['electron/service/processing/imports-the-route-context.ts', 'domain-not-to-composition'],
  ['electron/service/sources/imports-search.ts', 'sources-and-storage-are-the-bottom'],
  ['electron/service/db/imports-cache.ts', 'sources-and-storage-are-the-bottom'],
  ['renderer/src/imports-service-types.ts', 'renderer-only-the-contract'],
  ['renderer/src/imports-contract-code.ts', 'renderer-contract-types-only'],
  ['renderer/src/imports-workers.ts', 'renderer-only-the-contract'],
  ['electron/main/imports-the-cache.ts', 'shell-imports-only-the-start-up-entry'],
  ['electron/service/api/imports-electron.ts', 'electron-only-in-the-shell'],
  ['electron/service/jobs/cycle-?.ts', 'no-circular'],
];

let tree: string;
let violations: IViolation[];

function write(root: string, path: string, source: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), source);
}

beforeAll(async () => {
  tree = mkdtempSync(join(tmpdir(), 'astra-layer-rules-'));
  for (const target of TARGETS) write(tree, target, STUB);
  for (const [path, source] of Object.entries(PLANTED)) write(tree, path, source);
  write(tree, 'node_modules/electron/package.json', JSON.stringify({ name: 'electron', main: 'index.js' }));
  write(tree, 'node_modules/electron/index.js', 'module.exports = { app: {} };\n');
  write(tree, 'node_modules/piscina/package.json', JSON.stringify({ name: 'piscina', main: 'index.js' }));
  write(tree, 'node_modules/piscina/index.js', 'module.exports = { Piscina: class {} };\n');
  write(tree, 'package.json', JSON.stringify({ name: 'planted', dependencies: { piscina: '*' }, devDependencies: { electron: '*' } }));
  const { tsConfig: _tsConfig, ...options } = config.options;
  const result = await cruise(['electron', 'workers', 'renderer'], {
    ...options,
    baseDir: tree,
    validate: true,
    ruleSet: { forbidden: config.forbidden } as never,
  }, { extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'] });
  violations = (result.output as ICruiseResult).summary.violations;
}, 60_000);
afterAll(() => { if (tree) rmSync(tree, { recursive: true, force: true }); });

/** [from, rule] of each violation; a cycle's two files named as one (`cycle-?.ts`). */
const reported = () => violations.map((v) => [v.from.replace(/cycle-[ab]\.ts$/, 'cycle-?.ts'), v.rule.name] as [string, string]);

describe('the layer rules (npm run lint) against planted imports', () => {
  it.each(EXPECTED)('%s violates %s', (from, rule) => {
    expect(reported()).toContainEqual([from, rule]);
  });

  it('report nothing else: every allowed direction passes, and every import resolves', () => {
    const expected = new Set(EXPECTED.map(([from, rule]) => `${from} ${rule}`));
    const unexpected = reported().filter(([from, rule]) => !expected.has(`${from} ${rule}`));
    expect(unexpected).toEqual([]);
  });
});
