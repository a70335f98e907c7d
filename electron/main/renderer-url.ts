/**
 * Which page the window loads: the service's own renderer, or — only in an unpackaged
 * development run — electron-vite's dev server from ELECTRON_RENDERER_URL. Pure, unit-tested.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The development server to load, or null. A packaged app never honours ELECTRON_RENDERER_URL:
 * an environment variable must not be able to point the window (and its session key) at another
 * page. In development it must be an http(s) URL on this machine.
 */
export function devServerUrl(isPackaged: boolean, value: string | undefined): URL | null {
  if (isPackaged || !value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ELECTRON_RENDERER_URL is not a URL: ${value}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL on this machine (localhost), not ${url.origin}`);
  }
  return url;
}

/** The URL the window opens: the dev server when there is one, else the service's root page. */
export function rendererUrl(serviceBase: string, devServer: URL | null): string {
  return devServer ? devServer.href : `${serviceBase.replace(/\/+$/, '')}/`;
}
