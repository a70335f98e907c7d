/**
 * The pure parts of the local openEO back-end: signed result links (what a signature covers,
 * expiry, a run that is no longer current), the job log and its paging, the status mapping, basic
 * credentials, the capabilities' endpoints from registered routes, and how ASTRA errors become
 * openEO errors on its routes.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/service/api/errors';
import type { ErrorCode } from '../../../electron/service/api/types';
import { openEoAnswer, asOpenEoErrorText, isOpenEoPath } from '../../../electron/service/http/openeo-errors';
import { endpointsOf } from '../../../electron/service/http/routes/openeo/discovery';
import type { Job } from '../../../electron/service/jobs/types';
import { OpenEoError } from '../../../electron/service/openeo/graph';
import { parseBasicAuthorization } from '../../../electron/service/openeo/local/access-tokens';
import { jobLog, jobMetadata, logPage, statusOf } from '../../../electron/service/openeo/local/job-documents';
import type { OpenEoJobRecord } from '../../../electron/service/openeo/local/job-records';
import { resultFilesOf } from '../../../electron/service/openeo/local/result-document';
import { RESULT_LINK_TTL_SECONDS, ResultLinkSigner } from '../../../electron/service/openeo/local/result-links';

const parts = { jobId: 'oejob_1', run: 'job_a', file: 'result.tif' };

function refusal(check: () => void): { code: string; status: number } | null {
  try {
    check();
    return null;
  } catch (error) {
    return { code: (error as OpenEoError).code, status: (error as OpenEoError).status };
  }
}

describe('signed result links', () => {
  it('accept the link as signed until it expires, for the run it was signed for', () => {
    let now = Date.parse('2024-05-01T00:00:00Z');
    const signer = new ResultLinkSigner('a'.repeat(64), () => now);
    const { query, expiresAt } = signer.sign(parts);
    expect(expiresAt).toBe(new Date(now + RESULT_LINK_TTL_SECONDS * 1000).toISOString());
    const asSent = { run: query.run, expires: String(query.expires), sig: query.sig };
    expect(refusal(() => signer.checkSignature('oejob_1', 'result.tif', asSent))).toBeNull();
    expect(refusal(() => signer.checkFresh(asSent, 'job_a'))).toBeNull();
    expect(refusal(() => signer.checkFresh(asSent, 'job_b'))).toEqual({ code: 'ResultLinkExpired', status: 410 });
    now += RESULT_LINK_TTL_SECONDS * 1000;
    expect(refusal(() => signer.checkFresh(asSent, 'job_a'))).toEqual({ code: 'ResultLinkExpired', status: 410 });
  });

  it('cover the job, run, file and expiry, and the secret', () => {
    const signer = new ResultLinkSigner('a'.repeat(64));
    const { query } = signer.sign(parts);
    const sent = { run: query.run, expires: String(query.expires), sig: query.sig };
    const forbidden = { code: 'PermissionsInsufficient', status: 403 };
    expect(refusal(() => signer.checkSignature('oejob_2', 'result.tif', sent))).toEqual(forbidden);
    expect(refusal(() => signer.checkSignature('oejob_1', 'result.json', sent))).toEqual(forbidden);
    expect(refusal(() => signer.checkSignature('oejob_1', 'result.tif', { ...sent, run: 'job_b' }))).toEqual(forbidden);
    expect(refusal(() => signer.checkSignature('oejob_1', 'result.tif', { ...sent, expires: String(query.expires + 1) }))).toEqual(forbidden);
    expect(refusal(() => signer.checkSignature('oejob_1', 'result.tif', { run: 'job_a' }))).toEqual(forbidden);
    expect(refusal(() => new ResultLinkSigner('b'.repeat(64)).checkSignature('oejob_1', 'result.tif', sent))).toEqual(forbidden);
  });
});

const record: OpenEoJobRecord = {
  id: 'oejob_1', ownerKeyId: 'key_1', title: 'NDVI', description: null, process: { process_graph: {} },
  job: { type: 'ndvi', scene: 'sentinel-2:S2A_X' }, format: 'GTiff', astraJobId: 'job_a', createdAt: '2024-05-01T00:00:00.000Z', updatedAt: '2024-05-01T00:00:00.000Z',
};
const run = (fields: Partial<Job>): Job => ({
  id: 'job_a', type: 'ndvi', status: 'queued', progress: 0, created_at: '2024-05-01T00:01:00.000Z', started_at: null, finished_at: null, params: {}, links: [], ...fields,
});

describe('the openEO view of a job', () => {
  it('maps ASTRA statuses to openEO ones; no run is `created`', () => {
    expect(statusOf(undefined)).toBe('created');
    expect(['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((status) => statusOf(run({ status: status as Job['status'] }))))
      .toEqual(['queued', 'running', 'finished', 'error', 'canceled']);
  });

  it('describes progress in percent and the latest change as `updated`', () => {
    const running = run({ status: 'running', progress: 0.4567, started_at: '2024-05-01T00:02:00.000Z' });
    expect(jobMetadata(record, running, 'http://127.0.0.1:1', true)).toMatchObject({
      id: 'oejob_1', status: 'running', progress: 45.7, created: record.createdAt, updated: '2024-05-01T00:02:00.000Z', process: record.process,
    });
    expect(jobMetadata(record, undefined, 'http://127.0.0.1:1', false)).not.toHaveProperty('progress');
    expect(jobMetadata(record, undefined, 'http://127.0.0.1:1', false)).not.toHaveProperty('process');
  });

  it('logs the life of a run with stable ids, filtered by level and paged by offset', () => {
    const failed = run({ status: 'failed', started_at: '2024-05-01T00:02:00.000Z', finished_at: '2024-05-01T00:03:00.000Z', error: { code: 'upstream_error', message: 'the COG host answered 404' } });
    const entries = jobLog(record, failed, 'http://127.0.0.1:1');
    expect(entries.map((e) => [e.id, e.level])).toEqual([['created', 'info'], ['job_a-queued', 'info'], ['job_a-started', 'info'], ['job_a-error', 'error']]);
    expect(entries[3]).toMatchObject({ code: 'upstream_error', message: 'the COG host answered 404' });
    expect(logPage(entries, { level: 'error' }).logs.map((e) => e.id)).toEqual(['job_a-error']);
    expect(logPage(entries, { level: 'debug', limit: 2 })).toMatchObject({ logs: [{ id: 'created' }, { id: 'job_a-queued' }], more: true });
    expect(logPage(entries, { level: 'debug', offset: 'job_a-queued' }).logs.map((e) => e.id)).toEqual(['job_a-started', 'job_a-error']);
  });

  it('finds the result file of the format the graph saves', () => {
    const done = run({ status: 'succeeded', result: { href: '/api/v1/jobs/job_a/result.tif' } });
    expect(resultFilesOf(done, 'GTiff')).toEqual([{ name: 'result.tif', type: 'image/tiff; application=geotiff; profile=cloud-optimized' }]);
    expect(resultFilesOf(done, 'JSON')).toEqual([]);
    const series = run({ status: 'succeeded', result: { href: '/api/v1/jobs/job_a/result.json', csv: '/api/v1/jobs/job_a/result.csv' } });
    expect(resultFilesOf(series, 'CSV')).toEqual([{ name: 'result.csv', type: 'text/csv; charset=utf-8' }]);
  });
});

describe('sign-in and discovery pieces', () => {
  it('reads basic credentials, the password may contain colons', () => {
    const header = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
    expect(parseBasicAuthorization(header('me:astra_sk_live_x:y'))).toEqual({ user: 'me', password: 'astra_sk_live_x:y' });
    expect(parseBasicAuthorization(header('no colon'))).toBeNull();
    expect(parseBasicAuthorization('Bearer abc')).toBeNull();
    expect(parseBasicAuthorization(undefined)).toBeNull();
  });

  it('lists endpoints from the openEO routes only, without HEAD, unlisted ones or repeated paths', () => {
    const route = (method: string, url: string, extra: Record<string, unknown> = {}) => ({ method, url, access: 'process' as const, family: 'openeo' as const, ...extra });
    expect(endpointsOf([
      route('GET', '/api/v1/openeo/jobs'), route('POST', '/api/v1/openeo/jobs'), route('HEAD', '/api/v1/openeo/jobs'),
      route('GET', '/api/v1/openeo/jobs/:job_id'), route('GET', '/api/v1/openeo/', { unlisted: true }),
      { method: 'GET', url: '/api/v1/jobs', access: 'process' as const },
    ])).toEqual([{ path: '/jobs', methods: ['GET', 'POST'] }, { path: '/jobs/{job_id}', methods: ['GET'] }]);
  });
});

describe('errors on openEO routes', () => {
  it('keeps openEO errors and maps ASTRA ones to errors.json codes where one fits, keeping their status', () => {
    const answer = (error: unknown) => openEoAnswer(error, 'req-1', () => new AppError('internal', 'boom'));
    expect(answer(new OpenEoError('ProcessUnsupported', 'no quantiles'))).toEqual({ status: 400, body: { id: 'req-1', code: 'ProcessUnsupported', message: 'no quantiles', links: [] } });
    expect(answer(new AppError('not_found', 'gone'))).toMatchObject({ status: 404, body: { code: 'NotFound' } });
    expect(answer(new AppError('rate_limited', 'slow down'))).toMatchObject({ status: 429, body: { code: 'TooManyRequests' } });
    expect(answer(new AppError('unprocessable', 'x'))).toMatchObject({ status: 400, body: { code: 'ProcessParameterInvalid' } });
    expect(answer(new AppError('forbidden', 'host'))).toMatchObject({ status: 403, body: { code: 'PermissionsInsufficient' } });
    expect(answer(new Error('anything else'))).toMatchObject({ status: 500, body: { code: 'Internal' } });
  });

  it('rewrites error answers written in another format, and leaves openEO ones', () => {
    const astra = (code: ErrorCode, message: string) => new AppError(code, message);
    const fromAstra = asOpenEoErrorText(413, JSON.stringify({ error: { code: 'payload_too_large', message: 'too big' } }), 'req-2', astra);
    expect(JSON.parse(fromAstra!)).toEqual({ id: 'req-2', code: 'PayloadTooLarge', message: 'too big', links: [] });
    expect(JSON.parse(asOpenEoErrorText(400, 'Invalid Preflight Request', 'req-3', astra)!)).toMatchObject({ code: 'BadRequest', message: 'Invalid Preflight Request' });
    expect(asOpenEoErrorText(404, JSON.stringify({ id: 'x', code: 'JobNotFound', message: 'no' }), 'req-4', astra)).toBeNull();
  });

  it('knows which paths are the back-end\'s, absolute-form targets included', () => {
    expect(isOpenEoPath('/api/v1/openeo')).toBe(true);
    expect(isOpenEoPath('/api/v1/openeo/jobs?limit=1')).toBe(true);
    expect(isOpenEoPath('http://127.0.0.1:8787/api/v1/openeo/jobs')).toBe(true);
    expect(isOpenEoPath('/api/v1/openeox')).toBe(false);
    expect(isOpenEoPath('/api/v1/jobs')).toBe(false);
  });
});
