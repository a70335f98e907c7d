/**
 * Where the API is and which key to use: from the Electron preload (`window.astra`), or — in a
 * plain browser — the page's own origin and the `?key=` of its URL (kept for the session, then
 * removed from the address bar so it is not bookmarked or shared by accident).
 */
import type { AstraBridge } from '../../../electron/preload/api-types';

declare global {
  interface Window {
    astra?: AstraBridge;
  }
}

export interface Connection {
  apiBase: string;
  key: string | null;
  bridge: AstraBridge | null;
}

const STORAGE_KEY = 'astra.key';

export function resolveConnection(win: Window = window): Connection {
  if (win.astra) return { apiBase: win.astra.apiBase, key: win.astra.sessionKey, bridge: win.astra };
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    win.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('key');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return { apiBase: win.location.origin, key: fromUrl ?? win.sessionStorage.getItem(STORAGE_KEY), bridge: null };
}
