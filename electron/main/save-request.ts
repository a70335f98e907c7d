/**
 * Validates what the page asks `saveFile` to do: fetch a file of the service and offer it under a
 * suggested name. Pure, unit-tested.
 */
import { basename } from 'node:path';

export interface SaveRequest {
  url: URL;
  defaultName: string;
}

const MAX_NAME = 200;
const RESERVED = new Set(['<', '>', ':', '"', '|', '?', '*']);

/** Control characters and the characters Windows forbids in names become "_". */
function safeName(name: string): string {
  return [...name].map((char) => (char.charCodeAt(0) < 0x20 || RESERVED.has(char) ? '_' : char)).join('');
}

export function parseSaveRequest(raw: unknown, serviceBase: string): SaveRequest {
  if (typeof raw !== 'object' || raw === null) throw new Error('saveFile: expected {url, defaultName}');
  const { url, defaultName } = raw as { url?: unknown; defaultName?: unknown };
  if (typeof url !== 'string' || typeof defaultName !== 'string') throw new Error('saveFile: url and defaultName must be strings');
  let parsed: URL;
  try {
    parsed = new URL(url, serviceBase);
  } catch {
    throw new Error('saveFile: url is not a URL');
  }
  // Only the service's own files may be saved through this door (the session key goes with the request).
  if (parsed.origin !== new URL(serviceBase).origin || !parsed.pathname.startsWith('/api/v1/')) {
    throw new Error('saveFile: only service URLs under /api/v1/ can be saved');
  }
  // A suggested file name, never a path: the user picks the folder in the dialog.
  const name = safeName(basename(defaultName.replace(/\\/g, '/'))).slice(0, MAX_NAME).trim();
  return { url: parsed, defaultName: name && name !== '.' && name !== '..' ? name : 'astra-export.tif' };
}
