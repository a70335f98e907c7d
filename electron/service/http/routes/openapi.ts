import type { FastifyInstance } from 'fastify';
import type { ResponseOf } from '../../api/contract';
import { openApiDocument } from '../openapi-document';
import { selfOrigin } from './search';

export function openApiRoutes(app: FastifyInstance): void {
  app.get('/api/v1/openapi.json', { config: { access: 'read' } }, async (request, reply): Promise<ResponseOf<'GET /api/v1/openapi.json'>> => {
    reply.type('application/vnd.oai.openapi+json;version=3.0');
    return openApiDocument(selfOrigin(request), request.server.registeredRoutes());
  });
}
