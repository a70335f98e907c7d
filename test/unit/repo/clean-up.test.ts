/** The shared clean-up helpers: a failed set-up reports its own error, once, and leaves nothing behind. */
import { describe, expect, it } from 'vitest';
import { orUndo, runAll } from '../../helpers/clean-up';

describe('runAll', () => {
  it('runs every step even after one throws, skips steps for what was never set up, then throws the first error', async () => {
    const ran: string[] = [];
    const service: { close(): void } | undefined = undefined;
    const attempt = runAll(
      () => { ran.push('a'); throw new Error('first'); },
      service && (() => (service as { close(): void }).close()),
      async () => { ran.push('b'); throw new Error('second'); },
      () => { ran.push('c'); },
    );
    await expect(attempt).rejects.toThrow('first');
    expect(ran).toEqual(['a', 'b', 'c']);
  });
});

describe('orUndo', () => {
  it('returns what start gives and leaves undo alone', async () => {
    const undone: string[] = [];
    await expect(orUndo(async () => 42, () => undone.push('x'))).resolves.toBe(42);
    expect(undone).toEqual([]);
  });

  it('undoes when start throws and rethrows start\'s error, not undo\'s', async () => {
    const undone: string[] = [];
    const attempt = orUndo(async () => { throw new Error('port in use'); }, () => { undone.push('service closed'); throw new Error('close failed'); });
    await expect(attempt).rejects.toThrow('port in use');
    expect(undone).toEqual(['service closed']);
  });
});
