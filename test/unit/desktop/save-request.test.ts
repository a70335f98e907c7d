/** save-request.ts: saveFile fetches only service files and suggests a plain file name. */
import { describe, expect, it } from 'vitest';
import { parseSaveRequest } from '../../../electron/main/save-request';

const BASE = 'http://127.0.0.1:43111';

describe('parseSaveRequest', () => {
  it('accepts an absolute or relative URL of the service API', () => {
    expect(parseSaveRequest({ url: `${BASE}/api/v1/jobs/job_1/result.tif`, defaultName: 'ndvi.tif' }, BASE)).toEqual({ url: new URL(`${BASE}/api/v1/jobs/job_1/result.tif`), defaultName: 'ndvi.tif' });
    expect(parseSaveRequest({ url: '/api/v1/jobs/job_1/result.tif', defaultName: 'ndvi.tif' }, BASE).url.href).toBe(`${BASE}/api/v1/jobs/job_1/result.tif`);
  });

  it('refuses other origins, paths outside the API and malformed input', () => {
    expect(() => parseSaveRequest({ url: 'https://evil.example/api/v1/x', defaultName: 'a.tif' }, BASE)).toThrow(/only service URLs/);
    expect(() => parseSaveRequest({ url: 'http://127.0.0.1:43112/api/v1/x', defaultName: 'a.tif' }, BASE)).toThrow(/only service URLs/);
    expect(() => parseSaveRequest({ url: 'file:///etc/passwd', defaultName: 'a.tif' }, BASE)).toThrow(/only service URLs/);
    expect(() => parseSaveRequest({ url: `${BASE}/index.html`, defaultName: 'a.tif' }, BASE)).toThrow(/only service URLs/);
    expect(() => parseSaveRequest({ url: `${BASE}/api/v1/../../etc/passwd`, defaultName: 'a.tif' }, BASE)).toThrow(/only service URLs/);
    expect(() => parseSaveRequest(null, BASE)).toThrow(/expected/);
    expect(() => parseSaveRequest('x', BASE)).toThrow(/expected/);
    expect(() => parseSaveRequest({ url: 1, defaultName: 'a' }, BASE)).toThrow(/strings/);
    expect(() => parseSaveRequest({ url: 'http://[bad', defaultName: 'a' }, BASE)).toThrow(/not a URL/);
  });

  it('turns the suggested name into a plain file name', () => {
    const name = (defaultName: string) => parseSaveRequest({ url: '/api/v1/jobs/j/result.tif', defaultName }, BASE).defaultName;
    expect(name('../../.bashrc')).toBe('.bashrc');
    expect(name('/etc/cron.d/job')).toBe('job');
    expect(name('..\\..\\Windows\\evil.exe')).toBe('evil.exe');
    expect(name('a:b*c?.tif')).toBe('a_b_c_.tif');
    expect(name('line\nbreak.tif')).toBe('line_break.tif');
    expect(name('')).toBe('astra-export.tif');
    expect(name('..')).toBe('astra-export.tif');
    expect(name('x'.repeat(500)).length).toBe(200);
  });
});
