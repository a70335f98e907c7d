import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/service/api/errors';
import { UpstreamFailure } from '../../../electron/service/sources/types';
import { getSceneFromSources } from '../../../electron/service/search/get-scene';
import { MemoryAdapter } from './helpers/memory-adapter';
import { makeItem } from './helpers/scenes';

const item = makeItem({ source: 'planetary-computer', upstreamId: 'odd:id:with:colons', datetime: '2024-01-01T00:00:00Z', cloud: 3, bbox: [0, 0, 1, 1] });
const options = { timeoutMs: 200, fetch: globalThis.fetch };

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('getSceneFromSources', () => {
  const adapters = [new MemoryAdapter({ id: 'planetary-computer', items: [item], pageSize: 1 })];

  it('asks the named source for the upstream id after the first colon', async () => {
    expect(await getSceneFromSources(adapters, item.id, options)).toEqual(item);
  });

  it('returns null for an id the source does not know', async () => {
    expect(await getSceneFromSources(adapters, 'planetary-computer:nope', options)).toBeNull();
  });

  it.each([['no colon', 'S2A_ABC'], ['empty upstream id', 'landsat:'], ['empty source', ':X'], ['unknown source', 'modis:X']])('rejects %s as 400 id', async (_name, id) => {
    const error = await failure(getSceneFromSources(adapters, id, options));
    expect(error).toMatchObject({ status: 400, parameter: 'id' });
  });

  it('is a 504 when the source is too slow and a 502 when it fails', async () => {
    const slow = [new MemoryAdapter({ id: 'landsat', title: 'USGS LandsatLook', items: [], pageSize: 1, delayMs: 2_000, ignoreSignal: true })];
    const started = performance.now();
    const timeout = await failure(getSceneFromSources(slow, 'landsat:L1', options));
    // Not waited for the source's own 2 s.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(timeout).toMatchObject({ status: 504, code: 'upstream_timeout', message: 'USGS LandsatLook timed out after 200 ms' });
    const broken = [new MemoryAdapter({ id: 'landsat', items: [], pageSize: 1, failOn: () => new UpstreamFailure('landsat', 'upstream_error', 'HTTP 503') })];
    const error = await failure(getSceneFromSources(broken, 'landsat:L1', options));
    expect(error).toMatchObject({ status: 502, code: 'upstream_error' });
    expect(error.details?.warnings).toEqual([{ source: 'landsat', code: 'upstream_error', message: 'Memory landsat failed: HTTP 503' }]);
  });
});
