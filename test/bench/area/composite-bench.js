/**
 * Composite benchmark (issue 15, "Performance"): median NDVI over 8 Sentinel-2 scenes from two UTM
 * zones on a 40 × 40 km area at 10 m (4000 × 4000 pixels), bytes cached, through the real service,
 * beside the GDAL pipeline in the same run (gdal_composite.py); prints wall and CPU seconds, their
 * ratio (target ≤ 0.5), the service's peak RSS (VmHWM, target ≤ 1.5 GB) and how far the two
 * outputs are apart. Figures only, no assertion.
 *
 * Ours: `node out/main/serve.js` as a child process on a fresh data dir. Run 1 fetches every byte
 * from the fake upstream (cold cache) and so fills the byte cache; run 2 is the same job again in
 * the same process (bytes cached). Then the service is restarted on the same data dir (bytes
 * cached, nothing else in memory) for `runs` more jobs — the peak RSS of that process is the
 * figure held against the target — and once more with one worker per core (ASTRA_WORKERS).
 * GDAL, timed twice: gdalwarp -et 0 (exact transformation, as the correctness reference of
 * test/helpers/area-scenes: the two outputs are compared with it) and -et 0.125 (GDAL's default:
 * faster; its approximated coordinates move nearest-neighbour SCL and bilinear samples, so its
 * output differs from the exact one by up to ~0.4 NDVI at cloud edges).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processMemory, startServeProcess } from '../serve-process.js';
import { PYTHON, benchKit, benchUpstream, cpuLine, here, mib, phaseLine, runJob } from './area-bench-support.js';

const GIB = 1024 ** 3;

function bodyOf(manifest) {
  return { type: 'composite', aoi: manifest.aois.area, datetime: manifest.datetime, sources: ['sentinel-2'], index: 'ndvi', reducer: 'median' };
}

/**
 * Between two jobs in one process: long enough (over 5 s idle) for the worker to trim its decoded
 * source tiles back (workers/tasks/cog/decoded-tiles.ts), as it has before any real next job; this
 * small benchmark's decoded tiles nearly fit in the job-time cache, so a job started at once could
 * reuse them.
 */
const SETTLE_MS = 6000;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

async function timedRun(service, body, label, keep) {
  const run = await runJob(service, body, { pollMs: 200 });
  const { result } = run.job;
  console.log(`  ours (${label}): ${run.seconds.toFixed(1)} s (service ${run.serviceSeconds.toFixed(1)} s)  ${result.width}×${result.height}, ${result.scenes.length} scenes, ${result.observations} observations  sampled RSS max ${mib(run.peakRss)}`);
  console.log(`    ${cpuLine(run.cpu)}`);
  console.log(`    phases (first seen when polled): ${phaseLine(run.phases, run.seconds)}`);
  if (keep) writeFileSync(keep, Buffer.from(await (await service.api(result.href)).arrayBuffer()));
  return { label, ...run };
}

async function withService(fake, dataDir, env, label, work) {
  const service = await startServeProcess(fake, dataDir, env);
  try {
    return await work(service);
  } finally {
    const { hwm } = processMemory(service.child.pid);
    await service.stop();
    console.log(`  ours (${label}): peak RSS of the service process (VmHWM) ${mib(hwm)} — target ≤ 1.5 GB: ${hwm <= 1.5 * GIB ? 'met' : 'MISSED'}`);
  }
}

export async function compositeBench({ runs = 1, withGdal = true, errorThresholds = [0, 0.125], keep = null } = {}) {
  console.log('Composite: median NDVI, 8 Sentinel-2 scenes in UTM 31 and 32, 40 × 40 km at 10 m (4000 × 4000 px)');
  const manifest = benchKit('composite');
  const body = bodyOf(manifest);
  const fake = await benchUpstream(manifest);
  const dataDir = mkdtempSync(join(tmpdir(), 'astra-bench-area-data-'));
  const work = mkdtempSync(join(tmpdir(), 'astra-bench-area-out-'));
  const ours = [];
  const cores = availableParallelism();
  try {
    const pool = `default pool, ${Math.max(1, cores - 1)} worker thread(s)`;
    await withService(fake, dataDir, {}, `${pool}, first process`, async (service) => {
      ours.push(await timedRun(service, body, `${pool}, cold cache: fills the byte cache`));
      await settle();
      ours.push(await timedRun(service, body, `${pool}, bytes cached, same process`));
    });
    await withService(fake, dataDir, {}, `${pool}, restarted, bytes cached`, async (service) => {
      for (let run = 1; run <= runs; run++) {
        if (run > 1) await settle();
        ours.push(await timedRun(service, body, `${pool}, restarted, bytes cached`, run === runs ? join(work, 'ours.tif') : null));
      }
    });
    await withService(fake, dataDir, { ASTRA_WORKERS: String(cores) }, `ASTRA_WORKERS=${cores}, restarted`, async (service) => {
      ours.push(await timedRun(service, body, `ASTRA_WORKERS=${cores}, restarted, bytes cached`));
    });
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  try {
    if (!withGdal) return;
    const version = execFileSync('gdalinfo', ['--version']).toString().trim();
    let exact = null;
    for (const et of errorThresholds) {
      const gdal = JSON.parse(execFileSync(PYTHON, [join(here, 'gdal_composite.py'), join(manifest.dir, 'manifest.json'), join(work, `gdal-et-${et}`), String(et)]).toString());
      exact ??= gdal.path;
      console.log(`  GDAL ${version}, gdalwarp -et ${et}: ${gdal.total_s.toFixed(1)} s (warps ${gdal.warp_s.toFixed(1)} s + numpy ${gdal.numpy_s.toFixed(1)} s + write ${gdal.write_s.toFixed(1)} s + gdal_translate -of COG ${gdal.cog_s.toFixed(1)} s)  CPU ${gdal.cpu_s.toFixed(1)} s  peak RSS ${mib(gdal.peak_rss)}`);
      for (const run of ours.slice(1)) {
        const ratio = run.seconds / gdal.total_s;
        console.log(`    ours/GDAL -et ${et} (${run.label}): wall ${ratio.toFixed(2)} (target ≤ 0.5: ${ratio <= 0.5 ? 'met' : 'MISSED'}), CPU ${(run.cpu.total / gdal.cpu_s).toFixed(2)}`);
      }
    }
    const diff = JSON.parse(execFileSync(PYTHON, [join(here, 'compare_composite.py'), join(work, 'ours.tif'), exact]).toString());
    if (!diff.same_grid) console.log(`  outputs: NOT on the same grid ${JSON.stringify(diff.grid)}`);
    else {
      console.log(`  outputs vs GDAL -et ${errorThresholds[0]}: max |ours − GDAL| ${diff.max_abs_diff.toExponential(2)} over ${diff.valid_pixels} pixels valid in both;`);
      console.log(`    ${diff.over_1e4} pixels differ by more than 1e-4, ${diff.over_1e3} by more than 1e-3; no data on one side only: ${diff.one_sided_nodata} of ${diff.pixels}`);
    }
  } finally {
    if (keep) copyFileSync(join(work, 'ours.tif'), keep);
    rmSync(work, { recursive: true, force: true });
  }
}
