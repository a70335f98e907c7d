/** The byte proxy is exempt from the per-key rate limit (a map preview makes hundreds of Range reads); the API is not. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cogUrl, startCacheRig, type CacheRig } from './helpers/cache-rig';
import { S2_SCENE } from './helpers/test-items';

let rig: CacheRig;

beforeAll(async () => { rig = await startCacheRig({ rateLimitPerMinute: 5 }); });
afterAll(async () => { await rig?.close(); });

it('serves more Range reads than the limit with a stored key, while other routes get 429', async () => {
  const path = cogUrl(rig.svc, S2_SCENE, 'B04').slice(rig.svc.url.length);
  for (let i = 0; i < 12; i += 1) {
    const response = await rig.svc.api(path, { headers: { range: `bytes=${i * 1000}-${i * 1000 + 999}` } });
    expect(response.status, `read ${i}`).toBe(206);
    await response.arrayBuffer();
  }
  const statuses: number[] = [];
  for (let i = 0; i < 6; i += 1) statuses.push((await rig.svc.api('/api/v1/keys')).status);
  expect(statuses).toContain(429);
});
