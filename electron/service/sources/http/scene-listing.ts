/**
 * Id listings for counting a search (SourceAdapter.listScenes): the same search, asking through
 * the STAC `fields` extension for identifiers and the few properties that tell which acquisition
 * an item is (../normalize/scene-identity.ts), in big pages. The spec adds `include` to a default
 * set that has geometry and assets, so those are excluded explicitly (stac-api-extensions/fields).
 * A catalog that ignores `fields` answers full items, which list the same.
 */
import type { SourceId } from '../../stac/types';
import { identityOfListed, sceneKeyOf, SCENE_IDENTITY_PROPERTIES } from '../normalize/scene-identity';
import type { ListedScene, SceneListQuery, SourceContext, SourceQuery } from '../types';
import { readFeatureCollection, type UpstreamPage } from './feature-collection';
import { commonSearchBody } from './search-body';
import { requestUpstreamJson, type UpstreamRequest } from './upstream-request';

export const SCENE_LISTING_FIELDS = {
  include: ['id', 'collection', ...SCENE_IDENTITY_PROPERTIES.map((name) => `properties.${name}`), 'properties.eo:cloud_cover'],
  exclude: ['geometry', 'bbox', 'assets', 'links'],
};

/** The filters of a listing as a search body, with `fields` and the page size as `limit`. */
export function listingBody(query: SceneListQuery, collections: string[], openEnds?: { start: string; end: string }): Record<string, unknown> {
  const asSearch: SourceQuery = { ...query, limit: query.pageSize, sortby: '-datetime' };
  return { ...commonSearchBody(asSearch, collections, query.pageSize, openEnds), fields: SCENE_LISTING_FIELDS };
}

/** One listing page as the upstream sent it (features are small records). */
export async function requestListingPage(request: UpstreamRequest, ctx: SourceContext): Promise<UpstreamPage> {
  return readFeatureCollection(await requestUpstreamJson(request, ctx), request.source);
}

/** The scenes of listed features; features normalization would skip are left out. */
export function listedScenes(features: readonly unknown[], source: SourceId): ListedScene[] {
  const scenes: ListedScene[] = [];
  for (const raw of features) {
    const identity = identityOfListed(raw);
    if (!identity) continue;
    const sceneKey = sceneKeyOf(identity);
    scenes.push(sceneKey === undefined ? { id: `${source}:${identity.upstreamId}` } : { id: `${source}:${identity.upstreamId}`, sceneKey });
  }
  return scenes;
}
