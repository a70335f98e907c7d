#!/usr/bin/env node
/**
 * Federated search benchmark (prints, never asserts): three fake catalogs (in their own process)
 * each answering 100 items after 150 ms; the service is `node out/main/serve.js` in its own
 * process, as analysts' scripts and the renderer reach it. Each run measures, back to back:
 * - ours: GET /api/v1/search?limit=100 through the service (time to the last byte);
 * - the slowest source: the three upstream requests the service just sent, replayed directly and
 *   in parallel from here (time to the last byte of the last one) — the floor any federation has;
 * - sequential: the three sources through the service one after another.
 * Between measurements the bench pauses, so the service's write-behind cache work from one does
 * not land in the next. It also prints:
 * - the CPU the service and the fake catalogs use per federated search: on a small machine both
 *   share the same cores, so the service's CPU delays the fake's answers as well as its own;
 * - /api/v1/health latencies polled during a few more federated searches: how long the service's
 *   main thread keeps other requests (the map's tiles, job progress) waiting;
 * - the part of a search no federation can skip, parsing and normalizing the three upstream pages,
 *   timed on one thread of this process: the work the target's 25 ms must hold.
 *   npm run build && node test/bench/search/run-search-bench.js [--runs 30] [--verbose]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs, percentile } from '../cache/bench-support.js';
import { startServeProcess, threadCpu } from '../serve-process.js';

const LATENCY_MS = 150;
const TARGET_OVERHEAD_MS = 25;
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 30;
/** --verbose: one line per run. */
const verbose = args.includes('--verbose');

