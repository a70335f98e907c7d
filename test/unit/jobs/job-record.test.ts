import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/service/api/errors';
import { INTERNAL_JOB_ERROR, jobErrorOf } from '../../../electron/service/jobs/job-errors';
import { rowToJob, type JobRow } from '../../../electron/service/jobs/job-record';

const row: JobRow = {
  id: 'job_1', type: 'ndvi', status: 'running', progress: 0.25, progress_detail: null, params: '{"scene":"s"}', result: null, error: null,
  checkpoint: '{"done":3}', attempts: 1, created_at: '2024-01-01T00:00:00.000Z', started_at: '2024-01-01T00:00:01.000Z', finished_at: null,
  owner_key_id: 'key_0123456789abcdef', storage_estimate: 1024, result_bytes: null, remote: null,
};

describe('rowToJob', () => {
  it('gives the wire shape of types.ts, without error/result while absent and without internal columns', () => {
    const job = rowToJob(row);
    expect(Object.keys(job).sort()).toEqual(['created_at', 'finished_at', 'id', 'links', 'params', 'progress', 'started_at', 'status', 'type']);
    expect(job).toMatchObject({ id: 'job_1', status: 'running', progress: 0.25, params: { scene: 's' } });
    expect(job.links).toEqual([{ rel: 'self', href: '/api/v1/jobs/job_1', type: 'application/json' }]);
  });

  it('prefers the live progress of a running job to the throttled column', () => {
    expect(rowToJob(row, { progress: 0.8, detail: null }).progress).toBe(0.8);
  });

  it('shows the phase and its counts (progress_detail): stored, or live while running', () => {
    const stored = { ...row, progress_detail: JSON.stringify({ phase: 'reading', done: 3, total: 12 }) };
    expect(rowToJob(stored).progress_detail).toEqual({ phase: 'reading', done: 3, total: 12 });
    expect(rowToJob(stored, { progress: 0.9, detail: { phase: 'writing', done: 0, total: 1 } }).progress_detail).toEqual({ phase: 'writing', done: 0, total: 1 });
    expect(rowToJob(row)).not.toHaveProperty('progress_detail');
  });

  it('adds the result link when the result has a file', () => {
    const href = '/api/v1/jobs/job_1/result.tif';
    const job = rowToJob({ ...row, status: 'succeeded', progress: 1, result: JSON.stringify({ href, width: 2 }) });
    expect(job.result).toEqual({ href, width: 2 });
    expect(job.links.map((l) => l.rel)).toEqual(['self', 'result']);
    expect(job.links[1]).toEqual({ rel: 'result', href, type: 'image/tiff; application=geotiff; profile=cloud-optimized' });
  });

  it('types the result link of a time series as JSON (its result is result.json)', () => {
    const href = '/api/v1/jobs/job_1/result.json';
    const job = rowToJob({ ...row, type: 'timeseries', status: 'succeeded', progress: 1, result: JSON.stringify({ href, csv: '/api/v1/jobs/job_1/result.csv', entries: 3 }) });
    expect(job.links[1]).toEqual({ rel: 'result', href, type: 'application/json' });
  });
});

describe('jobErrorOf', () => {
  it('keeps an AppError\'s code and message', () => {
    expect(jobErrorOf(new AppError('not_found', 'scene x not found'))).toEqual({ jobError: { code: 'not_found', message: 'scene x not found' }, expected: true });
  });
  it('hides anything else behind a generic internal error', () => {
    expect(jobErrorOf(new TypeError('x is undefined at foo.ts:3'))).toEqual({ jobError: INTERNAL_JOB_ERROR, expected: false });
    expect(jobErrorOf('thrown string')).toEqual({ jobError: INTERNAL_JOB_ERROR, expected: false });
  });
  it('reports a full disk as insufficient_storage, whether the file system or SQLite noticed it', () => {
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: 'ENOSPC' });
    const sqliteFull = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    for (const error of [enospc, sqliteFull]) {
      const { jobError, expected } = jobErrorOf(error);
      expect(jobError.code).toBe('insufficient_storage');
      expect(jobError.message).toMatch(/disk holding the data dir is full/);
      expect(expected).toBe(true);
    }
  });
});
