/** GDAL as the independent reference: gdalinfo and GDAL's COG validator, shared by every test. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const PYTHON = '/usr/bin/python3';

/** Minimal shape of `gdalinfo -json` that the tests look at. */
export interface GdalInfo {
  size: [number, number];
  geoTransform: number[];
  coordinateSystem: { wkt: string };
  metadata: Record<string, Record<string, string>>;
  bands: {
    band: number;
    block: [number, number];
    type: string;
    description?: string;
    noDataValue?: number | string;
    overviews?: { size: [number, number] }[];
    metadata?: Record<string, Record<string, string>>;
  }[];
}

export async function gdalinfo(path: string): Promise<GdalInfo> {
  const { stdout } = await run('gdalinfo', ['-json', path], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as GdalInfo;
}

/** The EPSG code GDAL resolved the CRS to: the last top-level ID["EPSG", n] of its WKT. */
export function epsgOf(info: GdalInfo): number | undefined {
  const ids = [...info.coordinateSystem.wkt.matchAll(/ID\["EPSG",(\d+)\]\]$/g)];
  return ids.length ? Number(ids[ids.length - 1][1]) : undefined;
}

export interface CogValidation {
  /** Exit code 0 and "is a valid cloud optimized GeoTIFF" (warnings allowed). */
  valid: boolean;
  warnings: string[];
  errors: string[];
  output: string;
}

/** Runs GDAL's validate_cloud_optimized_geotiff (with the full leader/trailer check). */
export async function validateCog(path: string): Promise<CogValidation> {
  let output: string;
  let code = 0;
  try {
    const { stdout, stderr } = await run(PYTHON, ['-m', 'osgeo_utils.samples.validate_cloud_optimized_geotiff', '--full-check=yes', path]);
    output = `${stdout}${stderr}`;
  } catch (err) {
    const failure = err as { stdout?: string; stderr?: string; code?: number };
    output = `${failure.stdout ?? ''}${failure.stderr ?? String(err)}`;
    code = typeof failure.code === 'number' ? failure.code : 1;
  }
  const warnings: string[] = [];
  const errors: string[] = [];
  let list: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith('The following warnings were found')) list = warnings;
    else if (line.startsWith('The following errors were found')) list = errors;
    else if (line.startsWith(' - ') && list) list.push(line.slice(3));
    else list = undefined;
  }
  return { valid: code === 0 && output.includes('is a valid cloud optimized GeoTIFF'), warnings, errors, output };
}
