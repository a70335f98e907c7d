/**
 * What the local openEO journeys share: waiting for a js-client batch job to end (a generous upper
 * bound, never a timed assertion) and the assertion that two GeoTIFFs hold the same pixels (GDAL:
 * same size, geotransform, bands, every value identical).
 */
import type { Job as ClientJob } from '@openeo/js-client';
import { expect } from 'vitest';
import { samePixels } from '../../processing/helpers/gdal-check';

/** Polls the job until it is finished, failed or canceled. */
export async function finished(job: ClientJob, boundMs = 300_000): Promise<ClientJob> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    await job.describeJob();
    if (['finished', 'error', 'canceled'].includes(String(job.status))) return job;
    if (Date.now() > deadline) throw new Error(`job ${job.id} did not finish: ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function expectSamePixels(a: string, b: string): Promise<void> {
  const same = await samePixels(a, b);
  expect(same, `${a} vs ${b}`).toMatchObject({ size: true, geotransform: true, bands: true });
  expect(same.identical.length, `${a} vs ${b}: no bands`).toBeGreaterThan(0);
  expect(same.identical.every(Boolean), `${a} vs ${b}: ${JSON.stringify(same.identical)}`).toBe(true);
}
