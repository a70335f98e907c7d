/**
 * Fake USGS LandsatLook (older stac-server): POST/GET /search paged by `page` number, a POST
 * `next` link with `page + 1` while more results exist, counts in `context` only, a 10 000-result
 * window past which paging fails (stac-server PR #228), item ids with the `_SR` suffix as recorded,
 * the fields extension.
 */
import { answerItemRoute, clampLimit, GEOJSON, searchOrBadRequest, type CatalogExchange } from './catalog-exchange';
import { applyBodyFaults, takeFault } from './faults';
import { applyFields } from './fields-extension';
import type { Json } from './fixture-files';
import { sendFeatureCollection, sendJson, sendStacError } from './http-exchange';
import { searchPool } from './stac-filter';

export const LANDSATLOOK_RESULT_WINDOW = 10_000;

export function handleLandsatLook(exchange: CatalogExchange): void {
  const { method, path, res } = exchange;
  if (method === 'GET' && (path === '' || path === '/')) {
    return sendJson(res, 200, { type: 'Catalog', id: 'stac-server', stac_version: '1.0.0', description: 'fake LandsatLook', links: [{ rel: 'search', href: `${exchange.root}/search` }] });
  }
  if (answerItemRoute(exchange)) return;
  if (path !== '/search' || (method !== 'GET' && method !== 'POST')) return sendStacError(res, 404, `no route ${method} ${path}`);

  const search = searchOrBadRequest(exchange);
  if (!search) return;
  if (applyBodyFaults(exchange.faults, res)) return;
  const limit = clampLimit(search.limit, 10, 10_000);
  const page = typeof search.paging.page === 'number' ? search.paging.page : 1;
  if (!Number.isInteger(page) || page < 1) return sendStacError(res, 400, `invalid page ${String(search.paging.page)}`);
  if (page * limit > LANDSATLOOK_RESULT_WINDOW) return sendStacError(res, 400, 'Result window is too large, from + size must be less than or equal to: [10000]');
  const matched = searchPool(exchange.items, search.params, exchange.faults.ignoreQueryFields);
  const features = matched.slice((page - 1) * limit, page * limit).map((item) => applyFields(item, search.fields));
  const links: Json[] = [{ rel: 'root', type: 'application/json', href: exchange.root }];
  if (page * limit < matched.length && !takeFault(exchange.faults, 'missingNext')) {
    links.unshift({ rel: 'next', type: GEOJSON, method: 'POST', href: `${exchange.root}/search`, merge: false, body: { ...search.echo, page: page + 1 } });
  }
  sendFeatureCollection(res, {
    type: 'FeatureCollection',
    stac_version: '1.0.0',
    context: { page, limit, matched: matched.length, returned: features.length },
    features,
    links,
  }, GEOJSON, exchange.featureJson);
}
