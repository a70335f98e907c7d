/**
 * JobKind `offline` (POST /api/v1/cache/offline {scene, bands, bbox?}): fetches everything needed
 * to view and process a scene without the network — the item, its thumbnail, each band's COG
 * header and every tile overlapping the bbox at full resolution and at every overview level — into
 * the caches, pinned so eviction takes them last. Progress is by bytes; a checkpoint after each
 * batch (band + tiles done, in a deterministic order) lets a restart resume where it stopped.
 */
import { fromCustomClient } from 'geotiff';
import { invalidParameter } from '../api/errors';
import type { AssetResolver } from '../assets/asset-resolver';
import { selectAssetKey } from '../assets/select-asset';
import type { JobKind, JobRunContext } from '../jobs/job-kind';
import type { JobResult } from '../jobs/types';
import { parseScopedId } from '../search/scoped-id';
import type { Bbox } from '../stac/types';
import { BlockCacheClient } from './block-cache-client';
import type { CogByteCache } from './cog-byte-cache';
import { planCogTiles, type TileBytes } from './cog-tile-plan';
import type { ItemCache } from './item-cache';

/** What the prefetch uses, given at composition (server.ts). */
export interface OfflinePrefetchDeps {
  assets: Pick<AssetResolver, 'scene' | 'locate'>;
  bytes: CogByteCache;
  items: Pick<ItemCache, 'upsertMany'>;
  /** The byte cache's limit (config cacheMaxBytes): the most a prefetch can leave behind. */
  cacheMaxBytes: number;
  /** Validation reads the scene; it stops at shutdown. */
  shutdownSignal: AbortSignal;
}

export type OfflinePrefetchParams = {
  scene: string;
  /** Asset keys, resolved from the requested names. */
  bands: string[];
  bbox: Bbox | null;
};

/** Where a resumed job continues: bands before `band` are done, and `tile` tiles of that band. */
export interface PrefetchCheckpoint {
  v: 1;
  band: number;
  tile: number;
}

/** Tiles fetched per batch (and checkpoint): at most a few MiB or 16 tiles, so progress moves and little is redone. */
const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_TILES = 16;
const THUMBNAIL_KEYS = ['thumbnail', 'rendered_preview', 'preview'];
const MAX_BANDS = 32;

function parseBbox(value: unknown): Bbox | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length !== 4 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw invalidParameter('bbox', 'must be [minLon, minLat, maxLon, maxLat] (four numbers)');
  }
  const [w, s, e, n] = value as number[];
  if ([w, e].some((lon) => lon < -180 || lon > 180)) throw invalidParameter('bbox', 'longitudes must be within -180..180');
  if ([s, n].some((lat) => lat < -90 || lat > 90)) throw invalidParameter('bbox', 'latitudes must be within -90..90');
  if (s > n) throw invalidParameter('bbox', `minLat ${s} is greater than maxLat ${n}`);
  return [w, s, e, n];
}

function parseBands(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((b) => typeof b === 'string' && b.trim() !== '')) {
    throw invalidParameter('bands', 'must be a non-empty list of band names, e.g. ["B04", "nir"]');
  }
  if (list.length > MAX_BANDS) throw invalidParameter('bands', `at most ${MAX_BANDS} bands`);
  return [...new Set(list.map((b: string) => b.trim()))];
}

function readCheckpoint(state: unknown): PrefetchCheckpoint {
  const s = state as Partial<PrefetchCheckpoint> | null;
  return s && s.v === 1 && Number.isInteger(s.band) && Number.isInteger(s.tile) ? (s as PrefetchCheckpoint) : { v: 1, band: 0, tile: 0 };
}

/** Tiles in file order, in batches: neighbouring tiles share upstream requests. */
function batches(tiles: TileBytes[]): TileBytes[][] {
  const out: TileBytes[][] = [];
  let current: TileBytes[] = [];
  let bytes = 0;
  for (const tile of tiles) {
    current.push(tile);
    bytes += tile.end - tile.start + 1;
    if (bytes >= BATCH_BYTES || current.length >= BATCH_TILES) { out.push(current); current = []; bytes = 0; }
  }
  if (current.length) out.push(current);
  return out;
}

