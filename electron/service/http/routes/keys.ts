/** /api/v1/keys: create (scopes default read,process), list with scopes, revoke — all need `admin`. */
import type { FastifyInstance } from 'fastify';
import { invalidParameter } from '../../api/errors';
import type { ResponseOf, RouteGeneric } from '../../api/contract';
import { parseScopes } from '../../keys/key-scopes';
import type { ServiceContext } from '../../service-context';

export function keyRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post<RouteGeneric<'POST /api/v1/keys'>>('/api/v1/keys', {
    config: { access: 'admin' },
    schema: {
      body: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        // `scopes`: an array of names or one comma-separated string, checked by parseScopes.
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, scopes: {} },
      },
    },
  }, async (request, reply): Promise<ResponseOf<'POST /api/v1/keys'>> => {
    const parsed = parseScopes(request.body.scopes);
    if ('problem' in parsed) throw invalidParameter('scopes', parsed.problem);
    const created = ctx.keys.create(request.body.name, parsed.scopes);
    reply.status(201).header('cache-control', 'no-store');
    return created;
  });

  app.get('/api/v1/keys', { config: { access: 'admin' } }, async (): Promise<ResponseOf<'GET /api/v1/keys'>> => ({ keys: ctx.keys.list() }));

  app.delete<RouteGeneric<'DELETE /api/v1/keys/{id}'>>('/api/v1/keys/:id', {
    config: { access: 'admin' },
    schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^key_[0-9a-f]{16}$' } } } },
  }, async (request, reply) => {
    ctx.keys.revoke(request.params.id);
    reply.status(204).send();
  });
}
