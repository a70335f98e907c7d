/** The main side of the preload's few calls: config, native save dialog, reveal in folder. */
import { BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IPC } from '../preload/api-types';
import type { RunningService } from './start-service';

export function installIpc(running: RunningService): void {
  ipcMain.on(IPC.config, (event) => {
    event.returnValue = { apiBase: running.apiBase, sessionKey: running.sessionKey };
  });

  ipcMain.handle(IPC.saveFile, async (event, options: { url: string; defaultName: string }) => {
    const url = new URL(options.url, running.apiBase);
    // Only the service's own files may be saved through this door.
    if (url.origin !== new URL(running.apiBase).origin) throw new Error('saveFile: only service URLs can be saved');
    const window = BrowserWindow.fromWebContents(event.sender);
    const choice = window
      ? await dialog.showSaveDialog(window, { defaultPath: options.defaultName, filters: [{ name: 'GeoTIFF', extensions: ['tif', 'tiff'] }] })
      : await dialog.showSaveDialog({ defaultPath: options.defaultName });
    if (choice.canceled || !choice.filePath) return { saved: false };
    const response = await fetch(url, { headers: { Authorization: `Bearer ${running.sessionKey}` } });
    if (!response.ok || !response.body) throw new Error(`saveFile: service answered ${response.status}`);
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(choice.filePath));
    return { saved: true, path: choice.filePath };
  });

  ipcMain.handle(IPC.reveal, (_event, path: string) => {
    shell.showItemInFolder(String(path));
  });
}