async function validate(body: Record<string, unknown>, deps: OfflinePrefetchDeps): Promise<OfflinePrefetchParams> {
  for (const key of Object.keys(body)) {
    if (!['scene', 'bands', 'bbox'].includes(key)) throw invalidParameter(key, 'is not a known parameter');
  }
  if (typeof body.scene !== 'string') throw invalidParameter('scene', 'is required: a scene id such as sentinel-2:S2A_…');
  parseScopedId(body.scene, 'scene');
  const bands = parseBands(body.bands);
  const bbox = parseBbox(body.bbox);
  const item = await deps.assets.scene(body.scene, deps.shutdownSignal);
  return { scene: body.scene, bands: [...new Set(bands.map((band) => selectAssetKey(item, band, 'any')))], bbox };
}

async function run(params: OfflinePrefetchParams, ctx: JobRunContext, deps: OfflinePrefetchDeps): Promise<JobResult> {
  const { assets, bytes } = deps;
  const { signal } = ctx;
  const item = await assets.scene(params.scene, signal);
  deps.items.upsertMany([item]);

  const thumbnailKey = THUMBNAIL_KEYS.find((key) => item.assets[key]);
  let thumbnail = false;
  if (thumbnailKey) {
    try {
      const location = await assets.locate(params.scene, thumbnailKey, 'any', signal);
      const file = await bytes.stat(location.url, signal);
      await bytes.ensure(location.url, [{ start: 0, end: file.size - 1 }], { signal, pin: true });
      thumbnail = true;
    } catch (error) {
      if (signal.aborted) throw error;
      // A missing thumbnail does not make the scene unusable offline; the result says so.
    }
  }

  // Plans first (headers are small and cached as they are read), so progress can count bytes.
  const plans = [];
  for (const band of params.bands) {
    const location = await assets.locate(params.scene, band, 'any', signal);
    const tiff = await fromCustomClient(new BlockCacheClient(bytes, location.url, { pin: true }), {}, signal);
    const plan = await planCogTiles(tiff, params.bbox);
    await bytes.ensure(location.url, [{ start: 0, end: plan.headerEnd }], { signal, pin: true });
    const tiles = [...plan.tiles].sort((a, b) => a.start - b.start);
    plans.push({ band, url: location.url, tiles, levels: plan.levels });
  }
  const size = (tiles: TileBytes[]) => tiles.reduce((sum, t) => sum + t.end - t.start + 1, 0);
  const total = plans.reduce((sum, p) => sum + size(p.tiles), 0);

  const resume = readCheckpoint(ctx.resumeState);
  let done = plans.slice(0, resume.band).reduce((sum, p) => sum + size(p.tiles), 0)
    + (plans[resume.band] ? size(plans[resume.band].tiles.slice(0, resume.tile)) : 0);
  let fetched = 0;
  ctx.progress(total === 0 ? 1 : done / total);
  for (let b = resume.band; b < plans.length; b += 1) {
    const plan = plans[b];
    let position = b === resume.band ? resume.tile : 0;
    for (const batch of batches(plan.tiles.slice(position))) {
      fetched += await bytes.ensure(plan.url, batch, { signal, pin: true });
      position += batch.length;
      done += size(batch);
      ctx.checkpoint({ v: 1, band: b, tile: position } satisfies PrefetchCheckpoint);
      ctx.progress(total === 0 ? 1 : done / total);
    }
    ctx.checkpoint({ v: 1, band: b + 1, tile: 0 } satisfies PrefetchCheckpoint);
  }

  return {
    scene: params.scene,
    bbox: params.bbox ?? undefined,
    thumbnail,
    bands: Object.fromEntries(plans.map((p) => [p.band, { tiles: p.tiles.length, levels: p.levels, bytes: size(p.tiles) }])),
    bytes_fetched: fetched,
  };
}

/**
 * What the prefetch can add to the byte cache: the whole of each band's file (a bbox takes less),
 * at most the cache's limit, which eviction keeps. A band whose size cannot be read now counts 0:
 * the run reports why it cannot be fetched.
 */
async function estimateStorage(params: OfflinePrefetchParams, deps: OfflinePrefetchDeps): Promise<number> {
  const { assets, bytes, shutdownSignal } = deps;
  let total = 0;
  for (const band of params.bands) {
    try {
      const location = await assets.locate(params.scene, band, 'any', shutdownSignal);
      total += (await bytes.stat(location.url, shutdownSignal)).size;
    } catch {
      // Counted as 0 (see above).
    }
  }
  return Math.min(total, deps.cacheMaxBytes);
}

export function offlinePrefetchJob(deps: OfflinePrefetchDeps): JobKind<OfflinePrefetchParams> {
  return {
    type: 'offline',
    validate: (body) => validate(body, deps),
    run: (params, ctx) => run(params, ctx, deps),
    estimateStorage: (params) => estimateStorage(params, deps),
    resumable: true,
  };
}
