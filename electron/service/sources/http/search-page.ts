/**
 * One upstream search page, from its bytes to normalized items: decode, parse, read the
 * FeatureCollection, normalize every feature. Pure, so it runs on a worker thread (the
 * `decode-search-page` task of workers/raster-task.ts) as well as inline.
 *
 * The decoded page is plain data that crosses threads cheaply: each feature travels as a small
 * summary (the fields adapters page by: id, datetime, cloud cover, platform) beside its
 * normalization result, and normalized items as wire items (stac/wire-item.ts). Adapters filter
 * the summaries as they filtered raw features and take the normalized items of those they keep.
 */
import type { SourceId, StacItem } from '../../stac/types';
import { fromWireItem, toWireItem, type WireItem } from '../../stac/wire-item';
import type { ItemOrigin } from '../normalize/item-origin';
import { isRecord, type JsonRecord } from '../normalize/json-guards';
import { normalizeItem, type NormalizedPage } from '../normalize/normalize-item';
import { readFeatureCollection } from './feature-collection';
import { jsonText } from './json-text';
import { UpstreamFailure } from '../upstream-failure';

/** Feature properties adapters read when paging and filtering (pc-paging.ts, landsatlook-source.ts). */
const SUMMARY_PROPERTIES = ['datetime', 'eo:cloud_cover', 'platform'];

type WireResult = { ok: true; item: WireItem } | { ok: false; reason: string };

/** A decoded page as posted between threads. */
export type DecodedSearchPage =
  | {
    ok: true;
    /** Per upstream feature, in order: a summary record (null for a feature that is not an object). */
    summaries: Array<JsonRecord | null>;
    results: WireResult[];
    links: JsonRecord[];
    matched?: number;
  }
  /** `malformedJson`: the bytes did not parse; otherwise the JSON was not a search page. */
  | { ok: false; malformedJson: boolean; message: string };

/** What adapters read: features (summaries) to filter, and the normalized items of any subset. */
export interface SearchPageView {
  features: unknown[];
  links: JsonRecord[];
  matched?: number;
  /** The normalized items of `features` elements (a subset, in its order), and what was skipped. */
  normalize(subset: readonly unknown[]): NormalizedPage;
}

/** Decodes a page into transferable data. Never throws: failures come back as `ok: false`. */
export function decodeSearchPage(bytes: Uint8Array, source: SourceId, origin: ItemOrigin): DecodedSearchPage {
  let body: unknown;
  try {
    body = JSON.parse(jsonText(bytes)) as unknown;
  } catch (error) {
    return { ok: false, malformedJson: true, message: (error as Error).message };
  }
  try {
    const page = readFeatureCollection(body, source);
    return {
      ok: true,
      summaries: page.features.map(summarize),
      results: page.features.map((raw): WireResult => {
        const result = normalizeItem(raw, origin);
        return result.ok ? { ok: true, item: toWireItem(result.item) } : result;
      }),
      links: page.links,
      matched: page.matched,
    };
  } catch (error) {
    return { ok: false, malformedJson: false, message: (error as Error).message };
  }
}

/** The normalized item with this upstream id (an `ids` search), null when the page lacks it. */
export function pageItem(page: SearchPageView, upstreamId: string, source: SourceId): StacItem | null {
  const feature = page.features.find((candidate) => isRecord(candidate) && candidate.id === upstreamId);
  if (!feature) return null;
  const normalized = page.normalize([feature]);
  if (normalized.items.length === 0) throw new UpstreamFailure(source, 'upstream_error', `unusable item: ${normalized.reasons[0]}`);
  return normalized.items[0];
}

function summarize(raw: unknown): JsonRecord | null {
  if (!isRecord(raw)) return null;
  const summary: JsonRecord = { id: raw.id };
  if (isRecord(raw.properties)) {
    const properties: JsonRecord = {};
    for (const key of SUMMARY_PROPERTIES) if (key in raw.properties) properties[key] = raw.properties[key];
    summary.properties = properties;
  }
  return summary;
}

/**
 * The adapter's view of a decoded page (`where` names the upstream in failure messages); throws
 * the UpstreamFailure the page carries.
 */
export function viewSearchPage(decoded: DecodedSearchPage, source: SourceId, where: string): SearchPageView {
  if (!decoded.ok) {
    throw new UpstreamFailure(source, 'upstream_error', decoded.malformedJson ? `malformed JSON from ${where}: ${decoded.message}` : decoded.message);
  }
  const index = new Map<unknown, number>();
  decoded.summaries.forEach((summary, i) => { if (summary) index.set(summary, i); });
  const items = new Map<number, StacItem>();
  return {
    features: decoded.summaries,
    links: decoded.links,
    matched: decoded.matched,
    normalize(subset) {
      const page: NormalizedPage = { items: [], skipped: 0, reasons: [] };
      for (const feature of subset) {
        const i = index.get(feature);
        const result = i === undefined ? undefined : decoded.results[i];
        if (i !== undefined && result?.ok) {
          let item = items.get(i);
          if (!item) items.set(i, item = fromWireItem(result.item));
          page.items.push(item);
        } else {
          page.skipped += 1;
          page.reasons.push(result && !result.ok ? result.reason : 'not a JSON object');
        }
      }
      return page;
    },
  };
}
