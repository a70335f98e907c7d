/**
 * The renderer's file server never leaves its folder and never answers a traversal attempt with a
 * framework error ("400 Forbidden"): whatever the spelling, it is the JSON 404 of any missing file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlainRendererPath } from '../../../electron/service/http/renderer-static';
import { startTestService, type TestService } from '../../helpers/test-service';
import { rawRequest } from './raw-request';

const SECRET = 'secret-outside-the-renderer-folder';
let root: string;
let svc: TestService;

beforeAll(async () => {
  // <root>/secret.txt beside <root>/renderer/, which is what the service serves.
  root = mkdtempSync(join(tmpdir(), 'astra-traversal-'));
  writeFileSync(join(root, 'secret.txt'), SECRET);
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ASTRA</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(rendererDir, 'assets', 'a..b.js'), 'console.log("dots in a name")');
  svc = await startTestService({ rendererDir });
});
afterAll(async () => {
  await svc?.close();
  rmSync(root, { recursive: true, force: true });
});

const ATTEMPTS = [
  '/../secret.txt',
  '/assets/../../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E/secret.txt',
  '/.%2e/secret.txt',
  '/assets/%2e%2e/%2e%2e/secret.txt',
  '/..%2fsecret.txt',
  '/..%2Fsecret.txt',
  '/%2e%2e%2fsecret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '/..%5csecret.txt',
  '/..\\secret.txt',
  '/%252e%252e/secret.txt',
  '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  '/..;/secret.txt',
  '/index.html%00.js',
  `http://127.0.0.1:PORT/../secret.txt`,
  `http://127.0.0.1:PORT/%2e%2e/secret.txt`,
];

describe('path traversal on the static route', () => {
  it('answers 404 (JSON) or 403 — never 400, never the file outside the folder', async () => {
    const seen: string[] = [];
    for (const attempt of ATTEMPTS) {
      const target = attempt.replace('PORT', String(svc.port));
      for (const method of ['GET', 'HEAD']) {
        const response = await rawRequest(svc.port, { method, target });
        seen.push(`${method} ${target} → ${response.status}`);
        expect([403, 404], `${method} ${target}: ${response.status} ${response.body.slice(0, 100)}`).toContain(response.status);
        expect(response.body).not.toContain(SECRET);
        if (method === 'GET' && response.status === 404) {
          expect(response.headers['content-type'], target).toMatch(/application\/json/);
          expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'not_found' } });
        }
      }
    }
    expect(seen).toHaveLength(ATTEMPTS.length * 2);
  });

  it('still serves the renderer\'s own files, including names with two dots', async () => {
    expect((await rawRequest(svc.port, { method: 'GET', target: '/' })).body).toContain('<title>ASTRA</title>');
    expect((await rawRequest(svc.port, { method: 'GET', target: '/assets/app.js' })).body).toContain('console.log("app")');
    expect((await rawRequest(svc.port, { method: 'GET', target: '/assets/a..b.js' })).body).toContain('dots in a name');
    expect((await rawRequest(svc.port, { method: 'GET', target: '/assets/./app.js' })).status).toBe(200);
  });

  it('classifies paths: dot-dot segments, however escaped, and NULs are refused', () => {
    expect(isPlainRendererPath('/assets/app.js')).toBe(true);
    expect(isPlainRendererPath('/assets/a..b.js')).toBe(true);
    expect(isPlainRendererPath('/../x')).toBe(false);
    expect(isPlainRendererPath('/..%2Fx')).toBe(false);
    expect(isPlainRendererPath('/a/..%5Cx')).toBe(false);
    expect(isPlainRendererPath('/a%00.js')).toBe(false);
    expect(isPlainRendererPath('/%E0%A4%A')).toBe(false);
  });
});
