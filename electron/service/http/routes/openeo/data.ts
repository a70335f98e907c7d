/**
 * What the local openEO back-end offers: `/collections` and `/collections/{collection_id}` (the
 * local collections of openeo/graph/, with `cube:dimensions` and bands), and `/processes` (exactly
 * the processes the engine runs, their official definitions — all of them, whatever `limit` asks).
 * Need a token with the `read` scope.
 */
import type { FastifyInstance } from 'fastify';
import { OpenEoError, parseCollectionId } from '../../../openeo/graph';
import { collectionDocument, collectionList, processList } from '../../../openeo/local';
import { at, openEoConfig, origin } from './route-options';

/** openEO's pagination parameter: accepted, and ignored here (everything fits one page). */
const LIMIT_QUERY = { type: 'object', properties: { limit: { type: 'integer', minimum: 1 } } };

export function dataRoutes(app: FastifyInstance): void {
  app.get(at('/collections'), { config: openEoConfig('read'), schema: { querystring: LIMIT_QUERY } }, async (request) => collectionList(origin(request)));

  app.get<{ Params: { collection_id: string } }>(at('/collections/:collection_id'), { config: openEoConfig('read') }, async (request) => {
    const id = request.params.collection_id;
    const collection = parseCollectionId(id);
    if (!collection) throw new OpenEoError('CollectionNotFound', `Collection '${id.slice(0, 100)}' does not exist; GET /collections lists the local ones.`);
    return collectionDocument(origin(request), collection);
  });

  app.get(at('/processes'), { config: openEoConfig('read'), schema: { querystring: LIMIT_QUERY } }, async (request) => processList(origin(request)));
}
