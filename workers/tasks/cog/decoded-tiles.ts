/**
 * A per-thread LRU of decoded COG tiles, bounded by bytes. Output tiles that are not aligned
 * with the source tiles (a bbox crop, another grid) need up to four source tiles each, and
 * neighbouring output tiles share them; the cache saves decoding those again. Only tiles a read
 * used in part are kept: one it used whole lies inside a single output tile, which nobody reads
 * twice, and keeping it would only keep memory that the garbage collector must then work for.
 *
 * The bound is the reading task's: 24 MiB by default (a single scene's neighbours), more for an
 * area composite, whose every output tile reads the tiles of all its observations — 8 scenes × 3
 * files × up to 4 tiles of 1–2 MB — so that with the default bound the next output tile, which
 * shares half of them, finds none left and a source tile was decoded six times over
 * (test/bench/area). A larger bound is given back once the thread has read nothing for a while.
 */
import { setTimeout } from 'node:timers';
import { DEFAULT_DECODED_TILE_BYTES } from '../../protocol/area-tasks';
import { assetKey, type OpenImage, type SceneAsset } from './open-cogs';

/** After this long without a read, the cache shrinks back to the default bound. */
const IDLE_TRIM_MS = 5000;

export type DecodedTile = ArrayBufferLike;

const tiles = new Map<string, Promise<DecodedTile>>();
const sizes = new Map<string, number>();
let bytes = 0;
let idleTrim: NodeJS.Timeout | undefined;

function evictDownTo(bound: number): void {
  while (bytes > bound && tiles.size > 1) {
    const oldest = tiles.keys().next().value as string;
    tiles.delete(oldest);
    bytes -= sizes.get(oldest) ?? 0;
    sizes.delete(oldest);
  }
}

/** While the cache holds more than the default bound, each read puts off shrinking it back. */
function putOffIdleTrim(): void {
  if (bytes <= DEFAULT_DECODED_TILE_BYTES) return;
  if (idleTrim) {
    idleTrim.refresh();
    return;
  }
  idleTrim = setTimeout(() => {
    idleTrim = undefined;
    evictDownTo(DEFAULT_DECODED_TILE_BYTES);
  }, IDLE_TRIM_MS);
  idleTrim.unref();
}

function remember(key: string, size: number, bound: number): void {
  sizes.set(key, size);
  bytes += size;
  evictDownTo(bound);
  putOffIdleTrim();
}

function keyOf(file: SceneAsset, imageIndex: number, open: OpenImage, x: number, y: number, sample: number): string {
  const planeSample = open.image.planarConfiguration === 2 ? sample : 0;
  return `${assetKey(file)}\n${imageIndex}\n${planeSample}\n${x}\n${y}`;
}

/** The tile's decoded bytes when the cache holds them (or they are being decoded), else undefined. */
export function knownTile(file: SceneAsset, imageIndex: number, open: OpenImage, x: number, y: number, sample: number): Promise<DecodedTile> | undefined {
  return tiles.get(keyOf(file, imageIndex, open, x, y, sample));
}

/**
 * The decoded bytes of tile/strip (x, y) of `sample` (PlanarConfiguration 2) or of all samples (1);
 * kept for later reads when `keep`, the cache then held to `bound` bytes.
 */
export function decodedTile(
  file: SceneAsset, imageIndex: number, open: OpenImage, x: number, y: number, sample: number, keep: boolean, signal?: AbortSignal,
  bound = DEFAULT_DECODED_TILE_BYTES,
): Promise<DecodedTile> {
  const planeSample = open.image.planarConfiguration === 2 ? sample : 0;
  const key = keyOf(file, imageIndex, open, x, y, sample);
  const known = tiles.get(key);
  if (known) {
    tiles.delete(key);
    tiles.set(key, known);
    putOffIdleTrim();
    return known;
  }
  if (!keep) return open.image.getTileOrStrip(x, y, planeSample, open.decoder, signal).then((tile) => tile.data);
  const pending = open.image.getTileOrStrip(x, y, planeSample, open.decoder, signal).then((tile) => {
    if (tiles.get(key) === pending) remember(key, tile.data.byteLength, bound);
    return tile.data;
  });
  pending.catch(() => {
    if (tiles.get(key) === pending) tiles.delete(key);
  });
  tiles.set(key, pending);
  return pending;
}
