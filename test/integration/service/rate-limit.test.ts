import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY_SCOPES } from '../../../electron/service/keys/key-scopes';
import { startTestService, type TestService } from '../../helpers/test-service';

let svc: TestService;
beforeAll(async () => { svc = await startTestService({ rateLimitPerMinute: 5 }); });
afterAll(async () => { await svc?.close(); });

describe('per-key rate limit', () => {
  it('sends X-RateLimit headers on normal responses', async () => {
    const response = await svc.api('/api/v1/keys');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit')).toBe('5');
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBe(4);
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
  });

  it('answers 429 with Retry-After past the limit, per key', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await svc.api('/api/v1/keys');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    const body = (await last!.json()) as { error: { code: string } };
    expect(body.error.code).toBe('rate_limited');

    // Another key has its own budget.
    const other = svc.service.context.keys.create('other', ADMIN_KEY_SCOPES).key;
    const fresh = await svc.api('/api/v1/keys', { headers: { authorization: `Bearer ${other}` } });
    expect(fresh.status).toBe(200);
  });
});
