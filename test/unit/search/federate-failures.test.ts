import { describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../../electron/service/api/errors';
import type { Bbox, StacItem } from '../../../electron/service/stac/types';
import { UpstreamFailure, type SourceAdapter } from '../../../electron/service/sources/types';
import { decodeCursor, requestFingerprint } from '../../../electron/service/search/cursor';
import { federatedSearch } from '../../../electron/service/search/federate';
import { parseSearchQuery } from '../../../electron/service/search/parse-search-request';
import { MemoryAdapter } from './helpers/memory-adapter';
import { makeItem, randomScenes } from './helpers/scenes';
import { sortItems } from './helpers/stac-filter';

const REGION: Bbox = [0, 0, 10, 10];
const PARAMS = { bbox: '0,0,10,10' };
const TIMEOUT_MS = 300;
const s2Items = randomScenes('sentinel-2', 12, 5, REGION).map(makeItem);
const landsatItems = randomScenes('landsat', 9, 6, REGION).map(makeItem);
const pcItems = randomScenes('planetary-computer', 10, 7, REGION).map(makeItem);

async function search(adapters: SourceAdapter[], params: Record<string, string> = PARAMS, signal?: AbortSignal) {
  return federatedSearch(adapters, parseSearchQuery(params), { timeoutMs: TIMEOUT_MS, fetch: globalThis.fetch, signal });
}

/** The `count_incomplete` warning a failed source leaves: `matched` is null and this says why. */
function countWarning(source: string, message: RegExp = /^matched is unknown: /) {
  return { source, code: 'count_incomplete', message: expect.stringMatching(message) };
}

async function searchError(adapters: SourceAdapter[]): Promise<AppError> {
  const error = await search(adapters).then(() => null, (e: unknown) => e);
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('a slow or failing source', () => {
  it('times out alone: the others answer, a timeout warning names it, without waiting for it', async () => {
    const adapters = [
      new MemoryAdapter({ id: 'sentinel-2', items: s2Items, pageSize: 5 }),
      new MemoryAdapter({ id: 'landsat', items: landsatItems, pageSize: 5 }),
      new MemoryAdapter({ id: 'planetary-computer', title: 'Planetary Computer', items: pcItems, pageSize: 5, delayMs: 5_000, ignoreSignal: true }),
    ];
    const started = performance.now();
    const result = await search(adapters, { ...PARAMS, limit: '500' });
    const elapsed = performance.now() - started;

    // It ignores the abort and would answer after 5 s: the search ended on the 300 ms timeout instead.
    expect(elapsed).toBeLessThan(5_000);
    expect(result.warnings).toEqual([
      { source: 'planetary-computer', code: 'timeout', message: 'Planetary Computer timed out after 300 ms' },
      // Its id listing hangs as well; the count gives up at the same time limit.
      countWarning('planetary-computer', /counting took over 300 ms/),
    ]);
    expect(result.features.map((f) => f.id)).toEqual(sortItems([...s2Items, ...landsatItems], '-datetime').map((i) => i.id));
    expect(result.context.matched).toBeNull();
  });

  it('gets its own aborted signal when it honours it', async () => {
    let seen: AbortSignal | undefined;
    const slow = new MemoryAdapter({ id: 'landsat', items: landsatItems, pageSize: 5, delayMs: 5_000 });
    const spy: SourceAdapter = { id: 'landsat', describe: () => slow.describe(), getItem: slow.getItem.bind(slow),
      search: (q, p, ctx) => { seen = ctx.signal; return slow.search(q, p, ctx); } };
    const result = await search([new MemoryAdapter({ id: 'sentinel-2', items: s2Items, pageSize: 5 }), spy], { ...PARAMS, sources: 'sentinel-2,landsat' });
    expect(seen?.aborted).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ source: 'landsat', code: 'timeout' }), countWarning('landsat', /cannot list identifiers/)]);
  });

  it('keeps its cursor position so the next page resumes it, and every scene still comes exactly once', async () => {
    const flaky = new MemoryAdapter({
      id: 'landsat', items: landsatItems, pageSize: 4,
      failOn: (call) => (call === 0 ? new UpstreamFailure('landsat', 'rate_limited', 'HTTP 429', 2_000) : undefined),
    });
    const adapters = [new MemoryAdapter({ id: 'sentinel-2', items: s2Items, pageSize: 5 }), flaky];
    const params = { ...PARAMS, limit: '5', sources: 'sentinel-2,landsat' };

    const first = await search(adapters, params);
    expect(first.warnings).toHaveLength(2);
    expect(first.warnings[0]).toMatchObject({ source: 'landsat', code: 'rate_limited' });
    // Its first id listing fails too: the count is unknown, for this page and every later one.
    expect(first.warnings[1]).toEqual(countWarning('landsat', /HTTP 429/));
    expect(first.context.matched).toBeNull();
    expect(first.warnings[0].message).toMatch(/rate-limiting.*retry after 2 s/);
    const state = decodeCursor(first.nextCursor as string, requestFingerprint(parseSearchQuery(params)));
    expect(state.streams.landsat).toEqual({ position: null, consumed: 0, exhausted: false });

    const seen: string[] = first.features.map((f) => f.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await search(adapters, { ...params, cursor });
      expect(page.warnings).toEqual([first.warnings[1]]);
      expect(page.context.matched).toBeNull();
      seen.push(...page.features.map((f) => f.id));
      cursor = page.nextCursor;
    }
    expect([...seen].sort()).toEqual([...s2Items, ...landsatItems].map((i) => i.id).sort());
  });

  it('reports other errors as upstream_error with a readable message', async () => {
    const broken = new MemoryAdapter({ id: 'sentinel-2', title: 'Earth Search', items: [], pageSize: 5, failOn: () => new UpstreamFailure('sentinel-2', 'upstream_error', 'HTTP 500 from /search') });
    const result = await search([broken, new MemoryAdapter({ id: 'landsat', items: landsatItems, pageSize: 5 })], { ...PARAMS, sources: 'sentinel-2,landsat' });
    expect(result.warnings).toEqual([
      { source: 'sentinel-2', code: 'upstream_error', message: 'Earth Search failed: HTTP 500 from /search' },
      countWarning('sentinel-2', /Earth Search could not be listed: HTTP 500/),
    ]);
    expect(result.features).toHaveLength(9);
  });

  it('treats an adapter that throws synchronously like any failure', async () => {
    const thrower: SourceAdapter = { id: 'landsat',
      describe: () => ({ id: 'landsat', title: 'USGS', provider: 'usgs', satellites: [], resolutions_m: [], collections: [], bands: [], url: '' }),
      search: () => { throw new TypeError('bad adapter'); }, getItem: async () => null };
    const result = await search([new MemoryAdapter({ id: 'sentinel-2', items: s2Items, pageSize: 5 }), thrower], { ...PARAMS, sources: 'sentinel-2,landsat' });
    expect(result.warnings).toEqual([{ source: 'landsat', code: 'upstream_error', message: 'USGS failed: bad adapter' }, countWarning('landsat')]);
  });
});

