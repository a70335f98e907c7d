/**
 * Sizes of the full-resolution level and its factor-2 overviews, and of their tiles.
 * Overviews continue while either side is larger than one tile, GDAL's COG rule; each level is
 * ceil(previous / 2) wide and high.
 */

export interface LevelGeometry {
  /** 0 = full resolution. */
  level: number;
  width: number;
  height: number;
  tilesAcross: number;
  tilesDown: number;
}

export function pyramidGeometry(width: number, height: number, tileSize: number): LevelGeometry[] {
  const levels: LevelGeometry[] = [];
  let w = width;
  let h = height;
  for (let level = 0; ; level++) {
    levels.push({ level, width: w, height: h, tilesAcross: Math.ceil(w / tileSize), tilesDown: Math.ceil(h / tileSize) });
    if (w <= tileSize && h <= tileSize) return levels;
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
  }
}

/** Width and height of tile (tx, ty) that lie inside the level; the rest of the tile is padding. */
export function validTileExtent(geometry: LevelGeometry, tileSize: number, tx: number, ty: number): { width: number; height: number } {
  return {
    width: Math.min(tileSize, geometry.width - tx * tileSize),
    height: Math.min(tileSize, geometry.height - ty * tileSize),
  };
}

export function tileCount(geometry: LevelGeometry): number {
  return geometry.tilesAcross * geometry.tilesDown;
}
