/** renderer-url.ts: the dev server is honoured only unpackaged and only on this machine. */
import { describe, expect, it } from 'vitest';
import { devServerUrl, rendererUrl } from '../../../electron/main/renderer-url';

describe('devServerUrl', () => {
  it('is ignored in a packaged app, whatever the environment says', () => {
    expect(devServerUrl(true, 'http://localhost:5173/')).toBeNull();
    expect(devServerUrl(true, 'https://evil.example/')).toBeNull();
  });

  it('is used in development when it is http(s) on loopback', () => {
    expect(devServerUrl(false, 'http://localhost:5173/')?.origin).toBe('http://localhost:5173');
    expect(devServerUrl(false, 'http://127.0.0.1:5173')?.origin).toBe('http://127.0.0.1:5173');
    expect(devServerUrl(false, 'http://[::1]:5173/')?.origin).toBe('http://[::1]:5173');
  });

  it('is absent when unset or empty', () => {
    expect(devServerUrl(false, undefined)).toBeNull();
    expect(devServerUrl(false, '')).toBeNull();
  });

  it('refuses, with the reason, a remote host, another scheme or a non-URL', () => {
    expect(() => devServerUrl(false, 'https://evil.example/')).toThrow(/on this machine.*https:\/\/evil\.example/);
    expect(() => devServerUrl(false, 'http://192.168.1.5:5173/')).toThrow(/on this machine/);
    expect(() => devServerUrl(false, 'file:///tmp/index.html')).toThrow(/http\(s\) URL/);
    expect(() => devServerUrl(false, 'localhost:5173')).toThrow(/http\(s\) URL/);
    expect(() => devServerUrl(false, '::nonsense')).toThrow(/not a URL/);
  });
});

describe('rendererUrl', () => {
  it('is the service root page, or the dev server when there is one', () => {
    expect(rendererUrl('http://127.0.0.1:40001', null)).toBe('http://127.0.0.1:40001/');
    expect(rendererUrl('http://127.0.0.1:40001/', null)).toBe('http://127.0.0.1:40001/');
    expect(rendererUrl('http://127.0.0.1:40001', new URL('http://localhost:5173/'))).toBe('http://localhost:5173/');
  });
});
