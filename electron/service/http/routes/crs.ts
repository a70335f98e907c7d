/**
 * GET /api/v1/crs/{code}: the definition of a CRS the service makes grids in (built in, or from
 * the offline EPSG index), so a client can draw a result in it without looking it up on the web.
 */
import type { FastifyInstance } from 'fastify';
import { crsInfo } from '../../../../workers/lib/geo/crs';
import type { ResponseOf } from '../../api/contract';
import { invalidParameter } from '../../api/errors';

export function crsRoutes(app: FastifyInstance): void {
  app.get<{ Params: { code: string } }>('/api/v1/crs/:code', { config: { access: 'read' } }, async (request): Promise<ResponseOf<'GET /api/v1/crs/{code}'>> => {
    let info;
    try {
      info = crsInfo(request.params.code);
    } catch (error) {
      throw invalidParameter('code', (error as Error).message);
    }
    return { crs: info.crs, name: info.name, proj4: info.definition, geographic: info.geographic, unit: info.unit };
  });
}
