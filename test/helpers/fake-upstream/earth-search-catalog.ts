/**
 * Fake Earth Search v1 (stac-server): POST/GET /search with search_after `next` tokens carried in
 * a POST `next` link (body = the whole request + `next`, merge:false), present whenever the page
 * is not empty (so the last real page is followed by an empty one, as recorded), counts in
 * `context` and `numberMatched`; the fields extension, whose `next` link goes missing when
 * `fields` leaves out a sort field (stac-utils/stac-server#823); limits up to 10,000 unless
 * `maxLimit` says less; item routes; landing page and collections from the recordings.
 */
import { answerItemRoute, clampLimit, GEOJSON, searchOrBadRequest, type CatalogExchange } from './catalog-exchange';
import { applyBodyFaults, takeFault } from './faults';
import { applyFields } from './fields-extension';
import { FIXTURE, readFixtureJson, type Json } from './fixture-files';
import { sendFeatureCollection, sendJson, sendStacError } from './http-exchange';
import { propertyOf, searchPool } from './stac-filter';

export interface EarthSearchFakeOptions {
  /** stac-server clamps larger limits to its deployment cap. */
  maxLimit?: number;
}

/** stac-server's token: the sort values of the last item, then its id and collection. */
function tokenFor(item: Json, sortFields: string[]): string {
  return [...sortFields.map((field) => String(propertyOf(item, field))), String(item.id), String(item.collection)].join(',');
}

export function handleEarthSearch(exchange: CatalogExchange, options: EarthSearchFakeOptions): void {
  const { method, path, res } = exchange;
  if (method === 'GET' && (path === '' || path === '/')) return sendJson(res, 200, readFixtureJson(FIXTURE.esLanding));
  if (method === 'GET' && path === '/conformance') return sendJson(res, 200, { conformsTo: readFixtureJson(FIXTURE.esLanding).conformsTo });
  if (method === 'GET' && path === '/collections') return sendJson(res, 200, readFixtureJson(FIXTURE.esCollections));
  if (answerItemRoute(exchange)) return;
  if (path !== '/search' || (method !== 'GET' && method !== 'POST')) return sendStacError(res, 404, `no route ${method} ${path}`);

  const search = searchOrBadRequest(exchange);
  if (!search) return;
  if (applyBodyFaults(exchange.faults, res)) return;
  const matched = searchPool(exchange.items, search.params, exchange.faults.ignoreQueryFields);
  const limit = clampLimit(search.limit, 10, options.maxLimit ?? 10_000);
  let start = 0;
  if (typeof search.paging.next === 'string') {
    const [collection, id] = search.paging.next.split(',').reverse();
    const index = matched.findIndex((item) => item.id === id && item.collection === collection);
    if (index < 0) return sendStacError(res, 400, `invalid next token ${search.paging.next}`);
    start = index + 1;
  }
  const page = matched.slice(start, start + limit);
  const features = page.map((item) => applyFields(item, search.fields));
  const sortFields = (search.params.sortby ?? [{ field: 'properties.datetime' }]).map((sort) => sort.field);
  const sortFieldsKept = features.length === 0 || sortFields.every((field) => propertyOf(features[features.length - 1], field) !== undefined);
  const links: Json[] = [{ rel: 'root', type: 'application/json', href: exchange.root }];
  if (page.length > 0 && sortFieldsKept && !takeFault(exchange.faults, 'missingNext')) {
    links.unshift({
      rel: 'next', title: 'Next page of Items', method: 'POST', type: GEOJSON, href: `${exchange.root}/search`,
      merge: false, body: { ...search.echo, next: tokenFor(page[page.length - 1], sortFields) },
    });
  }
  sendFeatureCollection(res, {
    type: 'FeatureCollection',
    stac_version: '1.0.0',
    stac_extensions: [],
    context: { limit, matched: matched.length, returned: features.length },
    numberMatched: matched.length,
    numberReturned: features.length,
    features,
    links,
  }, `${GEOJSON}; charset=utf-8`, exchange.featureJson);
}
