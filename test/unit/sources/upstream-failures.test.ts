import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSources } from '../../../electron/service/sources';
import { UpstreamFailure, type SourceAdapter, type SourceContext } from '../../../electron/service/sources/types';
import { startFakeUpstream, type CatalogName, type FakeUpstream } from '../../helpers/fake-upstream';
import { context, query } from './adapter-harness';
import { PROMPTLY_MS } from '../../helpers/timing';

let fake: FakeUpstream;
let sources: Record<CatalogName, SourceAdapter>;

beforeAll(async () => {
  fake = await startFakeUpstream();
  const [earthSearch, landsatLook, planetaryComputer] = createSources({
    earthSearchUrl: fake.earthSearchUrl, landsatLookUrl: fake.landsatLookUrl, planetaryComputerUrl: fake.planetaryComputerUrl,
  });
  sources = { earthSearch, landsatLook, planetaryComputer };
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.resetFaults();
  fake.requests.length = 0;
});

const CATALOGS: CatalogName[] = ['earthSearch', 'landsatLook', 'planetaryComputer'];

async function failure(promise: Promise<unknown>): Promise<UpstreamFailure> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(UpstreamFailure);
  return error as UpstreamFailure;
}

describe.each(CATALOGS)('%s: rate limiting', (catalog) => {
  it('waits out a 429 Retry-After that fits before the deadline, once', async () => {
    // PC's real limiter says `Retry-After: 1`; the others are checked with 0 to keep the suite fast.
    const seconds = catalog === 'planetaryComputer' ? 1 : 0;
    fake.faults[catalog].status = { code: 429, retryAfter: seconds, times: 1 };
    const page = await sources[catalog].search(query(), null, context(5000));
    expect(page.items.length).toBeGreaterThan(0);
    const [first, retry] = fake.requestsTo(catalog, '/search');
    expect(fake.requestsTo(catalog, '/search')).toHaveLength(2);
    // The retry went out after the wait the catalog asked for (a lower bound: load only adds to it).
    expect(retry.at - first.at).toBeGreaterThanOrEqual(seconds * 1000 - 50);
  });

  it('gives up at once with rate_limited when Retry-After outlasts the deadline', async () => {
    fake.faults[catalog].status = { code: 429, retryAfter: 30 };
    const started = Date.now();
    const error = await failure(sources[catalog].search(query(), null, context(20_000)));
    expect(error).toMatchObject({ kind: 'rate_limited', source: sources[catalog].id, retryAfterMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(PROMPTLY_MS); // nor sat out the 20 s deadline
    expect(fake.requestsTo(catalog, '/search')).toHaveLength(1);
  });

  it('retries only once: a second 429 is rate_limited', async () => {
    fake.faults[catalog].status = { code: 429, retryAfter: 0, times: 2 };
    expect(await failure(sources[catalog].search(query(), null, context()))).toMatchObject({ kind: 'rate_limited' });
    expect(fake.requestsTo(catalog, '/search')).toHaveLength(2);
  });
});

describe('other upstream failures', () => {
  it('treats 503 like 429: Retry-After honoured, without it rate_limited', async () => {
    fake.faults.planetaryComputer.status = { code: 503, retryAfter: 0, times: 1 };
    expect((await sources.planetaryComputer.search(query(), null, context())).items.length).toBeGreaterThan(0);
    fake.faults.planetaryComputer.status = { code: 503 };
    expect(await failure(sources.planetaryComputer.search(query(), null, context()))).toMatchObject({ kind: 'rate_limited' });
  });

  it('reads an HTTP-date Retry-After', async () => {
    fake.faults.earthSearch.status = { code: 429, retryAfter: new Date(Date.now() + 60_000).toUTCString() };
    const error = await failure(sources.earthSearch.search(query(), null, context(2000)));
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
  });

  it.each([500, 502, 504])('maps HTTP %i to upstream_error naming the status', async (code) => {
    fake.faults.landsatLook.status = { code };
    const error = await failure(sources.landsatLook.search(query(), null, context()));
    expect(error.kind).toBe('upstream_error');
    expect(error.message).toContain(String(code));
  });

  it.each(CATALOGS)('%s: malformed JSON is an upstream_error saying so', async (catalog) => {
    fake.faults[catalog].malformedJson = true;
    const error = await failure(sources[catalog].search(query(), null, context()));
    expect(error).toMatchObject({ kind: 'upstream_error', source: sources[catalog].id });
    expect(error.message).toMatch(/^malformed JSON/);
  });

  it('JSON that is not a FeatureCollection is an upstream_error too', async () => {
    fake.faults.earthSearch.notFeatureCollection = true;
    expect((await failure(sources.earthSearch.search(query(), null, context()))).message).toMatch(/malformed JSON.*FeatureCollection/);
  });

  it('lets the timeout abort propagate untouched, so the caller can tell it from a failure', async () => {
    fake.faults.planetaryComputer.hang = true;
    const started = Date.now();
    const error = await sources.planetaryComputer.search(query(), null, context(300)).then(() => undefined, (caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(UpstreamFailure);
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(PROMPTLY_MS); // the catalog hangs for ever: only the 300 ms timeout ends this
  });

  it('aborts a Retry-After wait when the caller aborts', async () => {
    fake.faults.earthSearch.status = { code: 429, retryAfter: 1 };
    const controller = new AbortController();
    const ctx: SourceContext = { signal: controller.signal, fetch, deadline: Date.now() + 10_000 };
    setTimeout(() => controller.abort(), 200);
    const error = await sources.earthSearch.search(query(), null, ctx).then(() => undefined, (caught: unknown) => caught);
    expect((error as Error).name).toBe('AbortError');
  });

  it('tolerates latency within the timeout', async () => {
    fake.faults.landsatLook.latencyMs = 150;
    expect((await sources.landsatLook.search(query(), null, context())).items.length).toBeGreaterThan(0);
  });

  it('reports an unreachable upstream as upstream_error', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const [earthSearch] = createSources({ earthSearchUrl: `http://127.0.0.1:${port}/v1`, landsatLookUrl: fake.landsatLookUrl, planetaryComputerUrl: fake.planetaryComputerUrl });
    const error = await failure(earthSearch.search(query(), null, context()));
    expect(error).toMatchObject({ kind: 'upstream_error' });
    expect(error.message).toMatch(/unreachable/);
  });

  it('fails item lookups on 5xx instead of answering "not found"', async () => {
    fake.faults.landsatLook.status = { code: 500 };
    expect(await failure(sources.landsatLook.getItem('LC08_L2SP_028030_20200114_20200824_02_T1_SR', context()))).toMatchObject({ kind: 'upstream_error' });
  });
});
