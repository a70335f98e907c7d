#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark in test/bench/, one after another (they share 2 cores).
 * Each prints its figures beside its reference measured in the same run; none asserts timings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = ['search/run-search-bench.js', 'cache/run-cache-bench.js', 'ndvi/run-ndvi-bench.js', 'area/run-area-bench.js', 'map/run-map-bench.js'];
const only = process.argv.slice(2);
let failed = 0;
for (const bench of benches) {
  if (only.length > 0 && !only.some((name) => bench.startsWith(name))) continue;
  const file = join(here, bench);
  if (!existsSync(file)) {
    console.log(`\n== ${bench}: missing`);
    continue;
  }
  console.log(`\n== ${bench}`);
  const result = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.log(`== ${bench} exited with ${result.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
