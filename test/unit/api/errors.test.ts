import { describe, expect, it } from 'vitest';
import { AppError, invalidParameter, isAppError } from '../../../electron/service/api/errors';

describe('AppError', () => {
  it('renders the api.md error body with the parameter', () => {
    const err = invalidParameter('bbox', 'minLat 95 is outside -90..90');
    expect(err.status).toBe(400);
    expect(err.toBody()).toEqual({
      error: { code: 'invalid_parameter', message: 'bbox: minLat 95 is outside -90..90', parameter: 'bbox' },
    });
  });

  it('is recognised by code after crossing a structured clone', () => {
    const cloned = structuredClone({ name: 'AppError', code: 'not_found', message: 'x' });
    expect(isAppError(cloned)).toBe(true);
    expect(isAppError(new Error('plain'))).toBe(false);
    expect(isAppError({ name: 'AppError', code: 'no_such_code' })).toBe(false);
    expect(new AppError('rate_limited', 'slow down').status).toBe(429);
  });
});
