/**
 * The hardened main window: sandboxed, isolated, no Node; no navigation, redirect or frame
 * navigation away from the app's origin; no popups (https links open in the system browser);
 * no <webview>.
 */
import { BrowserWindow, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { externalBrowserTarget, isNavigationAllowed } from './navigation-policy';
import { loadWindowState, trackWindowState } from './window-state';

export function createMainWindow(appUrl: string, iconPath: string): BrowserWindow {
  const state = loadWindowState();
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'ASTRA Desktop',
    icon: iconPath,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  trackWindowState(window);

  const appOrigin = new URL(appUrl).origin;
  const contents = window.webContents;
  const refuseOutside = (event: Electron.Event<{ url: string }>) => {
    if (!isNavigationAllowed(event.url, appOrigin)) {
      event.preventDefault();
      console.warn(`ASTRA: blocked navigation to ${event.url}`);
    }
  };
  contents.on('will-navigate', refuseOutside);
  contents.on('will-redirect', refuseOutside);
  contents.on('will-frame-navigate', refuseOutside);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalBrowserTarget(url, appOrigin);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return window;
}
