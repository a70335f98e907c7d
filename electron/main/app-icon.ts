/**
 * Where the window icon is: resources/icons/512x512.png in the repository, copied next to
 * app.asar by electron-builder's extraResources when packaged. Pure, so the packaging test can
 * check the same path electron-builder.yml names.
 */
import { join } from 'node:path';

export const WINDOW_ICON_SOURCE = 'resources/icons/512x512.png';
export const WINDOW_ICON_PACKAGED = 'icons/512x512.png';

export function windowIconPath(options: { isPackaged: boolean; resourcesPath: string; appRoot: string }): string {
  return options.isPackaged ? join(options.resourcesPath, WINDOW_ICON_PACKAGED) : join(options.appRoot, WINDOW_ICON_SOURCE);
}
