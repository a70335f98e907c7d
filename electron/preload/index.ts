/**
 * The whole preload: one small typed object on `window.astra`, never raw IPC. The renderer is
 * sandboxed and talks to the service over HTTP with the session key given here. The main process
 * answers the config call only for the app's own top frame; anything else gets no bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type AstraBridge } from './api-types';

const config = ipcRenderer.sendSync(IPC.config) as { apiBase: string; sessionKey: string } | null;

if (config) {
  const bridge: AstraBridge = {
    apiBase: String(config.apiBase),
    sessionKey: String(config.sessionKey),
    saveFile: (options) => ipcRenderer.invoke(IPC.saveFile, { url: String(options.url), defaultName: String(options.defaultName) }),
    revealInFolder: (path) => ipcRenderer.invoke(IPC.reveal, String(path)),
  };
  contextBridge.exposeInMainWorld('astra', bridge);
}
