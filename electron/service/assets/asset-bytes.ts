/**
 * The bytes of a scene's asset, named by what they are — scene id + asset (key or band name) +
 * byte range — not by a URL: the asset located in its item (asset-resolver.ts, which also routes
 * Landsat to its Planetary Computer copy), its bytes from the COG byte cache (SQLite blocks
 * first, the upstream file behind them; offline, the cache alone). Everything that reads COG
 * bytes of a scene goes through here: the HTTP proxy `GET /api/v1/scenes/{id}/assets/{band}/cog`
 * (renderer and outside clients), planning's header probe and the processing workers' reads over
 * their task's port — so all three see the same bytes and the same errors.
 */
import { invalidParameter } from '../api/errors';
import type { CogByteCache, ReadOptions } from '../cache/cog-byte-cache';
import type { AssetLocation, AssetResolver } from './asset-resolver';

/** One asset of one scene. */
export interface AssetRef {
  /** API scene id, `<source>:<upstream id>`. */
  scene: string;
  /** Asset key (`B04`) or band name (`red`), resolved as the assets route resolves it. */
  asset: string;
}

/** An asset located and its upstream file known (size, ETag, media type). */
export interface AssetFile {
  location: AssetLocation;
  size: number;
  etag: string | null;
  contentType: string | null;
}

export type AssetReadOptions = Pick<ReadOptions, 'signal' | 'owned' | 'readAheadBytes'>;

export class AssetByteSource {
  constructor(private readonly assets: Pick<AssetResolver, 'locate'>, private readonly bytes: CogByteCache) {}

  /** Locates the asset and learns its file's size; 404 for an unknown scene or asset. */
  async file(ref: AssetRef, signal?: AbortSignal): Promise<AssetFile> {
    const location = await this.assets.locate(ref.scene, ref.asset, 'any', signal);
    const file = await this.bytes.stat(location.url, signal);
    return { location, size: file.size, etag: file.etag, contentType: file.contentType };
  }

  /**
   * Bytes `offset`..`offset + length` of the asset: fewer at the end of the file, none past it
   * (a Range reader's view). `owned`: the result shares no memory, so it may be transferred.
   */
  async read(ref: AssetRef, offset: number, length: number, options: AssetReadOptions = {}): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 1) {
      throw invalidParameter('range', `bad byte range ${offset}+${length}`);
    }
    const file = await this.file(ref, options.signal);
    if (offset >= file.size) return new Uint8Array(0);
    return this.readFile(file, offset, Math.min(file.size, offset + length) - 1, options);
  }

  /** Bytes `start`..`end` (inclusive, within the file) of an asset `file()` located. */
  readFile(file: AssetFile, start: number, end: number, options: AssetReadOptions = {}): Promise<Buffer> {
    return this.bytes.read(file.location.url, start, end, options);
  }

  /** The same bytes in bounded chunks, for answers too large to hold at once. */
  chunks(file: AssetFile, start: number, end: number, options: AssetReadOptions = {}): AsyncGenerator<Buffer> {
    return this.bytes.chunks(file.location.url, start, end, options);
  }
}
