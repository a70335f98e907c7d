/** Turning failures into words for people, and telling cancellation apart from failure. */
import { isApiError } from './client';

/** An aborted request is the user's own doing (a new search, a closed panel): never shown. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AbortError';
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'network') return error.message;
    if (error.status === 401) return `Not authorised: ${error.message}. Reopen the app with a valid key.`;
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
