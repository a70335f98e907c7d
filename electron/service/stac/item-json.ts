/**
 * The JSON text of normalized STAC items, made once per item and shared: the items cache stores
 * it and search answers are assembled from it, so an item is stringified once, not once for
 * SQLite and again for every answer. Normalized items are never mutated (a change makes a new
 * object, e.g. dedupe's mergeCopies), which is what makes the memo safe.
 *
 * The memo holds the item without `links`; links are appended last, with relative hrefs made
 * absolute for answers (`origin`) and kept relative for storage.
 */
import type { StacItem, StacLink } from './types';

const bodies = new WeakMap<StacItem, string>();

/** The item's JSON without `links`, made once per item. */
export function itemBodyJson(item: StacItem): string {
  let body = bodies.get(item);
  if (body === undefined) {
    const { links: _links, ...rest } = item;
    body = JSON.stringify(rest);
    bodies.set(item, body);
  }
  return body;
}

function linksJson(links: readonly StacLink[], origin: string | undefined): string {
  if (!origin) return JSON.stringify(links);
  return JSON.stringify(links.map((link) => (typeof link.href === 'string' && link.href.startsWith('/') ? { ...link, href: origin + link.href } : link)));
}

/**
 * Records `body` as the item's JSON without links, when it was made elsewhere from an equal item
 * (a worker thread: wire-item.ts), so it is not made again here.
 */
export function rememberItemBody(item: StacItem, body: string): void {
  bodies.set(item, body);
}

/** The item's JSON; with `origin`, relative link hrefs become absolute (`origin` + href). */
export function itemJson(item: StacItem, origin?: string): string {
  const body = itemBodyJson(item);
  if (!Array.isArray(item.links)) return body;
  const links = linksJson(item.links, origin);
  return body === '{}' ? `{"links":${links}}` : `${body.slice(0, -1)},"links":${links}}`;
}
