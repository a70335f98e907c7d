/**
 * Plans the final file once every tile's compressed size is known (pure, no I/O):
 *
 *   header + ghost area | IFD level 0 | IFD level 1 | … | IFD level n |
 *   tiles of level n | … | tiles of level 1 | tiles of level 0
 *
 * Full resolution's IFD comes first in the chain (readers open it as "the image"), the data
 * runs from the smallest overview to full resolution (GDAL's COG order), and every tile is framed
 * by a 4-byte leader and trailer (see cog-header.ts). Within a level, tiles follow the TIFF tile
 * index: band by band, each band row-major.
 */
import type { CogDataType } from './sample-types';
import { fitsClassicTiff } from './bigtiff-decision';
import { cogHeader, TILE_LEADER_BYTES, TILE_TRAILER_BYTES } from './cog-header';
import { levelEntries } from './cog-ifd-entries';
import type { GeoTiffTagValues } from './geotiff-keys';
import { tileCount, type LevelGeometry } from './pyramid-geometry';
import { encodeIfd, ifdByteLength } from './tiff-ifd';

export interface CogLayoutInput {
  levels: readonly LevelGeometry[];
  bands: number;
  dataType: CogDataType;
  tileSize: number;
  bigTiff: boolean;
  noDataText?: string;
  geo: GeoTiffTagValues;
  gdalMetadata?: string;
  /** Compressed size of every tile of (level, band), row-major. */
  byteCounts(level: number, band: number): ArrayLike<number>;
}

export interface CogLayout {
  /** Header, ghost area and all IFDs: bytes [0, dataStart) of the file. */
  head: Uint8Array;
  dataStart: number;
  totalBytes: number;
  /** Level indices in the order their tiles are written (smallest overview first). */
  dataOrder: number[];
}

function levelByteCounts(input: CogLayoutInput, level: LevelGeometry): number[] {
  const counts: number[] = [];
  for (let band = 0; band < input.bands; band++) {
    const perBand = input.byteCounts(level.level, band);
    if (perBand.length !== tileCount(level)) throw new Error(`level ${level.level} band ${band}: expected ${tileCount(level)} tile sizes`);
    for (let k = 0; k < perBand.length; k++) counts.push(perBand[k]);
  }
  return counts;
}

export function planCogLayout(input: CogLayoutInput): CogLayout {
  const header = cogHeader(input.bigTiff);
  const byteCounts = input.levels.map((level) => levelByteCounts(input, level));
  const entriesFor = (level: LevelGeometry, offsets: ArrayLike<number>) => levelEntries({
    geometry: level,
    bands: input.bands,
    dataType: input.dataType,
    tileSize: input.tileSize,
    bigTiff: input.bigTiff,
    tileOffsets: offsets,
    tileByteCounts: byteCounts[level.level],
    noDataText: input.noDataText,
    ...(level.level === 0 ? { geo: input.geo, gdalMetadata: input.gdalMetadata } : {}),
  });

  // IFD sizes do not depend on the offsets' values, so place the IFDs with placeholder offsets first.
  const ifdOffsets: number[] = [];
  let position = header.firstIfdOffset;
  for (const level of input.levels) {
    ifdOffsets.push(position);
    position += ifdByteLength(entriesFor(level, new Array<number>(byteCounts[level.level].length).fill(0)), input.bigTiff);
  }
  const dataStart = position;

  const dataOrder = input.levels.map((level) => level.level).reverse();
  const tileOffsets: number[][] = input.levels.map(() => []);
  for (const levelIndex of dataOrder) {
    for (const count of byteCounts[levelIndex]) {
      tileOffsets[levelIndex].push(position + TILE_LEADER_BYTES);
      position += TILE_LEADER_BYTES + count + TILE_TRAILER_BYTES;
    }
  }
  const totalBytes = position;
  if (!input.bigTiff && !fitsClassicTiff(totalBytes)) {
    throw new RangeError(`the COG would be ${totalBytes} bytes, past classic TIFF's 4 GiB; use bigTiff 'auto' or 'force'`);
  }

  const head = new Uint8Array(dataStart);
  head.set(header.bytes, 0);
  input.levels.forEach((level, i) => {
    const next = i + 1 < input.levels.length ? ifdOffsets[i + 1] : 0;
    head.set(encodeIfd(entriesFor(level, tileOffsets[level.level]), ifdOffsets[i], next, input.bigTiff), ifdOffsets[i]);
  });
  return { head, dataStart, totalBytes, dataOrder };
}
