/**
 * The independent reference for area jobs (reference_area.py: gdalwarp + numpy in float64) and
 * the pixel comparer (compare_area.py), called from the tests; plus a reader for the .npy arrays
 * the reference writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PYTHON, run } from '../gdal';
import { AREA_SCENES_DIR, type AreaKit } from './kit';
import type { TimeseriesEntry } from '../../../electron/service/jobs/area-job-types';

export interface ReferenceGrid {
  epsg: number;
  resolution: number;
  width: number;
  height: number;
  /** GDAL geotransform. */
  transform: number[];
}

export interface ReferenceObservation {
  label: string;
  platform: string;
  datetime: string;
  scenes: string[];
}

export interface ReferenceMeta {
  grid: ReferenceGrid;
  aoi_kind: 'bbox' | 'polygon' | 'point';
  inside_pixels: number;
  /** Every scene the job must use, sorted. */
  scenes: string[];
  observations: number;
  groups: ReferenceObservation[];
  /** Composite / change: the output bands in order and what each holds. */
  bands?: string[];
  kinds?: Array<'value' | 'count' | 'class'>;
  periods?: { before: Omit<ReferenceMeta, 'grid' | 'aoi_kind' | 'inside_pixels'>; after: Omit<ReferenceMeta, 'grid' | 'aoi_kind' | 'inside_pixels'> } | null;
  entries?: number;
}

/** The wire type the reference's entries are compared with. */
export type { TimeseriesEntry };

export interface AreaReference {
  dir: string;
  meta: ReferenceMeta;
}

/** Runs the reference for a job body (exactly what is POSTed to /api/v1/jobs) into `<workDir>/<name>`. */
export async function referenceFor(kit: AreaKit, job: Record<string, unknown>, workDir: string, name: string): Promise<AreaReference> {
  const dir = join(workDir, `reference-${name}`);
  const request = join(workDir, `reference-${name}.json`);
  writeFileSync(request, JSON.stringify({ kit: kit.manifestPath, out: dir, job }));
  const { stdout } = await run(PYTHON, [join(AREA_SCENES_DIR, 'reference_area.py'), request], { maxBuffer: 16 * 1024 * 1024 });
  return { dir, meta: JSON.parse(stdout) as ReferenceMeta };
}

export function referenceTimeseries(reference: AreaReference): TimeseriesEntry[] {
  return (JSON.parse(readFileSync(join(reference.dir, 'timeseries.json'), 'utf8')) as { entries: TimeseriesEntry[] }).entries;
}

export interface BandComparison {
  name: string;
  kind: 'value' | 'count' | 'class';
  nodata: number | null;
  max_abs_diff: number;
  nan_mismatches: number;
  valid_ours: number;
  valid_ref: number;
  ref_min: number | null;
  ref_max: number | null;
  ref_mean: number | null;
  exact_mismatches: number;
  class_mismatches_not_at_threshold?: number;
  ref_gain?: number;
  ref_loss?: number;
}

export interface AreaComparison {
  grid: { size_equal: boolean; geotransform_equal: boolean; epsg_equal: boolean; ours: unknown; reference: unknown };
  band_count: number;
  bands: BandComparison[];
}

/** compare_area.py: the result COG against the reference's expected bands. */
export async function compareWithReference(resultTif: string, reference: AreaReference, threshold?: number): Promise<AreaComparison> {
  const args = [join(AREA_SCENES_DIR, 'compare_area.py'), resultTif, reference.dir, ...(threshold === undefined ? [] : [String(threshold)])];
  const { stdout } = await run(PYTHON, args, { maxBuffer: 4 * 1024 * 1024 });
  return JSON.parse(stdout) as AreaComparison;
}

export interface NpyArray {
  shape: number[];
  data: Float64Array | Uint8Array;
}

/** A little-endian float64 or uint8 C-order .npy file (what the reference writes). */
export function readNpy(path: string): NpyArray {
  const bytes = readFileSync(path);
  if (bytes.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${path} is not a .npy file`);
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLength;
  const header = bytes.toString('latin1', major === 1 ? 10 : 12, start);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: Fortran order is not read`);
  const body = bytes.subarray(start);
  const copy = new Uint8Array(body).buffer;
  if (descr === '<f8') return { shape, data: new Float64Array(copy) };
  if (descr === '|u1') return { shape, data: new Uint8Array(copy) };
  throw new Error(`${path}: dtype ${descr} is not read`);
}
