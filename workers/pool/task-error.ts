/**
 * Errors that survive the trip out of a worker thread. Structured clone keeps an Error's message
 * but resets a custom `name` to "Error" and drops own properties (`code`, `position`, …), so an
 * ExpressionError or an AppError-shaped error would arrive unrecognisable. The worker entry
 * throws a SerializedTaskError (plain data) instead; the pool rebuilds an Error with the same
 * name and properties (./rebuild-task-error.ts), which the by-name guards (`isAppError`,
 * `isExpressionError`) accept. Worker side only: the main thread imports just the type, so the
 * built worker entry stays one self-contained file.
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
