/**
 * The same acquisition found in several catalogs (equal `astra:scene_key`) is returned once.
 *
 * Which copy is kept, in order:
 * 1. The producer's own catalog over the mirror: `sentinel-2` (Earth Search, which also declares
 *    `raster:bands` scale/offset) and `landsat` (USGS, the producer) before `planetary-computer`
 *    (no scale/offset metadata for Sentinel-2, no counts).
 * 2. Within the same rank (e.g. Earth Search `sentinel-2-l2a` and `sentinel-2-c1-l2a`), the copy
 *    with more metadata: properties + assets + assets declaring `raster:bands`.
 * 3. The smaller id, so the choice never depends on arrival order.
 * The other copies' ids go to `properties['astra:alternates']`, which asset routing uses to read
 * pixels from a cheaper or reachable catalog (e.g. Landsat pixels from Planetary Computer).
 */
import { createHash } from 'node:crypto';
import type { SourceId, StacItem } from '../stac/types';

export interface SourcedItem {
  item: StacItem;
  source: SourceId;
}

const SOURCE_PREFERENCE: Record<SourceId, number> = { 'sentinel-2': 0, landsat: 0, 'planetary-computer': 1 };

/** Equal keys = the same acquisition. Items without a scene key only match themselves (by id). */
export function dedupeKey(item: StacItem): string {
  const sceneKey = item.properties['astra:scene_key'];
  return dedupeKeyOf(item.id, typeof sceneKey === 'string' ? sceneKey : undefined);
}

/** The same key from a scoped id and scene key alone (a listed scene, count-matches.ts). */
export function dedupeKeyOf(id: string, sceneKey: string | undefined): string {
  return sceneKey !== undefined && sceneKey !== '' ? `scene:${sceneKey}` : `id:${id}`;
}

/** A short, fixed-length stand-in for a dedupe key, small enough to carry many in a cursor. */
export function hashDedupeKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 12);
}

export function metadataScore(item: StacItem): number {
  const assets = Object.values(item.assets ?? {});
  const withRasterBands = assets.filter((asset) => Array.isArray(asset['raster:bands'])).length;
  return Object.keys(item.properties).length + assets.length + withRasterBands;
}

/** The copy to show, by the rules above. */
export function choosePreferred(copies: readonly SourcedItem[]): SourcedItem {
  if (copies.length === 0) throw new RangeError('choosePreferred needs at least one copy');
  return [...copies].sort((a, b) =>
    SOURCE_PREFERENCE[a.source] - SOURCE_PREFERENCE[b.source]
    || metadataScore(b.item) - metadataScore(a.item)
    || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0))[0];
}

/** The preferred copy, with every other copy's id (and their alternates) in `astra:alternates`. */
export function mergeCopies(copies: readonly SourcedItem[]): StacItem {
  const kept = choosePreferred(copies).item;
  const alternates = new Set<string>();
  for (const { item } of copies) {
    alternates.add(item.id);
    for (const id of item.properties['astra:alternates'] ?? []) alternates.add(id);
  }
  alternates.delete(kept.id);
  if (alternates.size === 0) return kept;
  return { ...kept, properties: { ...kept.properties, 'astra:alternates': [...alternates] } };
}
