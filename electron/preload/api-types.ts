/** What the preload exposes to the renderer as `window.astra`; nothing else crosses the bridge. */
export interface AstraBridge {
  apiBase: string;
  sessionKey: string;
  /** Native save dialog; writes the bytes fetched from `url` (a service URL) to the chosen file. */
  saveFile(options: { url: string; defaultName: string }): Promise<{ saved: boolean; path?: string }>;
  revealInFolder(path: string): Promise<void>;
}

export const IPC = {
  config: 'astra:config',
  saveFile: 'astra:save-file',
  reveal: 'astra:reveal',
} as const;
