/**
 * The window session's permission handlers: every permission request and check is decided by
 * permission-policy.ts (deny unless the app's own top frame asks for clipboard writing), and
 * device access (HID, serial, USB) is refused outright.
 */
import type { Session, WebContents } from 'electron';
import { isPermissionGranted } from './permission-policy';

export function lockDownSession(session: Session, appOrigin: string, isAppWindow: (contents: WebContents | null) => boolean): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, fromAppWindow: isAppWindow(contents) }, appOrigin));
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    const requestingUrl = details.requestingUrl ?? requestingOrigin;
    return isPermissionGranted({ permission, requestingUrl, isMainFrame: details.isMainFrame, fromAppWindow: isAppWindow(contents) }, appOrigin);
  });
  session.setDevicePermissionHandler(() => false);
}
