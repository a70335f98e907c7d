#!/usr/bin/env node
/**
 * Area analysis benchmarks (issue 15, "Performance"); prints figures, never asserts:
 *   npm run build && node test/bench/area/run-area-bench.js [composite|series] [--runs N] [--no-gdal] [--et A,B] [--keep FILE]
 *
 * - composite (composite-bench.js): median NDVI over 8 scenes in two UTM zones, 4000 × 4000 px at
 *   10 m, bytes cached, beside gdalwarp + numpy nanmedian + gdal_translate -of COG in the same run;
 *   wall/CPU ratio (target ≤ 0.5), peak RSS of the service (target ≤ 1.5 GB), max |ours − GDAL|.
 *   `--et A,B`: gdalwarp error thresholds to time (default 0,0.125; the first is compared);
 *   `--keep FILE`: keep our result.tif there.
 * - series (series-bench.js): a point over 100 acquisitions: wall time with bytes cached (target
 *   ≤ 1 s), COG blocks read per band per scene (≤ 1) and cold upstream bytes / blocks needed (≤ 1.25).
 * `--runs N`: cached runs after a restart (default 1 composite, 2 series). The scenes are made
 * once with GDAL into $TMPDIR/astra-bench-area-{composite,series} (≈ 600 MB each; minutes).
 * Env: ASTRA_LOG=1, ASTRA_BENCH_NODE_ARGS (test/bench/serve-process.js).
 */
import { loadavg, availableParallelism } from 'node:os';
import { compositeBench } from './composite-bench.js';
import { seriesBench } from './series-bench.js';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = option('--runs') === undefined ? undefined : Number(option('--runs'));
const only = args.find((a) => a === 'composite' || a === 'series');

if (!only || only === 'composite') {
  const errorThresholds = option('--et')?.split(',').map(Number);
  await compositeBench({ runs: runs ?? 1, withGdal: !args.includes('--no-gdal'), keep: option('--keep') ?? null, ...(errorThresholds ? { errorThresholds } : {}) });
}
if (!only || only === 'series') await seriesBench({ runs: runs ?? 2 });
console.log(`  (load average now: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores — wall times are only comparable within one run)`);
