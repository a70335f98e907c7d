/**
 * Running statistics of one band's valid full-resolution pixels, fed tile by tile.
 * Each tile's mean and sum of squared deviations are merged with Chan et al.'s pairwise formula,
 * which stays accurate over billions of pixels where a plain sum of squares would not.
 */
import type { CogSamples } from './sample-types';
import type { BandStatistics } from './cog-types';

export class BandStatisticsAccumulator {
  private count = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(private readonly nodata: number | undefined) {}

  /** Adds the pixels of `samples` (rows `rowLength` long) inside validWidth × validHeight. */
  addTile(samples: CogSamples, rowLength: number, validWidth: number, validHeight: number): void {
    const nodata = this.nodata;
    // One pass over the tile: sums of (v − shift) and its square, shifted by the first valid
    // value so that the tile's variance does not drown in the square of its mean.
    let shift = Number.NaN;
    let n = 0;
    let s1 = 0;
    let s2 = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let y = 0; y < validHeight; y++) {
      const row = y * rowLength;
      for (let x = 0; x < validWidth; x++) {
        const v = samples[row + x];
        if (v !== v || v === nodata) continue;
        if (n === 0) shift = v;
        const d = v - shift;
        n++;
        s1 += d;
        s2 += d * d;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    if (n === 0) return;
    const tileMean = shift + s1 / n;
    const tileM2 = Math.max(0, s2 - (s1 * s1) / n);
    const total = this.count + n;
    const delta = tileMean - this.mean;
    this.mean += (delta * n) / total;
    this.m2 += tileM2 + (delta * delta * this.count * n) / total;
    this.count = total;
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
  }

  result(pixelCount: number): BandStatistics {
    if (this.count === 0) {
      return { min: Number.NaN, max: Number.NaN, mean: Number.NaN, stdDev: Number.NaN, validCount: 0, validFraction: 0 };
    }
    return {
      min: this.min,
      max: this.max,
      mean: this.mean,
      stdDev: Math.sqrt(this.m2 / this.count),
      validCount: this.count,
      validFraction: this.count / pixelCount,
    };
  }
}
