/**
 * Classic TIFF addresses bytes with 32-bit offsets, so a file that can reach 4 GiB must be
 * BigTIFF. Since IFDs are written before the data, the choice is made up front from the worst case:
 * every tile (edge tiles are stored full size) of every level deflating to more than its raw size.
 */
import { tileCount, type LevelGeometry } from './pyramid-geometry';
import type { BigTiffMode } from './cog-types';

const CLASSIC_TIFF_LIMIT = 2 ** 32 - 1;
/** Generous bound for the IFDs, geokeys and metadata text, besides the per-tile arrays. */
const FIXED_HEADER_BOUND = 64 * 1024;

/** zlib's deflateBound() plus the 4-byte leader and 4-byte trailer of GDAL's COG layout, rounded up. */
export function worstCaseTileBytes(rawBytes: number): number {
  return rawBytes + Math.ceil(rawBytes / 1000) + 64 + 8;
}

export function worstCaseFileBytes(levels: readonly LevelGeometry[], bands: number, bytesPerSample: number, tileSize: number, metadataBytes = 0): number {
  let total = FIXED_HEADER_BOUND + metadataBytes;
  const perTile = worstCaseTileBytes(tileSize * tileSize * bytesPerSample);
  for (const level of levels) {
    const tiles = tileCount(level) * bands;
    // TileOffsets (8) + TileByteCounts (4) per tile in BigTIFF, the larger of the two layouts.
    total += tiles * (perTile + 12);
  }
  return total;
}

export function decideBigTiff(mode: BigTiffMode, worstCaseBytes: number): boolean {
  const needed = worstCaseBytes > CLASSIC_TIFF_LIMIT;
  if (mode === 'force') return true;
  if (mode === 'auto') return needed;
  if (needed) {
    throw new RangeError(`bigTiff: 'never' but the file can reach ${worstCaseBytes} bytes, past classic TIFF's 4 GiB`);
  }
  return false;
}

export function fitsClassicTiff(bytes: number): boolean {
  return bytes <= CLASSIC_TIFF_LIMIT;
}
