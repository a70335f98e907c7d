/**
 * The first bytes of the file: the TIFF header, then GDAL's "ghost area" — structural metadata
 * that sits before the first IFD and tells GDAL how the file is laid out, so it can fetch a tile
 * and its neighbours without reading the tile index first. See GDAL's COG driver documentation,
 * "Header ghost area". We honour every promise it makes:
 * - LAYOUT=IFDS_BEFORE_DATA: all IFDs, then tile data, smallest overview first;
 * - BLOCK_ORDER=ROW_MAJOR: within a level, tiles in TIFF tile-index order (band, row, column);
 * - BLOCK_LEADER=SIZE_AS_UINT4: each tile is preceded by its byte count as a little-endian uint32;
 * - BLOCK_TRAILER=LAST_4_BYTES_REPEATED: each tile is followed by a copy of its last 4 bytes.
 * The trailing space after "NO\n" is GDAL's own: it reserves room for GDAL to flip the flag to
 * "YES\n" in place if the file is later edited in a way that breaks these promises.
 */

export const GHOST_AREA_TEXT =
  'LAYOUT=IFDS_BEFORE_DATA\n' +
  'BLOCK_ORDER=ROW_MAJOR\n' +
  'BLOCK_LEADER=SIZE_AS_UINT4\n' +
  'BLOCK_TRAILER=LAST_4_BYTES_REPEATED\n' +
  'KNOWN_INCOMPATIBLE_EDITION=NO\n ';

export const TILE_LEADER_BYTES = 4;
export const TILE_TRAILER_BYTES = 4;

export interface CogHeader {
  /** Header plus ghost area, padded so that the first IFD starts on a word boundary. */
  bytes: Uint8Array;
  firstIfdOffset: number;
}

export function cogHeader(bigTiff: boolean): CogHeader {
  const ghost = `GDAL_STRUCTURAL_METADATA_SIZE=${String(GHOST_AREA_TEXT.length).padStart(6, '0')} bytes\n${GHOST_AREA_TEXT}`;
  const headerSize = bigTiff ? 16 : 8;
  const unpadded = headerSize + ghost.length;
  const firstIfdOffset = unpadded + (unpadded & 1);
  const bytes = new Uint8Array(firstIfdOffset);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x49; // 'I': little-endian
  bytes[1] = 0x49;
  if (bigTiff) {
    view.setUint16(2, 43, true);
    view.setUint16(4, 8, true); // bytes per offset
    view.setUint16(6, 0, true);
    view.setBigUint64(8, BigInt(firstIfdOffset), true);
  } else {
    view.setUint16(2, 42, true);
    view.setUint32(4, firstIfdOffset, true);
  }
  bytes.set(Buffer.from(ghost, 'latin1'), headerSize);
  return { bytes, firstIfdOffset };
}
