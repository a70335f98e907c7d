/**
 * Which bytes of a COG an offline copy of a bbox needs: the header (every IFD and tag array,
 * which GDAL COGs keep ahead of the first tile) and every tile overlapping the bbox at full
 * resolution and at every overview level. Reads only the header, through whatever client the
 * GeoTIFF was opened with.
 */
import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import type { Bbox } from '../stac/types';
import { createPointTransform } from '../../../workers/lib/geo/crs';

export interface TileBytes {
  /** 0 = full resolution, then overviews (and masks) in file order. */
  level: number;
  tile: number;
  start: number;
  /** Inclusive. */
  end: number;
}

export interface TilePlan {
  /** Bytes 0..headerEnd hold every IFD and tag array. */
  headerEnd: number;
  tiles: TileBytes[];
  levels: number;
}

type Window = [number, number, number, number];

/** The bbox (WGS84) as a window in the image CRS, or null when it cannot be projected (then: whole image). */
export function projectBbox(bbox: Bbox, epsg: number | null): Window | null {
  if (epsg === null || bbox[0] > bbox[2]) return null;
  let transform;
  try {
    transform = createPointTransform(4326, epsg);
  } catch {
    return null;
  }
  const out = new Float64Array(2);
  const xs: number[] = [];
  const ys: number[] = [];
  const steps = 16;
  for (let i = 0; i <= steps; i += 1) {
    const lon = bbox[0] + ((bbox[2] - bbox[0]) * i) / steps;
    const lat = bbox[1] + ((bbox[3] - bbox[1]) * i) / steps;
    for (const [x, y] of [[lon, bbox[1]], [lon, bbox[3]], [bbox[0], lat], [bbox[2], lat]]) {
      transform(x, y, out);
      if (Number.isFinite(out[0]) && Number.isFinite(out[1])) { xs.push(out[0]); ys.push(out[1]); }
    }
  }
  return xs.length ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] : null;
}

function epsgOf(image: GeoTIFFImage): number | null {
  const keys = image.getGeoKeys();
  const code = keys?.ProjectedCSTypeGeoKey ?? keys?.GeographicTypeGeoKey;
  return typeof code === 'number' && code > 0 && code < 32767 ? code : null;
}

/** Tile indices of one image that overlap `window` (CRS units of the full-resolution `extent`). */
function overlappingTiles(image: GeoTIFFImage, extent: number[], window: Window | null): number[] {
  const width = image.getWidth();
  const height = image.getHeight();
  const tileWidth = image.getTileWidth();
  const tileHeight = image.getTileHeight();
  const across = Math.ceil(width / tileWidth);
  const down = Math.ceil(height / tileHeight);
  let cols = [0, across - 1];
  let rows = [0, down - 1];
  if (window) {
    const [minX, minY, maxX, maxY] = extent;
    const px = (maxX - minX) / width;
    const py = (maxY - minY) / height;
    const c0 = Math.max(0, Math.floor((window[0] - minX) / px));
    const c1 = Math.min(width - 1, Math.ceil((window[2] - minX) / px) - 1);
    const r0 = Math.max(0, Math.floor((maxY - window[3]) / py));
    const r1 = Math.min(height - 1, Math.ceil((maxY - window[1]) / py) - 1);
    if (c0 > c1 || r0 > r1) return [];
    cols = [Math.floor(c0 / tileWidth), Math.floor(c1 / tileWidth)];
    rows = [Math.floor(r0 / tileHeight), Math.floor(r1 / tileHeight)];
  }
  const planes = image.planarConfiguration === 2 ? image.getSamplesPerPixel() : 1;
  const tiles: number[] = [];
  for (let plane = 0; plane < planes; plane += 1) {
    for (let row = rows[0]; row <= rows[1]; row += 1) {
      for (let col = cols[0]; col <= cols[1]; col += 1) tiles.push(plane * across * down + row * across + col);
    }
  }
  return tiles;
}

export async function planCogTiles(tiff: GeoTIFF, bbox: Bbox | null): Promise<TilePlan> {
  const count = await tiff.getImageCount();
  const images: GeoTIFFImage[] = [];
  for (let i = 0; i < count; i += 1) images.push(await tiff.getImage(i));
  const full = images[0];
  let extent: number[] | null = null;
  try {
    extent = full.getBoundingBox();
  } catch {
    extent = null;
  }
  const window = bbox && extent ? projectBbox(bbox, epsgOf(full)) : null;

  let firstTile = Number.POSITIVE_INFINITY;
  const tiles: TileBytes[] = [];
  for (const [level, image] of images.entries()) {
    const directory = image.fileDirectory;
    const offsets = (await directory.loadValue(image.isTiled ? 'TileOffsets' : 'StripOffsets')) as ArrayLike<number>;
    const counts = (await directory.loadValue(image.isTiled ? 'TileByteCounts' : 'StripByteCounts')) as ArrayLike<number>;
    for (let i = 0; i < offsets.length; i += 1) if (Number(counts[i]) > 0) firstTile = Math.min(firstTile, Number(offsets[i]));
    for (const tile of overlappingTiles(image, extent ?? [0, 0, 1, 1], extent ? window : null)) {
      const size = Number(counts[tile]);
      if (size > 0) tiles.push({ level, tile, start: Number(offsets[tile]), end: Number(offsets[tile]) + size - 1 });
    }
  }
  return { headerEnd: Number.isFinite(firstTile) ? firstTile - 1 : 0, tiles, levels: images.length };
}
