#!/usr/bin/env node
/**
 * Full-scene NDVI benchmark (prints figures, never asserts):
 *   npm run build && node test/bench/ndvi/run-ndvi-bench.js [--runs 2] [--no-gdal]
 *
 * 1. Makes (once; cached in $TMPDIR/astra-bench-ndvi) a 10980 × 10980 uint16 B04/B08 COG pair with
 *    GDAL (make_bench_pair.py: DEFLATE, 512 tiles, overviews).
 * 2. Ours, THROUGH THE SERVICE: `node out/main/serve.js` as a child process (the real service,
 *    its Piscina pool of ASTRA_WORKERS threads — default: all cores), reading the pair through its
 *    COG byte proxy from a loopback fake Earth Search that serves the files with Range; POST an
 *    `ndvi` job, poll until it succeeds. Run 1 starts with an empty cache (every byte goes
 *    upstream → SQLite block cache → worker), later runs read the cached bytes. Peak RSS is the
 *    service process's VmHWM (main thread + worker threads), sampled from /proc.
 * 3. GDAL in the same run (gdal_ndvi.py): numpy through GDAL, then gdal_translate -of COG.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs, repoRoot } from '../cache/bench-support.js';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 2;
const withGdal = !args.includes('--no-gdal');
const here = join(repoRoot, 'test', 'bench', 'ndvi');
const pairDir = join(tmpdir(), 'astra-bench-ndvi');
const PYTHON = '/usr/bin/python3';
const SCENE_ID = 'S2A_29RKH_20200219_0_L2A';

function status(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(text)?.[1] ?? NaN);
  return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function startService(fake, dataDir) {
  const key = execFileSync(process.execPath, [join(repoRoot, 'out/main/cli.js'), 'keys', 'create', '--name', 'bench', '--data-dir', dataDir]).toString().trim();
  // ASTRA_BENCH_CPU_PROF=<dir>: V8 CPU profiles of the service's main and worker threads.
  const profile = process.env.ASTRA_BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.ASTRA_BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, join(repoRoot, 'out/main/serve.js'), '--port', '0', '--data-dir', dataDir], {
    env: {
      ...process.env,
      ASTRA_EARTH_SEARCH_URL: fake.earthSearchUrl,
      ASTRA_LANDSATLOOK_URL: fake.landsatLookUrl,
      ASTRA_PLANETARY_COMPUTER_URL: fake.planetaryComputerUrl,
      ASTRA_PC_SAS_URL: fake.sasUrl,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      // ASTRA_LOG=1 (the service's own switch) → its log lines are echoed to stderr here.
      if (process.env.ASTRA_LOG === '1') process.stderr.write(chunk);
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const api = (path, init = {}) => fetch(url + path, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });
  return { child, url, api };
}

async function runOurs(service, label) {
  const started = performance.now();
  const response = await service.api('/api/v1/jobs', { method: 'POST', body: JSON.stringify({ type: 'ndvi', scene: `sentinel-2:${SCENE_ID}` }) });
  if (response.status !== 202) throw new Error(`POST /jobs → ${response.status} ${await response.text()}`);
  const { id } = await response.json();
  let job;
  let peakRss = 0;
  for (;;) {
    peakRss = Math.max(peakRss, status(service.child.pid).rss);
    job = await (await service.api(`/api/v1/jobs/${id}`)).json();
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  if (job.status !== 'succeeded') throw new Error(`job ${id} ${job.status}: ${JSON.stringify(job.error)}`);
  const head = await service.api(job.result.href, { method: 'HEAD' });
  const bytes = Number(head.headers.get('content-length'));
  console.log(`  ours (${label}): ${seconds.toFixed(1)} s  ${job.result.width}×${job.result.height}  ${mib(bytes)}  mean ${job.result.stats.mean.toFixed(5)}  sampled RSS max ${mib(peakRss)}`);
  return { seconds, bytes };
}

console.log('NDVI of a full 10980×10980 Sentinel-2-like scene → COG');
execFileSync(PYTHON, [join(here, 'make_bench_pair.py'), pairDir], { stdio: ['ignore', 'ignore', 'inherit'] });

const { startFakeUpstream } = await importTs('test/helpers/fake-upstream/index.ts');
const fake = await startFakeUpstream({ items: { earthSearch: [], landsatLook: [], planetaryComputer: [] } });
const item = JSON.parse(readFileSync('/work/shared/fixtures/rasters/sentinel-2-l2a_S2A_29RKH_20200219/S2A_29RKH_20200219_0_L2A.json', 'utf8'));
item.assets.red.href = fake.serveFile('/bench/B04.tif', join(pairDir, 'B04.tif'));
item.assets.nir.href = fake.serveFile('/bench/B08.tif', join(pairDir, 'B08.tif'));
delete item.assets.scl;
fake.items.earthSearch.push(item);

const dataDir = mkdtempSync(join(tmpdir(), 'astra-bench-ndvi-data-'));
const service = await startService(fake, dataDir);
const ours = [];
try {
  for (let run = 1; run <= runs; run++) ours.push(await runOurs(service, run === 1 ? 'run 1, cold cache' : `run ${run}, cached bytes`));
} finally {
  const { hwm } = status(service.child.pid);
  service.child.kill('SIGTERM');
  await new Promise((resolve) => service.child.once('exit', resolve));
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`  ours: peak RSS of the service process (VmHWM) ${mib(hwm)}`);
}

if (withGdal) {
  const gdal = JSON.parse(execFileSync(PYTHON, [join(here, 'gdal_ndvi.py'), join(pairDir, 'B04.tif'), join(pairDir, 'B08.tif'), pairDir]).toString());
  rmSync(gdal.path, { force: true });
  console.log(`  GDAL ${execFileSync('gdalinfo', ['--version']).toString().trim()}: ${gdal.total_s.toFixed(1)} s (numpy ${gdal.numpy_s.toFixed(1)} s + gdal_translate -of COG ${gdal.cog_s.toFixed(1)} s)  ${mib(gdal.bytes)}`);
  for (const [i, run] of ours.entries()) console.log(`  ratio ours/GDAL, run ${i + 1}: ${(run.seconds / gdal.total_s).toFixed(2)}`);
}
