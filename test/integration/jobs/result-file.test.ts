/**
 * GET /api/v1/jobs/{id}/result.tif: the file a kind left in its work dir, served with Range,
 * ETag and conditional requests once the job succeeded; 404 before and without one.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../helpers/test-service';
import { errorOf, isFinished, submitJob, waitForJob } from './helpers/job-api';
import { spinKind } from './helpers/test-kinds';

const bytes = randomBytes(70_000);
let svc: TestService;
let id: string;
let path: string;
beforeAll(async () => {
  svc = await startTestService({ workerCount: 1 });
  svc.service.context.jobs.register(spinKind(svc.service.rasterPool, 'writes-tif', { resultFile: bytes }));
  svc.service.context.jobs.register(spinKind(svc.service.rasterPool, 'no-file'));
  ({ id } = await submitJob(svc, { type: 'writes-tif', chunks: 1, chunk_ms: 1 }));
  path = `/api/v1/jobs/${id}/result.tif`;
  await waitForJob(svc, id, isFinished);
});
afterAll(async () => { await svc?.close(); });

const body = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('result.tif', () => {
  it('is linked from the succeeded job (href filled in because the kind left result.tif)', async () => {
    const job = await waitForJob(svc, id, isFinished);
    expect(job.status).toBe('succeeded');
    expect(job.result?.href).toBe(path);
    expect(job.links).toContainEqual({ rel: 'result', href: path, type: 'image/tiff; application=geotiff; profile=cloud-optimized' });
  });

  it('serves the whole file with its type, length, ETag and Accept-Ranges', async () => {
    const response = await svc.api(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/tiff/);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect((await body(response)).equals(bytes)).toBe(true);
  });

  it('honours Range: first bytes, open-ended, suffix, and an end past the file', async () => {
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      ['bytes=69000-', 69_000, bytes.length - 1],
      ['bytes=-16', bytes.length - 16, bytes.length - 1],
      ['bytes=69990-99999', 69_990, bytes.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await svc.api(path, { headers: { range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(response.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect((await body(response)).equals(bytes.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 JSON with Content-Range for a range past the end', async () => {
    const response = await svc.api(path, { headers: { range: `bytes=${bytes.length}-` } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect(await errorOf(response)).toMatchObject({ code: 'range_not_satisfiable', parameter: 'range' });
  });

  it('answers 304 to a matching If-None-Match and ignores Range when If-Range does not match', async () => {
    const etag = (await svc.api(path, { method: 'HEAD' })).headers.get('etag')!;
    const notModified = await svc.api(path, { headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    const stale = await svc.api(path, { headers: { range: 'bytes=0-9', 'if-range': '"other"' } });
    expect(stale.status).toBe(200);
    expect((await body(stale)).length).toBe(bytes.length);
    const fresh = await svc.api(path, { headers: { range: 'bytes=0-9', 'if-range': etag } });
    expect(fresh.status).toBe(206);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await svc.api(path, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect((await body(response)).length).toBe(0);
  });

  it('is 404 while the job runs and for a job that left no file', async () => {
    const running = await submitJob(svc, { type: 'writes-tif', chunks: 40, chunk_ms: 10 });
    await waitForJob(svc, running.id, (job) => job.status === 'running');
    const early = await svc.api(`/api/v1/jobs/${running.id}/result.tif`);
    expect(early.status).toBe(404);
    expect((await errorOf(early)).message).toContain('running');
    await svc.api(`/api/v1/jobs/${running.id}`, { method: 'DELETE' });

    const noFile = await submitJob(svc, { type: 'no-file', chunks: 1, chunk_ms: 1 });
    const done = await waitForJob(svc, noFile.id, isFinished);
    expect(done.status).toBe('succeeded');
    expect(done.result?.href).toBeUndefined();
    const response = await svc.api(`/api/v1/jobs/${noFile.id}/result.tif`);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });
});
