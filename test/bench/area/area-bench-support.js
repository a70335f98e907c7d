/**
 * Shared set-up of the area benchmarks: the scenes (make_area_bench_kit.py, made once into
 * $TMPDIR/astra-bench-area-<variant>), a fake upstream serving them as Earth Search items
 * (the area kit's kit-items.ts) with HTTP Range, and one area job run through the real service
 * process, timed, with its CPU per thread and the service's RSS sampled while it runs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs, repoRoot } from '../cache/bench-support.js';
import { cpuSpent, processMemory, threadCpu } from '../serve-process.js';

export const PYTHON = '/usr/bin/python3';
export const here = join(repoRoot, 'test', 'bench', 'area');
export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The benchmark's scenes and their manifest (make_area_bench_kit.py; minutes the first time). */
export function benchKit(variant) {
  const dir = join(tmpdir(), `astra-bench-area-${variant}`);
  console.log(`  scenes: ${dir} (made once with GDAL; delete the directory to make them again)`);
  const path = execFileSync(PYTHON, [join(here, 'make_area_bench_kit.py'), dir, variant], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** A fake upstream whose Earth Search holds the kit's scenes, their COGs served with Range. */
export async function benchUpstream(manifest) {
  const { startFakeUpstream } = await importTs('test/helpers/fake-upstream/index.ts');
  const { kitItems } = await importTs('test/helpers/area-scenes/kit-items.ts');
  const fake = await startFakeUpstream({ items: { earthSearch: [], landsatLook: [], planetaryComputer: [] } });
  const items = kitItems(manifest, (path, file) => fake.serveFile(path, file), fake.url);
  fake.items.earthSearch.push(...items.earthSearch);
  fake.items.landsatLook.push(...items.landsatLook);
  return fake;
}

/** GET /api/v1/cache: the byte cache's counters. */
export async function cacheReport(service) {
  return (await service.api('/api/v1/cache')).json();
}

/**
 * POSTs `body`, polls the job every `pollMs` until it ends (sampling the service's RSS), and
 * returns the wall time seen by the client (and how long the POST took: validation and plan), the
 * service's own (created_at → finished_at), the CPU
 * of every thread of the service process over the run, the sampled RSS maximum and the job.
 */
export async function runJob(service, body, { pollMs = 100 } = {}) {
  const pid = service.child.pid;
  const cpuBefore = threadCpu(pid);
  const started = performance.now();
  const response = await service.api('/api/v1/jobs', { method: 'POST', body: JSON.stringify(body) });
  if (response.status !== 202) throw new Error(`POST /jobs → ${response.status} ${await response.text()}`);
  const { id } = await response.json();
  const postSeconds = (performance.now() - started) / 1000;
  let job;
  let peakRss = 0;
  const phases = [];
  for (;;) {
    peakRss = Math.max(peakRss, processMemory(pid).rss);
    job = await (await service.api(`/api/v1/jobs/${id}`)).json();
    const phase = job.progress_detail?.phase;
    if (phase && phases.at(-1)?.phase !== phase) phases.push({ phase, at: (performance.now() - started) / 1000 });
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSpent(cpuBefore, threadCpu(pid), pid);
  if (job.status !== 'succeeded') throw new Error(`job ${id} ${job.status}: ${JSON.stringify(job.error)}`);
  const serviceSeconds = (Date.parse(job.finished_at) - Date.parse(job.created_at)) / 1000;
  return { seconds, postSeconds, serviceSeconds, cpu, peakRss, job, phases };
}

/** "queued 0.0 s, finding scenes 0.2 s, reading 11.9 s, …": when each phase was first seen (polled). */
export function phaseLine(phases, seconds) {
  return phases.map((p, i) => `${p.phase} ${((phases[i + 1]?.at ?? seconds) - p.at).toFixed(1)} s`).join(', ');
}

export function cpuLine(cpu) {
  return `CPU ${cpu.total.toFixed(1)} s — main thread ${cpu.main.toFixed(1)} s, other threads ${cpu.threads.map((t) => t.toFixed(1)).join(' / ') || '—'} s`;
}
