/**
 * The disk a remote job may take while it runs (admission, jobs/job-admission.ts): the downloaded
 * files, the COG made from them and the COG writer's spool — about three float32 copies of the
 * output raster — estimated from the area asked for at the job's resolution (default 10 m).
 * Time series are small. Pure.
 */
import type { OffloadParams } from './offload-params';

const METRES_PER_DEGREE = 111_320;
const DEFAULT_RESOLUTION_M = 10;
const SMALL = 4 * 1024 * 1024;

export function remoteStorageEstimate(params: Pick<OffloadParams, 'output' | 'extent' | 'request'>): number {
  if (params.output.kind !== 'raster' || !params.extent) return SMALL;
  const [w, s, e, n] = params.extent;
  const widthDegrees = e >= w ? e - w : e + 360 - w;
  const request = params.request as { resolution?: number | null; crs?: string };
  const geographic = request.crs === 'EPSG:4326';
  const resolution = request.resolution ?? (geographic ? DEFAULT_RESOLUTION_M / METRES_PER_DEGREE : DEFAULT_RESOLUTION_M);
  const lat = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const widthUnits = geographic ? widthDegrees : widthDegrees * METRES_PER_DEGREE * Math.max(0.01, lat);
  const heightUnits = geographic ? n - s : (n - s) * METRES_PER_DEGREE;
  const pixels = Math.ceil(widthUnits / resolution) * Math.ceil(heightUnits / resolution);
  return SMALL + pixels * params.output.bands.length * 4 * 3;
}
