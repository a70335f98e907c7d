/**
 * Fake Planetary Computer STAC (pgstac): POST/GET /search with `token=next:<collection>:<id>` in
 * POST `next`/`previous` links, no `next` on the last page, no counts at all; default limit 250,
 * max 1000; the fields extension; rejects bboxes beyond ±180 (microsoft/PlanetaryComputer#296).
 * Fault `missingNext` reproduces microsoft/planetary-computer-apis#274.
 */
import { answerItemRoute, clampLimit, GEOJSON, searchOrBadRequest, type CatalogExchange } from './catalog-exchange';
import { applyBodyFaults, takeFault } from './faults';
import { applyFields } from './fields-extension';
import { FIXTURE, readFixtureJson, type Json } from './fixture-files';
import { sendFeatureCollection, sendJson, sendStacError } from './http-exchange';
import { searchPool } from './stac-filter';

const COLLECTION_FIXTURES: Record<string, string> = {
  'sentinel-2-l2a': FIXTURE.pcS2Collection,
  'landsat-c2-l2': FIXTURE.pcLandsatCollection,
};

function pageStart(token: string, matched: Json[], limit: number): number | undefined {
  const match = /^(next|prev):([^:]+):(.+)$/.exec(token);
  if (!match) return undefined;
  const index = matched.findIndex((item) => item.collection === match[2] && item.id === match[3]);
  if (index < 0) return undefined;
  return match[1] === 'next' ? index + 1 : Math.max(0, index - limit);
}

export function handlePlanetaryComputer(exchange: CatalogExchange): void {
  const { method, path, res } = exchange;
  if (method === 'GET' && (path === '' || path === '/')) return sendJson(res, 200, readFixtureJson(FIXTURE.pcLanding));
  const collection = /^\/collections\/([^/]+)$/.exec(path);
  if (method === 'GET' && collection) {
    const fixture = COLLECTION_FIXTURES[decodeURIComponent(collection[1])];
    return fixture ? sendJson(res, 200, readFixtureJson(fixture)) : sendStacError(res, 404, `Collection ${collection[1]} not found`);
  }
  if (answerItemRoute(exchange)) return;
  if (path !== '/search' || (method !== 'GET' && method !== 'POST')) return sendStacError(res, 404, `no route ${method} ${path}`);

  const search = searchOrBadRequest(exchange);
  if (!search) return;
  if (search.params.bbox?.some((value, i) => i % 2 === 0 && Math.abs(value) > 180)) return sendStacError(res, 400, 'bbox longitude outside -180..180');
  if (applyBodyFaults(exchange.faults, res)) return;
  const matched = searchPool(exchange.items, search.params, exchange.faults.ignoreQueryFields);
  const limit = clampLimit(search.limit, 250, 1000);
  const start = typeof search.paging.token === 'string' ? pageStart(search.paging.token, matched, limit) : 0;
  if (start === undefined) return sendStacError(res, 400, `invalid token ${String(search.paging.token)}`);
  const page = matched.slice(start, start + limit);
  const links: Json[] = [
    { rel: 'root', type: 'application/json', href: `${exchange.root}/` },
    { rel: 'self', type: 'application/json', href: `${exchange.root}/search` },
  ];
  const link = (rel: string, token: string): Json => ({ rel, type: GEOJSON, method: 'POST', href: `${exchange.root}/search`, body: { ...search.echo, token } });
  const last = page[page.length - 1];
  if (last && start + limit < matched.length && !takeFault(exchange.faults, 'missingNext')) links.unshift(link('next', `next:${String(last.collection)}:${String(last.id)}`));
  if (page.length > 0 && start > 0) links.push(link('previous', `prev:${String(page[0].collection)}:${String(page[0].id)}`));
  const features = page.map((item) => applyFields(item, search.fields));
  sendFeatureCollection(res, { type: 'FeatureCollection', features, links }, GEOJSON, exchange.featureJson);
}
