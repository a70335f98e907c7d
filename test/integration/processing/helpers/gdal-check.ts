/** GDAL as the referee: the reference comparison script, gdalinfo, and the COG validator. */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HELPERS_DIR } from './made-cogs';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

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

export interface CogValidation {
  valid: boolean;
  output: string;
}

/** GDAL's validate_cloud_optimized_geotiff with --full-check=yes; valid = exit code 0 and no warning. */
export async function validateCog(path: string): Promise<CogValidation> {
  try {
    const { stdout, stderr } = await run(PYTHON, ['-m', 'osgeo_utils.samples.validate_cloud_optimized_geotiff', '--full-check=yes', path]);
    const output = `${stdout}${stderr}`;
    return { valid: !/warning|error/i.test(output) && /is a valid cloud optimized GeoTIFF/i.test(output), output };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return { valid: false, output: `${failure.stdout ?? ''}${failure.stderr ?? String(error)}` };
  }
}

export interface GdalInfo {
  size: [number, number];
  geoTransform: number[];
  coordinateSystem: { wkt: string };
  bands: Array<{ type: string; block: [number, number]; noDataValue?: number | string; overviews?: Array<{ size: [number, number] }>; description?: string }>;
  metadata: Record<string, Record<string, string>>;
}

export async function gdalinfo(path: string): Promise<GdalInfo> {
  const { stdout } = await run('gdalinfo', ['-json', path], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as GdalInfo;
}

/** The EPSG code of the last top-level ID in GDAL's WKT. */
export function epsgOf(info: GdalInfo): number | undefined {
  const ids = [...info.coordinateSystem.wkt.matchAll(/ID\["EPSG",(\d+)\]\]$/g)];
  return ids.length ? Number(ids[ids.length - 1][1]) : undefined;
}
