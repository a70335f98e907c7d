/**
 * Whether an IPC message comes from the app's own page: the top frame of the app's window, showing
 * a page of the app's origin. Pure, unit-tested; ipc.ts feeds it from the IPC event.
 */

export interface IpcSender {
  /** `event.sender.id`: the web contents the message came from. */
  webContentsId: number;
  /** `event.senderFrame`; null when the frame has navigated away or is gone. */
  frame: { url: string; origin: string; isTopFrame: boolean } | null;
}

export interface AppWindowIdentity {
  /** The app window's `webContents.id`; null while there is no window. */
  webContentsId: number | null;
  /** The origin of the page the window was opened on. */
  origin: string;
}

/** Null when the sender is the app's top frame; otherwise why it is not (for the log). */
export function untrustedSenderReason(sender: IpcSender, app: AppWindowIdentity): string | null {
  if (app.webContentsId === null || sender.webContentsId !== app.webContentsId) return 'not the app window';
  const frame = sender.frame;
  if (!frame) return 'the sending frame is gone';
  if (!frame.isTopFrame) return 'not the top frame';
  let urlOrigin: string;
  try {
    urlOrigin = new URL(frame.url).origin;
  } catch {
    return 'the frame has no URL';
  }
  if (urlOrigin !== app.origin || frame.origin !== app.origin) return `origin ${frame.origin || urlOrigin} is not the app's`;
  return null;
}
