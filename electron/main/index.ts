/**
 * Electron main process: single instance, the embedded service, one hardened window and its
 * locked-down session, the menu. Everything else lives in electron/service and is plain Node.
 */
import { app, BrowserWindow, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { windowIconPath } from './app-icon';
import { installIpc } from './ipc';
import { installMenu } from './menu';
import { devServerUrl, rendererUrl } from './renderer-url';
import { lockDownSession } from './session-lockdown';
import { startEmbeddedService, type RunningService } from './start-service';
import { createMainWindow } from './window';

let mainWindow: BrowserWindow | null = null;
let running: RunningService | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(async () => {
    const devServer = devServerUrl(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
    running = await startEmbeddedService(fileURLToPath(new URL('../renderer', import.meta.url)), devServer?.origin ?? null);
    const appUrl = rendererUrl(running.apiBase, devServer);
    const appOrigin = new URL(appUrl).origin;
    const isAppWindow = (contents: Electron.WebContents | null) => contents !== null && mainWindow !== null && contents.id === mainWindow.webContents.id;
    lockDownSession(session.defaultSession, appOrigin, isAppWindow);
    installIpc(running, () => ({ webContentsId: mainWindow?.webContents.id ?? null, origin: appOrigin }));
    installMenu(() => mainWindow, !app.isPackaged);
    const icon = windowIconPath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot: fileURLToPath(new URL('../..', import.meta.url)) });
    mainWindow = createMainWindow(appUrl, icon);
    mainWindow.on('closed', () => { mainWindow = null; });
  }).catch((error: unknown) => {
    console.error('ASTRA failed to start:', error);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!running) return;
    event.preventDefault();
    const closing = running;
    running = null;
    void closing.service.close().finally(() => app.exit(0));
  });
}
