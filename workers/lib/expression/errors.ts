/**
 * The one error type of the expression language. It carries the 0-based position (a UTF-16 index,
 * the same unit as a textarea's `selectionStart`) so the UI can put the caret on the fault.
 * Recognise it with `isExpressionError` (by name), not `instanceof`: it crosses worker boundaries.
 */
export type ExpressionErrorKind = 'syntax' | 'unknown_function' | 'arity';

export class ExpressionError extends Error {
  readonly kind: ExpressionErrorKind;
  readonly position: number;

  constructor(kind: ExpressionErrorKind, message: string, position: number) {
    super(message);
    this.name = 'ExpressionError';
    this.kind = kind;
    this.position = position;
  }
}

export function isExpressionError(value: unknown): value is ExpressionError {
  return typeof value === 'object' && value !== null
    && (value as { name?: unknown }).name === 'ExpressionError'
    && typeof (value as { position?: unknown }).position === 'number';
}
