/**
 * Who may see and act on a job: the key that submitted it, and admin keys. Another key's job is
 * answered exactly like an unknown one (404), so job ids do not leak.
 */
import type { VerifiedKey } from '../keys/key-store';

export interface JobViewer {
  /** The requesting key's id; null = no key. */
  keyId: string | null;
  /** Admin keys see and act on every job. */
  admin: boolean;
}

/** The service itself (start-up, retention, tests driving the queue directly). */
export const EVERY_JOB: JobViewer = { keyId: null, admin: true };

export function isAdminKey(key: VerifiedKey | undefined): boolean {
  return key?.scopes.includes('admin') ?? false;
}

export function jobViewerOf(key: VerifiedKey | undefined): JobViewer {
  return { keyId: key?.id ?? null, admin: isAdminKey(key) };
}

export function canSeeJob(viewer: JobViewer, ownerKeyId: string | null): boolean {
  return viewer.admin || (viewer.keyId !== null && viewer.keyId === ownerKeyId);
}
