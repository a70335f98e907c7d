#!/usr/bin/env node
/**
 * Federated search benchmark (prints, never asserts): three fake catalogs each answering 100
 * items after 150 ms. Measures GET /api/v1/search?limit=100 through the real service and, in the
 * same run, the sequential baseline (the three sources queried one after another).
 *   node test/bench/search/run-search-bench.js [--runs 30]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs, percentile } from '../cache/bench-support.js';

const LATENCY_MS = 150;
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 30;

const { loadConfig } = await importTs('electron/service/config.ts');
const { createService } = await importTs('electron/service/server.ts');

const upstream = spawn(process.execPath, [new URL('./fake-catalogs-process.js', import.meta.url).pathname, String(LATENCY_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = await once(createInterface({ input: upstream.stdout }), 'line');
const fake = JSON.parse(line);
const dataDir = mkdtempSync(join(tmpdir(), 'astra-bench-search-'));
const service = await createService(loadConfig([], {}, {
  port: 0, dataDir, cacheTtlMs: 0, upstreamTimeoutMs: 10_000, rateLimitPerMinute: 1_000_000,
  earthSearchUrl: fake.earthSearchUrl, landsatLookUrl: fake.landsatLookUrl, planetaryComputerUrl: fake.planetaryComputerUrl, pcSasUrl: fake.sasUrl,
}));
const { url } = await service.listen();
const key = service.context.keys.create('bench').key;
const headers = { authorization: `Bearer ${key}` };

async function timed(query) {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/search?${query}`, { headers });
  const bytes = await response.arrayBuffer();
  // The latency is the time to the last byte; parsing the answer is the client's cost, not ours.
  const ms = performance.now() - started;
  const body = JSON.parse(Buffer.from(bytes).toString('utf8'));
  if (response.status !== 200) throw new Error(`search answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
  return { ms, returned: body.features.length };
}

// Each run uses its own datetime window end so no cache layer can answer.
const query = (i, sources) => `bbox=-180,-90,180,90&limit=100&datetime=1970-01-01/2100-01-${String((i % 28) + 1).padStart(2, '0')}${sources ? `&sources=${sources}` : ''}`;

for (let i = 0; i < 3; i += 1) await timed(query(i));
const federated = [];
const sequential = [];
let returned = 0;
for (let i = 0; i < runs; i += 1) {
  const f = await timed(query(i));
  federated.push(f.ms);
  returned = f.returned;
  let sum = 0;
  for (const source of ['sentinel-2', 'landsat', 'planetary-computer']) sum += (await timed(query(i, source))).ms;
  sequential.push(sum);
}
federated.sort((a, b) => a - b);
sequential.sort((a, b) => a - b);
const p50 = percentile(federated, 50);
console.log(`upstream pools: ${JSON.stringify(fake.counts)}`);
console.log(`search bench: 3 sources × 100 items, upstream latency ${LATENCY_MS} ms, ${runs} runs, ${returned} features per answer`);
console.log(`  federated  p50 ${p50.toFixed(1)} ms   p95 ${percentile(federated, 95).toFixed(1)} ms`);
console.log(`  sequential p50 ${percentile(sequential, 50).toFixed(1)} ms   p95 ${percentile(sequential, 95).toFixed(1)} ms   (same run, one source after another)`);
console.log(`  overhead over the slowest source: ${(p50 - LATENCY_MS).toFixed(1)} ms (target ≤ 25 ms: federation + normalization + dedupe of 300 items)`);

await service.close();
upstream.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
