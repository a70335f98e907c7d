/**
 * Electron main process: single instance, the embedded service, one hardened window, the menu.
 * Everything else lives in electron/service and is plain Node.
 */
import { app, BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';
import { installIpc } from './ipc';
import { installMenu } from './menu';
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
    running = await startEmbeddedService(fileURLToPath(new URL('../renderer', import.meta.url)));
    installIpc(running);
    installMenu(() => mainWindow, !app.isPackaged);
    const appUrl = process.env.ELECTRON_RENDERER_URL ?? `${running.apiBase}/`;
    mainWindow = createMainWindow(appUrl);
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