const upstream = spawn(process.execPath, [new URL('./fake-catalogs-process.js', import.meta.url).pathname, String(LATENCY_MS)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const [line] = await once(createInterface({ input: upstream.stdout }), 'line');
const fake = JSON.parse(line);
const dataDir = mkdtempSync(join(tmpdir(), 'astra-bench-search-'));
const service = await startServeProcess(fake, dataDir, {
  ASTRA_CACHE_TTL_MS: '0', ASTRA_UPSTREAM_TIMEOUT_MS: '10000', ASTRA_RATE_LIMIT: '1000000',
});

async function lastBytes(response) {
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes };
}

/** One search through the service; the client's JSON parse after the last byte is not counted. */
async function timed(query) {
  const started = performance.now();
  const { status, bytes } = await lastBytes(await service.api(`/api/v1/search?${query}`));
  const ms = performance.now() - started;
  const body = JSON.parse(bytes.toString('utf8'));
  if (status !== 200) throw new Error(`search answered ${status}: ${JSON.stringify(body).slice(0, 200)}`);
  if (body.warnings.length > 0) throw new Error(`search warned: ${JSON.stringify(body.warnings)}`);
  return { ms, returned: body.features.length };
}

/** The service's last three upstream searches, replayed in parallel: when the slowest one ends. */
async function slowestSourceMs() {
  upstream.send('last-searches');
  const [requests] = await once(upstream, 'message');
  if (requests.length !== 3) throw new Error(`expected 3 upstream searches, got ${requests.length}`);
  const started = performance.now();
  const answers = await Promise.all(requests.map((request) => fetch(request.url, {
    method: request.method,
    headers: { accept: 'application/geo+json, application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  }).then(lastBytes)));
  const ms = performance.now() - started;
  if (answers.some((answer) => answer.status !== 200)) throw new Error('a replayed upstream search failed');
  lastPages = requests.map((request, i) => ({ catalog: request.catalog, bytes: answers[i].bytes }));
  return ms;
}

/** The upstream answers of the latest replay, for computeFloor. */
let lastPages = [];
const CATALOG_ORIGINS = { earthSearch: 'EARTH_SEARCH_ORIGIN', landsatLook: 'LANDSATLOOK_ORIGIN', planetaryComputer: 'PLANETARY_COMPUTER_ORIGIN' };

/**
 * The work no federation can skip, timed on one thread of this process: each source's page
 * decoded, parsed and normalized (json-text.ts, JSON.parse, normalize-item.ts), without making
 * any JSON of the result. Median of 15 per page, after 5 to warm up.
 */
async function computeFloor() {
  const { jsonText } = await importTs('electron/service/sources/http/json-text.ts');
  const { normalizeItems } = await importTs('electron/service/sources/normalize/normalize-item.ts');
  const origins = await importTs('electron/service/sources/normalize/item-origin.ts');
  return lastPages.map(({ catalog, bytes }) => {
    const origin = { ...origins[CATALOG_ORIGINS[catalog]], upstreamUrl: 'http://upstream.test' };
    const times = [];
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      const page = normalizeItems(JSON.parse(jsonText(new Uint8Array(bytes))).features, origin);
      if (i >= 5) times.push(performance.now() - started);
      if (page.items.length === 0) throw new Error(`${catalog}: no items normalized`);
    }
    return { catalog, ms: percentile(times.sort((a, b) => a - b), 50) };
  });
}

/** CPU seconds a process has used so far: all its threads, and its main thread alone. */
function cpuSeconds(pid) {
  const threads = threadCpu(pid);
  return { all: [...threads.values()].reduce((sum, s) => sum + s, 0), main: threads.get(String(pid)) ?? 0 };
}

/** Lets the service finish its write-behind cache work, so no measurement pays for the one before. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/**
 * How long the service's main thread keeps other requests waiting while it serves a federated
 * search: /api/v1/health polled back to back during `count` searches (run apart from the timed
 * ones, which the polling would slow). Sorted latencies of the health checks.
 */
async function healthDuringSearches(count) {
  const latencies = [];
  for (let i = 0; i < count; i += 1) {
    await settle();
    let searching = true;
    const search = timed(query(i + 1000)).finally(() => { searching = false; });
    while (searching) {
      const started = performance.now();
      await (await service.api('/api/v1/health')).arrayBuffer();
      latencies.push(performance.now() - started);
    }
    await search;
  }
  return latencies.sort((a, b) => a - b);
}

// Each run uses its own datetime window end so no cache layer can answer.
const query = (i, sources) => `bbox=-180,-90,180,90&limit=100&datetime=1970-01-01/2100-01-${String((i % 28) + 1).padStart(2, '0')}${sources ? `&sources=${sources}` : ''}`;

try {
  for (let i = 0; i < 3; i += 1) await timed(query(i));
  const federated = [];
  const slowest = [];
  const sequential = [];
  let returned = 0;
  const cpu = { service: 0, serviceMain: 0, upstream: 0 };
  for (let i = 0; i < runs; i += 1) {
    await settle();
    const cpuBefore = [cpuSeconds(service.child.pid), cpuSeconds(upstream.pid)];
    const f = await timed(query(i));
    const cpuAfter = [cpuSeconds(service.child.pid), cpuSeconds(upstream.pid)];
    cpu.service += cpuAfter[0].all - cpuBefore[0].all;
    cpu.serviceMain += cpuAfter[0].main - cpuBefore[0].main;
    cpu.upstream += cpuAfter[1].all - cpuBefore[1].all;
    federated.push(f.ms);
    returned = f.returned;
    await settle();
    slowest.push(await slowestSourceMs());
    let sum = 0;
    for (const source of ['sentinel-2', 'landsat', 'planetary-computer']) {
      await settle();
      sum += (await timed(query(i, source))).ms;
    }
    sequential.push(sum);
    if (verbose) console.log(`  run ${i + 1}: ours ${f.ms.toFixed(1)} ms, slowest source ${slowest.at(-1).toFixed(1)} ms, sequential ${sum.toFixed(1)} ms`);
  }
  const stalls = await healthDuringSearches(Math.min(runs, 10));
  const floorWork = await computeFloor();
  for (const list of [federated, slowest, sequential]) list.sort((a, b) => a - b);
  const p50 = percentile(federated, 50);
  const floor = percentile(slowest, 50);
  console.log(`upstream pools: ${JSON.stringify(fake.counts)}`);
  console.log(`search bench: 3 sources × 100 items, upstream latency ${LATENCY_MS} ms, ${runs} runs, ${returned} features per answer`);
  console.log(`  ours (federated)   p50 ${p50.toFixed(1)} ms   p95 ${percentile(federated, 95).toFixed(1)} ms`);
  console.log(`  slowest source     p50 ${floor.toFixed(1)} ms   p95 ${percentile(slowest, 95).toFixed(1)} ms   (the same 3 upstream requests replayed in parallel, same run)`);
  console.log(`  sequential         p50 ${percentile(sequential, 50).toFixed(1)} ms   p95 ${percentile(sequential, 95).toFixed(1)} ms   (the 3 sources through the service one after another)`);
  const perSearch = (seconds) => `${((seconds / runs) * 1000).toFixed(0)} ms`;
  console.log(`  CPU per federated search, request to last byte: service ${perSearch(cpu.service)} (main thread ${perSearch(cpu.serviceMain)}), fake catalogs ${perSearch(cpu.upstream)}, on ${availableParallelism()} cores`);
  console.log(`  health checks during federated searches (the service's main thread): p50 ${percentile(stalls, 50).toFixed(1)} ms   p99 ${percentile(stalls, 99).toFixed(1)} ms   max ${stalls.at(-1).toFixed(1)} ms   (${stalls.length} checks)`);
  const workMs = floorWork.reduce((sum, page) => sum + page.ms, 0);
  console.log(`  parse + normalize of the three pages alone (no JSON out), one thread of this process: ${floorWork.map((page) => `${page.catalog} ${page.ms.toFixed(1)}`).join(' + ')} = ${workMs.toFixed(1)} ms of CPU (${(workMs / Math.min(3, availableParallelism())).toFixed(1)} ms if spread perfectly over ${Math.min(3, availableParallelism())} cores)`);
  console.log(`  overhead over the slowest source: ${(p50 - floor).toFixed(1)} ms at p50 (target ≤ ${TARGET_OVERHEAD_MS} ms: federation + normalization + dedupe of 300 items)`);
} finally {
  await service.stop();
  upstream.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
