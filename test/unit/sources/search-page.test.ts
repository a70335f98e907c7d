/**
 * search-page.ts: a page decoded into plain data (what a worker thread posts back) and viewed
 * again gives adapters exactly what parsing and normalizing the raw features inline gave.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSearchPage, pageItem, viewSearchPage } from '../../../electron/service/sources/http/search-page';
import { normalizeItems } from '../../../electron/service/sources/normalize/normalize-item';
import { UpstreamFailure } from '../../../electron/service/sources/types';
import { itemJson } from '../../../electron/service/stac/item-json';
import { ES_ORIGIN, LL_ORIGIN, PC_ORIGIN, brokenCopies } from './normalize-fixtures';
import { STAC_RESPONSES_DIR } from '../../helpers/fixtures';

const FIXTURES = STAC_RESPONSES_DIR;
const PAGES = [
  ['earth-search/earth-search_sentinel-2-c1-l2a_13TDE_item-collection.json', ES_ORIGIN],
  ['earth-search/earth-search_sentinel-2-l2a+landsat-c2-l2_search_page1.json', ES_ORIGIN],
  ['planetary-computer/planetary-computer_sentinel-2-l2a_search.json', PC_ORIGIN],
  ['planetary-computer/planetary-computer_naip_search_page1.json', PC_ORIGIN],
] as const;

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
/** What crosses the thread boundary: a structured clone, as postMessage makes it. */
const posted = <T>(value: T): T => structuredClone(value);

describe('decodeSearchPage + viewSearchPage', () => {
  it.each(PAGES)('%s: the same items, JSON and skips as normalizing the parsed page', (file, origin) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const raw = JSON.parse(text) as { features: unknown[]; links: unknown[] };
    const expected = normalizeItems(raw.features, origin);
    expect(expected.items.length).toBeGreaterThan(0);

    const view = viewSearchPage(posted(decodeSearchPage(bytesOf(text), origin.source, origin)), origin.source, 'example.test');
    const got = view.normalize(view.features);
    expect(got.skipped).toBe(expected.skipped);
    expect(got.items.map((item) => itemJson(item))).toEqual(expected.items.map((item) => itemJson(item)));
    expect(JSON.parse(JSON.stringify(got.items))).toEqual(JSON.parse(JSON.stringify(expected.items)));
    expect(view.links).toEqual(raw.links);
    expect(view.features).toHaveLength(raw.features.length);
  });

  it('summaries carry what adapters page and filter by, and normalize any subset in its order', () => {
    const text = readFileSync(join(FIXTURES, PAGES[2][0]), 'utf8');
    const raw = JSON.parse(text) as { features: Array<{ id: string; properties: Record<string, unknown> }> };
    const view = viewSearchPage(decodeSearchPage(bytesOf(text), 'planetary-computer', PC_ORIGIN), 'planetary-computer', 'pc.test');
    view.features.forEach((summary, i) => {
      const { datetime, platform } = raw.features[i].properties;
      expect(summary).toEqual({ id: raw.features[i].id, properties: expect.objectContaining({ datetime, platform }) });
    });
    const subset = [view.features[2], view.features[0]];
    expect(view.normalize(subset).items.map((item) => item.id)).toEqual([raw.features[2].id, raw.features[0].id].map((id) => `planetary-computer:${id}`));
    // The same feature twice gives the same item object, as a filter may ask twice.
    expect(view.normalize([view.features[1]]).items[0]).toBe(view.normalize([view.features[1]]).items[0]);
  });

  it('skips broken features with their reasons and keeps the rest', () => {
    const text = readFileSync(join(FIXTURES, PAGES[0][0]), 'utf8');
    const page = JSON.parse(text) as { features: unknown[] };
    const broken = brokenCopies(page.features[0] as Record<string, unknown>).map(([, item]) => item);
    const body = JSON.stringify({ ...page, features: [...broken, page.features[0]] });
    const view = viewSearchPage(decodeSearchPage(bytesOf(body), 'sentinel-2', ES_ORIGIN), 'sentinel-2', 'es.test');
    const expected = normalizeItems([...broken, page.features[0]], ES_ORIGIN);
    const got = view.normalize(view.features);
    expect(got.items.map((item) => item.id)).toEqual(expected.items.map((item) => item.id));
    expect(got.skipped).toBe(expected.skipped);
    expect(got.reasons).toEqual(expected.reasons);
  });

  it('malformed JSON and non-FeatureCollections become the upstream_error adapters threw before', () => {
    const malformed = () => viewSearchPage(decodeSearchPage(bytesOf('{"type":"FeatureCollection","features":[{"id":"tr'), 'landsat', LL_ORIGIN), 'landsat', 'landsatlook.test');
    expect(malformed).toThrow(UpstreamFailure);
    expect(malformed).toThrow(/^malformed JSON from landsatlook\.test: /);
    const forbidden = () => viewSearchPage(decodeSearchPage(bytesOf('{"message":"Forbidden"}'), 'sentinel-2', ES_ORIGIN), 'sentinel-2', 'es.test');
    expect(forbidden).toThrow('malformed JSON: the search response is not a GeoJSON FeatureCollection');
  });

  it('pageItem finds an item by upstream id, null when absent, and fails on an unusable one', () => {
    const text = readFileSync(join(FIXTURES, PAGES[2][0]), 'utf8');
    const raw = JSON.parse(text) as { features: Array<{ id: string }> };
    const view = viewSearchPage(decodeSearchPage(bytesOf(text), 'planetary-computer', PC_ORIGIN), 'planetary-computer', 'pc.test');
    expect(pageItem(view, raw.features[1].id, 'planetary-computer')?.id).toBe(`planetary-computer:${raw.features[1].id}`);
    expect(pageItem(view, 'no-such-id', 'planetary-computer')).toBeNull();
    const unusable = JSON.stringify({ type: 'FeatureCollection', features: [{ ...raw.features[0], geometry: null }] });
    const bad = viewSearchPage(decodeSearchPage(bytesOf(unusable), 'planetary-computer', PC_ORIGIN), 'planetary-computer', 'pc.test');
    expect(() => pageItem(bad, raw.features[0].id, 'planetary-computer')).toThrow(/unusable item: .*geometry/);
  });
});
