/**
 * Whether a job is better run on a remote openEO back-end than on this workstation, from the
 * local estimate of POST /api/v1/jobs/preview (spec: `estimate: {output_pixels, input_bytes,
 * local_seconds}` and the scenes it would read). Suggested when any figure passes its threshold;
 * each reason says which and by how much. Unknown figures (null) never suggest. Pure.
 */

export interface LocalEstimate {
  output_pixels: number;
  input_bytes: number | null;
  local_seconds: number | null;
  /** Scenes (observations) the job would read. */
  scenes?: number | null;
}

export interface RemoteThresholds {
  /** Output pixels (all bands of one grid cell count once). */
  output_pixels: number;
  /** Bytes to fetch from the catalogs' hosts. */
  input_bytes: number;
  /** Expected local run time. */
  local_seconds: number;
  scenes: number;
}

/**
 * A 20 000 × 20 000 output (a Sentinel-2 tile's 4× at 10 m), 20 GiB to fetch, an hour of local
 * work, or 300 scenes (a year of one tile from both Sentinel-2 satellites, with Landsat): past
 * any of these a workstation is busy for long, where a back-end's cluster is not.
 */
export const DEFAULT_REMOTE_THRESHOLDS: RemoteThresholds = {
  output_pixels: 400_000_000,
  input_bytes: 20 * 1024 ** 3,
  local_seconds: 3600,
  scenes: 300,
};

export interface RemoteSuggestion {
  suggest_remote: boolean;
  /** One line per threshold passed, e.g. "≈ 1.2 h of local work (more than 1 h)". */
  reasons: string[];
}

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
const hours = (seconds: number) => (seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${Math.round(seconds / 60)} min`);
const megapixels = (pixels: number) => `${Math.round(pixels / 1e6).toLocaleString('en')} Mpx`;

export function suggestRemote(estimate: LocalEstimate, thresholds: RemoteThresholds = DEFAULT_REMOTE_THRESHOLDS): RemoteSuggestion {
  const reasons: string[] = [];
  if (estimate.output_pixels > thresholds.output_pixels) reasons.push(`${megapixels(estimate.output_pixels)} to compute (more than ${megapixels(thresholds.output_pixels)})`);
  if (estimate.input_bytes !== null && estimate.input_bytes > thresholds.input_bytes) reasons.push(`${gib(estimate.input_bytes)} to fetch (more than ${gib(thresholds.input_bytes)})`);
  if (estimate.local_seconds !== null && estimate.local_seconds > thresholds.local_seconds) reasons.push(`≈ ${hours(estimate.local_seconds)} of local work (more than ${hours(thresholds.local_seconds)})`);
  if (estimate.scenes !== undefined && estimate.scenes !== null && estimate.scenes > thresholds.scenes) reasons.push(`${estimate.scenes} scenes to read (more than ${thresholds.scenes})`);
  return { suggest_remote: reasons.length > 0, reasons };
}
