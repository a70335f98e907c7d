/**
 * Change detection between two results (before/after picked from the list), its loss/gain legend
 * and pixel readout; a running job can be cancelled.
 */
import { describe, expect, it } from 'vitest';
import { AFTER_ID, BEFORE_ID, journeyHash } from '../../helpers/e2e-catalog';
import { mapMoves, useE2eApp, waitForBasemap, waitForStillMap } from '../../helpers/e2e-app';
import { expectAttribute, expectContains, expectCount, expectVisible, waitForJobEnd } from '../../helpers/e2e-expect';

const app = useE2eApp('journey-change', { catalog: {}, routes: ['GET /api/v1/search', 'GET /api/v1/jobs', 'POST /api/v1/jobs'] });

describe('change detection', () => {
  it('cancels a slow job, then maps loss and gain between two scenes', async () => {
    const page = await app.open(journeyHash());
    await waitForBasemap(page);
    await expectCount(page.getByTestId('result-row'), 2, 30_000);

    // A job whose pixels come slowly can be cancelled while it runs.
    app.catalog.fake.faults.files.latencyMs = 1500;
    await page.locator(`[data-testid="result-row"][data-scene-id="${BEFORE_ID}"]`).click();
    await page.getByTestId('tab-processing').click();
    await page.getByTestId('job-operation').selectOption('ndvi');
    await page.getByTestId('job-submit').click();
    const slow = page.getByTestId('job-row').first();
    await expectVisible(slow.getByTestId('job-cancel'));
    await slow.getByTestId('job-cancel').click();
    const cancelled = await waitForJobEnd(slow, 60_000);
    expect(cancelled, `job ended ${cancelled.status}: ${cancelled.text}`).toMatchObject({ status: 'cancelled' });
    app.catalog.fake.faults.files.latencyMs = 0;

    await page.getByTestId('job-operation').selectOption('change');
    await page.getByTestId('job-before').selectOption(BEFORE_ID);
    await page.getByTestId('job-after').selectOption(AFTER_ID);
    await page.getByTestId('job-submit').click();
    const job = page.locator('[data-testid="job-row"]').filter({ hasText: 'Change' }).first();
    const ended = await waitForJobEnd(job);
    expect(ended, `change job ended ${ended.status}: ${ended.text}`).toMatchObject({ status: 'succeeded' });

    const movesBefore = await mapMoves(page);
    await job.getByTestId('job-show-layer').click();
    const legend = page.getByTestId('legend');
    await expectVisible(legend);
    for (const word of ['loss', 'gain', 'no change']) await expectContains(legend, word);
    await expectAttribute(page.getByTestId('overlay-row').filter({ hasText: 'Change' }), 'data-overlay-status', 'ready', 30_000);
    // The view fits the layer; a click before it rests on the drawn layer would miss it.
    await waitForStillMap(page, movesBefore);
    const map = await page.getByTestId('map').boundingBox();
    if (!map) throw new Error('map has no box');
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    await expect.poll(() => page.getByTestId('pixel-value').first().textContent().catch(() => null), { timeout: 15_000 }).toMatch(/^(loss \(−1\)|gain \(\+1\)|no change \(0\)) · Δ -?\d\.\d{3}$/);
    await app.shot(page, 'change-legend');
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
