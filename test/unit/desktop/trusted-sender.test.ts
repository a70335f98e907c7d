/** trusted-sender.ts: IPC is answered only for the app window's top frame on the app's origin. */
import { describe, expect, it } from 'vitest';
import { untrustedSenderReason, type IpcSender } from '../../../electron/main/trusted-sender';

const APP = { webContentsId: 7, origin: 'http://127.0.0.1:43111' };
const topFrame = (url: string, origin = new URL(url).origin) => ({ url, origin, isTopFrame: true });
const sender = (frame: IpcSender['frame'], webContentsId = 7): IpcSender => ({ webContentsId, frame });

describe('untrustedSenderReason', () => {
  it('trusts the app window top frame on the app origin', () => {
    expect(untrustedSenderReason(sender(topFrame('http://127.0.0.1:43111/')), APP)).toBeNull();
    expect(untrustedSenderReason(sender(topFrame('http://127.0.0.1:43111/index.html#jobs')), APP)).toBeNull();
  });

  it('refuses other web contents, or any sender while there is no window', () => {
    expect(untrustedSenderReason(sender(topFrame('http://127.0.0.1:43111/'), 8), APP)).toBe('not the app window');
    expect(untrustedSenderReason(sender(topFrame('http://127.0.0.1:43111/')), { ...APP, webContentsId: null })).toBe('not the app window');
  });

  it('refuses a gone frame and a subframe, even of the app origin', () => {
    expect(untrustedSenderReason(sender(null), APP)).toBe('the sending frame is gone');
    expect(untrustedSenderReason(sender({ ...topFrame('http://127.0.0.1:43111/'), isTopFrame: false }), APP)).toBe('not the top frame');
  });

  it('refuses another origin, whether by URL or by the frame origin', () => {
    expect(untrustedSenderReason(sender(topFrame('https://evil.example/')), APP)).toMatch(/origin https:\/\/evil\.example/);
    expect(untrustedSenderReason(sender(topFrame('http://127.0.0.1:43112/')), APP)).toMatch(/not the app's/);
    // about:blank inherits an origin but its URL has none: refused.
    expect(untrustedSenderReason(sender(topFrame('about:blank', 'http://127.0.0.1:43111')), APP)).toMatch(/not the app's/);
    // A URL of the app's origin whose frame reports another origin (sandboxed, opaque) is refused too.
    expect(untrustedSenderReason(sender(topFrame('http://127.0.0.1:43111/', 'null')), APP)).toMatch(/origin null/);
    expect(untrustedSenderReason(sender(topFrame('', '')), APP)).toBe('the frame has no URL');
  });
});
