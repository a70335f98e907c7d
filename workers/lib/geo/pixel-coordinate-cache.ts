/**
 * Target pixel coordinates shared by the sources one task warps onto one target (an area tile's
 * scenes and bands): per target grid and source CRS, the coordinates of the first north-up source
 * are kept, and every later north-up source in that CRS gets them re-expressed by an affine step
 * (pixel-coordinates.ts) as long as the error stays within the bound in its own pixels. The shared
 * lattice is checked over every cell (no exemption for cells beyond the first source's edges,
 * since the others' extents differ); where that cannot meet the bound (near a projection's
 * singularity) the source gets its own coordinates, as warp.ts would make them.
 */
import type { RasterGrid } from '../raster-types';
import { normaliseCrs } from './crs';
import { isNorthUp } from './geo-transform';
import { createPixelMapping } from './pixel-mapping';
import { fromMapping, pixelCoordinates, reexpressed, type PixelCoordinates } from './pixel-coordinates';

interface Entry {
  readonly key: string;
  readonly grid: RasterGrid;
  readonly coordinates: PixelCoordinates;
}

/** Entries kept (each 16 bytes per target pixel: 4 MiB for a 512² tile). */
const CAPACITY = 4;

function gridKey(grid: RasterGrid): string {
  return `${normaliseCrs(grid.crs)}|${grid.width}x${grid.height}|${grid.transform.join(',')}`;
}

export class PixelCoordinateCache {
  private readonly entries: Entry[] = [];

  constructor(private readonly maxErrorPixels: number) {}

  /** Where each pixel centre of `target` falls in `source`, in `source` pixels. */
  coordinatesFor(target: RasterGrid, source: RasterGrid): PixelCoordinates {
    if (!isNorthUp(source.transform)) return pixelCoordinates(target, source, this.maxErrorPixels);
    const key = `${gridKey(target)}→${normaliseCrs(source.crs)}`;
    for (const entry of this.entries) {
      if (entry.key !== key) continue;
      const shared = reexpressed(entry.coordinates, entry.grid, source);
      if (shared.maxErrorPixels <= this.maxErrorPixels) return shared;
    }
    const mapping = createPixelMapping(target, source, this.maxErrorPixels, { exemptOutside: false });
    // Exact everywhere means the whole-target lattice failed: not worth sharing; warp as usual.
    if (mapping.spacing === 1) return pixelCoordinates(target, source, this.maxErrorPixels);
    const coordinates = fromMapping(target, mapping);
    this.entries.push({ key, grid: source, coordinates });
    if (this.entries.length > CAPACITY) this.entries.shift();
    return coordinates;
  }
}
