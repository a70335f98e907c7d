/**
 * The most disk a COG write can take, known before the first tile: what admission control
 * reserves for a job (electron/service/jobs/job-admission.ts). Deflate is not counted on — every tile (edge tiles
 * are stored whole) may come out at its raw size — and the spool holds every tile of every level
 * until finish() has copied them into the file, so both exist at once.
 */
import { worstCaseFileBytes, worstCaseTileBytes } from './bigtiff-decision';
import { pyramidGeometry, tileCount } from './pyramid-geometry';

export interface CogWriteFootprint {
  /** The finished file, overviews included. */
  fileBytes: number;
  /** The spool folder at its fullest (the tiles of every level). */
  spoolBytes: number;
  /** The full-resolution tiles alone (what a journal of them holds). */
  fullResolutionBytes: number;
}

export function cogWriteFootprint(o: { width: number; height: number; bands: number; bytesPerSample: number; tileSize: number }): CogWriteFootprint {
  const levels = pyramidGeometry(o.width, o.height, o.tileSize);
  const perTile = worstCaseTileBytes(o.tileSize * o.tileSize * o.bytesPerSample);
  const tiles = levels.reduce((sum, level) => sum + tileCount(level), 0) * o.bands;
  return {
    fileBytes: worstCaseFileBytes(levels, o.bands, o.bytesPerSample, o.tileSize),
    spoolBytes: tiles * perTile,
    fullResolutionBytes: tileCount(levels[0]) * o.bands * perTile,
  };
}
