import type { FastifyInstance } from 'fastify';
import type { ApiKeyList, CreatedApiKey } from '../../api/types';
import type { ServiceContext } from '../../service-context';

export function keyRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post<{ Body: { name: string } }>('/api/v1/keys', {
    schema: {
      body: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
      },
    },
  }, async (request, reply): Promise<CreatedApiKey> => {
    const created = ctx.keys.create(request.body.name);
    reply.status(201).header('cache-control', 'no-store');
    return created;
  });

  app.get('/api/v1/keys', async (): Promise<ApiKeyList> => ({ keys: ctx.keys.list() }));

  app.delete<{ Params: { id: string } }>('/api/v1/keys/:id', {
    schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^key_[0-9a-f]{16}$' } } } },
  }, async (request, reply) => {
    ctx.keys.revoke(request.params.id);
    reply.status(204).send();
  });
}
