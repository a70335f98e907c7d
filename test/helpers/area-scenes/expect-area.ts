/**
 * The assertions every raster area test makes (issue 15, "Correctness"): the result is a valid
 * COG on the reference's grid; value bands agree with the reference within 1e-4 with no pixel
 * no-data on one side only; count bands agree exactly; change classes differ only where the
 * difference lies within 1e-4 of ±threshold; the scenes used equal the reference's.
 */
import { expect } from 'vitest';
import type { Job } from '../../../electron/service/jobs/types';
import { validateCog } from '../gdal';
import type { AreaRig } from './area-rig';
import type { AreaComparison, AreaReference } from './reference';

export const PIXEL_TOLERANCE = 1e-4;
export const STATISTIC_TOLERANCE = 1e-4;

export function expectSameAsReference(report: AreaComparison, reference: AreaReference): void {
  expect(report.grid, JSON.stringify(report.grid)).toMatchObject({ size_equal: true, geotransform_equal: true, epsg_equal: true });
  expect(report.band_count).toBe(reference.meta.bands?.length);
  for (const band of report.bands) {
    const what = `band ${band.name}: ${JSON.stringify(band)}`;
    expect(band.valid_ref, what).toBeGreaterThan(0);
    expect(band.nan_mismatches, what).toBe(0);
    if (band.kind === 'count') expect(band.exact_mismatches, what).toBe(0);
    else if (band.kind === 'class') expect(band.class_mismatches_not_at_threshold, what).toBe(0);
    else expect(band.max_abs_diff, what).toBeLessThanOrEqual(PIXEL_TOLERANCE);
  }
}

export interface CheckedAreaJob {
  job: Job;
  path: string;
  reference: AreaReference;
  report: AreaComparison;
}

/** Runs the job through the API and the reference on the same body; asserts they agree. */
export async function expectJobMatchesReference(rig: AreaRig, body: Record<string, unknown>, name: string, threshold?: number): Promise<CheckedAreaJob> {
  const reference = await rig.reference(body, name);
  const { job, path } = await rig.runToFile(body, name);
  const report = await rig.compare(path, reference, threshold);
  console.log(`[area] ${name}: ${report.bands.map((b) => `${b.name} max|Δ| ${b.max_abs_diff.toExponential(2)}, NaN mismatches ${b.nan_mismatches}`).join('; ')}`);
  expectSameAsReference(report, reference);
  const result = job.result as Record<string, unknown>;
  expect([...(result.scenes as string[])].sort()).toEqual(reference.meta.scenes);
  expect(result.bands as string[]).toHaveLength(reference.meta.bands?.length ?? -1);
  expect(result.crs).toBe(`EPSG:${reference.meta.grid.epsg}`);
  expect([result.width, result.height]).toEqual([reference.meta.grid.width, reference.meta.grid.height]);
  const cog = await validateCog(path);
  expect(cog.valid && cog.errors.length === 0, cog.output).toBe(true);
  return { job, path, reference, report };
}
