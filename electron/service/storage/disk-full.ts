/**
 * A full disk, whichever layer noticed it: the file system (ENOSPC, EDQUOT on a quota) or SQLite
 * (SQLITE_FULL, also when a write of the byte cache failed). Reported as `insufficient_storage`
 * (507) with a message that says what to do, never as an internal error.
 */
import { AppError, isAppError } from '../api/errors';

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

export function isDiskFullError(error: unknown): boolean {
  if (isAppError(error)) return error.code === 'insufficient_storage';
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DISK_FULL_CODES.has(code);
}

export function diskFullError(cause?: unknown): AppError {
  if (isAppError(cause) && cause.code === 'insufficient_storage') return cause;
  return new AppError('insufficient_storage', 'the disk holding the data dir is full; free some space (e.g. delete old job results or clear the cache) and try again', { cause });
}
