/**
 * Upstream STAC item → one ASTRA STAC 1.0.0 item (api.md "one naming"), or the reason it was
 * skipped. Pure: no I/O, never throws on bad upstream data.
 */
import type { StacItem } from '../../stac/types';
import type { ItemOrigin } from './item-origin';
import { normalizeLandsat } from './normalize-landsat';
import { normalizeGeneric } from './normalize-generic';
import { normalizeSentinel2 } from './normalize-sentinel-2';
import { itemFamily } from './scene-identity';
import { readUpstreamCore } from './upstream-core';

export type NormalizeResult = { ok: true; item: StacItem } | { ok: false; reason: string };

export function normalizeItem(raw: unknown, origin: ItemOrigin): NormalizeResult {
  const read = readUpstreamCore(raw);
  if (!read.ok) return read;
  try {
    switch (itemFamily(read.core)) {
      case 'sentinel-2': return { ok: true, item: normalizeSentinel2(read.core, origin) };
      case 'landsat': return { ok: true, item: normalizeLandsat(read.core, origin) };
      default: return { ok: true, item: normalizeGeneric(read.core, origin) };
    }
  } catch (error) {
    // Defensive: a shape the readers did not anticipate must cost one item, not the page.
    return { ok: false, reason: `${read.core.upstreamId}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface NormalizedPage {
  items: StacItem[];
  skipped: number;
  reasons: string[];
}

export function normalizeItems(raws: readonly unknown[], origin: ItemOrigin): NormalizedPage {
  const page: NormalizedPage = { items: [], skipped: 0, reasons: [] };
  for (const raw of raws) {
    const result = normalizeItem(raw, origin);
    if (result.ok) page.items.push(result.item);
    else {
      page.skipped += 1;
      page.reasons.push(result.reason);
    }
  }
  return page;
}
