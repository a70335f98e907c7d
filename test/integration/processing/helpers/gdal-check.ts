/** GDAL as the referee: the reference comparison script, gdalinfo, and the COG validator. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PYTHON, run, validateCog as validateCogReport } from '../../../helpers/gdal';
import { HELPERS_DIR } from './made-cogs';

export interface BandComparison {
  max_abs_diff: number;
  p999_abs_diff: number;
  nan_mismatches: number;
  valid_ours: number;
  valid_ref: number;
  ref_min: number | null;
  ref_max: number | null;
  ref_mean: number | null;
}

export interface ReferenceReport {
  width: number;
  height: number;
  geotransform: number[];
  band1: BandComparison;
  band2?: BandComparison;
  class_mismatches?: number;
  class_mismatches_not_at_threshold?: number;
  ref_gain?: number;
  ref_loss?: number;
}

export interface ReferenceBand {
  path: string;
  band?: number;
  scale?: number;
  offset?: number;
  nodata?: number | null;
  /** Read this overview (0 = the first) instead of full resolution (GDAL open option OVERVIEW_LEVEL). */
  overview_level?: number;
}

export interface ReferenceScene {
  bands: Record<string, ReferenceBand>;
  mask?: { path: string; kind: 'scl' | 'landsat-qa'; classes?: number[]; bits?: number } | null;
}

export interface ReferenceSpec {
  result: string;
  expression: string;
  scenes: Partial<Record<'scene' | 'before' | 'after', ReferenceScene>>;
  threshold?: number;
}

export async function compareWithGdal(spec: ReferenceSpec, workDir: string): Promise<ReferenceReport> {
  const specPath = join(workDir, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(specPath, JSON.stringify(spec));
  const { stdout } = await run(PYTHON, [join(HELPERS_DIR, 'reference_compare.py'), specPath], { maxBuffer: 4 * 1024 * 1024 });
  return JSON.parse(stdout) as ReferenceReport;
}

/** Whether two rasters have the same grid and identical pixels in every band and overview. */
export async function samePixels(a: string, b: string): Promise<{ size: boolean; geotransform: boolean; bands: boolean; identical: boolean[] }> {
  const { stdout } = await run(PYTHON, [join(HELPERS_DIR, 'same_pixels.py'), a, b], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as { size: boolean; geotransform: boolean; bands: boolean; identical: boolean[] };
}

export { epsgOf, gdalinfo, type GdalInfo } from '../../../helpers/gdal';

/** GDAL's COG validator, held strictly for job results: valid and not one warning or error. */
export async function validateCog(path: string): Promise<{ valid: boolean; output: string }> {
  const report = await validateCogReport(path);
  return { valid: report.valid && report.warnings.length === 0 && report.errors.length === 0, output: report.output };
}
