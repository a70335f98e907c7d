/**
 * The suite asserts order and outcomes, not durations: on a loaded two-core machine any step can
 * stall for hundreds of milliseconds. Where "it did not wait" is the behaviour under test, the
 * bound is what the test's slow component would have taken (its own delay), or PROMPTLY_MS — a
 * generous bound that only catches a hang, never a slow machine. Exact waits (a budget, a
 * deferral) are checked with vitest's fake timers instead.
 */
export const PROMPTLY_MS = 5_000;
