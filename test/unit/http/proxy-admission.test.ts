import { describe, expect, it } from 'vitest';
import { ProxyAdmission } from '../../../electron/service/http/proxy-admission';

describe('ProxyAdmission', () => {
  it('admits up to maxRequests at once and frees a slot on release', () => {
    const admission = new ProxyAdmission({ maxRequests: 2, maxBufferedBytes: 1000 });
    const a = admission.enter();
    admission.enter();
    expect(() => admission.enter()).toThrow(expect.objectContaining({ code: 'rate_limited', status: 429 }));
    a.release();
    a.release();
    expect(admission.inFlight.requests).toBe(1);
    expect(() => admission.enter()).not.toThrow();
  });

  it('holds bytes up to the limit, lets one request go alone whatever its size, and gives them back', () => {
    const admission = new ProxyAdmission({ maxRequests: 10, maxBufferedBytes: 1000 });
    const big = admission.enter();
    big.reserve(5000);
    const small = admission.enter();
    expect(() => small.reserve(1)).toThrow(/ASTRA_PROXY_MAX_BUFFERED_BYTES/);
    big.release();
    small.reserve(600);
    const other = admission.enter();
    other.reserve(400);
    expect(() => admission.enter().reserve(1)).toThrow(/1000 bytes/);
    expect(admission.inFlight).toEqual({ requests: 3, bytes: 1000 });
    small.release();
    other.release();
    expect(admission.inFlight.bytes).toBe(0);
  });
});
