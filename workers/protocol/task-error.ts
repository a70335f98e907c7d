/**
 * Errors that survive the trip out of a worker thread. Structured clone keeps an Error's message
 * but resets a custom `name` to "Error" and drops own properties (`code`, `position`, …), so an
 * ExpressionError or an AppError-shaped error would arrive unrecognisable. A worker entry throws
 * a SerializedTaskError (plain data) instead; the pool rebuilds an Error with the same name and
 * properties, which the by-name guards (`isAppError`, `isExpressionError`) accept. Pure.
 */

type Primitive = string | number | boolean | null;

export interface SerializedTaskError {
  taskError: true;
  name: string;
  message: string;
  /** Kept for the service log only; never sent to a client. */
  stack?: string;
  props: Record<string, Primitive>;
}

function isPrimitive(value: unknown): value is Primitive {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Worker side: any thrown value → plain data. */
export function serializeTaskError(error: unknown): SerializedTaskError {
  if (!(error instanceof Error)) {
    return { taskError: true, name: 'Error', message: String(error), props: {} };
  }
  const props: Record<string, Primitive> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'name' && key !== 'message' && key !== 'stack' && isPrimitive(value)) props[key] = value;
  }
  return { taskError: true, name: error.name, message: error.message, stack: error.stack, props };
}

export function isSerializedTaskError(value: unknown): value is SerializedTaskError {
  return typeof value === 'object' && value !== null && (value as { taskError?: unknown }).taskError === true
    && typeof (value as { name?: unknown }).name === 'string' && typeof (value as { message?: unknown }).message === 'string';
}

/** Pool side: a rejection from Piscina → an Error carrying the worker's name and properties. */
export function rebuildTaskError(value: unknown): Error {
  if (!isSerializedTaskError(value)) return value instanceof Error ? value : new Error(String(value));
  const error = new Error(value.message);
  Object.assign(error, value.props);
  error.name = value.name;
  if (value.stack) error.stack = value.stack;
  return error;
}
