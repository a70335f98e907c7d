/**
 * The main side of the preload's few calls: config, native save dialog, reveal in folder. Each
 * handler first checks that the message comes from the app window's top frame on the app's origin
 * (trusted-sender.ts); reveal shows only files that saveFile wrote in this run (saved-paths.ts).
 */
import { BrowserWindow, dialog, ipcMain, shell, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { IPC } from '../preload/api-types';
import { parseSaveRequest } from './save-request';
import { SavedPaths } from './saved-paths';
import type { RunningService } from './start-service';
import { untrustedSenderReason, type AppWindowIdentity } from './trusted-sender';

function senderProblem(event: IpcMainEvent | IpcMainInvokeEvent, app: AppWindowIdentity): string | null {
  const frame = event.senderFrame;
  const reason = untrustedSenderReason({
    webContentsId: event.sender.id,
    frame: frame ? { url: frame.url, origin: frame.origin, isTopFrame: frame.parent === null } : null,
  }, app);
  if (reason) console.warn(`ASTRA: refused IPC from an untrusted sender (${reason})`);
  return reason;
}

export function installIpc(running: RunningService, appWindow: () => AppWindowIdentity): void {
  const saved = new SavedPaths();

  ipcMain.on(IPC.config, (event) => {
    // A sync message must always get an answer; an untrusted frame gets null (no bridge).
    event.returnValue = senderProblem(event, appWindow()) ? null : { apiBase: running.apiBase, sessionKey: running.sessionKey };
  });

  ipcMain.handle(IPC.saveFile, async (event, raw: unknown) => {
    if (senderProblem(event, appWindow())) throw new Error('saveFile: not allowed from this frame');
    const request = parseSaveRequest(raw, running.apiBase);
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: request.defaultName, filters: [{ name: 'GeoTIFF', extensions: ['tif', 'tiff'] }] };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    const response = await fetch(request.url, { headers: { Authorization: `Bearer ${running.sessionKey}` }, redirect: 'error' });
    if (!response.ok || !response.body) throw new Error(`saveFile: service answered ${response.status}`);
    await pipeline(Readable.fromWeb(response.body as ReadableStream), createWriteStream(choice.filePath));
    saved.remember(choice.filePath);
    return { saved: true, path: choice.filePath };
  });

  ipcMain.handle(IPC.reveal, (event, path: unknown) => {
    if (senderProblem(event, appWindow())) throw new Error('revealInFolder: not allowed from this frame');
    if (!saved.isRevealable(path)) throw new Error('revealInFolder: only files saved by this app in this session can be shown');
    shell.showItemInFolder(path);
  });
}
