/**
 * Deny by default, on a bare fastify with the service's own auth pieces: a route that declares no
 * access makes the service refuse to start, and were one ever served it would need `admin`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/service/db/open-database';
import { installAuth } from '../../../electron/service/http/auth';
import { installErrorHandling } from '../../../electron/service/http/error-handler';
import { collectRoutes } from '../../../electron/service/http/route-access';
import { ADMIN_KEY_SCOPES } from '../../../electron/service/keys/key-scopes';
import { KeyStore } from '../../../electron/service/keys/key-store';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function tempKeys(): { db: Db; keys: KeyStore } {
  const dir = mkdtempSync(join(tmpdir(), 'astra-deny-'));
  const db = openDatabase(join(dir, 'astra.sqlite'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => { db.close(); });
  return { db, keys: new KeyStore(db) };
}

async function listen(app: FastifyInstance): Promise<string> {
  cleanup.push(() => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('a route without an access declaration', () => {
  it('stops the service from starting, naming the route', async () => {
    const app = Fastify();
    collectRoutes(app);
    app.get('/declared', { config: { access: 'read' } }, async () => ({ ok: true }));
    app.post('/forgotten', async () => ({ ok: true }));
    cleanup.push(() => app.close());
    await expect(app.ready()).rejects.toThrow(/without an access declaration.*POST \/forgotten/);
  });

  it('needs the admin scope if it is served anyway (no route-collector installed)', async () => {
    const { keys } = tempKeys();
    const app = Fastify();
    installErrorHandling(app);
    installAuth(app, keys, []);
    app.get('/forgotten', async () => ({ ok: true }));
    const base = await listen(app);
    const readKey = keys.create('reader', ['read']).key;
    const adminKey = keys.create('admin', ADMIN_KEY_SCOPES).key;

    expect((await fetch(`${base}/forgotten`)).status).toBe(401);
    const refused = await fetch(`${base}/forgotten`, { headers: { authorization: `Bearer ${readKey}` } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'insufficient_scope', scope: 'admin' } });
    expect((await fetch(`${base}/forgotten`, { headers: { authorization: `Bearer ${adminKey}` } })).status).toBe(200);
  });
});
