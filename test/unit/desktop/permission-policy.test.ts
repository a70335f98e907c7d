/** permission-policy.ts: every web permission is denied except clipboard writing for the app's own top frame. */
import { describe, expect, it } from 'vitest';
import { GRANTED_PERMISSIONS, isPermissionGranted, type PermissionAsk } from '../../../electron/main/permission-policy';

const APP = 'http://127.0.0.1:43111';
const ask = (permission: string, over: Partial<PermissionAsk> = {}): PermissionAsk => ({ permission, requestingUrl: `${APP}/`, isMainFrame: true, fromAppWindow: true, ...over });

// Every permission name electron.d.ts (42) lists for the request and check handlers.
const ELECTRON_PERMISSIONS = [
  'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media', 'mediaKeySystem',
  'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection', 'storage-access',
  'top-level-storage-access', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb', 'deprecated-sync-clipboard-read',
];

describe('isPermissionGranted', () => {
  it('denies every permission but clipboard writing, even to the app itself', () => {
    const granted = ELECTRON_PERMISSIONS.filter((permission) => isPermissionGranted(ask(permission), APP));
    expect(granted).toEqual(['clipboard-sanitized-write']);
    expect(GRANTED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
  });

  it('grants clipboard writing only to the app window main frame on the app origin', () => {
    expect(isPermissionGranted(ask('clipboard-sanitized-write'), APP)).toBe(true);
    expect(isPermissionGranted(ask('clipboard-sanitized-write', { requestingUrl: APP }), APP)).toBe(true);
    expect(isPermissionGranted(ask('clipboard-sanitized-write', { isMainFrame: false }), APP)).toBe(false);
    expect(isPermissionGranted(ask('clipboard-sanitized-write', { fromAppWindow: false }), APP)).toBe(false);
    expect(isPermissionGranted(ask('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/' }), APP)).toBe(false);
    expect(isPermissionGranted(ask('clipboard-sanitized-write', { requestingUrl: undefined }), APP)).toBe(false);
    expect(isPermissionGranted(ask('clipboard-sanitized-write', { requestingUrl: 'garbage' }), APP)).toBe(false);
  });

  it('never grants reading the clipboard', () => {
    expect(isPermissionGranted(ask('clipboard-read'), APP)).toBe(false);
    expect(isPermissionGranted(ask('deprecated-sync-clipboard-read'), APP)).toBe(false);
  });
});
