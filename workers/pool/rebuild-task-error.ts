/**
 * Main-thread side of ./task-error.ts: turns what a worker threw back into an Error with the
 * worker's name and fields. Kept apart from the worker side so the bundler does not move shared
 * code into a chunk that the worker entry would then have to load.
 */
import type { SerializedTaskError } from './task-error';

export function isSerializedTaskError(value: unknown): value is SerializedTaskError {
  return typeof value === 'object' && value !== null && (value as { taskError?: unknown }).taskError === true
    && typeof (value as { name?: unknown }).name === 'string' && typeof (value as { message?: unknown }).message === 'string';
}

/** Main side: a rejection from Piscina → an Error carrying the worker's name and properties. */
export function rebuildTaskError(value: unknown): Error {
  if (!isSerializedTaskError(value)) return value instanceof Error ? value : new Error(String(value));
  const error = new Error(value.message);
  Object.assign(error, value.props);
  error.name = value.name;
  if (value.stack) error.stack = value.stack;
  return error;
}
