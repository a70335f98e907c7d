/**
 * Draws one 256 px basemap tile (z/x/y of the Web Mercator XYZ grid) from flat geometry. Shapes
 * are simplified once per zoom (points closer than ~0.6 px to the previous kept point dropped)
 * and cached as Path2D in Mercator metres, so each tile is only a transform and a few fills.
 * Runs in the basemap worker (OffscreenCanvas), or on the main thread where workers cannot draw.
 */
import { WORLD_WIDTH, type BasemapLayerData, type FlatShape } from './basemap-geometry';
import { BORDER_COLOUR, COAST_COLOUR, LAND_COLOUR, OCEAN_COLOUR } from './basemap-style';

const HALF = WORLD_WIDTH / 2;
export const TILE_SIZE = 256;

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export class TilePainter {
  private readonly paths = new Map<string, Path2D>();

  constructor(private readonly scales: { coarse: BasemapLayerData; detail: BasemapLayerData; detailZoom: number }) {}

  private path(kind: string, index: number, shape: FlatShape, z: number, tolerance: number, closed: boolean): Path2D {
    const key = `${kind}:${z}:${index}`;
    let path = this.paths.get(key);
    if (path) return path;
    path = new Path2D();
    const t2 = tolerance * tolerance;
    for (const part of shape.parts) {
      let lx = part[0];
      let ly = part[1];
      path.moveTo(lx, ly);
      const last = part.length - 2;
      for (let i = 2; i <= last; i += 2) {
        const x = part[i];
        const y = part[i + 1];
        const dx = x - lx;
        const dy = y - ly;
        if (i === last || dx * dx + dy * dy >= t2) {
          path.lineTo(x, y);
          lx = x;
          ly = y;
        }
      }
      if (closed) path.closePath();
    }
    if (this.paths.size > 40_000) this.paths.clear();
    this.paths.set(key, path);
    return path;
  }

  /** Paints tile z/x/y (x wraps around the world) onto `ctx`, which is `pixels` wide. */
  paint(ctx: Ctx, z: number, tx: number, ty: number, pixels: number): void {
    const n = 2 ** z;
    const x = ((tx % n) + n) % n;
    const tileWidth = WORLD_WIDTH / n;
    const minX = -HALF + x * tileWidth;
    const maxY = HALF - ty * tileWidth;
    const maxX = minX + tileWidth;
    const minY = maxY - tileWidth;
    const scale = pixels / tileWidth;
    const tolerance = (0.6 * tileWidth) / TILE_SIZE;
    const data = z >= this.scales.detailZoom ? this.scales.detail : this.scales.coarse;
    const level = z >= this.scales.detailZoom ? `d${z}` : `c${z}`;
    // A pixel of margin so strokes on tile edges are not cut.
    const margin = 2 / scale;
    const hits = (s: FlatShape) => s.maxX >= minX - margin && s.minX <= maxX + margin && s.maxY >= minY - margin && s.minY <= maxY + margin;

    // Opaque tiles: no see-through seams where scaled tiles meet.
    ctx.fillStyle = OCEAN_COLOUR;
    ctx.fillRect(0, 0, pixels, pixels);
    ctx.setTransform(scale, 0, 0, -scale, -minX * scale, maxY * scale);
    ctx.fillStyle = LAND_COLOUR;
    data.land.forEach((s, i) => {
      if (hits(s)) ctx.fill(this.path(`land${level}`, i, s, z, tolerance, true));
    });
    const pixelRatio = pixels / TILE_SIZE;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = BORDER_COLOUR;
    ctx.lineWidth = (0.8 * pixelRatio) / scale;
    ctx.setLineDash([(4 * pixelRatio) / scale, (3 * pixelRatio) / scale]);
    data.borders.forEach((s, i) => {
      if (hits(s)) ctx.stroke(this.path(`border${level}`, i, s, z, tolerance, false));
    });
    ctx.setLineDash([]);
    ctx.strokeStyle = COAST_COLOUR;
    ctx.lineWidth = (0.9 * pixelRatio) / scale;
    data.coasts.forEach((s, i) => {
      if (hits(s)) ctx.stroke(this.path(`coast${level}`, i, s, z, tolerance, false));
    });
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }
}
