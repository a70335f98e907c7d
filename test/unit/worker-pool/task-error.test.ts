import { describe, expect, it } from 'vitest';
import { ExpressionError, isExpressionError } from '../../../workers/lib/expression/errors';
import { rebuildTaskError, serializeTaskError } from '../../../workers/protocol/task-error';

/** structuredClone is what a postMessage between threads does to a value. */
const acrossThreads = <T>(value: T): T => structuredClone(value);

describe('task errors across the worker boundary', () => {
  it('a raw Error loses its custom name and fields when cloned (why serialisation exists)', () => {
    const cloned = acrossThreads(new ExpressionError('syntax', 'unexpected )', 4));
    expect(cloned.name).toBe('Error');
    expect(isExpressionError(cloned)).toBe(false);
  });

  it('keeps name, message and primitive fields, so by-name guards still recognise it', () => {
    const rebuilt = rebuildTaskError(acrossThreads(serializeTaskError(new ExpressionError('syntax', 'unexpected )', 4))));
    expect(rebuilt).toBeInstanceOf(Error);
    expect(isExpressionError(rebuilt)).toBe(true);
    expect(rebuilt).toMatchObject({ name: 'ExpressionError', message: 'unexpected )', kind: 'syntax', position: 4 });
  });

  it('keeps an AppError-shaped error\'s code and parameter', () => {
    const appLike = Object.assign(new Error('bbox: outside the scene'), { name: 'AppError', code: 'invalid_parameter', parameter: 'bbox' });
    expect(rebuildTaskError(acrossThreads(serializeTaskError(appLike)))).toMatchObject({ name: 'AppError', code: 'invalid_parameter', parameter: 'bbox' });
  });

  it('drops fields that are not plain values and turns non-Errors into Errors', () => {
    const withObject = Object.assign(new Error('x'), { big: { nested: true }, fn: () => 1, n: 1 });
    expect(serializeTaskError(withObject).props).toEqual({ n: 1 });
    expect(rebuildTaskError(acrossThreads(serializeTaskError('just a string')))).toMatchObject({ name: 'Error', message: 'just a string' });
  });

  it('passes through errors that were not serialised (e.g. Piscina\'s own)', () => {
    const own = new Error('Terminating worker thread');
    expect(rebuildTaskError(own)).toBe(own);
    expect(rebuildTaskError(42)).toMatchObject({ message: '42' });
  });
});
