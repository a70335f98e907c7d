/** navigation-policy.ts: the window stays on the app's origin; only https links leave, to the system browser. */
import { describe, expect, it } from 'vitest';
import { externalBrowserTarget, isNavigationAllowed } from '../../../electron/main/navigation-policy';

const APP = 'http://127.0.0.1:43111';

describe('isNavigationAllowed', () => {
  it('allows pages of the app origin, with any path, query or hash', () => {
    expect(isNavigationAllowed(`${APP}/`, APP)).toBe(true);
    expect(isNavigationAllowed(`${APP}/index.html?x=1#map`, APP)).toBe(true);
    expect(isNavigationAllowed(`${APP}/`, `${APP}/`)).toBe(true);
  });

  it('refuses another port, host, scheme or spelling of loopback', () => {
    for (const url of [
      'http://127.0.0.1:43112/',
      'https://127.0.0.1:43111/',
      'http://localhost:43111/',
      'http://[::1]:43111/',
      'https://example.com/',
      'http://127.0.0.1:43111.evil.example/',
      'http://user@evil.example/?u=http://127.0.0.1:43111/',
    ]) expect(isNavigationAllowed(url, APP), url).toBe(false);
  });

  it('refuses opaque and local schemes and anything unparseable', () => {
    for (const url of ['about:blank', 'data:text/html,<h1>x', 'javascript:alert(1)', 'file:///etc/passwd', 'blob:null/1', 'chrome://gpu', 'devtools://devtools', '', 'not a url']) {
      expect(isNavigationAllowed(url, APP), url).toBe(false);
    }
  });

  it('never allows anything when the app origin itself is opaque or broken', () => {
    expect(isNavigationAllowed('about:blank', 'about:blank')).toBe(false);
    expect(isNavigationAllowed('data:,x', 'data:,x')).toBe(false);
    expect(isNavigationAllowed('http://a/', 'nonsense')).toBe(false);
  });
});

describe('externalBrowserTarget', () => {
  it('hands https links outside the app to the system browser', () => {
    expect(externalBrowserTarget('https://stacspec.org/en/', APP)).toBe('https://stacspec.org/en/');
    expect(externalBrowserTarget('https://planetarycomputer.microsoft.com/dataset/sentinel-2-l2a', APP)).toBe('https://planetarycomputer.microsoft.com/dataset/sentinel-2-l2a');
  });

  it('drops everything else: plain http, other schemes, credentials, the app itself, junk', () => {
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'https://user:pw@example.com/', `${APP}/popup`, 'not a url']) {
      expect(externalBrowserTarget(url, APP), url).toBeNull();
    }
  });
});
