/**
 * Which web permissions the app's page gets: deny by default. The only one the renderer uses is
 * writing text to the clipboard (the API Keys panel's Copy buttons call
 * navigator.clipboard.writeText, which Electron checks as `clipboard-sanitized-write`), and only
 * for the app's own top frame. Pure, unit-tested; session-lockdown.ts applies it.
 */

export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export interface PermissionAsk {
  permission: string;
  /** The URL of the asking frame (`details.requestingUrl`, or the check's requesting origin). */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /** Whether the asking web contents is the app's window. */
  fromAppWindow: boolean;
}

export function isPermissionGranted(ask: PermissionAsk, appOrigin: string): boolean {
  if (!GRANTED_PERMISSIONS.includes(ask.permission)) return false;
  if (!ask.fromAppWindow || !ask.isMainFrame || !ask.requestingUrl) return false;
  try {
    return new URL(ask.requestingUrl).origin === appOrigin;
  } catch {
    return false;
  }
}
