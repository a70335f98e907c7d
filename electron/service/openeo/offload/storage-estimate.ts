/**
 * The disk a remote job may take while it runs (admission, jobs/job-admission.ts): the downloaded
 * files, the COG made from them and the COG writer's spool — about three float32 copies of the
 * output raster — estimated from the area asked for at the job's resolution (default 10 m), in
 * the units of the job's CRS (degrees for a geographic one, else its unit: metres, US feet, …).
 * Time series are small.
 */
import { crsInfo, type CrsInfo } from '../../../../workers/lib/geo/crs';
import type { OffloadParams } from './offload-params';

const METRES_PER_DEGREE = 111_320;
const DEFAULT_RESOLUTION_M = 10;
const SMALL = 4 * 1024 * 1024;

/** The job's CRS when it names one that can be used (validation has refused the others); else UTM, in metres. */
function outputCrs(crs: string | undefined): CrsInfo | null {
  if (!crs) return null;
  try {
    return crsInfo(crs);
  } catch {
    return null;
  }
}

export function remoteStorageEstimate(params: Pick<OffloadParams, 'output' | 'extent' | 'request'>): number {
  if (params.output.kind !== 'raster' || !params.extent) return SMALL;
  const [w, s, e, n] = params.extent;
  const widthDegrees = e >= w ? e - w : e + 360 - w;
  const request = params.request as { resolution?: number | null; crs?: string };
  const crs = outputCrs(request.crs);
  const geographic = crs?.geographic === true;
  const metresPerUnit = geographic ? METRES_PER_DEGREE : (crs?.metresPerUnit ?? 1);
  const resolution = request.resolution ?? DEFAULT_RESOLUTION_M / metresPerUnit;
  const lat = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const widthUnits = geographic ? widthDegrees : (widthDegrees * METRES_PER_DEGREE * Math.max(0.01, lat)) / metresPerUnit;
  const heightUnits = geographic ? n - s : ((n - s) * METRES_PER_DEGREE) / metresPerUnit;
  const pixels = Math.ceil(widthUnits / resolution) * Math.ceil(heightUnits / resolution);
  return SMALL + pixels * params.output.bands.length * 4 * 3;
}
