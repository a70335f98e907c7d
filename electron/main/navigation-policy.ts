/**
 * Where the app's window may go. Pure (no electron import) so it is unit-tested in plain Node;
 * window.ts applies it to will-navigate, will-redirect, will-frame-navigate and window.open.
 */

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    // Opaque origins (data:, javascript:, about:blank, file: on some platforms) are the string "null".
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** A frame of the app may load only pages of the app's own origin (the service, or the dev server in development). */
export function isNavigationAllowed(targetUrl: string, appOrigin: string): boolean {
  const target = originOf(targetUrl);
  return target !== null && target === originOf(appOrigin);
}

/**
 * What a link that asks for a new window does: nothing opens inside the app; an https link that
 * leaves the app (documentation, a provider's page) opens in the system browser. Returns the URL
 * to hand to the browser, or null to drop it.
 */
export function externalBrowserTarget(url: string, appOrigin: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return null;
  if (parsed.origin === originOf(appOrigin)) return null;
  return parsed.href;
}
