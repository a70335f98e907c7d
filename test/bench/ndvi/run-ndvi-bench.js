#!/usr/bin/env node
/**
 * Full-scene NDVI benchmark (prints figures, never asserts):
 *   npm run build && node test/bench/ndvi/run-ndvi-bench.js [--runs 2] [--no-gdal] [--keep FILE]
 *
 * 1. Makes (once; cached in $TMPDIR/astra-bench-ndvi) a 10980 × 10980 uint16 B04/B08 COG pair with
 *    GDAL (make_bench_pair.py: DEFLATE, 512 tiles, overviews).
 * 2. Ours, THROUGH THE SERVICE: `node out/main/serve.js` as a child process — the real service with
 *    its Piscina pool — reading the pair through its COG byte proxy from a loopback fake Earth
 *    Search that serves the files with Range; POST an `ndvi` job, poll until it succeeds. The first
 *    run starts with an empty cache (every byte goes upstream → SQLite block cache → worker), later
 *    runs read cached bytes. First with the default pool (cores − 1 workers), then with one worker
 *    per core. For each run: wall time, CPU seconds per thread (/proc), and the service process's
 *    peak RSS (VmHWM: main thread + workers).
 * 3. GDAL in the same run (gdal_ndvi.py): numpy through GDAL, then gdal_translate -of COG; wall and
 *    CPU seconds. On a shared machine wall times swing with the load; CPU seconds much less.
 * Env: ASTRA_LOG=1 echoes the service log; ASTRA_BENCH_NODE_ARGS adds node flags to the service
 * (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs, repoRoot } from '../cache/bench-support.js';
import { mib, processMemory, runJob, startServeProcess } from '../serve-process.js';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 2;
const withGdal = !args.includes('--no-gdal');
/** --keep FILE: save the last run's result.tif there (to inspect it, e.g. with gdalinfo). */
const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : null;
const here = join(repoRoot, 'test', 'bench', 'ndvi');
const pairDir = join(tmpdir(), 'astra-bench-ndvi');
const PYTHON = '/usr/bin/python3';
const SCENE_ID = 'S2A_29RKH_20200219_0_L2A';

async function runOurs(service, label) {
  let tilesDoneAt = null;
  const { job, seconds, cpu, peakRss } = await runJob(service, { type: 'ndvi', scene: `sentinel-2:${SCENE_ID}` }, {
    // The engine reserves the last 2 % of progress for assembling the file once every tile is in.
    onPoll: (polled, at) => { if (tilesDoneAt === null && polled.progress >= 0.98) tilesDoneAt = at; },
  });
  const head = await service.api(job.result.href, { method: 'HEAD' });
  const bytes = Number(head.headers.get('content-length'));
  if (keep) writeFileSync(keep, Buffer.from(await (await service.api(job.result.href)).arrayBuffer()));
  const phases = tilesDoneAt === null ? '' : ` (tiles ${tilesDoneAt.toFixed(1)} s + file ${(seconds - tilesDoneAt).toFixed(1)} s)`;
  console.log(`  ours (${label}): ${seconds.toFixed(1)} s${phases}  ${job.result.width}×${job.result.height}  ${mib(bytes)}  mean ${job.result.stats.mean.toFixed(5)}  sampled RSS max ${mib(peakRss)}`);
  console.log(`    CPU: ${cpu.total.toFixed(1)} s in all — main thread ${cpu.main.toFixed(1)} s, other threads ${cpu.threads.map((t) => t.toFixed(1)).join(' / ')} s`);
  return { seconds, bytes, cpu: cpu.total };
}

console.log('NDVI of a full 10980×10980 Sentinel-2-like scene → COG');
const { RASTER_SCENES } = await importTs('test/helpers/fixtures.ts');
execFileSync(PYTHON, [join(here, 'make_bench_pair.py'), RASTER_SCENES.sentinel2, pairDir], { stdio: ['ignore', 'ignore', 'inherit'] });

const { startFakeUpstream } = await importTs('test/helpers/fake-upstream/index.ts');
const fake = await startFakeUpstream({ items: { earthSearch: [], landsatLook: [], planetaryComputer: [] } });
const item = JSON.parse(readFileSync(join(RASTER_SCENES.sentinel2, 'S2A_29RKH_20200219_0_L2A.json'), 'utf8'));
item.assets.red.href = fake.serveFile('/bench/B04.tif', join(pairDir, 'B04.tif'));
item.assets.nir.href = fake.serveFile('/bench/B08.tif', join(pairDir, 'B08.tif'));
delete item.assets.scl;
fake.items.earthSearch.push(item);

// The default pool (ASTRA_WORKERS unset: cores − 1 threads, leaving a core to the main thread),
// then every core for workers — on the same data dir, so with the bytes already cached.
const cores = availableParallelism();
const configs = [
  { label: `default pool, ${Math.max(1, cores - 1)} worker thread(s)`, env: {}, runs },
  { label: `ASTRA_WORKERS=${cores}`, env: { ASTRA_WORKERS: String(cores) }, runs: 1 },
];
const dataDir = mkdtempSync(join(tmpdir(), 'astra-bench-ndvi-data-'));
const ours = [];
try {
  for (const [c, config] of configs.entries()) {
    const service = await startServeProcess(fake, dataDir, config.env);
    try {
      for (let run = 1; run <= config.runs; run++) {
        const label = `${config.label}, ${c === 0 && run === 1 ? 'cold cache' : 'cached bytes'}`;
        ours.push({ label, ...(await runOurs(service, label)) });
      }
    } finally {
      const { hwm } = processMemory(service.child.pid);
      await service.stop();
      console.log(`  ours (${config.label}): peak RSS of the service process (VmHWM) ${mib(hwm)}`);
    }
  }
} finally {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}

if (withGdal) {
  const gdal = JSON.parse(execFileSync(PYTHON, [join(here, 'gdal_ndvi.py'), join(pairDir, 'B04.tif'), join(pairDir, 'B08.tif'), pairDir]).toString());
  rmSync(gdal.path, { force: true });
  console.log(`  GDAL ${execFileSync('gdalinfo', ['--version']).toString().trim()}: ${gdal.total_s.toFixed(1)} s (numpy ${gdal.numpy_s.toFixed(1)} s + gdal_translate -of COG ${gdal.cog_s.toFixed(1)} s)  ${mib(gdal.bytes)}`);
  console.log(`    CPU: ${gdal.cpu_s.toFixed(1)} s`);
  for (const run of ours) {
    console.log(`  ours/GDAL (${run.label}): wall ${(run.seconds / gdal.total_s).toFixed(2)}, CPU ${(run.cpu / gdal.cpu_s).toFixed(2)}`);
  }
}
console.log(`  (load average now: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cores} cores — wall times are only comparable within one run)`);
