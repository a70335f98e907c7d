/** Types of the COG encoding shared by the pure library and the service's file writer. */

export type BigTiffMode = 'auto' | 'force' | 'never';

/** Statistics of the full-resolution valid pixels (not NaN, not nodata) of one band. */
export interface BandStatistics {
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation, as GDAL computes it. */
  stdDev: number;
  validCount: number;
  /** validCount / (width × height). */
  validFraction: number;
}
