/**
 * Saving files. A service file ("Export GeoTIFF…", "Export CSV…"): in Electron the main process
 * shows the native save dialog and writes the bytes itself; in a plain browser the file is fetched
 * with the key and handed to the browser's download through a temporary blob URL. A file made in
 * the page (a chart's PNG) always takes the download path; Electron, which has no download
 * handler, asks where to save it with its own save dialog.
 */
import type { ApiClient } from './client';

export type SaveOutcome = { saved: true; path?: string } | { saved: false };

export async function saveServiceFile(client: ApiClient, path: string, defaultName: string): Promise<SaveOutcome> {
  const bridge = client.connection.bridge;
  if (bridge) {
    const result = await bridge.saveFile({ url: client.url(path), defaultName });
    return result.saved ? { saved: true, path: result.path } : { saved: false };
  }
  const response = await client.fetch(path);
  return saveBlob(await response.blob(), defaultName);
}

export function saveBlob(blob: Blob, defaultName: string): SaveOutcome {
  const href = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = href;
    link.download = defaultName;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the download a moment to take the blob before it is released.
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
  return { saved: true };
}
