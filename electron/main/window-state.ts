/** Remembers the window's size and position in userData, written atomically. */
import { app, screen, type BrowserWindow, type Rectangle } from 'electron';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface WindowState {
  version: 1;
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { version: 1, bounds: { x: 0, y: 0, width: 1400, height: 900 }, maximized: false };

function statePath(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

export function loadWindowState(): WindowState {
  try {
    const parsed = JSON.parse(readFileSync(statePath(), 'utf8')) as WindowState;
    const b = parsed.bounds;
    const visible = screen.getAllDisplays().some(({ workArea: w }) =>
      b.x < w.x + w.width && b.x + b.width > w.x && b.y < w.y + w.height && b.y + b.height > w.y);
    if (parsed.version === 1 && visible && b.width >= 400 && b.height >= 300) return parsed;
  } catch {
    // First launch or unreadable file: defaults.
  }
  return DEFAULT;
}

export function trackWindowState(window: BrowserWindow): void {
  const save = () => {
    const state: WindowState = { version: 1, bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    const tmp = `${statePath()}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, statePath());
  };
  window.on('close', save);
}