describe('when every source fails', () => {
  it('is a 504 upstream_timeout carrying the warnings when all timed out', async () => {
    const started = performance.now();
    const error = await searchError(['sentinel-2', 'landsat', 'planetary-computer'].map((id) =>
      new MemoryAdapter({ id: id as StacItem['properties']['astra:source'], items: [], pageSize: 5, delayMs: 2_000, ignoreSignal: true })));
    expect(performance.now() - started).toBeLessThan(2_000); // not waited for the sources' own 2 s
    expect(error.code).toBe('upstream_timeout');
    expect(error.status).toBe(504);
    const warnings = error.details?.warnings as { source: string; code: string }[];
    expect(warnings.map((w) => [w.source, w.code])).toEqual([['sentinel-2', 'timeout'], ['landsat', 'timeout'], ['planetary-computer', 'timeout']]);
    expect(error.toBody().error).toMatchObject({ code: 'upstream_timeout', warnings });
  });

  it('is a 502 upstream_error when not all of them timed out', async () => {
    const error = await searchError([
      new MemoryAdapter({ id: 'sentinel-2', items: [], pageSize: 5, delayMs: 2_000 }),
      new MemoryAdapter({ id: 'landsat', items: [], pageSize: 5, failOn: () => new Error('ECONNREFUSED') }),
      new MemoryAdapter({ id: 'planetary-computer', items: [], pageSize: 5, failOn: () => new UpstreamFailure('planetary-computer', 'rate_limited', '429') }),
    ]);
    expect(error.status).toBe(502);
    expect(error.code).toBe('upstream_error');
    expect((error.details?.warnings as { code: string }[]).map((w) => w.code)).toEqual(['timeout', 'upstream_error', 'rate_limited']);
  });

  it('reports a selected source without an adapter as failed', async () => {
    const result = await search([new MemoryAdapter({ id: 'sentinel-2', items: s2Items, pageSize: 5 })], { ...PARAMS, sources: 'sentinel-2,landsat' });
    expect(result.warnings).toEqual([{ source: 'landsat', code: 'upstream_error', message: 'landsat is not configured' }, countWarning('landsat', /not configured/)]);
    expect(result.context.matched).toBeNull();
    expect(result.features).toHaveLength(10);
  });

  it('is not an error when sources answer with nothing', async () => {
    const result = await search([new MemoryAdapter({ id: 'sentinel-2', items: [], pageSize: 5 })], { ...PARAMS, sources: 'sentinel-2' });
    expect(result).toEqual({ features: [], context: { matched: 0, returned: 0, limit: 10 }, nextCursor: null, warnings: [] });
  });
});

describe('caller cancellation', () => {
  it('rejects with the caller abort reason, not with warnings', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('client went away', 'AbortError')), 50);
    const started = performance.now();
    const outcome = await search([new MemoryAdapter({ id: 'sentinel-2', items: s2Items, pageSize: 5, delayMs: 2_000, ignoreSignal: true })], PARAMS, controller.signal)
      .then(() => 'resolved', (e: unknown) => e);
    expect(outcome).toBeInstanceOf(DOMException);
    expect((outcome as DOMException).name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(2_000); // not waited for the source's own 2 s
  });
});
