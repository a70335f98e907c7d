/**
 * Locator assertions for vitest (Playwright's own `expect` is not available with playwright-core):
 * each polls until the page agrees or the timeout passes, and fails naming what it saw.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';

const TIMEOUT = 15_000;

async function safe<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

/** Text equals `expected` (string) or matches it (RegExp). */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = TIMEOUT): Promise<void> {
  const read = () => safe(() => locator.first().textContent({ timeout: 500 }));
  if (typeof expected === 'string') await expect.poll(read, { timeout }).toBe(expected);
  else await expect.poll(read, { timeout }).toMatch(expected);
}

export async function expectContains(locator: Locator, part: string, timeout = TIMEOUT): Promise<void> {
  await expect.poll(() => safe(() => locator.first().textContent({ timeout: 500 })), { timeout }).toContain(part);
}

export async function expectValue(locator: Locator, value: string, timeout = TIMEOUT): Promise<void> {
  await expect.poll(() => safe(() => locator.inputValue({ timeout: 500 })), { timeout }).toBe(value);
}

export async function expectChecked(locator: Locator, checked: boolean, timeout = TIMEOUT): Promise<void> {
  await expect.poll(() => safe(() => locator.isChecked({ timeout: 500 })), { timeout }).toBe(checked);
}

export async function expectAttribute(locator: Locator, name: string, value: string, timeout = TIMEOUT): Promise<void> {
  await expect.poll(() => safe(() => locator.first().getAttribute(name, { timeout: 500 })), { timeout }).toBe(value);
}

export async function expectVisible(locator: Locator, timeout = TIMEOUT): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

export async function expectCount(locator: Locator, count: number, timeout = TIMEOUT): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(count);
}

/** Waits for a job row to reach an end state; returns that state and the row's text (for messages). */
export async function waitForJobEnd(row: Locator, timeout = 120_000): Promise<{ status: string; text: string }> {
  const ended = ['succeeded', 'failed', 'cancelled'];
  await expect.poll(() => safe(() => row.getAttribute('data-job-status', { timeout: 500 })), { timeout }).toSatisfy((s: string | null) => s !== null && ended.includes(s));
  return { status: (await row.getAttribute('data-job-status')) ?? '', text: (await row.textContent()) ?? '' };
}
