/**
 * Normalized items crossing a thread boundary cheaply. Most of an item's size is its `assets`;
 * a worker sends the item without them plus the item's JSON (which it makes anyway, for answers
 * and the items cache), and this side rebuilds an item whose `assets` are parsed from that JSON
 * only when something reads them. A search answer and the cache use the JSON; dedupe reads the
 * assets of the few scenes found in two catalogs. Strings cross threads as one copy, while
 * structured-cloning the asset objects cost more than parsing the page they came from.
 */
import { itemBodyJson, rememberItemBody } from './item-json';
import type { StacAsset, StacItem } from './types';

/** An item as it is posted between threads. */
export interface WireItem {
  /** The item with `assets: null`, so its own key order (and so its JSON) is kept. */
  shell: Omit<StacItem, 'assets'> & { assets: null };
  /** JSON of the whole item without `links` (item-json.ts's memo). */
  body: string;
}

export function toWireItem(item: StacItem): WireItem {
  return { shell: { ...item, assets: null }, body: itemBodyJson(item) };
}

/**
 * The item again; its JSON is remembered, its assets are parsed on first read. Like every
 * normalized item it is never mutated (item-json.ts), so `assets` has no setter.
 */
export function fromWireItem(wire: WireItem): StacItem {
  const item = {} as StacItem;
  for (const [key, value] of Object.entries(wire.shell)) {
    if (key !== 'assets') {
      (item as unknown as Record<string, unknown>)[key] = value;
      continue;
    }
    Object.defineProperty(item, 'assets', {
      enumerable: true,
      configurable: true,
      get(): Record<string, StacAsset> {
        const assets = (JSON.parse(wire.body) as StacItem).assets;
        Object.defineProperty(item, 'assets', { value: assets, enumerable: true, configurable: true, writable: true });
        return assets;
      },
    });
  }
  rememberItemBody(item, wire.body);
  return item;
}
