/**
 * Shared bits of the cache benchmarks: loading the TypeScript sources from a plain node script
 * (Vite's module runner, so no build step) and summarising timings. Benchmarks print, they never assert.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Imports a repository TypeScript module (path relative to the repository root). */
export async function importTs(relativePath) {
  const { module } = await runnerImport(join(repoRoot, relativePath), { configFile: false, logLevel: 'error' });
  return module;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Runs `fn` `runs` times after `warmup` runs; returns wall-clock p50/p95/mean and this process's
 * CPU time per run, in ms. On a shared machine the CPU figure is the steadier of the two.
 */
export async function time(fn, { runs = 200, warmup = 20 } = {}) {
  for (let i = 0; i < warmup; i += 1) await fn(i);
  const samples = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const cpu = process.cpuUsage(cpuStart);
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    mean: samples.reduce((s, v) => s + v, 0) / samples.length,
    cpu: (cpu.user + cpu.system) / 1000 / runs,
    runs,
  };
}

export const ms = (value) => `${value.toFixed(3)} ms`;
