/**
 * Aggregation for zoomed-out views: footprint centres binned into square cells of a quadtree-like
 * level (cell = world width / 2^level). Bins are computed once per level and data version, so a
 * gesture only re-draws a few hundred rectangles instead of thousands of polygons.
 */
import { WORLD_WIDTH, type FootprintCollection } from './footprint-collection';

const HALF = WORLD_WIDTH / 2;

export interface GridBins {
  level: number;
  cellSize: number;
  length: number;
  /** Column, row (from the top-left corner of the world) per bin. */
  cols: Uint32Array;
  rows: Uint32Array;
  counts: Uint32Array;
  /** Index of the source with most footprints in the bin. */
  dominant: Uint8Array;
  maxCount: number;
}

/** The level whose cells are about `cellPixels` wide at this resolution. */
export function levelFor(resolution: number, cellPixels: number): number {
  const level = Math.round(Math.log2(WORLD_WIDTH / (resolution * cellPixels)));
  return Math.max(0, Math.min(24, level));
}

export function binFootprints(collection: FootprintCollection, level: number): GridBins {
  const cells = 2 ** level;
  const cellSize = WORLD_WIDTH / cells;
  const byKey = new Map<number, number>();
  const cols: number[] = [];
  const rows: number[] = [];
  const counts: number[] = [];
  const perSource: number[] = [];
  const { centres, sources, count } = collection;
  for (let i = 0; i < count; i++) {
    const col = Math.min(cells - 1, Math.max(0, Math.floor((centres[2 * i] + HALF) / cellSize)));
    const row = Math.min(cells - 1, Math.max(0, Math.floor((HALF - centres[2 * i + 1]) / cellSize)));
    const key = row * cells + col;
    let bin = byKey.get(key);
    if (bin === undefined) {
      bin = cols.length;
      byKey.set(key, bin);
      cols.push(col);
      rows.push(row);
      counts.push(0);
      perSource.push(0, 0, 0, 0);
    }
    counts[bin] += 1;
    perSource[4 * bin + Math.min(3, sources[i])] += 1;
  }
  const dominant = new Uint8Array(cols.length);
  let maxCount = 0;
  for (let b = 0; b < cols.length; b++) {
    let best = 0;
    for (let s = 1; s < 4; s++) if (perSource[4 * b + s] > perSource[4 * b + best]) best = s;
    dominant[b] = best;
    if (counts[b] > maxCount) maxCount = counts[b];
  }
  return {
    level,
    cellSize,
    length: cols.length,
    cols: Uint32Array.from(cols),
    rows: Uint32Array.from(rows),
    counts: Uint32Array.from(counts),
    dominant,
    maxCount,
  };
}

/** Caches bins per level for one data version. */
export class GridCache {
  private version = -1;
  private readonly byLevel = new Map<number, GridBins>();

  get(collection: FootprintCollection, level: number): GridBins {
    if (collection.version !== this.version) {
      this.byLevel.clear();
      this.version = collection.version;
    }
    let bins = this.byLevel.get(level);
    if (!bins) {
      bins = binFootprints(collection, level);
      this.byLevel.set(level, bins);
    }
    return bins;
  }
}
