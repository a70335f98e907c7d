/**
 * Shared set-up of the area benchmarks: the scenes (make_area_bench_kit.py, made once into
 * $TMPDIR/astra-bench-area-<variant>), a fake upstream serving them as Earth Search items
 * (the area kit's kit-items.ts) with HTTP Range, and one area job run through the real service
 * process (../serve-process.js `runJob`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs, repoRoot } from '../cache/bench-support.js';

export { mib, runJob } from '../serve-process.js';

export const PYTHON = '/usr/bin/python3';
export const here = join(repoRoot, 'test', 'bench', 'area');

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

/** "queued 0.0 s, finding scenes 0.2 s, reading 11.9 s, …": when each phase was first seen (polled). */
export function phaseLine(phases, seconds) {
  return phases.map((p, i) => `${p.phase} ${((phases[i + 1]?.at ?? seconds) - p.at).toFixed(1)} s`).join(', ');
}

export function cpuLine(cpu) {
  return `CPU ${cpu.total.toFixed(1)} s — main thread ${cpu.main.toFixed(1)} s, other threads ${cpu.threads.map((t) => t.toFixed(1)).join(' / ') || '—'} s`;
}
