/**
 * Clean-ups that never make things worse: every step runs even when an earlier one throws, steps
 * for what was never set up (undefined) are skipped, and a set-up that fails half-way undoes what
 * it had started before rethrowing its own error — so a failed `beforeAll` reports one error, not
 * a cascade from its `afterAll`.
 */

type Step = (() => unknown) | null | undefined | false;

/** Runs every step in order; throws the first error once all have run. */
export async function runAll(...steps: Step[]): Promise<void> {
  let first: unknown = null;
  for (const step of steps) {
    if (!step) continue;
    try {
      await step();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== null) throw first;
}

/** `start()`, or — when it throws — `undo()` (its own errors dropped) and the original error. */
export async function orUndo<T>(start: () => Promise<T>, undo: () => unknown): Promise<T> {
  try {
    return await start();
  } catch (error) {
    await runAll(undo).catch(() => undefined);
    throw error;
  }
}
