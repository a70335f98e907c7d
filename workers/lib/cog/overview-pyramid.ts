/**
 * Builds the overviews while full-resolution tiles stream in. Each finished tile is reduced into
 * its quarter of the parent tile one level up; a parent is complete once all of its children
 * (up to 4; fewer at the right and bottom edges) have arrived, and is then handed back to be
 * encoded and reduced in turn. Only partially filled parents are held: with row-major input,
 * about one row of tiles per overview level.
 */
import { downsampleIntoQuadrant, type OverviewResampling } from './downsample-tile';
import { SAMPLE_TYPES, type CogDataType, type CogSamples } from './sample-types';
import { validTileExtent, type LevelGeometry } from './pyramid-geometry';

export interface PyramidTile {
  level: number;
  tx: number;
  ty: number;
  planes: CogSamples[];
}

interface PartialTile {
  planes: CogSamples[];
  received: number;
  expected: number;
}

export interface OverviewPyramidOptions {
  levels: readonly LevelGeometry[];
  tileSize: number;
  dataType: CogDataType;
  resampling: readonly OverviewResampling[];
  nodata: number | undefined;
  /** Initial value of overview tiles; only survives outside the raster (padding). */
  fill: number;
}

export class OverviewPyramid {
  private readonly partial: Map<number, PartialTile>[];

  constructor(private readonly options: OverviewPyramidOptions) {
    this.partial = options.levels.map(() => new Map());
  }

  /** Overview tiles currently held in memory. */
  get pendingTiles(): number {
    return this.partial.reduce((n, level) => n + level.size, 0);
  }

  /**
   * Reduces a finished tile of `tile.level` into its parent; returns the overview tiles this
   * completed, lowest level first. `tile.planes` are only read, before this returns.
   */
  add(tile: PyramidTile): PyramidTile[] {
    const { levels, tileSize } = this.options;
    const parentLevel = tile.level + 1;
    if (parentLevel >= levels.length) return [];
    const px = tile.tx >> 1;
    const py = tile.ty >> 1;
    const key = py * levels[parentLevel].tilesAcross + px;
    const parent = this.partial[parentLevel].get(key) ?? this.startParent(parentLevel, key, px, py);

    const extent = validTileExtent(levels[tile.level], tileSize, tile.tx, tile.ty);
    tile.planes.forEach((child, band) => {
      downsampleIntoQuadrant({
        child,
        parent: parent.planes[band],
        tileSize,
        validWidth: extent.width,
        validHeight: extent.height,
        quadrantX: (tile.tx & 1) as 0 | 1,
        quadrantY: (tile.ty & 1) as 0 | 1,
        method: this.options.resampling[band],
        nodata: this.options.nodata,
      });
    });
    parent.received++;
    if (parent.received < parent.expected) return [];

    this.partial[parentLevel].delete(key);
    const done: PyramidTile = { level: parentLevel, tx: px, ty: py, planes: parent.planes };
    return [done, ...this.add(done)];
  }

  private startParent(level: number, key: number, px: number, py: number): PartialTile {
    const child = this.options.levels[level - 1];
    const across = Math.min(2, child.tilesAcross - 2 * px);
    const down = Math.min(2, child.tilesDown - 2 * py);
    const planes = this.options.resampling.map(() => {
      const plane = SAMPLE_TYPES[this.options.dataType].create(this.options.tileSize * this.options.tileSize);
      plane.fill(this.options.fill);
      return plane;
    });
    const created: PartialTile = { planes, received: 0, expected: across * down };
    this.partial[level].set(key, created);
    return created;
  }
}
