/**
 * A small per-thread LRU of decoded COG tiles, bounded by bytes. Output tiles that are not aligned
 * with the source tiles (a bbox crop, another grid) need up to four source tiles each, and
 * neighbouring output tiles share them; the cache saves decoding those again. Only tiles a read
 * used in part are kept: one it used whole lies inside a single output tile, which nobody reads
 * twice, and keeping it would only keep memory that the garbage collector must then work for.
 */
import { assetKey, type OpenImage, type SceneAsset } from './open-cogs';

const MAX_BYTES = 24 * 1024 * 1024;

export type DecodedTile = ArrayBufferLike;

const tiles = new Map<string, Promise<DecodedTile>>();
const sizes = new Map<string, number>();
let bytes = 0;

function remember(key: string, size: number): void {
  sizes.set(key, size);
  bytes += size;
  while (bytes > MAX_BYTES && tiles.size > 1) {
    const oldest = tiles.keys().next().value as string;
    tiles.delete(oldest);
    bytes -= sizes.get(oldest) ?? 0;
    sizes.delete(oldest);
  }
}

/**
 * The decoded bytes of tile/strip (x, y) of `sample` (PlanarConfiguration 2) or of all samples (1);
 * kept for later reads when `keep`.
 */
export function decodedTile(file: SceneAsset, imageIndex: number, open: OpenImage, x: number, y: number, sample: number, keep: boolean, signal?: AbortSignal): Promise<DecodedTile> {
  const planeSample = open.image.planarConfiguration === 2 ? sample : 0;
  const key = `${assetKey(file)}\n${imageIndex}\n${planeSample}\n${x}\n${y}`;
  const known = tiles.get(key);
  if (known) {
    tiles.delete(key);
    tiles.set(key, known);
    return known;
  }
  if (!keep) return open.image.getTileOrStrip(x, y, planeSample, open.decoder, signal).then((tile) => tile.data);
  const pending = open.image.getTileOrStrip(x, y, planeSample, open.decoder, signal).then((tile) => {
    if (tiles.get(key) === pending) remember(key, tile.data.byteLength);
    return tile.data;
  });
  pending.catch(() => {
    if (tiles.get(key) === pending) tiles.delete(key);
  });
  tiles.set(key, pending);
  return pending;
}
