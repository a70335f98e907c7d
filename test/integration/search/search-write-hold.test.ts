/**
 * A search answer is written to the socket before the items it brought in are written to the
 * cache: runSearch holds the items cache's write-behind queue until the response closes.
 */
import { EventEmitter } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSearch } from '../../../electron/service/http/routes/search';
import { parseSearchQuery } from '../../../electron/service/search';
import { startSearchRig, type SearchRig } from '../../helpers/search-service';

let rig: SearchRig;

beforeAll(async () => {
  rig = await startSearchRig({}, { cacheTtlMs: 0 });
});

afterAll(async () => {
  await rig?.close();
});

const turns = async (n: number) => {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

function exchange() {
  const raw = Object.assign(new EventEmitter(), { complete: true, destroyed: false });
  return { request: { raw } as unknown as FastifyRequest, reply: { raw: new EventEmitter() } as unknown as FastifyReply };
}

describe('search answers before cache writes', () => {
  it('keeps the items a search brought in queued until its response has closed', async () => {
    const ctx = rig.svc.service.context;
    const before = ctx.cache.items.count();
    const parsed = parseSearchQuery({ bbox: '-180,-90,180,90', limit: '5' }, { cursorSecret: ctx.cursorSecret });
    const { request, reply } = exchange();
    const result = await runSearch(ctx, parsed, request, reply);
    expect(result.features.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await turns(5);
    expect(ctx.cache.items.queuedPages).toBeGreaterThan(0);
    (reply.raw as EventEmitter).emit('close');
    await turns(20);
    expect(ctx.cache.items.queuedPages).toBe(0);
    expect(ctx.cache.items.count()).toBeGreaterThan(before);
  });
});
