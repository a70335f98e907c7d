/**
 * A deterministic test raster: a smooth gradient with fine noise (so float32 values use all their
 * bits) and nodata patches of several shapes, plus an integer "class" band. Tiles are cut from it
 * the way a job would produce them.
 */
import { writeFile } from 'node:fs/promises';
import type { CogDataType, CogSamples } from '../../../../electron/service/raster/cog-writer';

export type BandKind = 'gradient' | 'classes';

export interface SyntheticRaster {
  width: number;
  height: number;
  bands: BandKind[];
  dataType: CogDataType;
  nodata: number | undefined;
}

function isHole(x: number, y: number): boolean {
  if (x >= 100 && x < 300 && y >= 50 && y < 201) return true; // rectangle with odd edges
  if (Math.abs(x - y) < 2) return true; // diagonal: many half-empty 2x2 blocks
  if ((x - 900) ** 2 + (y - 600) ** 2 < 150 ** 2) return true; // disc crossing tile edges
  return x % 7 === 3 && y % 11 === 5; // scattered single pixels
}

function noise(x: number, y: number): number {
  const s = Math.sin(x * 12.9898 + y * 78.233) * 43758.5453;
  return s - Math.floor(s);
}

export function pixelValue(raster: SyntheticRaster, band: number, x: number, y: number): number {
  if (raster.nodata !== undefined && isHole(x, y)) return raster.nodata;
  if (raster.bands[band] === 'classes') return Math.floor(x / 97 + y / 61) % 6;
  const value = 100 * Math.sin(x / 37) * Math.cos(y / 53) + 0.01 * x - 0.02 * y + noise(x, y);
  switch (raster.dataType) {
    case 'float32': return Math.fround(value);
    case 'uint8': return Math.round(value + 128) & 0xff;
    case 'int16': return Math.round(value * 300);
    case 'uint16': return Math.round((value + 130) * 200);
  }
}

function allocate(dataType: CogDataType, length: number): CogSamples {
  switch (dataType) {
    case 'float32': return new Float32Array(length);
    case 'uint8': return new Uint8Array(length);
    case 'int16': return new Int16Array(length);
    case 'uint16': return new Uint16Array(length);
  }
}

/** One tile's planes: only the part inside the raster (`valid`), or a full tile padded with junk. */
export function tilePlanes(raster: SyntheticRaster, tx: number, ty: number, tileSize: number, shape: 'valid' | 'full' = 'valid'): CogSamples[] {
  const x0 = tx * tileSize;
  const y0 = ty * tileSize;
  const validW = Math.min(tileSize, raster.width - x0);
  const validH = Math.min(tileSize, raster.height - y0);
  const rowLength = shape === 'full' ? tileSize : validW;
  const rows = shape === 'full' ? tileSize : validH;
  return raster.bands.map((_, band) => {
    const plane = allocate(raster.dataType, rowLength * rows);
    // Outside the raster a 'full' tile carries junk the writer must replace with nodata.
    plane.fill(raster.dataType === 'float32' ? 12345 : 7);
    for (let y = 0; y < validH; y++) {
      for (let x = 0; x < validW; x++) plane[y * rowLength + x] = pixelValue(raster, band, x0 + x, y0 + y);
    }
    return plane;
  });
}

/** The whole raster, band-sequential little-endian, for numpy. */
export async function writeRawRaster(raster: SyntheticRaster, path: string): Promise<void> {
  const { width, height } = raster;
  const all = allocate(raster.dataType, width * height * raster.bands.length);
  raster.bands.forEach((_, band) => {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) all[band * width * height + y * width + x] = pixelValue(raster, band, x, y);
    }
  });
  await writeFile(path, new Uint8Array(all.buffer));
}
