/**
 * Signing in to the remote openEO back-ends of the settings (admin):
 * `POST /api/v1/settings/openeo-backends/{id}/sign-in` — basic: `{"password": "…"}`, checked with
 * the back-end before it is stored; OIDC: no body, starts the device-code sign-in and answers what
 * to show; `GET …/sign-in` — pending / signed_in / failed / signed_out; `DELETE …/sign-in` — the
 * back-end's secrets are removed. No answer ever holds a secret.
 */
import type { FastifyInstance } from 'fastify';
import type { ResponseOf, RouteGeneric } from '../../api/contract';
import type { ServiceContext } from '../../service-context';

const PATH = '/api/v1/settings/openeo-backends/:id/sign-in';

export function openEoBackendRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post<RouteGeneric<'POST /api/v1/settings/openeo-backends/{id}/sign-in'>>(PATH, {
    config: { access: 'admin' },
    // The body's fields are checked by the sign-in itself (400 naming `password`); OIDC sends none.
    schema: { body: { type: ['object', 'null'], properties: { password: {} } } },
  }, async (request): Promise<ResponseOf<'POST /api/v1/settings/openeo-backends/{id}/sign-in'>> => ctx.openEoRemotes.signIn(request.params.id, request.body ?? undefined));

  app.get<RouteGeneric<'GET /api/v1/settings/openeo-backends/{id}/sign-in'>>(PATH, { config: { access: 'admin' } },
    async (request): Promise<ResponseOf<'GET /api/v1/settings/openeo-backends/{id}/sign-in'>> => ctx.openEoRemotes.signInStatus(request.params.id));

  app.delete<RouteGeneric<'DELETE /api/v1/settings/openeo-backends/{id}/sign-in'>>(PATH, { config: { access: 'admin' } }, async (request, reply) => {
    await ctx.openEoRemotes.signOut(request.params.id);
    return reply.status(204).send();
  });
}
