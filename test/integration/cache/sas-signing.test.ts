import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SasSigner } from '../../../electron/service/assets/sas-signer';
import { createDataHostPolicy } from '../../../electron/service/assets/data-host-policy';
import { createGuardedFetch } from '../../../electron/service/assets/guarded-fetch';
import { createRangeFetcher } from '../../../electron/service/assets/upstream-range-fetch';
import type { FakeUpstream } from '../../helpers/fake-upstream';
import { serveBlobPath, startEmptyUpstream } from './helpers/cache-rig';

let upstream: FakeUpstream;
const BLOB_A = 'https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/29/R/KH/a.tif';
const BLOB_B = 'https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/29/R/KH/b.tif';
const OTHER_CONTAINER = 'https://landsateuwest.blob.core.windows.net/landsat-c2/level-2/c.tif';
const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

beforeAll(async () => {
  upstream = await startEmptyUpstream();
  serveBlobPath(upstream, 'sentinel2l2a01/sentinel2-l2/29/R/KH/a.tif', data);
  serveBlobPath(upstream, 'sentinel2l2a01/sentinel2-l2/29/R/KH/b.tif', data);
  serveBlobPath(upstream, 'landsateuwest/landsat-c2/level-2/c.tif', data);
});
afterAll(async () => { await upstream?.close(); });
beforeEach(() => {
  upstream.resetLog();
  upstream.resetFaults();
  upstream.sas.expirySeconds = 3600;
});

function setup(now?: () => number) {
  const signer = new SasSigner({ sasUrl: upstream.sasUrl, timeoutMs: 5000, now });
  // The blob mirror is a configured origin, as ASTRA_PC_BLOB_URL makes it.
  const fetch = createGuardedFetch(createDataHostPolicy({ origins: [upstream.blobUrl], hosts: [] }));
  const fetchRange = createRangeFetcher({ signer, fetch, blobMirror: upstream.blobUrl });
  const read = (url: string) => fetchRange(url, { start: 10, end: 19 }, AbortSignal.timeout(5000));
  return { signer, read };
}

describe('Planetary Computer SAS signing', () => {
  it('signs with one token per account/container and reuses it', async () => {
    const { signer, read } = setup();
    const first = await read(BLOB_A);
    expect(first.data.equals(data.subarray(10, 20))).toBe(true);
    await read(BLOB_B);
    expect(upstream.tokenRequests()).toBe(1);
    await read(OTHER_CONTAINER);
    expect(upstream.tokenRequests()).toBe(2);
    const signed = await signer.sign(BLOB_A);
    expect(signed.href).toMatch(/^https:\/\/sentinel2l2a01\.blob\.core\.windows\.net\/sentinel2-l2\/29\/R\/KH\/a\.tif\?(.*&)?se=.*&sig=/);
    expect(Date.parse(signed.expiresAt)).toBeGreaterThan(Date.now() + 3_500_000);
    expect(upstream.tokenRequests()).toBe(2);
  });

  it('shares one token request among concurrent signers', async () => {
    const { signer } = setup();
    await Promise.all(Array.from({ length: 6 }, () => signer.sign(BLOB_A)));
    expect(upstream.tokenRequests()).toBe(1);
  });

  it('refreshes a token once it is within 60 s of its expiry', async () => {
    let clock = Date.now();
    const { signer, read } = setup(() => clock);
    await read(BLOB_A);
    clock += 3_600_000 - 61_000;
    await signer.sign(BLOB_A);
    expect(upstream.tokenRequests()).toBe(1);
    clock += 2_000;
    await read(BLOB_A);
    expect(upstream.tokenRequests()).toBe(2);
  });

  it('treats an already-expiring token as expired: the next use fetches a new one', async () => {
    upstream.sas.expirySeconds = 30;
    const { signer } = setup();
    await signer.sign(BLOB_A);
    await signer.sign(BLOB_A);
    expect(upstream.tokenRequests()).toBe(2);
  });

  it.each([409, 403] as const)('re-signs exactly once when the storage answers %i mid-download', async (status) => {
    const { read } = setup();
    await read(BLOB_A);
    // The token in hand is revoked (the blob store answers 403); or the store answers 409 once.
    upstream.sas.issued.clear();
    if (status === 409) upstream.faults.files.status = { code: 409, times: 1 };
    upstream.resetLog();
    const bytes = await read(BLOB_A);
    expect(bytes.data.equals(data.subarray(10, 20))).toBe(true);
    expect(upstream.tokenRequests()).toBe(1);
    expect(upstream.fileRequests().map((r) => r.status)).toEqual([status, 206]);
  });

  it('gives up after that one retry, naming the unsigned url', async () => {
    const { read } = setup();
    upstream.faults.files.status = { code: 409 };
    const failure = await read(BLOB_A).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'upstream_error' });
    expect(String((failure as Error).message)).toContain(BLOB_A);
    expect(String((failure as Error).message)).not.toContain('sig=');
    expect(upstream.fileRequests()).toHaveLength(2);
    expect(upstream.tokenRequests()).toBe(2);
  });

  it('leaves public urls unsigned', async () => {
    const { signer } = setup();
    expect(signer.needsSigning('https://sentinel-cogs.s3.us-west-2.amazonaws.com/x/B04.tif')).toBe(false);
    expect(signer.needsSigning(BLOB_A)).toBe(true);
  });
});
