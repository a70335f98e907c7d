/**
 * Time-series benchmark (issue 15, "Performance"): NDVI at a point over 100 Sentinel-2
 * acquisitions (tiles 31TGN and 32TLT alternately: half of them warped from another UTM zone),
 * through the real service. Prints, figures only:
 * - cold (empty cache): wall time, and from the fake upstream's Range log the COG blocks read per
 *   band per scene (target ≤ 1) and the bytes fetched against the bytes needed (target ≤ 1.25 ×;
 *   needed = the block holding the point, and separately with each file's header);
 * - bytes cached: the same job again in the same process, then after a restart on the same data
 *   dir (nothing in memory), with the default pool and with one worker per core: wall time
 *   (target ≤ 1 s) and the byte cache's counters (no upstream request; 64 KiB cache blocks read).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServeProcess } from '../serve-process.js';
import { benchKit, benchUpstream, cacheReport, cpuLine, mib, runJob } from './area-bench-support.js';
import { summariseReads, upstreamReads } from './upstream-reads.js';

const KIB = 1024;

/** `cached`: the bytes are in the cache, so the wall time is held against the 1 s target. */
async function seriesRun(service, body, label, cached = true) {
  const before = await cacheReport(service);
  const run = await runJob(service, body, { pollMs: 50 });
  const after = await cacheReport(service);
  const json = await (await service.api(run.job.result.href)).json();
  const valued = json.entries.filter((e) => e.mean !== null).length;
  const target = cached ? ` — target ≤ 1 s: ${run.seconds <= 1 ? 'met' : 'MISSED'}` : ' (no time target cold: the bytes are, below)';
  console.log(`  ours (${label}): ${run.seconds.toFixed(2)} s (POST: validation + plan ${run.postSeconds.toFixed(2)} s; service ${run.serviceSeconds.toFixed(2)} s)${target}`);
  console.log(`    ${json.entries.length} entries (${valued} with a value, ${json.entries.length - valued} masked or no data); ${cpuLine(run.cpu)}; sampled RSS max ${mib(run.peakRss)}`);
  const delta = (name) => after[name] - before[name];
  console.log(`    byte cache: ${delta('hits')} block hits, ${delta('misses')} misses, ${delta('upstream_requests')} upstream requests, ${(delta('upstream_bytes') / KIB).toFixed(0)} KiB from upstream`);
  return { ...run, json, delta };
}

function reportColdReads(manifest, requests) {
  const { reads, unknown } = upstreamReads(manifest, requests);
  const s = summariseReads(reads);
  const scenes = new Set(reads.map((r) => r.scene));
  const assets = [...new Set(reads.map((r) => r.asset))].sort().join(', ');
  console.log(`    upstream: ${s.files} files of ${scenes.size} scenes read (${assets}); ${unknown.length} requests for anything else`);
  console.log(`    COG blocks read per band per scene: at most ${s.maxBlocksPerFile} (target ≤ 1); files with a block other than the point's: ${s.filesWithOtherBlocks}; without the point's block: ${s.filesWithoutPointBlock}`);
  const mibs = (n) => `${(n / KIB / KIB).toFixed(1)} MiB`;
  const ratioBlocks = s.fetched / s.neededBlocks;
  const ratioAll = s.fetched / (s.neededBlocks + s.neededHeaders);
  console.log(`    bytes: ${mibs(s.fetched)} fetched; the blocks holding the point ${mibs(s.neededBlocks)} (+ headers ${(s.neededHeaders / KIB).toFixed(0)} KiB)`);
  console.log(`    fetched / blocks needed: ${ratioBlocks.toFixed(3)} (with headers: ${ratioAll.toFixed(3)}) — target ≤ 1.25: ${ratioBlocks <= 1.25 ? 'met' : 'MISSED'}`);
}

export async function seriesBench({ runs = 2 } = {}) {
  console.log('Time series at a point: NDVI over 100 Sentinel-2 acquisitions, tiles in UTM 31 and 32');
  const manifest = benchKit('series');
  const body = { type: 'timeseries', aoi: manifest.aois.point, datetime: manifest.datetime, sources: ['sentinel-2'], index: 'ndvi' };
  const fake = await benchUpstream(manifest);
  const dataDir = mkdtempSync(join(tmpdir(), 'astra-bench-area-data-'));
  const cores = availableParallelism();
  const pool = `default pool, ${Math.max(1, cores - 1)} worker thread(s)`;
  try {
    const first = await startServeProcess(fake, dataDir);
    try {
      fake.resetLog();
      await seriesRun(first, body, `${pool}, cold cache`, false);
      reportColdReads(manifest, fake.fileRequests());
      for (let run = 1; run <= runs; run++) await seriesRun(first, body, `${pool}, bytes cached, same process`);
    } finally {
      await first.stop();
    }
    for (const [env, label] of [[{}, pool], [{ ASTRA_WORKERS: String(cores) }, `ASTRA_WORKERS=${cores}`]]) {
      const restarted = await startServeProcess(fake, dataDir, env);
      try {
        for (let run = 1; run <= runs; run++) await seriesRun(restarted, body, `${label}, restarted, bytes cached${run === 1 ? ' (first job of the process)' : ''}`);
      } finally {
        await restarted.stop();
      }
    }
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
